#include "core/fs/file_system.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>

#include "tests/support/process.hpp"

namespace pinset::fs {
namespace {

TEST(RealFileSystem, WriteAtomicReplacesAndLeavesNoTemporaries) {
  test::TempDir dir;
  std::string path = dir.path() + "/pinset.lock";
  FileSystem& fs = real_file_system();
  ASSERT_TRUE(fs.write_atomic(path, "one"));
  ASSERT_TRUE(fs.write_atomic(path, "two"));
  EXPECT_EQ(*fs.read(path, 100), "two");
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    (void)e;
    ++count;
  }
  EXPECT_EQ(count, 1);
}

TEST(RealFileSystem, FileIdFollowsTheFileAndMovesWhenItIsWritten) {
  test::TempDir dir;
  std::string path = dir.write("a.txt", "one");
  FileSystem& fs = real_file_system();
  auto first = fs.file_id(path);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->kind, EntryKind::file);
  EXPECT_EQ(first->size, 3u);
  EXPECT_EQ(fs.file_id(path), first);
  std::filesystem::create_symlink(path, dir.path() + "/link");
  EXPECT_EQ(fs.file_id(dir.path() + "/link"), first);  // as read() reads it
  ASSERT_TRUE(fs.write_atomic(path, "two"));
  auto second = fs.file_id(path);
  ASSERT_TRUE(second);
  EXPECT_NE(second->ino, first->ino);  // write_atomic: a new file
  EXPECT_FALSE(fs.file_id(dir.path() + "/missing"));
}

TEST(RealFileSystem, ReadRefusesOversizeAndNamesPath) {
  test::TempDir dir;
  std::string path = dir.write("big", std::string(1000, 'x'));
  auto r = real_file_system().read(path, 999);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "too-large");
  EXPECT_EQ(r.error().message, path + " is larger than the limit of 999 bytes");
  auto missing = real_file_system().read(dir.path() + "/nope", 10);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "not-found");
  EXPECT_EQ(missing.error().message,
            "cannot read " + dir.path() + "/nope: No such file or directory");
  auto directory = real_file_system().read(dir.path(), 10);
  ASSERT_FALSE(directory);
  EXPECT_EQ(directory.error().message, "cannot read " + dir.path() + ": it is a directory");
  // The path and the reason are data too, for callers that word their own message.
  EXPECT_EQ(missing.error().where.file, dir.path() + "/nope");
  EXPECT_EQ(missing.error().reason, "No such file or directory");
  EXPECT_EQ(directory.error().reason, "it is a directory");
  EXPECT_EQ(r.error().reason, "");
  std::string chunks;
  auto unread = real_file_system().read_chunks(dir.path() + "/nope",
                                               [&](std::string_view c) { chunks += c; });
  ASSERT_FALSE(unread);
  EXPECT_EQ(unread.error().reason, "No such file or directory");
}

// Bytes this process has read so far (rchar of /proc/self/io): counts read() calls, not time.
std::uint64_t bytes_read_so_far() {
  std::ifstream io("/proc/self/io");
  std::string key;
  std::uint64_t value = 0;
  while (io >> key >> value) {
    if (key == "rchar:") return value;
  }
  return 0;
}

TEST(RealFileSystem, ReadRefusesAnOversizedFileWithoutReadingIt) {
  test::TempDir dir;
  std::string path = dir.path() + "/huge.yaml";
  { std::ofstream(path) << "x"; }
  std::filesystem::resize_file(path, std::uintmax_t{1} << 30);  // 1 GiB, sparse
  std::uint64_t before = bytes_read_so_far();
  ASSERT_GT(before, 0u) << "/proc/self/io is not readable";
  auto r = real_file_system().read(path, std::size_t{256} << 20);
  std::uint64_t read = bytes_read_so_far() - before;
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "too-large");
  EXPECT_EQ(r.error().message, path + " is larger than the limit of 268435456 bytes");
  EXPECT_LT(read, 64u * 1024) << "read " << read << " bytes of a file it refuses";
}

TEST(RealFileSystem, WriteAtomicIntoMissingFolderFailsCleanly) {
  test::TempDir dir;
  auto r = real_file_system().write_atomic(dir.path() + "/no/such/dir/f", "x");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "io");
}

}  // namespace
}  // namespace pinset::fs

namespace pinset::fs {
namespace {

TEST(StaleTemporaries, OnlyThoseOfDeadProcessesAreRemoved) {
  test::TempDir dir;
  // A process that has exited: its pid is free (reuse within the test is vanishingly unlikely).
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  int status = 0;
  ::waitpid(child, &status, 0);
  const std::string dead =
      "." + std::string("pinset.lock") + ".tmp-" + std::to_string(child) + "-7";
  const std::string live = ".pinset.lock.tmp-" + std::to_string(::getpid()) + "-8";
  dir.write(dead, "half a lock");
  dir.write(live, "a lock being written");
  dir.write(".other.tmp-" + std::to_string(child) + "-9", "not ours");
  dir.write(".pinset.lock.tmp-notapid-1", "not a temporary of write_atomic");
  dir.write("pinset.lock", "{}");
  remove_stale_temporaries(dir.path() + "/pinset.lock");
  EXPECT_FALSE(dir.exists(dead));
  EXPECT_TRUE(dir.exists(live));
  EXPECT_TRUE(dir.exists(".other.tmp-" + std::to_string(child) + "-9"));
  EXPECT_TRUE(dir.exists(".pinset.lock.tmp-notapid-1"));
  EXPECT_EQ(dir.read("pinset.lock"), "{}");
}

}  // namespace
}  // namespace pinset::fs
