#include "core/store/cache.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "core/crypto/digest.hpp"
#include "core/store/receipt_io.hpp"
#include "core/store/tree_link.hpp"
#include "tests/support/archive_builder.hpp"
#include "tests/support/process.hpp"

namespace pinset::store {
namespace {

TEST(DefaultCacheDir, FollowsPrecedence) {
  static std::map<std::string, std::string> env;
  auto get = [](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  env = {{"HOME", "/home/u"}};
  EXPECT_EQ(*default_cache_dir(get), "/home/u/.cache/pinset");
  env["XDG_CACHE_HOME"] = "/xdg";
  EXPECT_EQ(*default_cache_dir(get), "/xdg/pinset");
  env["PINSET_CACHE_DIR"] = "/explicit";
  EXPECT_EQ(*default_cache_dir(get), "/explicit");
  env.clear();
  auto none = default_cache_dir(get);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, "no-cache-dir");
}

TEST(Cache, ObjectsAreStoredByDigestReadOnlyAndVerifiedOnRead) {
  test::TempDir dir;
  auto cache = Cache::open(dir.path() + "/cache");
  ASSERT_TRUE(cache) << cache.error().render();
  auto digest = crypto::sha256("hello");
  EXPECT_FALSE(cache->has_object(digest));
  ASSERT_TRUE(cache->put_object(digest, "hello"));
  EXPECT_TRUE(cache->has_object(digest));
  EXPECT_EQ(*cache->read_object(digest, 100), "hello");
  struct stat st {};
  ASSERT_EQ(::stat(cache->object_path(digest).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0444u);
  // Nothing left in tmp/.
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() + "/cache/tmp"));

  // Damage it: the read notices, removes the object, and says what to do.
  ::chmod(cache->object_path(digest).c_str(), 0644);
  dir.write("cache/objects/sha256/" + digest.hex().substr(0, 2) + "/" + digest.hex(), "HELLO");
  auto r = cache->read_object(digest, 100);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "corrupt-cache");
  EXPECT_EQ(r.error().render(),
            cache->object_path(digest) + ": the cached object " + cache->object_path(digest) +
                " no longer matches its name (its content is " + crypto::sha256("HELLO").str() +
                "); it was removed\n  help: run the command again to download "
                "it afresh");
  EXPECT_FALSE(cache->has_object(digest));
}

TEST(Cache, TreesAreExtractedOnceReadOnlyAndLinkedIntoInstalls) {
  test::TempDir dir;
  auto cache = Cache::open(dir.path() + "/cache");
  ASSERT_TRUE(cache);
  std::string tgz = test::ArchiveBuilder()
                        .dir("pkg-1.0.0/")
                        .file("pkg-1.0.0/README", "read me\n")
                        .file("pkg-1.0.0/bin/tool", "#!/bin/sh\n", 0755)
                        .symlink("pkg-1.0.0/bin/alias", "tool")
                        .build();
  auto digest = crypto::sha256(tgz);
  EXPECT_FALSE(cache->find_tree(digest, 1));
  auto tree = cache->put_tree(digest, 1, tgz, "pkg 1.0.0", {});
  ASSERT_TRUE(tree) << tree.error().render();
  EXPECT_EQ(tree->files_dir, cache->tree_path(digest, 1) + "/files");
  auto found = cache->find_tree(digest, 1);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->receipt.files.size(), tree->receipt.files.size());
  EXPECT_EQ(write_receipt(found->receipt), write_receipt(tree->receipt));

  std::string dest = dir.path() + "/install/pkg";
  std::filesystem::create_directories(dir.path() + "/install");
  auto stats = link_tree(*found, dest);
  ASSERT_TRUE(stats) << stats.error().render();
  EXPECT_EQ(stats->linked, 2u);
  EXPECT_EQ(test::read_file(dest + "/README"), "read me\n");
  EXPECT_EQ(std::filesystem::read_symlink(dest + "/bin/alias"), "tool");
  struct stat a {
  }, b{};
  ASSERT_EQ(::stat((dest + "/bin/tool").c_str(), &a), 0);
  ASSERT_EQ(::stat((found->files_dir + "/bin/tool").c_str(), &b), 0);
  EXPECT_EQ(a.st_ino, b.st_ino);       // a hard link, not a copy
  EXPECT_EQ(a.st_mode & 0777, 0555u);  // read-only, executable kept
  // Linking into an existing folder is refused and leaves it alone.
  auto again = link_tree(*found, dest);
  ASSERT_FALSE(again);
  EXPECT_EQ(test::read_file(dest + "/README"), "read me\n");
}

TEST(Cache, BadArchiveLeavesNoTree) {
  test::TempDir dir;
  auto cache = Cache::open(dir.path() + "/cache");
  ASSERT_TRUE(cache);
  std::string bad = test::ArchiveBuilder().file("../escape", "x").build();
  auto digest = crypto::sha256(bad);
  auto tree = cache->put_tree(digest, 0, bad, "evil 1.0.0", {});
  ASSERT_FALSE(tree);
  EXPECT_EQ(tree.error().code, "unsafe-archive");
  EXPECT_FALSE(cache->find_tree(digest, 0));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() + "/cache/trees"));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() + "/cache/tmp"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/escape"));
}

TEST(Cache, ConcurrentWritersOfOneTreeAgree) {
  test::TempDir dir;
  auto cache = Cache::open(dir.path() + "/cache");
  ASSERT_TRUE(cache);
  test::ArchiveBuilder builder;
  for (int i = 0; i < 200; ++i)
    builder.file("f" + std::to_string(i), std::string(1000, 'a' + i % 26));
  std::string tgz = builder.build();
  auto digest = crypto::sha256(tgz);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] { ok[t] = cache->put_tree(digest, 0, tgz, "p", {}).has_value(); });
  }
  for (auto& th : threads)
    th.join();
  for (int v : ok)
    EXPECT_EQ(v, 1);
  auto tree = cache->find_tree(digest, 0);
  ASSERT_TRUE(tree);
  EXPECT_EQ(tree->receipt.files.size(), 200u);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() + "/cache/tmp"));
}

TEST(Receipt, RoundTripsAndRejectsUnsafePaths) {
  archive::Receipt r;
  r.files.push_back({"a", archive::FileRecord::Type::directory, 0755, 0, "", ""});
  r.files.push_back({"a/b..c", archive::FileRecord::Type::file, 0644, 3, std::string(64, 'f'), ""});
  r.total_bytes = 3;
  auto back = parse_receipt(write_receipt(r), "r.json");
  ASSERT_TRUE(back) << back.error().render();
  EXPECT_EQ(write_receipt(*back), write_receipt(r));
  auto evil = parse_receipt(R"({"files":[["../x","f",420,0,"",""]],"total":0})", "r.json");
  ASSERT_FALSE(evil);
  EXPECT_EQ(evil.error().message, "the cached receipt r.json is damaged: unsafe path \"../x\"");
  EXPECT_FALSE(parse_receipt("[", "r.json"));
}

TEST(Receipt, EachDamageIsNamedAndBothReadersAgree) {
  auto why = [](std::string_view text) {
    auto r = parse_receipt(text, "r.json");
    EXPECT_FALSE(r) << text;
    return r ? std::string() : r.error().message;
  };
  const std::string head = "the cached receipt r.json is damaged: ";
  EXPECT_EQ(why(R"({"files":[],"total":0)"), head + "not a JSON object");
  EXPECT_EQ(why(R"([1])"), head + "not a JSON object");
  EXPECT_EQ(why(R"({"total":0})"), head + "missing files or total");
  EXPECT_EQ(why(R"({"files":[],"total":-1})"), head + "missing files or total");
  EXPECT_EQ(why(R"({"files":[["a","f",420,0,""]],"total":0})"), head + "malformed file record");
  EXPECT_EQ(why(R"({"files":[["a","f",1.5,0,"",""]],"total":0})"), head + "malformed file record");
  EXPECT_EQ(why(R"({"files":[["a","q",420,0,"",""]],"total":0})"),
            head + "unknown file type \"q\"");
  EXPECT_EQ(why("{\"files\":[[\"\xff\",\"f\",420,0,\"\",\"\"]],\"total\":0}"),
            head + "not a JSON object");  // not UTF-8

  // Escapes and non-ASCII paths: simdjson (the cache's receipts) and nlohmann (inside the
  // install state) read the same records.
  std::string text =
      R"({"files":[["caf\u00e9 \"q\" \\ \/ \t","f",420,1,"x",""],["é/\ud83d\ude00","l",511,0,"","../é"]],"total":1})";
  auto simd = parse_receipt(text, "r.json");
  ASSERT_TRUE(simd) << simd.error().render();
  auto other = receipt_from_json(nlohmann::json::parse(text), "r.json");
  ASSERT_TRUE(other) << other.error().render();
  ASSERT_EQ(simd->files.size(), 2u);
  EXPECT_EQ(simd->files[0].path, "café \"q\" \\ / \t");
  EXPECT_EQ(simd->files[1].path, "é/\xf0\x9f\x98\x80");
  EXPECT_EQ(simd->files[1].type, archive::FileRecord::Type::symlink);
  EXPECT_EQ(write_receipt(*simd), write_receipt(*other));
}

}  // namespace
}  // namespace pinset::store

namespace pinset::store {
namespace {

// Stamps (issue 10, item 5): an edit through a hard link is seen with one stat per file; a
// re-derivation from the archive replaces a damaged tree and says why, and keeps an intact one.
TEST(CacheTrees, StampsSeeAnEditAndRederivingRepairsTheTree) {
  test::TempDir dir;
  auto cache = Cache::open(dir.path() + "/cache");
  ASSERT_TRUE(cache);
  std::string tgz = test::ArchiveBuilder().file("pkg/a.txt", "aaa\n").build();
  auto digest = crypto::sha256(tgz);
  auto tree = cache->put_tree(digest, 1, tgz, "pkg 1.0.0", {});
  ASSERT_TRUE(tree) << tree.error().render();
  EXPECT_EQ(cache->check_tree(digest, 1, *tree).result, StampCheck::Result::unchanged);

  std::string file = tree->files_dir + "/a.txt";
  ::chmod(file.c_str(), 0644);
  dir.write("cache/trees/sha256-" + digest.hex() + "-s1/files/a.txt", "edited\n");
  StampCheck check = cache->check_tree(digest, 1, *tree);
  EXPECT_EQ(check.result, StampCheck::Result::changed);
  EXPECT_EQ(check.what, "a.txt: changed since it was stored");

  auto damage = [](const std::string& root, const archive::Receipt&) {
    return test::read_file(root + "/a.txt") == "aaa\n" ? std::string() : "a.txt: content changed";
  };
  auto fixed = cache->rederive_tree(digest, 1, tgz, "pkg 1.0.0", {}, damage);
  ASSERT_TRUE(fixed) << fixed.error().render();
  EXPECT_EQ(fixed->repaired, "a.txt: content changed");
  EXPECT_EQ(test::read_file(fixed->tree.files_dir + "/a.txt"), "aaa\n");
  EXPECT_EQ(cache->check_tree(digest, 1, fixed->tree).result, StampCheck::Result::unchanged);
  auto again = cache->rederive_tree(digest, 1, tgz, "pkg 1.0.0", {}, damage);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->repaired, "");
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() + "/cache/tmp"));
}

}  // namespace
}  // namespace pinset::store
