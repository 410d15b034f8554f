#include "core/fs/file_lock.hpp"

#include <gtest/gtest.h>

#include "tests/support/process.hpp"

namespace pinset::fs {
namespace {

TEST(FileLock, SecondHolderIsRefusedWithoutWaitAndGetsItAfterRelease) {
  test::TempDir dir;
  std::string path = dir.path() + "/.lock";
  {
    auto first = FileLock::acquire(path, false);
    ASSERT_TRUE(first) << first.error().render();
    // flock locks are per open file description: a second open in the same process conflicts.
    auto second = FileLock::acquire(path, false);
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, "locked");
    EXPECT_EQ(second.error().render(), path + ": another pinset process holds " + path +
                                           "\n  help: wait for it to finish, or run again without "
                                           "--no-wait");
  }
  auto again = FileLock::acquire(path, false);
  EXPECT_TRUE(again);
}

TEST(FileLock, RefusesUncreatablePath) {
  auto lock = FileLock::acquire("/nonexistent-dir/x.lock", true);
  ASSERT_FALSE(lock);
  EXPECT_EQ(lock.error().code, "io");
}

}  // namespace
}  // namespace pinset::fs
