#include "core/fs/read_fd.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "tests/support/process.hpp"

namespace pinset::fs {
namespace {

TEST(ReadFd, HandsOverTheWholeFileInPiecesOfAtMost64KiB) {
  test::TempDir dir;
  std::string content;
  for (int i = 0; content.size() < 200'000; ++i)
    content += std::to_string(i) + "\n";
  std::string path = dir.write("data", content);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  std::string read;
  std::vector<std::size_t> sizes;
  EXPECT_EQ(read_fd(fd,
                    [&](std::string_view piece) {
                      read += piece;
                      sizes.push_back(piece.size());
                      return true;
                    }),
            0);
  ::close(fd);
  EXPECT_EQ(read, content);
  ASSERT_GE(sizes.size(), 4u);
  for (std::size_t size : sizes) {
    EXPECT_GT(size, 0u);
    EXPECT_LE(size, 65536u);
  }
}

TEST(ReadFd, StopsWhenThePieceSaysSo) {
  test::TempDir dir;
  std::string path = dir.write("data", std::string(300'000, 'x'));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  int pieces = 0;
  EXPECT_EQ(read_fd(fd, [&](std::string_view) { return ++pieces < 2; }), 0);
  ::close(fd);
  EXPECT_EQ(pieces, 2);
}

TEST(ReadFd, AnEmptyFileGivesNoPiece) {
  test::TempDir dir;
  std::string path = dir.write("empty", "");
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  int pieces = 0;
  EXPECT_EQ(read_fd(fd, [&](std::string_view) { return ++pieces > 0; }), 0);
  ::close(fd);
  EXPECT_EQ(pieces, 0);
}

TEST(ReadFd, ReturnsTheErrnoOfAFailedRead) {
  test::TempDir dir;
  int fd = ::open(dir.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(read_fd(fd, [](std::string_view) { return true; }), EISDIR);
  ::close(fd);
}

}  // namespace
}  // namespace pinset::fs
