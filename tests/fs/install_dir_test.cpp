#include "core/fs/install_dir.hpp"

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
