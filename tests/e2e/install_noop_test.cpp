// End-to-end: `pinset install` with nothing to do is decided from the install stamp
// (<install folder>/.pinset/install-stamp.json) and prints exactly what the full check prints;
// every change that matters (the manifest, the lock, the set, the layout, the install folder,
// pinset itself) sends it down the full path, as `--verbose` says on stderr. What it does not
// look at (the installed files) is what `pinset verify` and `pinset ci` are for.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

namespace stdfs = std::filesystem;

const std::string k_from_stamp =
    "note: nothing changed since the last install (pinset_packages/.pinset/install-stamp.json); "
    "neither the set nor the install folder was read\n";

class InstallNoopCli : public ::testing::Test {
 protected:
  void SetUp() override {
    project.add({"libfoo", "2.1.0", {{"foo.h", "#define FOO 1\n"}, {"lib/a.c", "int a;\n"}}});
    project.add({"libfoo", "2.2.0", {{"foo.h", "#define FOO 2\n"}, {"lib/a.c", "int a;\n"}}});
    project.add({"netlib", "1.3.0", {{"README", "netlib 1.3\n"}}, {{"libfoo", "^2.1.0"}}});
    project.write({{"netlib", "^1.3.0"}, {"libfoo", "~2.1.0"}});
    auto first = pinset({"install"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
  }
  ProcessResult pinset(std::vector<std::string> args, const std::string& program = "") {
    std::map<std::string, std::string> env{{"PINSET_CACHE_DIR", cache.path()}};
    if (program.empty()) return run_pinset(args, project.app(), env);
    return run_process(program, args, project.app(), env);
  }
  std::string packages() const { return project.app() + "/pinset_packages"; }
  std::string stamp() const { return packages() + "/.pinset/install-stamp.json"; }
  // The note --verbose printed on stderr (after any progress lines), or "".
  static std::string note(const ProcessResult& r) {
    std::size_t at = r.err.rfind("note: ", std::string::npos);
    return at == std::string::npos ? "" : r.err.substr(at, r.err.find('\n', at) + 1 - at);
  }

  TestProject project;
  TempDir cache;
};

TEST_F(InstallNoopCli, NothingChangedPrintsWhatTheFullCheckPrints) {
  ASSERT_TRUE(stdfs::exists(stamp()));
  for (const std::vector<std::string>& args : {std::vector<std::string>{"install"},
                                               {"install", "--json"},
                                               {"install", "--locked"},
                                               {"install", "--frozen"},
                                               {"install", "--frozen", "--json"}}) {
    SCOPED_TRACE(args.back());
    auto fast = pinset(args);
    ASSERT_EQ(fast.exit_code, 0) << fast.err;
    stdfs::remove(stamp());
    auto full = pinset(args);
    ASSERT_EQ(full.exit_code, 0) << full.err;
    EXPECT_EQ(fast.out, full.out);
    EXPECT_EQ(fast.err, full.err);
    ASSERT_TRUE(stdfs::exists(stamp()));  // written again by the full check
  }
  EXPECT_EQ(pinset({"install"}).out, "2 packages in pinset_packages are up to date\n");
  auto verbose = pinset({"install", "-v"});
  EXPECT_EQ(verbose.err, k_from_stamp);
  stdfs::remove(stamp());
  EXPECT_EQ(pinset({"install", "-v"}).err, "note: full check (no install stamp)\n");
  // The stamp is pinset's own: verify and list take no notice of it.
  auto verify = pinset({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(InstallNoopCli, ACiRunNeverTrustsTheStamp) {
  auto ci = pinset({"ci", "-v"});
  ASSERT_EQ(ci.exit_code, 0) << ci.err;
  EXPECT_EQ(ci.out, "Installed 2 packages into pinset_packages\n");
  EXPECT_EQ(ci.err, "");
  EXPECT_EQ(note(pinset({"install", "-v"})), k_from_stamp);
}

TEST_F(InstallNoopCli, AnEditedManifestOrLockIsCheckedInFull) {
  const std::string lock = project.app() + "/pinset.lock";
  const std::string lock_with_2_1 = read_file(lock);
  project.write({{"netlib", "^1.3.0"}, {"libfoo", "~2.2.0"}});
  auto locked = pinset({"install", "--locked"});
  EXPECT_EQ(locked.exit_code, 1);  // the lock still holds 2.1.0: the full check said so
  EXPECT_EQ(locked.err,
            "error: pinset.lock: the lock is out of date with pinset.yaml and its package set: "
            "libfoo 2.1.0 -> 2.2.0\n"
            "  help: run `pinset resolve` to update the lock, review the change, and commit it\n");
  auto upgraded = pinset({"install", "-v"});
  ASSERT_EQ(upgraded.exit_code, 0) << upgraded.err;
  EXPECT_EQ(note(upgraded), "note: full check (pinset.yaml changed)\n");
  EXPECT_EQ(read_file(packages() + "/libfoo/foo.h"), "#define FOO 2\n");
  EXPECT_EQ(note(pinset({"install", "-v"})), k_from_stamp);

  // A range both versions satisfy: the lock decides, nothing is installed.
  project.write({{"netlib", "^1.3.0"}, {"libfoo", "^2.1.0"}});
  auto same = pinset({"install", "-v"});
  ASSERT_EQ(same.exit_code, 0) << same.err;
  EXPECT_EQ(note(same), "note: full check (pinset.yaml changed)\n");
  EXPECT_EQ(same.out, "2 packages in pinset_packages are up to date\n");
  EXPECT_EQ(note(pinset({"install", "-v"})), k_from_stamp);

  // Someone checks out the older lock: it is installed, never taken to be in place.
  { std::ofstream(lock, std::ios::trunc) << lock_with_2_1; }
  auto older = pinset({"install", "-v"});
  ASSERT_EQ(older.exit_code, 0) << older.err;
  EXPECT_EQ(note(older), "note: full check (pinset.lock changed)\n");
  EXPECT_EQ(read_file(packages() + "/libfoo/foo.h"), "#define FOO 1\n");
  EXPECT_EQ(note(pinset({"install", "-v"})), k_from_stamp);
}

TEST_F(InstallNoopCli, AnEditedSetIsCheckedInFull) {
  project.write({{"netlib", "^1.3.0"}, {"libfoo", "~2.1.0"}}, 2);  // serial 2, same packages
  auto r = pinset({"install", "-v"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(note(r), "note: full check (../set/set.yaml changed)\n");  // as the manifest names it
  EXPECT_EQ(note(pinset({"install", "-v"})), k_from_stamp);
}

TEST_F(InstallNoopCli, AnotherLayoutFolderOrPinsetIsCheckedInFull) {
  auto layout = pinset({"install", "-v", "--layout", "cmake", "--prefix", "pinset_packages"});
  ASSERT_EQ(layout.exit_code, 0) << layout.err;
  EXPECT_EQ(note(layout), "note: full check (the stamp is for another layout)\n");
  auto back = pinset({"install", "-v"});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(note(back), "note: full check (the stamp is for another layout)\n");

  auto elsewhere = pinset({"install", "-v", "--prefix", "vendor"});
  ASSERT_EQ(elsewhere.exit_code, 0) << elsewhere.err;
  EXPECT_EQ(note(elsewhere), "note: full check (no install stamp)\n");
  EXPECT_EQ(read_file(project.app() + "/vendor/libfoo/foo.h"), "#define FOO 1\n");

  // Another build of pinset (here: the same one, copied) trusts no stamp of this one.
  TempDir bin;
  stdfs::copy_file(PINSET_BINARY, bin.path() + "/pinset");
  stdfs::permissions(bin.path() + "/pinset", stdfs::perms::owner_exec, stdfs::perm_options::add);
  auto copied = pinset({"install", "-v"}, bin.path() + "/pinset");
  ASSERT_EQ(copied.exit_code, 0) << copied.err;
  EXPECT_EQ(note(copied), "note: full check (the stamp is for another pinset)\n");
}

TEST_F(InstallNoopCli, ARemovedInstallFolderOrPackageIsInstalledAgain) {
  stdfs::remove_all(packages() + "/netlib");
  auto r = pinset({"install", "-v"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(note(r),
            "note: full check (the install folder changed (an entry was added or removed))\n");
  EXPECT_EQ(r.out, "Installed 2 packages into pinset_packages\n");
  EXPECT_EQ(read_file(packages() + "/netlib/README"), "netlib 1.3\n");

  stdfs::remove_all(packages());
  r = pinset({"install", "-v"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(note(r), "note: full check (no install stamp)\n");
  EXPECT_EQ(read_file(packages() + "/libfoo/foo.h"), "#define FOO 1\n");
  EXPECT_EQ(note(pinset({"install", "-v"})), k_from_stamp);
}

TEST_F(InstallNoopCli, AnEditInsideAPackageIsForVerifyAndCiToFind) {
  // The bargain of the no-op (as bun's and pnpm's): the installed files are not read. A file
  // edited through its hard link is not noticed by `install`; `verify` reports it and `ci`
  // repairs it (and the cache's copy, which shares the inode).
  const std::string foo_h = packages() + "/libfoo/foo.h";
  stdfs::permissions(foo_h, stdfs::perms::owner_write, stdfs::perm_options::add);
  { std::ofstream(foo_h, std::ios::trunc) << "#define FOO 666\n"; }
  auto noop = pinset({"install", "-v"});
  ASSERT_EQ(noop.exit_code, 0) << noop.err;
  EXPECT_EQ(noop.err, k_from_stamp);
  EXPECT_EQ(noop.out, "2 packages in pinset_packages are up to date\n");
  auto verify = pinset({"verify"});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(verify.out, "modified  libfoo/foo.h: content changed\n");
  auto ci = pinset({"ci"});
  ASSERT_EQ(ci.exit_code, 0) << ci.err;
  EXPECT_NE(ci.err.find("warning: the cached copy of libfoo 2.1.0 was damaged"), std::string::npos)
      << ci.err;
  EXPECT_EQ(read_file(foo_h), "#define FOO 1\n");
  EXPECT_EQ(pinset({"verify"}).exit_code, 0);
}

TEST_F(InstallNoopCli, AForeignFileOrADamagedStampSendsItDownTheFullPath) {
  { std::ofstream(stamp(), std::ios::trunc) << "{\"stamp-version\": 0}\n"; }
  auto damaged = pinset({"install", "-v"});
  ASSERT_EQ(damaged.exit_code, 0) << damaged.err;
  EXPECT_EQ(note(damaged),
            "note: full check (the install stamp is damaged or of another format)\n");
  EXPECT_EQ(note(pinset({"install", "-v"})), k_from_stamp);

  { std::ofstream(packages() + "/notes.txt") << "mine\n"; }
  auto refused = pinset({"install"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("error: cannot install into pinset_packages: it holds 1 file pinset "
                             "did not install (notes.txt)"),
            std::string::npos)
      << refused.err;
}

}  // namespace
}  // namespace pinset::test
