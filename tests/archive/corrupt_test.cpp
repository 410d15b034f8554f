// Damaged archives and things that are not archives: a clear "corrupt-archive" error naming the
// archive, and nothing left behind.
#include <gtest/gtest.h>

#include <random>

#include "tests/archive/extract_fixture.hpp"

namespace pinset::archive {
namespace {

using test::ArchiveBuilder;
using test::ArchiveFormat;

const std::string k_not_an_archive =
    "the archive is not a tar or zip archive (plain or compressed with gzip, xz, bzip2 or zstd), "
    "or is damaged: \"Unrecognized archive format\"";

std::string noise(std::size_t size) {
  std::mt19937 gen(42);
  std::string out(size, '\0');
  for (char& c : out)
    c = static_cast<char>(gen() & 0xff);
  return out;
}

TEST_F(ExtractTest, TruncatedGzipIsCorrupt) {
  std::string good =
      ArchiveBuilder().file("pkg/readme", "hello").file("pkg/data.bin", noise(200'000)).build();
  auto result = run(good.substr(0, good.size() / 2));
  expect_refused(result, "corrupt-archive",
                 "the archive is corrupt or truncated in member \"pkg/data.bin\": \"truncated "
                 "gzip input\"");
}

TEST_F(ExtractTest, TruncatedHeaderIsCorrupt) {
  std::string good = ArchiveBuilder(ArchiveFormat::tar).file("a", "x").file("b", "y").build();
  // Cut inside the second member's header.
  auto result = run(good.substr(0, good.find("b\0", 512) + 100), {}, "pkg-1.0.tar");
  ASSERT_FALSE(result);
  expect_refused(result, "corrupt-archive",
                 "the archive is corrupt or truncated after member \"a\": \"Truncated tar "
                 "archive\"",
                 "pkg-1.0.tar");
}

TEST_F(ExtractTest, CorruptedCompressedDataIsCorrupt) {
  // Compressible text, so the damage lands in Huffman-coded data that inflate rejects; libdeflate
  // refuses it too and hands it to libarchive, whose message this is. (Damage to stored blocks is
  // caught by the gzip CRC-32: gzip_inflate_test.cpp.)
  std::string text;
  for (int i = 0; i < 20'000; ++i)
    text += "line " + std::to_string(i * 7919 % 10007) + "\n";
  std::string bytes = ArchiveBuilder().file("a.txt", text).build();
  for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i)
    bytes[i] = static_cast<char>(~bytes[i]);
  auto result = run(bytes);
  ASSERT_FALSE(result);
  expect_refused(result, "corrupt-archive",
                 "the archive is corrupt or truncated in member \"a.txt\": \"gzip decompression "
                 "failed\"");
}

TEST_F(ExtractTest, CorruptedZipIsDetected) {
  const std::string good =
      ArchiveBuilder(ArchiveFormat::zip).file("a.txt", std::string(1000, 'a')).build();
  auto u16 = [&](std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(good[at])) |
           static_cast<std::size_t>(static_cast<unsigned char>(good[at + 1])) << 8;
  };
  ASSERT_EQ(good.substr(0, 4), std::string("PK\x03\x04", 4));
  // Damaged deflate data.
  std::string zip = good;
  const std::size_t data = 30 + u16(26) + u16(28);  // after the local header, name and extra
  zip[data + 3] = static_cast<char>(zip[data + 3] ^ 0x01);
  expect_refused(run(zip, {}, "pkg.zip"), "corrupt-archive",
                 "the archive is corrupt or truncated in member \"a.txt\": \"ZIP decompression "
                 "failed (-3)\"",
                 "pkg.zip");
  // Intact data whose recorded CRC (data descriptor and central directory) does not match.
  zip = good;
  const std::size_t descriptor = zip.find(std::string("PK\x07\x08", 4));
  const std::size_t central = zip.find(std::string("PK\x01\x02", 4));
  ASSERT_NE(descriptor, std::string::npos);
  ASSERT_NE(central, std::string::npos);
  zip[descriptor + 4] = static_cast<char>(zip[descriptor + 4] ^ 0x01);
  zip[central + 16] = static_cast<char>(zip[central + 16] ^ 0x01);
  auto result = run(zip, {}, "pkg.zip");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "corrupt-archive");
  EXPECT_TRUE(result.error().message.starts_with(
      "the archive is corrupt or truncated in member \"a.txt\": \"ZIP bad CRC"))
      << result.error().message;
  EXPECT_EQ(snapshot(m_tmp.path()), m_before);
}

TEST_F(ExtractTest, RandomBytesNamedTarGzAreNotAnArchive) {
  expect_refused(run(noise(4096)), "corrupt-archive", k_not_an_archive);
}

TEST_F(ExtractTest, EmptyInputIsNotAnArchive) {
  auto result = run("");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "corrupt-archive");
  EXPECT_EQ(snapshot(m_tmp.path()), m_before);
}

TEST_F(ExtractTest, TextNamedTarGzIsNotAnArchive) {
  expect_refused(run("<html><body>404 Not Found</body></html>\n"), "corrupt-archive",
                 k_not_an_archive);
}

}  // namespace
}  // namespace pinset::archive
