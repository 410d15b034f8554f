// pinset install with nothing to do (issue 13): decided from the install stamp, with the outcome
// the full path gives, without reading the set or the install folder; and every change that must
// send it down the full path instead, each named in `stamp_note`. Real folders in a temporary
// directory; the set and the artifacts come from an in-memory web (no request is ever expected
// from a no-op).
#include "core/app/install.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/app/install_stamp.hpp"
#include "core/app/outcome_json.hpp"
#include "core/crypto/digest.hpp"
#include "core/fs/install_dir.hpp"
#include "core/util/dates.hpp"
#include "tests/support/archive_builder.hpp"
#include "tests/support/memory_fetcher.hpp"
#include "tests/support/process.hpp"

namespace pinset::app {
namespace {

namespace stdfs = std::filesystem;

const std::string k_set_url = "https://sets.test/acme/set.yaml";

std::string artifact(const std::string& name, const std::string& version) {
  std::string top = name + "-" + version + "/";
  return test::ArchiveBuilder().dir(top).file(top + "README", name + " " + version + "\n").build();
}

// The real filesystem, counting what the install reads and lists (its install folder's listing
// included: the folder it opens is wrapped too).
class CountingFs final : public fs::FileSystem {
 public:
  mutable std::map<std::string, int> reads;
  mutable int listings = 0;

  Result<std::string> read(const std::string& path, std::size_t max_bytes) const override {
    ++reads[path];
    return real().read(path, max_bytes);
  }
  bool exists(const std::string& path) const override { return real().exists(path); }
  std::optional<fs::FileId> file_id(const std::string& path) const override {
    return real().file_id(path);
  }
  Status write_atomic(const std::string& p, std::string_view c) override {
    return real().write_atomic(p, c);
  }
  fs::FileInfo stat(const std::string& p) const override { return real().stat(p); }
  Result<std::vector<fs::TreeEntry>> list(const std::string& d, bool r) const override {
    ++listings;
    return real().list(d, r);
  }
  Status read_chunks(const std::string& p,
                     const std::function<void(std::string_view)>& c) const override {
    ++reads[p];
    return real().read_chunks(p, c);
  }
  Status write_new(const std::string& p, std::string_view c, std::uint32_t m) override {
    return real().write_new(p, c, m);
  }
  void remove_file(const std::string& p) override { real().remove_file(p); }
  Result<std::unique_ptr<fs::InstallFolder>> open_install_folder(const std::string& base,
                                                                 const std::string& path,
                                                                 bool create) const override;
  Status make_directory(const std::string& p) override { return real().make_directory(p); }
  Status make_symlink(const std::string& t, const std::string& p) override {
    return real().make_symlink(t, p);
  }
  Status create_file(const std::string& p, std::string_view c, bool x) override {
    return real().create_file(p, c, x);
  }

 private:
  static fs::FileSystem& real() { return fs::real_file_system(); }
};

class CountingFolder final : public fs::InstallFolder {
 public:
  CountingFolder(std::unique_ptr<fs::InstallFolder> real, int& listings)
      : m_real(std::move(real)), m_listings(listings) {}
  const std::string& path() const override { return m_real->path(); }
  fs::EntryKind kind() const override { return m_real->kind(); }
  Result<std::vector<fs::TreeEntry>> list() const override {
    ++m_listings;
    return m_real->list();
  }
  Result<fs::FileLock> lock(bool wait, void (*on_wait)(const std::string&)) const override {
    return m_real->lock(wait, on_wait);
  }
  void remove_leftovers() const override { m_real->remove_leftovers(); }
  std::vector<std::optional<fs::FileId>> ids(const std::vector<std::string>& r) const override {
    return m_real->ids(r);
  }
  Result<std::string> read_meta(const std::string& n, std::size_t m,
                                fs::FileId* id) const override {
    return m_real->read_meta(n, m, id);
  }
  Status write_meta(const std::string& n, std::string_view c) const override {
    return m_real->write_meta(n, c);
  }
  void remove_meta(const std::string& n) const override { m_real->remove_meta(n); }
  Result<std::string> make_staging() const override { return m_real->make_staging(); }
  Status swap_in(const std::string& s, bool& had) const override { return m_real->swap_in(s, had); }
  void swap_back(const std::string& s, bool had) const override { m_real->swap_back(s, had); }
  void remove_staging(const std::string& s) const override { m_real->remove_staging(s); }

 private:
  std::unique_ptr<fs::InstallFolder> m_real;
  int& m_listings;
};

Result<std::unique_ptr<fs::InstallFolder>> CountingFs::open_install_folder(const std::string& base,
                                                                           const std::string& path,
                                                                           bool create) const {
  auto real = fs::FileSystem::open_install_folder(base, path, create);
  if (!real) return real;
  return std::unique_ptr<fs::InstallFolder>(
      std::make_unique<CountingFolder>(std::move(*real), listings));
}

class InstallNoop : public ::testing::Test {
 protected:
  // The set (with `extra` lines at its top) at k_set_url or, with a path, in that file; the
  // artifacts beside it; the manifest requiring a and b.
  void publish(const std::string& extra = "", const std::string& local_set = "") {
    std::string set =
        extra + "format: 1\nname: acme\nserial: " + std::to_string(serial) + "\npackages:\n";
    for (const auto& [name, version] : packages) {
      std::string bytes = artifact(name, version);
      set += "  " + name + ":\n    - version: " + version +
             "\n      checksum: " + crypto::sha256(bytes).str() + "\n      url: artifacts/" + name +
             ".tgz\n      size: " + std::to_string(bytes.size()) + "\n      strip-components: 1\n";
      web.serve("https://sets.test/acme/artifacts/" + name + ".tgz", bytes);
      if (!local_set.empty()) {  // file:// URLs, which go through the fetcher too
        web.serve("file://" + dir.write("sets/artifacts/" + name + ".tgz", bytes), bytes);
      }
    }
    std::string url = k_set_url;
    if (local_set.empty()) {
      web.serve(k_set_url, set);
    } else {
      url = dir.write("sets/" + local_set, set);
    }
    dir.write("app/pinset.yaml", "name: app\npackage-set:\n  url: " + url +
                                     "\ndependencies:\n  a: ^1.0.0\n  b: ^2.0.0\n" + manifest_tail);
  }

  InstallOptions options() {
    InstallOptions o;
    o.manifest_path = dir.path() + "/app/pinset.yaml";
    o.cache_dir = dir.path() + "/cache";
    o.fetchers = web.factory();
    o.workers = 1;
    o.version = "9.9.9";
    // A minute from now: the files the test just wrote are old enough for their identities to
    // be trusted (install_stamp.hpp's two seconds), as they are for any project not being edited.
    o.now = dates::system_now() + 60;
    return o;
  }
  Result<InstallOutcome> run(const InstallOptions& o) { return install(fs::real_file_system(), o); }
  Result<InstallOutcome> run() { return run(options()); }
  // An install, then one more: a first install from an unpinned remote set cannot vouch for the
  // next run (the lock it writes pins the set), so the second one writes the stamp.
  void installed() {
    if (!dir.exists("app/pinset.yaml")) publish();
    auto first = run();
    ASSERT_TRUE(first) << first.error().render();
    auto second = run();
    ASSERT_TRUE(second) << second.error().render();
    ASSERT_TRUE(stamped());
  }
  bool stamped() const { return dir.exists("app/pinset_packages/" + std::string(k_stamp_file)); }
  std::string manifest() const { return dir.path() + "/app/pinset.yaml"; }
  std::string lock() const { return dir.path() + "/app/pinset.lock"; }
  std::string prefix() const { return dir.path() + "/app/pinset_packages"; }

  std::map<std::string, std::string> packages{{"a", "1.0.0"}, {"b", "2.0.0"}};
  int serial = 1;
  std::string manifest_tail;
  test::TempDir dir;
  test::MemoryWeb web;
};

// The same outcome, as scripts see it.
std::string json_of(const InstallOutcome& out) {
  return install_json(out).dump(2);
}

TEST_F(InstallNoop, NothingChangedIsDecidedFromTheStampWithTheFullPathsOutcome) {
  publish();
  auto first = run();
  ASSERT_TRUE(first) << first.error().render();
  EXPECT_FALSE(stamped());  // the set came unpinned: the lock written now pins it
  auto full = run();
  ASSERT_TRUE(full) << full.error().render();
  EXPECT_FALSE(full->from_stamp);
  EXPECT_EQ(full->stamp_note, "no install stamp");
  EXPECT_TRUE(full->plan.up_to_date);
  ASSERT_TRUE(stamped());
  std::size_t requests = web.requests().size();

  auto fast = run();
  ASSERT_TRUE(fast) << fast.error().render();
  EXPECT_TRUE(fast->from_stamp);
  EXPECT_EQ(fast->stamp_note, "");
  EXPECT_EQ(json_of(*fast), json_of(*full));
  EXPECT_EQ(fast->resolution.lock, full->resolution.lock);
  EXPECT_EQ(fast->resolution.project.lock_path, full->resolution.project.lock_path);
  EXPECT_FALSE(fast->resolution.lock_written);
  EXPECT_TRUE(fast->resolution.warnings.empty());
  EXPECT_EQ(web.requests().size(), requests);
}

TEST_F(InstallNoop, OutputThatOnlyCountsThePackagesLeavesTheLockUnparsed) {
  installed();
  InstallOptions o = options();
  o.list_packages = false;
  auto counted = run(o);
  ASSERT_TRUE(counted) << counted.error().render();
  EXPECT_TRUE(counted->from_stamp) << counted->stamp_note;
  EXPECT_TRUE(counted->plan.up_to_date);
  EXPECT_EQ(counted->plan.package_count, 2u);
  EXPECT_TRUE(counted->plan.packages.empty());
  EXPECT_TRUE(counted->resolution.lock.packages.empty());
  auto listed = run();
  ASSERT_TRUE(listed) << listed.error().render();
  EXPECT_EQ(listed->plan.package_count, 2u);
  EXPECT_EQ(listed->plan.packages.size(), 2u);
  // The full path counts the same.
  std::filesystem::remove(prefix() + "/" + std::string(k_stamp_file));
  auto full = run(o);
  ASSERT_TRUE(full) << full.error().render();
  EXPECT_FALSE(full->from_stamp);
  EXPECT_EQ(full->plan.package_count, 2u);
}

TEST_F(InstallNoop, TheFastPathReadsNeitherTheSetNorTheInstallFolder) {
  // A local set over the size hashed on every check: unchanged, it is known by its identity.
  publish("# " + std::string(std::size_t(k_stamp_hash_always_bytes), 'x') + "\n", "set.yaml");
  const std::string set = dir.path() + "/sets/set.yaml";
  const std::string state = prefix() + "/.pinset/state.json";
  ASSERT_TRUE(run());
  std::size_t requests = web.requests().size();
  CountingFs counting;
  auto fast = install(counting, options());
  ASSERT_TRUE(fast) << fast.error().render();
  EXPECT_TRUE(fast->from_stamp) << fast->stamp_note;
  EXPECT_EQ(counting.reads, (std::map<std::string, int>{{manifest(), 2}, {lock(), 1}}));
  EXPECT_EQ(counting.listings, 0);
  EXPECT_EQ(web.requests().size(), requests);

  // The same install down its full path reads both and lists the install folder.
  std::filesystem::remove(prefix() + "/" + std::string(k_stamp_file));
  counting.reads.clear();
  auto full = install(counting, options());
  ASSERT_TRUE(full) << full.error().render();
  EXPECT_FALSE(full->from_stamp);
  EXPECT_TRUE(full->plan.up_to_date);
  EXPECT_EQ(counting.reads[set], 1);
  EXPECT_EQ(counting.reads[state], 1);
  EXPECT_GE(counting.listings, 1);
  EXPECT_EQ(json_of(*fast), json_of(*full));
}

TEST_F(InstallNoop, AnEditedManifestLockOrLocalSetIsCheckedInFull) {
  publish("", "set.yaml");
  ASSERT_TRUE(run());
  ASSERT_TRUE(stamped());
  auto note_of_next_run = [this] {
    auto out = run();
    EXPECT_TRUE(out) << out.error().render();
    if (!out) return std::string("(failed)");
    EXPECT_FALSE(out->from_stamp);
    auto again = run();  // which wrote the stamp again
    EXPECT_TRUE(again && again->from_stamp) << (again ? again->stamp_note : "");
    return out->stamp_note;
  };
  dir.write("app/pinset.yaml", test::read_file(manifest()) + "# reviewed\n");
  EXPECT_EQ(note_of_next_run(), manifest() + " changed");
  dir.write("app/pinset.lock", test::read_file(lock()) + "\n");  // same lock, other bytes
  EXPECT_EQ(note_of_next_run(), lock() + " changed");
  // Another revision of the set (its digest is in the lock, which is written again).
  const std::string set = dir.path() + "/sets/set.yaml";
  dir.write("sets/set.yaml", "# a comment\n" + test::read_file(set));
  EXPECT_EQ(note_of_next_run(), set + " changed");
}

TEST_F(InstallNoop, ANewLockIsRecordedAsWrittenSoTheNextRunIsDecidedFromTheStamp) {
  publish("", "set.yaml");
  auto first = run();
  ASSERT_TRUE(first) << first.error().render();
  ASSERT_TRUE(first->resolution.lock_written);
  auto next = run();
  ASSERT_TRUE(next) << next.error().render();
  EXPECT_TRUE(next->from_stamp) << next->stamp_note;
}

TEST_F(InstallNoop, AChangedRangeIsResolvedAndInstalledAndLockedIsRefusedStale) {
  publish("", "set.yaml");
  ASSERT_TRUE(run());
  packages["b"] = "2.1.0";
  publish("", "set.yaml");  // the set gains b 2.1.0 (and loses 2.0.0)
  std::string text = test::read_file(manifest());
  dir.write("app/pinset.yaml", text.replace(text.find("^2.0.0"), 6, "^2.1.0"));
  InstallOptions locked = options();
  locked.locked = true;
  auto stale = run(locked);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, "lock-stale");
  auto out = run();
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_FALSE(out->from_stamp);
  EXPECT_TRUE(out->installed);
  EXPECT_EQ(test::read_file(prefix() + "/b/README"), "b 2.1.0\n");
}

TEST_F(InstallNoop, LockedOfflineAndFrozenRunsAreDecidedFromTheStampToo) {
  installed();
  for (auto [locked, offline] : {std::pair{true, false}, {false, true}, {true, true}}) {
    InstallOptions o = options();
    o.locked = locked;
    o.offline = offline;
    auto out = run(o);
    ASSERT_TRUE(out) << out.error().render();
    EXPECT_TRUE(out->from_stamp) << out->stamp_note;
  }
}

TEST_F(InstallNoop, CiRefreshAndDryRunsNeverAskTheStamp) {
  installed();
  InstallOptions ci = options();
  ci.clean = true;
  ci.locked = true;
  auto clean = run(ci);
  ASSERT_TRUE(clean) << clean.error().render();
  EXPECT_FALSE(clean->from_stamp);
  EXPECT_EQ(clean->stamp_note, "");
  EXPECT_TRUE(clean->installed);  // every package rebuilt from the verified archive
  EXPECT_TRUE(stamped());         // and the stamp written again for the next install

  std::size_t requests = web.requests().size();
  InstallOptions refresh = options();
  refresh.refresh = true;
  auto refreshed = run(refresh);
  ASSERT_TRUE(refreshed) << refreshed.error().render();
  EXPECT_FALSE(refreshed->from_stamp);
  EXPECT_EQ(web.requests().size(), requests + 1);  // the set, asked for again

  InstallOptions dry = options();
  dry.dry_run = true;
  auto plan = run(dry);
  ASSERT_TRUE(plan) << plan.error().render();
  EXPECT_FALSE(plan->from_stamp);
  EXPECT_TRUE(plan->plan.up_to_date);
}

TEST_F(InstallNoop, ARepublishedRemoteSetIsTheLocksRevisionUntilRefreshed) {
  installed();
  // Other bytes at the same URL: the full path would use the cached revision the lock pins
  // without a request, and so does the stamp.
  ++serial;
  publish("# republished\n");
  std::size_t requests = web.requests().size();
  auto out = run();
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_TRUE(out->from_stamp) << out->stamp_note;
  std::filesystem::remove(prefix() + "/" + std::string(k_stamp_file));
  auto full = run();
  ASSERT_TRUE(full) << full.error().render();
  EXPECT_TRUE(full->plan.up_to_date);
  EXPECT_EQ(json_of(*full), json_of(*out));
  EXPECT_EQ(web.requests().size(), requests);
}

TEST_F(InstallNoop, EachOptionThatChangesTheResultIsPartOfTheStamp) {
  installed();
  auto note_with = [this](auto change) {
    InstallOptions o = options();
    change(o);
    auto out = run(o);
    EXPECT_TRUE(out) << out.error().render();
    return out ? out->stamp_note : "(failed)";
  };
  EXPECT_EQ(note_with([](InstallOptions& o) { o.version = "9.9.10"; }),
            "the stamp is for another pinset");
  // The stamp was written again by that run: the next one with the first version is full too.
  EXPECT_EQ(note_with([](InstallOptions&) {}), "the stamp is for another pinset");
  EXPECT_EQ(note_with([](InstallOptions& o) {
              o.mirrors.push_back({"https://sets.test/acme/", "https://mirror.test/acme/", 0});
            }),
            "the stamp is for other --mirror options");
  EXPECT_EQ(note_with([this](InstallOptions& o) { o.cache_dir = dir.path() + "/cache2"; }),
            "the stamp is for another cache folder");
  // The same folder, named otherwise (relative to the working folder).
  const std::string relative = stdfs::relative(prefix()).string();
  EXPECT_EQ(note_with([&](InstallOptions& o) { o.prefix = relative; }),
            "the stamp is for another install folder");
  EXPECT_EQ(note_with([&](InstallOptions& o) {
              o.prefix = relative;
              o.layout = "cmake";
            }),
            "the stamp is for another layout");
  EXPECT_EQ(note_with([this](InstallOptions& o) { o.prefix = dir.path() + "/app/other"; }),
            "no install stamp");
}

TEST_F(InstallNoop, ARemovedInstallFolderOrPackageFolderIsInstalledAgain) {
  installed();
  stdfs::remove_all(prefix() + "/a");
  auto out = run();
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(out->stamp_note, "the install folder changed (an entry was added or removed)");
  EXPECT_TRUE(out->installed);
  EXPECT_EQ(test::read_file(prefix() + "/a/README"), "a 1.0.0\n");

  stdfs::remove_all(prefix());
  out = run();
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(out->stamp_note, "no install stamp");
  EXPECT_TRUE(out->installed);
  EXPECT_EQ(test::read_file(prefix() + "/b/README"), "b 2.0.0\n");
  auto again = run();
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->from_stamp) << again->stamp_note;
}

TEST_F(InstallNoop, AFileDroppedIntoTheInstallFolderIsRefusedAsBefore) {
  installed();
  dir.write("app/pinset_packages/notes.txt", "mine\n");
  auto out = run();
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "install-dir-refused");
  EXPECT_TRUE(dir.exists("app/pinset_packages/notes.txt"));
}

TEST_F(InstallNoop, AReplacedStateOrADamagedStampIsCheckedInFull) {
  installed();
  const std::string state = prefix() + "/.pinset/state.json";
  std::string text = test::read_file(state);
  stdfs::remove(state);
  dir.write("app/pinset_packages/.pinset/state.json", text);  // the same bytes, another file
  auto out = run();
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(out->stamp_note, ".pinset/state.json changed");
  EXPECT_TRUE(out->plan.up_to_date);

  dir.write("app/pinset_packages/" + std::string(k_stamp_file), "{\"stamp-version\": 1, \"key\"");
  out = run();
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(out->stamp_note, "the install stamp is damaged or of another format");
  EXPECT_TRUE(out->plan.up_to_date);
  EXPECT_TRUE(run()->from_stamp);
}

TEST_F(InstallNoop, ARunWithWarningsWritesNoStampSoEachRunWarnsAgain) {
  // The set expires in 5 days (inside the 14-day warning window).
  publish("expires: " + dates::format_date(dates::system_now() + 5 * 86400) + "T00:00:00Z\n");
  auto first = run();
  ASSERT_TRUE(first) << first.error().render();
  for (int i = 0; i < 2; ++i) {
    auto out = run();
    ASSERT_TRUE(out) << out.error().render();
    EXPECT_FALSE(out->from_stamp);
    EXPECT_EQ(out->stamp_note, "no install stamp");
    ASSERT_EQ(out->resolution.warnings.size(), 1u);
    EXPECT_NE(out->resolution.warnings[0].find("expires at"), std::string::npos);
    EXPECT_FALSE(stamped());
  }
}

TEST_F(InstallNoop, AStampHoldsOnlyUntilTheSetsExpiryWarningBegins) {
  // Expires in 30 days: no warning today, one in 16 days (30 - the 14-day window).
  publish("expires: " + dates::format_date(dates::system_now() + 30 * 86400) + "T00:00:00Z\n");
  installed();
  InstallOptions later = options();
  later.now = dates::system_now() + 20 * 86400;
  auto out = run(later);
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(out->stamp_note,
            "a date in the set or the overlay has come (an expiry or its warning)");
  EXPECT_EQ(out->resolution.warnings.size(), 1u);
  EXPECT_FALSE(stamped());  // a run with a warning vouches for nothing
}

}  // namespace
}  // namespace pinset::app
