// The install stamp on its own: its text (round trip, refusals), the names it owns in the install
// folder, and check_install_stamp against an in-memory install folder and filesystem, one
// difference at a time (each named in the verdict), and what it reads when nothing differs.
#include "core/app/install_stamp.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/crypto/digest.hpp"
#include "tests/support/memory_fs.hpp"

namespace pinset::app {
namespace {

fs::FileId id(fs::EntryKind kind, std::uint64_t ino, std::int64_t time, std::uint64_t size = 10) {
  return fs::FileId{kind, 7, ino, size, time, time + 1, 2};
}

// An install folder in memory: .pinset files by name, identities by relative path.
class MemoryFolder final : public fs::InstallFolder {
 public:
  mutable std::map<std::string, std::string> meta;  // written by write_meta (const, as real)
  std::map<std::string, fs::FileId> entries;
  std::string m_path = "app/pinset_packages";

  const std::string& path() const override { return m_path; }
  fs::EntryKind kind() const override { return fs::EntryKind::directory; }
  Result<std::vector<fs::TreeEntry>> list() const override {
    ADD_FAILURE() << "the stamp check listed the install folder";
    return std::vector<fs::TreeEntry>();
  }
  Result<fs::FileLock> lock(bool, void (*)(const std::string&)) const override {
    return fail("io", "no lock in memory");
  }
  void remove_leftovers() const override {}
  std::vector<std::optional<fs::FileId>> ids(
      const std::vector<std::string>& relative) const override {
    std::vector<std::optional<fs::FileId>> out;
    for (const auto& r : relative) {
      auto it = entries.find(r);
      out.push_back(it == entries.end() ? std::nullopt : std::optional<fs::FileId>(it->second));
    }
    return out;
  }
  Result<std::string> read_meta(const std::string& name, std::size_t, fs::FileId*) const override {
    auto it = meta.find(name);
    if (it == meta.end()) return fail(codes::not_found, "cannot read " + name);
    return it->second;
  }
  Status write_meta(const std::string& name, std::string_view content) const override {
    meta[name] = std::string(content);
    return {};
  }
  void remove_meta(const std::string& name) const override { meta.erase(name); }
  Result<std::string> make_staging() const override { return fail("io", "unused"); }
  Status swap_in(const std::string&, bool&) const override { return fail("io", "unused"); }
  void swap_back(const std::string&, bool) const override {}
  void remove_staging(const std::string&) const override {}
};

// test::MemoryFileSystem, with identities for some paths and a count of the reads.
class CountingFs final : public fs::FileSystem {
 public:
  test::MemoryFileSystem files;
  std::map<std::string, fs::FileId> file_ids;
  mutable std::map<std::string, int> reads;

  Result<std::string> read(const std::string& path, std::size_t max_bytes) const override {
    ++reads[path];
    return files.read(path, max_bytes);
  }
  bool exists(const std::string& path) const override { return files.exists(path); }
  std::optional<fs::FileId> file_id(const std::string& path) const override {
    auto it = file_ids.find(path);
    return it == file_ids.end() ? std::nullopt : std::optional<fs::FileId>(it->second);
  }
  Status write_atomic(const std::string& p, std::string_view c) override {
    return files.write_atomic(p, c);
  }
  fs::FileInfo stat(const std::string& p) const override { return files.stat(p); }
  Result<std::vector<fs::TreeEntry>> list(const std::string& d, bool r) const override {
    ADD_FAILURE() << "the stamp check listed " << d;
    return files.list(d, r);
  }
  Status read_chunks(const std::string& p,
                     const std::function<void(std::string_view)>& c) const override {
    return files.read_chunks(p, c);
  }
  Status write_new(const std::string& p, std::string_view c, std::uint32_t m) override {
    return files.write_new(p, c, m);
  }
  void remove_file(const std::string& p) override { files.remove_file(p); }
  Status make_directory(const std::string& p) override { return files.make_directory(p); }
  Status make_symlink(const std::string& t, const std::string& p) override {
    return files.make_symlink(t, p);
  }
  Status create_file(const std::string& p, std::string_view c, bool x) override {
    return files.create_file(p, c, x);
  }
};

const std::string k_big_set(std::size_t(k_stamp_hash_always_bytes) + 100, 'x');

class StampCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    key = StampKey{"0.1.0 1:2:3:4",        "/work", "", "app/pinset_packages", "packages", "/cache",
                   {"http://a/=http://b/"}};
    fsys.files.files["app/pinset.yaml"] = "name: app\n";
    fsys.files.files["app/pinset.lock"] = "{\"lock\": 1}\n";
    fsys.files.files["sets/set.json"] = k_big_set;
    fsys.file_ids["sets/set.json"] = id(fs::EntryKind::file, 50, 1000, k_big_set.size());
    folder.entries[".pinset/state.json"] = id(fs::EntryKind::file, 11, 500);
    folder.entries[""] = id(fs::EntryKind::directory, 10, 400);
    folder.entries["@scope"] = id(fs::EntryKind::directory, 12, 450);

    stamp.key = key;
    stamp.packages = 2;
    stamp.valid_until = 2'000'000;
    stamp.state = folder.entries[".pinset/state.json"];
    stamp.folders = {{"", folder.entries[""]}, {"@scope", folder.entries["@scope"]}};
    for (const std::string path : {"app/pinset.yaml", "app/pinset.lock"}) {
      const std::string& text = fsys.files.files[path];
      stamp.inputs.push_back({path, true, crypto::sha256(text), text.size(), std::nullopt});
    }
    stamp.inputs.push_back({"sets/set.json", true, crypto::sha256(k_big_set), k_big_set.size(),
                            fsys.file_ids["sets/set.json"]});
    stamp.inputs.push_back({"pinset.json", false, std::nullopt, 0, std::nullopt});
    save();
  }
  void save() { folder.meta[std::string(k_stamp_name)] = write_install_stamp(stamp); }
  StampVerdict check(std::int64_t now = 1'000'000) {
    return check_install_stamp(fsys, folder, key, now, "app/pinset.lock");
  }
  // The verdict's reason when the stamp does not decide (and that it does not).
  std::string why(std::int64_t now = 1'000'000) {
    StampVerdict v = check(now);
    EXPECT_FALSE(v.fresh);
    return v.why;
  }

  StampKey key;
  InstallStamp stamp;
  MemoryFolder folder;
  CountingFs fsys;
};

TEST(InstallStampText, RoundTripsEveryField) {
  InstallStamp s;
  s.key = StampKey{"0.1.0 1:2:3:4", "/w", "m.yaml", "out", "node_modules", "/c", {"a=b", "c=d"}};
  s.packages = 1000;
  s.valid_until = -5;
  s.state = id(fs::EntryKind::file, 3, 1'700'000'000'123'456'789LL);
  s.folders = {{"", id(fs::EntryKind::directory, 2, 9)},
               {".pinset/a@1/node_modules", id(fs::EntryKind::directory, 4, 8)}};
  s.inputs = {{"pinset.yaml", true, crypto::sha256("x"), 1, std::nullopt},
              {"/abs/set.json", true, crypto::sha256("yy"), 2, id(fs::EntryKind::file, 5, 6, 2)},
              {"pinset.json", false, std::nullopt, 0, std::nullopt},
              {"x.sig", true, std::nullopt, 0, std::nullopt}};
  auto back = parse_install_stamp(write_install_stamp(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, s);
  s.valid_until.reset();
  EXPECT_EQ(*parse_install_stamp(write_install_stamp(s)), s);
}

TEST(InstallStampText, AnythingElseIsRefused) {
  InstallStamp s;
  s.folders = {{"", id(fs::EntryKind::directory, 2, 9)}};
  std::string good = write_install_stamp(s);
  ASSERT_TRUE(parse_install_stamp(good));
  auto with = [&good](const std::string& from, const std::string& to) {
    std::string t = good;
    std::size_t at = t.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return t.replace(at, from.size(), to);
  };
  for (const std::string& bad :
       {std::string(""), std::string("[]"), good.substr(0, good.size() / 2),
        with("\"stamp-version\": 1", "\"stamp-version\": 2"), with("\"cwd\"", "\"cwd2\""),
        with("\"d\"", "\"q\""), with("\"path\": \"\"", "\"path\": \"x\""),
        with("\"inputs\": []",
             "\"inputs\": [{\"path\": \"a\", \"present\": true, \"sha256\": "
             "\"md5:00\", \"size\": 1, \"id\": null}]")}) {
    EXPECT_FALSE(parse_install_stamp(bad)) << bad;
  }
}

TEST(InstallStampText, OwnsItsFileAndItsTemporariesOnly) {
  EXPECT_TRUE(is_stamp_file(".pinset/install-stamp.json"));
  EXPECT_TRUE(is_stamp_file(".pinset/.tmp-123-0-install-stamp.json"));
  EXPECT_FALSE(is_stamp_file(".pinset/state.json"));
  EXPECT_FALSE(is_stamp_file(".pinset/.tmp-123-0-state.json"));
  EXPECT_FALSE(is_stamp_file("install-stamp.json"));
  EXPECT_FALSE(is_stamp_file("a/.pinset/install-stamp.json"));
  EXPECT_FALSE(is_stamp_file(".pinset/x/install-stamp.json"));
}

TEST_F(StampCheck, NothingChangedReadsTheSmallFilesAndNotTheLargeOne) {
  StampVerdict v = check();
  EXPECT_TRUE(v.fresh) << v.why;
  EXPECT_EQ(v.lock_text, "{\"lock\": 1}\n");
  EXPECT_EQ(v.packages, 2u);
  EXPECT_EQ(fsys.reads,
            (std::map<std::string, int>{{"app/pinset.lock", 1}, {"app/pinset.yaml", 1}}));
}

TEST_F(StampCheck, AMissingOrDamagedStampDecidesNothing) {
  folder.meta.clear();
  EXPECT_EQ(why(), "no install stamp");
  folder.meta[std::string(k_stamp_name)] = "{\"stamp-version\": 1}";
  EXPECT_EQ(why(), "the install stamp is damaged or of another format");
}

TEST_F(StampCheck, EachPartOfTheKeyCounts) {
  const StampKey was = key;
  auto differs = [&](auto change) {
    key = was;
    change(key);
    return why();
  };
  EXPECT_EQ(differs([](StampKey& k) { k.pinset = "0.2.0 1:2:3:4"; }),
            "the stamp is for another pinset");
  EXPECT_EQ(differs([](StampKey& k) { k.pinset = "0.1.0 1:2:3:5"; }),
            "the stamp is for another pinset");
  EXPECT_EQ(differs([](StampKey& k) { k.cwd = "/elsewhere"; }),
            "the stamp is for another working folder");
  EXPECT_EQ(differs([](StampKey& k) { k.manifest = "app/pinset.yaml"; }),
            "the stamp is for another --manifest");
  EXPECT_EQ(differs([](StampKey& k) { k.prefix = "other"; }),
            "the stamp is for another install folder");
  EXPECT_EQ(differs([](StampKey& k) { k.layout = "node_modules"; }),
            "the stamp is for another layout");
  EXPECT_EQ(differs([](StampKey& k) { k.cache = "/cache2"; }),
            "the stamp is for another cache folder");
  EXPECT_EQ(differs([](StampKey& k) { k.mirrors.clear(); }),
            "the stamp is for other --mirror options");
  key = was;
  EXPECT_TRUE(check().fresh);
}

TEST_F(StampCheck, ItHoldsUntilADateInTheSetOrOverlayComes) {
  EXPECT_TRUE(check(1'999'999).fresh);
  EXPECT_EQ(why(2'000'000), "a date in the set or the overlay has come (an expiry or its warning)");
  stamp.valid_until.reset();
  save();
  EXPECT_TRUE(check(9'000'000'000).fresh);
}

TEST_F(StampCheck, TheInstallFolderItsMarkerAndItsPackageFoldersCount) {
  const auto was = folder.entries;
  auto after = [&](auto change) {
    folder.entries = was;
    change(folder.entries);
    return why();
  };
  using Entries = std::map<std::string, fs::FileId>;
  EXPECT_EQ(after([](Entries& e) { e[".pinset/state.json"].ctime_ns += 1; }),
            ".pinset/state.json changed");
  EXPECT_EQ(after([](Entries& e) { e.erase(".pinset/state.json"); }), ".pinset/state.json changed");
  EXPECT_EQ(after([](Entries& e) { e[""].mtime_ns += 1; }),
            "the install folder changed (an entry was added or removed)");
  EXPECT_EQ(after([](Entries& e) { e[""].nlink -= 1; }),  // a package folder went
            "the install folder changed (an entry was added or removed)");
  EXPECT_EQ(after([](Entries& e) { e[""].ino = 99; }),
            "the install folder was removed or replaced");
  EXPECT_EQ(after([](Entries& e) { e.erase("@scope"); }), "@scope was removed or replaced");
  EXPECT_EQ(after([](Entries& e) { e["@scope"].ctime_ns += 1; }),
            "@scope changed (an entry was added or removed)");
}

TEST_F(StampCheck, EveryInputIsComparedByContentOrByIdentity) {
  fsys.files.files["app/pinset.yaml"] = "name: app\n# a comment\n";
  EXPECT_EQ(why(), "app/pinset.yaml changed");
  fsys.files.files["app/pinset.yaml"] = "name: app\n";
  fsys.files.files["app/pinset.lock"] = "{\"lock\": 2}\n";  // same size, other bytes
  EXPECT_EQ(why(), "app/pinset.lock changed");
  fsys.files.files["app/pinset.lock"] = "{\"lock\": 1}\n";
  fsys.files.files.erase("app/pinset.lock");
  EXPECT_EQ(why(), "app/pinset.lock changed");
  fsys.files.files["app/pinset.lock"] = "{\"lock\": 1}\n";
  fsys.files.files["pinset.json"] = "{}";
  EXPECT_EQ(why(), "pinset.json appeared");
  fsys.files.files.erase("pinset.json");
  ASSERT_TRUE(check().fresh);

  // The large set: another identity makes it read and hashed; the same bytes still decide.
  fsys.file_ids["sets/set.json"].mtime_ns += 1;
  fsys.reads.clear();
  EXPECT_TRUE(check().fresh);
  EXPECT_EQ(fsys.reads["sets/set.json"], 1);
  fsys.files.files["sets/set.json"][5] = 'y';
  EXPECT_EQ(why(), "sets/set.json changed");
  // An edit that kept the identity (impossible through the kernel: ctime moves) is not seen;
  // that is the bargain of the identity for a large file, stated in install_stamp.hpp.
  fsys.file_ids["sets/set.json"].mtime_ns -= 1;
  EXPECT_TRUE(check().fresh);
}

TEST_F(StampCheck, AStampWithoutTheLockDecidesNothing) {
  stamp.inputs.erase(stamp.inputs.begin() + 1);
  save();
  EXPECT_EQ(why(), "the stamp has no record of app/pinset.lock");
}

}  // namespace
}  // namespace pinset::app
