#include "core/fs/install_dir.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/process.hpp"

namespace pinset::fs {
namespace {

namespace stdfs = std::filesystem;

TEST(InstallDir, RefusesASymlinkOnAnyComponentNamingIt) {
  test::TempDir dir;
  dir.write("victim/x/keep", "k");
  stdfs::create_directories(dir.path() + "/proj/real");
  stdfs::create_directory_symlink("../../victim", dir.path() + "/proj/real/link");
  auto opened = InstallDir::open(dir.path() + "/proj", "real/link/x", true);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, "symlink-in-path");
  EXPECT_EQ(opened.error().message,
            "real/link is a symbolic link (to ../../victim), and pinset never follows one on the "
            "way to the install folder");
  // The install folder itself.
  auto leaf = InstallDir::open(dir.path() + "/proj", "real/link", true);
  ASSERT_FALSE(leaf);
  EXPECT_EQ(leaf.error().message.substr(0, 31), "real/link is a symbolic link (t");
  // A file on the way.
  dir.write("proj/file", "f");
  auto file = InstallDir::open(dir.path() + "/proj", "file/x", true);
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code, "not-a-folder");
  EXPECT_EQ(file.error().message, "file is a file, not a folder");
}

TEST(InstallDir, CreatesMissingParentsOnlyWhenAskedAndSwapsAStagedTreeIn) {
  test::TempDir dir;
  auto dry = InstallDir::open(dir.path(), "a/b/pkgs", false);
  ASSERT_TRUE(dry) << dry.error().render();
  EXPECT_EQ(dry->kind(), EntryKind::none);
  EXPECT_FALSE(stdfs::exists(dir.path() + "/a"));

  auto opened = InstallDir::open(dir.path(), "a/b/pkgs", true);
  ASSERT_TRUE(opened) << opened.error().render();
  EXPECT_EQ(opened->path(), dir.path() + "/a/b/pkgs");
  auto staging = opened->make_staging();
  ASSERT_TRUE(staging) << staging.error().render();
  EXPECT_TRUE(stdfs::is_directory(*staging + "/.pinset"));
  std::ofstream(*staging + "/one") << "1";
  bool had_previous = true;
  ASSERT_TRUE(opened->swap_in(*staging, had_previous));
  EXPECT_FALSE(had_previous);
  EXPECT_EQ(test::read_file(dir.path() + "/a/b/pkgs/one"), "1");

  auto second = opened->make_staging();
  ASSERT_TRUE(second);
  std::ofstream(*second + "/two") << "2";
  ASSERT_TRUE(opened->swap_in(*second, had_previous));
  EXPECT_TRUE(had_previous);
  EXPECT_EQ(test::read_file(dir.path() + "/a/b/pkgs/two"), "2");
  EXPECT_EQ(test::read_file(*second + "/one"), "1");  // the previous install, for swap_back
  opened->swap_back(*second, had_previous);
  EXPECT_EQ(test::read_file(dir.path() + "/a/b/pkgs/one"), "1");
  EXPECT_FALSE(stdfs::exists(*second));

  auto listed = opened->list();
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].path, ".pinset");
  EXPECT_EQ((*listed)[1].path, "one");
}

TEST(InstallDir, MetaFilesAreWrittenWholeAndReadWithoutFollowingALink) {
  test::TempDir dir;
  dir.write("proj/pkgs/.pinset/state.json", "{}");
  auto opened = InstallDir::open(dir.path() + "/proj", "pkgs", false);
  ASSERT_TRUE(opened) << opened.error().render();
  ASSERT_TRUE(opened->write_meta("stamp.json", "one"));
  ASSERT_TRUE(opened->write_meta("stamp.json", "two"));
  EXPECT_EQ(dir.read("proj/pkgs/.pinset/stamp.json"), "two");
  EXPECT_EQ(stdfs::status(dir.path() + "/proj/pkgs/.pinset/stamp.json").permissions(),
            stdfs::perms(0644));
  FileId id;
  auto read = opened->read_meta("stamp.json", 100, &id);
  ASSERT_TRUE(read) << read.error().render();
  EXPECT_EQ(*read, "two");
  EXPECT_EQ(id.kind, EntryKind::file);
  EXPECT_EQ(id.size, 3u);
  EXPECT_EQ(opened->read_meta("stamp.json", 2, nullptr).error().code, "too-large");
  EXPECT_EQ(opened->read_meta("nothing.json", 100, nullptr).error().code, "not-found");
  // Only the file and the state: no temporary left behind.
  EXPECT_EQ(std::distance(stdfs::directory_iterator(dir.path() + "/proj/pkgs/.pinset"),
                          stdfs::directory_iterator{}),
            2);
  opened->remove_meta("stamp.json");
  EXPECT_FALSE(dir.exists("proj/pkgs/.pinset/stamp.json"));

  // .pinset made a link to another folder: nothing is read or written there.
  dir.write("elsewhere/stamp.json", "theirs");
  stdfs::remove_all(dir.path() + "/proj/pkgs/.pinset");
  stdfs::create_directory_symlink("../../elsewhere", dir.path() + "/proj/pkgs/.pinset");
  auto refused = opened->write_meta("stamp.json", "mine");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "io");
  EXPECT_FALSE(opened->read_meta("stamp.json", 100, nullptr));
  opened->remove_meta("stamp.json");
  EXPECT_EQ(dir.read("elsewhere/stamp.json"), "theirs");
  // The install folder itself made a link: the same.
  stdfs::remove(dir.path() + "/proj/pkgs/.pinset");
  stdfs::rename(dir.path() + "/proj/pkgs", dir.path() + "/proj/real");
  stdfs::create_directory_symlink("../elsewhere", dir.path() + "/proj/pkgs");
  dir.write("elsewhere/.pinset/stamp.json", "theirs too");
  EXPECT_FALSE(opened->write_meta("stamp.json", "mine"));
  EXPECT_FALSE(opened->read_meta("stamp.json", 100, nullptr));
  EXPECT_EQ(dir.read("elsewhere/.pinset/stamp.json"), "theirs too");
}

TEST(InstallDir, IdsNameEachEntryAsItIsAndMoveWhenItChanges) {
  test::TempDir dir;
  dir.write("pkgs/.pinset/state.json", "{}");
  dir.write("pkgs/@scope/a/x", "x");
  stdfs::create_directory_symlink("@scope", dir.path() + "/pkgs/link");
  auto opened = InstallDir::open(dir.path(), "pkgs", false);
  ASSERT_TRUE(opened);
  auto ids = opened->ids({"", "@scope", ".pinset/state.json", "link", "missing"});
  ASSERT_EQ(ids.size(), 5u);
  ASSERT_TRUE(ids[0] && ids[1] && ids[2] && ids[3]);
  EXPECT_EQ(ids[0]->kind, EntryKind::directory);
  EXPECT_EQ(ids[1]->kind, EntryKind::directory);
  EXPECT_EQ(ids[2]->kind, EntryKind::file);
  EXPECT_EQ(ids[3]->kind, EntryKind::symlink);  // not followed
  EXPECT_FALSE(ids[4]);
  // Nothing changed, the same identities; a file written in place, another one (its size here:
  // its times may stay within one clock tick).
  EXPECT_EQ(opened->ids({"", "@scope"}), (std::vector<std::optional<FileId>>{ids[0], ids[1]}));
  std::ofstream(dir.path() + "/pkgs/.pinset/state.json", std::ios::app) << "\n";
  auto after = opened->ids({".pinset/state.json"})[0];
  ASSERT_TRUE(after);
  EXPECT_EQ(after->ino, ids[2]->ino);
  EXPECT_NE(after, ids[2]);
  // A subfolder removed: its folder's link count says so, whatever the clock's resolution.
  stdfs::remove_all(dir.path() + "/pkgs/@scope/a");
  auto scope = opened->ids({"@scope"})[0];
  ASSERT_TRUE(scope);
  EXPECT_EQ(scope->ino, ids[1]->ino);
  EXPECT_EQ(scope->nlink + 1, ids[1]->nlink);
}

TEST(InstallDir, LeftoverMetaTemporariesOfDeadWritersAreRemoved) {
  test::TempDir dir;
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  int status = 0;
  ::waitpid(child, &status, 0);
  const std::string dead = "pkgs/.pinset/.tmp-" + std::to_string(child) + "-0-stamp.json";
  const std::string live = "pkgs/.pinset/.tmp-" + std::to_string(::getpid()) + "-0-stamp.json";
  dir.write(dead, "half");
  dir.write(live, "being written");
  dir.write("pkgs/.pinset/state.json", "{}");
  auto opened = InstallDir::open(dir.path(), "pkgs", false);
  ASSERT_TRUE(opened);
  opened->remove_leftovers();
  EXPECT_FALSE(dir.exists(dead));
  EXPECT_TRUE(dir.exists(live));
  EXPECT_TRUE(dir.exists("pkgs/.pinset/state.json"));
}

TEST(InstallDir, LockFileIsRemovedOnReleaseAndAWaiterStillExcludesOthers) {
  test::TempDir dir;
  auto opened = InstallDir::open(dir.path(), "pkgs", true);
  ASSERT_TRUE(opened);
  {
    auto lock = opened->lock(false, nullptr);
    ASSERT_TRUE(lock) << lock.error().render();
    EXPECT_TRUE(stdfs::exists(dir.path() + "/pkgs.lock"));
    auto second = opened->lock(false, nullptr);
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, "locked");
  }
  EXPECT_FALSE(stdfs::exists(dir.path() + "/pkgs.lock"));
  auto again = opened->lock(false, nullptr);
  EXPECT_TRUE(again);
}

TEST(RemoveTreeAt, RemovesReadOnlyFoldersAndNeverFollowsALink) {
  test::TempDir dir;
  dir.write("outside/keep", "k");
  dir.write("tree/sub/file", "f");
  stdfs::create_directory_symlink(dir.path() + "/outside", dir.path() + "/tree/link");
  stdfs::permissions(dir.path() + "/tree/sub", stdfs::perms::owner_read | stdfs::perms::owner_exec);
  remove_dead_writers_entries(dir.path(), "none-");  // nothing matches: nothing removed
  EXPECT_TRUE(stdfs::exists(dir.path() + "/tree/sub/file"));
  auto opened = InstallDir::open(dir.path(), "tree", false);
  ASSERT_TRUE(opened);
  auto staging = std::string(dir.path() + "/tree");
  opened->remove_staging(staging);
  EXPECT_FALSE(stdfs::exists(dir.path() + "/tree"));
  EXPECT_EQ(test::read_file(dir.path() + "/outside/keep"), "k");
}

}  // namespace
}  // namespace pinset::fs
