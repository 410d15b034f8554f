// What the install stamp is made of: the files a resolution read (and looked for), the remote
// documents it was served from the cache, and every reason the record cannot vouch for the next
// run.
#include "core/app/input_recorder.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/crypto/digest.hpp"
#include "tests/support/memory_fs.hpp"
#include "tests/support/process.hpp"

namespace pinset::app {
namespace {

constexpr std::int64_t k_now = 1'000'000;

fs::FileId id_at(std::int64_t ctime_s, std::uint64_t size, std::uint64_t ino = 5) {
  std::int64_t ns = ctime_s * 1'000'000'000;
  return fs::FileId{fs::EntryKind::file, 1, ino, size, ns, ns, 1};
}

// test::MemoryFileSystem with identities.
class IdFs final : public fs::FileSystem {
 public:
  test::MemoryFileSystem mem;
  std::map<std::string, fs::FileId> ids;

  Result<std::string> read(const std::string& p, std::size_t m) const override {
    return mem.read(p, m);
  }
  bool exists(const std::string& p) const override { return mem.exists(p); }
  std::optional<fs::FileId> file_id(const std::string& p) const override {
    auto it = ids.find(p);
    return it == ids.end() ? std::nullopt : std::optional<fs::FileId>(it->second);
  }
  Status write_atomic(const std::string& p, std::string_view c) override {
    return mem.write_atomic(p, c);
  }
  fs::FileInfo stat(const std::string& p) const override { return mem.stat(p); }
  Result<std::vector<fs::TreeEntry>> list(const std::string& d, bool r) const override {
    return mem.list(d, r);
  }
  Status read_chunks(const std::string& p,
                     const std::function<void(std::string_view)>& c) const override {
    return mem.read_chunks(p, c);
  }
  Status write_new(const std::string& p, std::string_view c, std::uint32_t m) override {
    return mem.write_new(p, c, m);
  }
  void remove_file(const std::string& p) override { mem.remove_file(p); }
  Status make_directory(const std::string& p) override { return mem.make_directory(p); }
  Status make_symlink(const std::string& t, const std::string& p) override {
    return mem.make_symlink(t, p);
  }
  Status create_file(const std::string& p, std::string_view c, bool x) override {
    return mem.create_file(p, c, x);
  }
};

// Serves fixed bodies, as CachedRemoteDocuments would from the cache or the network.
class Documents final : public RemoteDocuments {
 public:
  std::map<std::string, std::string> bodies;
  Result<std::string> fetch(const std::string& url,
                            const std::optional<crypto::Checksum>&) override {
    auto it = bodies.find(url);
    if (it == bodies.end()) return fail(codes::not_found, "no " + url);
    return it->second;
  }
};

class Recorder : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Cache::open(temp.path() + "/cache");
    ASSERT_TRUE(opened) << opened.error().render();
    cache.emplace(std::move(*opened));
  }
  test::TempDir temp;
  std::optional<store::Cache> cache;
  IdFs files;
  Documents docs;
};

TEST_F(Recorder, RecordsEachFileReadAndEachPathLookedForInTheOrderMet) {
  const std::string big(std::size_t(k_stamp_hash_always_bytes) + 1, 's');
  files.mem.files = {{"pinset.yaml", "m"}, {"pinset.lock", "l"}, {"set.json", big}};
  files.ids = {{"pinset.yaml", id_at(10, 1)}, {"set.json", id_at(10, big.size(), 6)}};
  InputRecorder rec(files, nullptr);
  EXPECT_EQ(rec.remote(), nullptr);
  fs::FileSystem& fs = rec.fs();
  EXPECT_FALSE(fs.exists("pinset.json"));
  EXPECT_TRUE(fs.exists("pinset.lock"));
  ASSERT_TRUE(fs.read("pinset.yaml", 100));
  ASSERT_TRUE(fs.read("pinset.lock", 100));
  ASSERT_TRUE(fs.read("set.json", big.size()));
  EXPECT_EQ(fs.read("set.json.sig", 100).error().code, "not-found");
  auto inputs = rec.inputs(*cache, k_now);
  ASSERT_TRUE(inputs);
  EXPECT_EQ(*inputs,
            (std::vector<StampInput>{
                {"pinset.json", false, std::nullopt, 0, std::nullopt},
                {"pinset.lock", true, crypto::sha256("l"), 1, std::nullopt},
                // Small: compared by content, its identity left out.
                {"pinset.yaml", true, crypto::sha256("m"), 1, std::nullopt},
                // Large and old enough: known by its identity.
                {"set.json", true, crypto::sha256(big), big.size(), id_at(10, big.size(), 6)},
                {"set.json.sig", false, std::nullopt, 0, std::nullopt}}));
}

TEST_F(Recorder, ALargeFileChangedWithinTwoSecondsIsComparedByContent) {
  const std::string big(std::size_t(k_stamp_hash_always_bytes) + 1, 's');
  files.mem.files = {{"set.json", big}};
  files.ids = {{"set.json", id_at(k_now - 2, big.size())}};
  InputRecorder rec(files, nullptr);
  ASSERT_TRUE(rec.fs().read("set.json", big.size()));
  auto inputs = rec.inputs(*cache, k_now);
  ASSERT_TRUE(inputs);
  ASSERT_EQ(inputs->size(), 1u);
  EXPECT_FALSE((*inputs)[0].id);
  EXPECT_TRUE(rec.inputs(*cache, k_now + 1)->at(0).id);
}

TEST_F(Recorder, WhatTheRunWroteReplacesWhatItFound) {
  InputRecorder rec(files, nullptr);
  EXPECT_FALSE(rec.fs().exists("pinset.lock"));
  files.mem.files["pinset.lock"] = "new";
  rec.wrote("pinset.lock", "new");
  auto inputs = rec.inputs(*cache, k_now);
  ASSERT_TRUE(inputs);
  EXPECT_EQ(
      *inputs,
      (std::vector<StampInput>{{"pinset.lock", true, crypto::sha256("new"), 3, std::nullopt}}));
}

TEST_F(Recorder, AnythingButReadingMakesTheRecordUnusable) {
  files.mem.files = {{"a", "1"}};
  auto unusable = [this](auto call) {
    InputRecorder rec(files, nullptr);
    EXPECT_TRUE(rec.fs().read("a", 10));
    call(rec.fs());
    return !rec.inputs(*cache, k_now).has_value();
  };
  EXPECT_FALSE(unusable([](fs::FileSystem&) {}));
  EXPECT_TRUE(unusable([](fs::FileSystem& f) { (void)f.write_atomic("b", "x"); }));
  EXPECT_TRUE(unusable([](fs::FileSystem& f) { (void)f.list(".", false); }));
  EXPECT_TRUE(unusable([](fs::FileSystem& f) { (void)f.stat("a"); }));
  EXPECT_TRUE(
      unusable([](fs::FileSystem& f) { (void)f.read_chunks("a", [](std::string_view) {}); }));
  EXPECT_TRUE(unusable([](fs::FileSystem& f) { (void)f.read("a", 0); }));  // too large: failed
  EXPECT_TRUE(unusable([](fs::FileSystem& f) { (void)f.write_new("z", "", 0644); }));
  // Looked for and missing, then read: two answers for one path.
  EXPECT_TRUE(unusable([this](fs::FileSystem& f) {
    EXPECT_FALSE(f.exists("late"));
    files.mem.files["late"] = "now";
    EXPECT_TRUE(f.read("late", 10));
  }));
}

TEST_F(Recorder, ARemoteDocumentCountsOnlyWhenPinnedAndCached) {
  const std::string set = "format: 1\n";
  const crypto::Checksum digest = crypto::sha256(set);
  docs.bodies["https://s/set.yaml"] = set;
  {
    InputRecorder rec(files, &docs);
    ASSERT_NE(rec.remote(), nullptr);
    ASSERT_TRUE(rec.remote()->fetch("https://s/set.yaml", std::nullopt));
    EXPECT_FALSE(rec.inputs(*cache, k_now)) << "asked for without a pin";
  }
  {
    InputRecorder rec(files, &docs);
    ASSERT_TRUE(rec.remote()->fetch("https://s/set.yaml", crypto::sha256("other")));
    EXPECT_FALSE(rec.inputs(*cache, k_now)) << "other bytes than pinned";
  }
  InputRecorder rec(files, &docs);
  ASSERT_TRUE(rec.remote()->fetch("https://s/set.yaml", digest));
  EXPECT_FALSE(rec.inputs(*cache, k_now)) << "pinned, but not in the cache";
  ASSERT_TRUE(cache->put_object(digest, set));
  auto inputs = rec.inputs(*cache, k_now);
  ASSERT_TRUE(inputs);
  EXPECT_EQ(*inputs, (std::vector<StampInput>{
                         {cache->object_path(digest), true, digest, set.size(), std::nullopt}}));
  // A failed fetch leaves nothing to vouch for.
  InputRecorder failed(files, &docs);
  EXPECT_FALSE(failed.remote()->fetch("https://s/none", digest));
  EXPECT_FALSE(failed.inputs(*cache, k_now));
}

}  // namespace
}  // namespace pinset::app
