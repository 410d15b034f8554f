// End-to-end: where `pinset install` may write (issue 10, items 1-4). The install folder, its lock
// and its staging folders are resolved inside the project without following a symbolic link on
// any component; pinset replaces only a folder it made (or an empty one) and refuses everything
// else with exit 2, before touching anything.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

namespace stdfs = std::filesystem;

class InstallPath : public ::testing::Test {
 protected:
  void SetUp() override {
    project.add({"libfoo", "2.1.0", {{"foo.h", "#define FOO 1\n"}}});
    project.write({{"libfoo", "^2.0.0"}});
  }
  ProcessResult pinset(std::vector<std::string> args) {
    return run_pinset(args, project.app(), {{"PINSET_CACHE_DIR", cache.path()}});
  }
  void set_install_dir(const std::string& dir) {
    std::ofstream(project.app() + "/pinset.yaml", std::ios::app) << "install-dir: " << dir << "\n";
  }
  std::string app(const std::string& rel) const { return project.app() + "/" + rel; }
  // Everything beside the app folder (the victim's side of a link), and the app folder itself.
  std::map<std::string, std::string> world() const { return snapshot(project.root()); }

  TestProject project;
  TempDir cache;
};

TEST_F(InstallPath, SymlinkOnTheWayIsRefusedAndTheTargetIsUntouched) {
  project.dir().write("victim/victimdir/precious.txt", "mine\n");
  stdfs::create_directory_symlink("../victim", app("a"));
  set_install_dir("a/victimdir");
  auto before = world();
  auto r = pinset({"install"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: cannot install into a/victimdir (install-dir in pinset.yaml): a is a "
            "symbolic link (to ../victim), and pinset never follows one on the way to the "
            "install folder\n"
            "  help: name a real folder inside the project, with no symbolic link on the way\n");
  EXPECT_EQ(world(), before);  // no lock, no staging folder, nothing replaced
}

TEST_F(InstallPath, SymlinkAtTheInstallPathIsRefusedNeverDeleted) {
  project.dir().write("victim/precious.txt", "mine\n");
  stdfs::create_directory_symlink("../victim", app("pinset_packages"));
  auto before = world();
  auto r = pinset({"install"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: cannot install into pinset_packages: pinset_packages is a symbolic link (to "
            "../victim), and pinset never follows one on the way to the install folder\n"
            "  help: name a real folder inside the project, with no symbolic link on the way\n");
  EXPECT_EQ(world(), before);
}

TEST_F(InstallPath, PrefixThroughASymlinkIsRefused) {
  project.dir().write("victim/keep.txt", "mine\n");
  stdfs::create_directory_symlink("../victim", app("out"));
  auto before = world();
  auto r = pinset({"install", "--prefix", "out/deps"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: cannot install into out/deps (--prefix): out is a symbolic link (to "
            "../victim), and pinset never follows one on the way to the install folder\n"
            "  help: name a real folder, with no symbolic link on the way\n");
  EXPECT_EQ(world(), before);
}

TEST_F(InstallPath, FoldersPinsetDidNotMakeAreRefused) {
  project.dir().write("app/src/main.c", "int main;\n");
  project.dir().write("app/.git/HEAD", "ref: refs/heads/main\n");
  auto before = world();
  for (const std::string dir : {"src", ".git"}) {
    std::string manifest = read_file(app("pinset.yaml"));
    set_install_dir(dir);
    auto r = pinset({"install"});
    EXPECT_EQ(r.exit_code, 2) << dir;
    EXPECT_EQ(r.err, "error: cannot install into " + dir +
                         " (install-dir in pinset.yaml): it is a folder pinset did not make (it "
                         "has no .pinset/state.json), and pinset replaces only its own folders\n"
                         "  help: choose a new or empty folder with install-dir or --prefix, or "
                         "move what is in " +
                         dir + " elsewhere\n");
    auto dry = pinset({"install", "--dry-run"});
    EXPECT_EQ(dry.exit_code, 2) << dir;
    EXPECT_EQ(dry.err, r.err);
    std::ofstream(app("pinset.yaml"), std::ios::trunc) << manifest;
  }
  auto set = pinset({"install", "--prefix", "../set"});
  EXPECT_EQ(set.exit_code, 2);
  EXPECT_EQ(set.err.rfind("error: cannot install into ../set (--prefix): it is a folder pinset "
                          "did not make",
                          0),
            0u)
      << set.err;
  EXPECT_EQ(world(), before);
}

TEST_F(InstallPath, PlainFileAtTheInstallPathIsRefused) {
  set_install_dir("pinset.yaml");
  auto before = world();
  auto r = pinset({"install"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: cannot install into pinset.yaml (install-dir in pinset.yaml): it is a file, "
            "and pinset replaces only its own folders\n"
            "  help: choose a new or empty folder with install-dir or --prefix\n");
  EXPECT_EQ(world(), before);
}

TEST_F(InstallPath, ProjectFolderRootAndAncestorsAreRefusedUpFront) {
  auto before = world();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {".", "the current folder"},
      {"/", "the root folder"},
      {"..", "a folder that holds the current folder"},
      {"./sub/../", "the current folder"}};
  for (const auto& [prefix, what] : cases) {
    auto r = pinset({"install", "--prefix", prefix});
    EXPECT_EQ(r.exit_code, 2) << prefix;
    EXPECT_EQ(r.err, "error: --prefix \"" + prefix + "\" names " + what +
                         "; pinset installs into a folder of its own, which it replaces whole\n"
                         "  help: give a new folder, e.g. --prefix pinset_packages\n");
  }
  set_install_dir("./.");
  before = world();
  auto r = pinset({"install"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: install-dir \"./.\" in pinset.yaml names the project folder; pinset installs "
            "into a folder of its own, which it replaces whole\n"
            "  help: give a new folder, e.g. install-dir: pinset_packages\n");
  EXPECT_EQ(world(), before);
  EXPECT_FALSE(stdfs::exists("/.lock"));
}

TEST_F(InstallPath, EmptyFolderAndOwnFolderAreReplaced) {
  stdfs::create_directories(app("deps"));
  set_install_dir("deps");
  auto r = pinset({"install"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(app("deps/libfoo/foo.h")), "#define FOO 1\n");
  // The lock file beside the install folder does not outlive the install.
  EXPECT_FALSE(stdfs::exists(app("deps.lock")));
  auto ci = pinset({"ci"});
  ASSERT_EQ(ci.exit_code, 0) << ci.err;
  EXPECT_EQ(read_file(app("deps/libfoo/foo.h")), "#define FOO 1\n");
  EXPECT_FALSE(stdfs::exists(app("deps.lock")));
}

TEST_F(InstallPath, OwnFolderHoldingForeignFilesIsRefusedAndDryRunSaysWhy) {
  ASSERT_EQ(pinset({"install"}).exit_code, 0);
  project.dir().write("app/pinset_packages/libfoo/notes.txt", "my notes\n");
  project.dir().write("app/pinset_packages/mine/a.txt", "a\n");
  auto before = world();
  auto r = pinset({"ci"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: cannot install into pinset_packages: it holds 2 files pinset did not install "
            "(libfoo/notes.txt, mine/a.txt), and pinset never deletes what it did not make\n"
            "  help: move them out of pinset_packages, then run the install again\n");
  auto dry = pinset({"ci", "--dry-run"});
  EXPECT_EQ(dry.exit_code, 2);
  EXPECT_EQ(dry.err, r.err);
  EXPECT_EQ(world(), before);
}

TEST_F(InstallPath, DryRunListsWhatWouldBeRemoved) {
  project.add({"libbar", "1.0.0", {{"bar.h", "bar\n"}}});
  project.write({{"libfoo", "^2.0.0"}, {"libbar", "^1.0.0"}});
  ASSERT_EQ(pinset({"install"}).exit_code, 0);
  stdfs::create_directories(app("pinset_packages/libfoo/empty"));
  // The manifest no longer wants libbar (the set and its artifacts stay as they are).
  std::string manifest = read_file(app("pinset.yaml"));
  const std::string line = "  libbar: \"^1.0.0\"\n";
  ASSERT_NE(manifest.find(line), std::string::npos) << manifest;
  manifest.erase(manifest.find(line), line.size());
  std::ofstream(app("pinset.yaml"), std::ios::trunc) << manifest;
  auto before = world();
  auto dry = pinset({"install", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(dry.out,
            "Would install into pinset_packages:\n"
            "  keep    libfoo         2.1.0" +
                std::string(34, ' ') +
                "\n"
                "  remove  libbar         " +
                std::string(39, ' ') +
                "\n"
                "  remove  libfoo/empty/  (an empty folder pinset did not make)  \n");
  EXPECT_EQ(world(), before);
}

// Item 4: a killed install leaves cache/tmp/tree-* and obj-* behind; the next run removes those
// of writers that no longer exist, and keeps a live writer's.
TEST_F(InstallPath, DeadWritersCacheTemporariesAreRemovedLiveOnesKept) {
  ASSERT_EQ(pinset({"install"}).exit_code, 0);
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  ::waitpid(child, nullptr, 0);  // now a pid no process has
  const std::string tmp = cache.path() + "/tmp/";
  const std::string dead = std::to_string(child);
  const std::string live = std::to_string(::getpid());
  TempDir scratch;
  for (const std::string& dir :
       {"tree-" + dead + "-a1b2c3", "obj-" + dead + "-d4e5f6", "tree-" + live + "-g7h8i9"}) {
    stdfs::create_directories(tmp + dir + "/files/sub");
    std::ofstream(tmp + dir + "/files/sub/file") << "partial\n";
    stdfs::permissions(tmp + dir + "/files/sub",
                       stdfs::perms::owner_read | stdfs::perms::owner_exec);
  }
  // A link in a dead writer's folder is removed, never followed.
  std::ofstream(scratch.path() + "/outside") << "keep\n";
  stdfs::create_directory_symlink(scratch.path(), tmp + "tree-" + dead + "-a1b2c3/link");
  auto r = pinset({"install", "--prefix", "again"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(stdfs::exists(tmp + "tree-" + dead + "-a1b2c3"));
  EXPECT_FALSE(stdfs::exists(tmp + "obj-" + dead + "-d4e5f6"));
  EXPECT_TRUE(stdfs::exists(tmp + "tree-" + live + "-g7h8i9/files/sub/file"));
  EXPECT_EQ(read_file(scratch.path() + "/outside"), "keep\n");
  stdfs::permissions(tmp + "tree-" + live + "-g7h8i9/files/sub", stdfs::perms::owner_all);
}

}  // namespace
}  // namespace pinset::test
