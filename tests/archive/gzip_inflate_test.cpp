// The libdeflate fast path for gzip: multi-member files, trailer checks (CRC-32 and size), and the
// cases it hands back to libarchive (not gzip, damaged data, over budget, a lying ISIZE).
#include "core/archive/gzip_inflate.hpp"

#include <gtest/gtest.h>
#include <libdeflate.h>

#include <memory>
#include <random>

#include "tests/archive/extract_fixture.hpp"

namespace pinset::archive {
namespace {

using test::ArchiveBuilder;
using test::ArchiveFormat;
using Outcome = GzipInflation::Outcome;

constexpr std::size_t k_budget = 128u << 20;

// One gzip member holding `data`; level 0 stores it, so a flipped byte keeps the deflate valid.
std::string gzip_member(const std::string& data, int level = 6) {
  std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)> compressor(
      libdeflate_alloc_compressor(level), &libdeflate_free_compressor);
  std::string out(libdeflate_gzip_compress_bound(compressor.get(), data.size()), '\0');
  const std::size_t size =
      libdeflate_gzip_compress(compressor.get(), data.data(), data.size(), out.data(), out.size());
  out.resize(size);
  return out;
}

std::string noise(std::size_t size) {
  std::mt19937 gen(7);
  std::string out(size, '\0');
  for (char& c : out)
    c = static_cast<char>(gen() & 0xff);
  return out;
}

std::string text(int lines) {
  std::string out;
  for (int i = 0; i < lines; ++i)
    out += "line " + std::to_string(i * 7919 % 10007) + "\n";
  return out;
}

std::string plain_tar() {
  return ArchiveBuilder(ArchiveFormat::tar)
      .file("pkg/readme", "hello")
      .file("pkg/lib/data.txt", text(50'000))
      .file("pkg/bin/tool", noise(100'000), 0755)
      .build();
}

std::string inflated(const GzipInflation& result) {
  return std::string(result.data.get(), result.size);
}

TEST(InflateGzip, SingleMemberIsInflatedWhole) {
  const std::string tar = plain_tar();
  GzipInflation result = inflate_gzip(gzip_member(tar), k_budget);
  ASSERT_EQ(result.outcome, Outcome::inflated);
  EXPECT_EQ(inflated(result), tar);
}

TEST(InflateGzip, MembersAreConcatenated) {
  // The last member is small, so the ISIZE hint is far too small for the first: the buffer grows.
  const std::string tar = plain_tar();
  const std::size_t cut1 = tar.size() / 3, cut2 = tar.size() - 700;
  const std::string gz = gzip_member(tar.substr(0, cut1)) +
                         gzip_member(tar.substr(cut1, cut2 - cut1), 0) +
                         gzip_member(tar.substr(cut2));
  GzipInflation result = inflate_gzip(gz, k_budget);
  ASSERT_EQ(result.outcome, Outcome::inflated);
  EXPECT_EQ(inflated(result), tar);
}

TEST(InflateGzip, HeaderFieldsAreSkipped) {
  // FEXTRA, FNAME, FCOMMENT and FHCRC, as gzip and other tools may write them.
  std::string gz = gzip_member("payload");
  std::string header = gz.substr(0, 10);
  header[3] = static_cast<char>(0x04 | 0x08 | 0x10 | 0x02);
  header += std::string("\x04\x00", 2) + "abcd" + std::string("name\0", 5) +
            std::string("comment\0", 8) + "hc";
  GzipInflation result = inflate_gzip(header + gz.substr(10), k_budget);
  ASSERT_EQ(result.outcome, Outcome::inflated);
  EXPECT_EQ(inflated(result), "payload");
}

TEST(InflateGzip, BadCrcIsReported) {
  std::string gz = gzip_member(noise(10'000), 0);
  gz[gz.size() / 2] = static_cast<char>(gz[gz.size() / 2] ^ 0x20);
  GzipInflation result = inflate_gzip(gz, k_budget);
  EXPECT_EQ(result.outcome, Outcome::bad_trailer);
  EXPECT_EQ(result.problem,
            "the CRC-32 in the gzip trailer of member 1 does not match its inflated data");
}

TEST(InflateGzip, BadSizeIsReportedForTheRightMember) {
  std::string second = gzip_member(text(100));
  second[second.size() - 4] = static_cast<char>(second[second.size() - 4] + 1);
  GzipInflation result = inflate_gzip(gzip_member("first") + second, k_budget);
  EXPECT_EQ(result.outcome, Outcome::bad_trailer);
  EXPECT_EQ(result.problem,
            "the size in the gzip trailer of member 2 does not match its inflated data");
}

TEST(InflateGzip, UnusualInputIsLeftToLibarchive) {
  const std::string gz = gzip_member(text(1000));
  EXPECT_EQ(inflate_gzip(plain_tar(), k_budget).outcome, Outcome::use_libarchive);
  EXPECT_EQ(inflate_gzip("", k_budget).outcome, Outcome::use_libarchive);
  EXPECT_EQ(inflate_gzip(gz.substr(0, gz.size() / 2), k_budget).outcome, Outcome::use_libarchive);
  EXPECT_EQ(inflate_gzip(gz.substr(0, gz.size() - 3), k_budget).outcome, Outcome::use_libarchive);
  EXPECT_EQ(inflate_gzip(gz + "trailing junk", k_budget).outcome, Outcome::use_libarchive);
  std::string reserved = gz;
  reserved[3] = static_cast<char>(0x20);
  EXPECT_EQ(inflate_gzip(reserved, k_budget).outcome, Outcome::use_libarchive);
  // More than the budget, as announced by ISIZE or found while inflating.
  EXPECT_EQ(inflate_gzip(gz, text(1000).size() - 1).outcome, Outcome::use_libarchive);
  EXPECT_EQ(inflate_gzip(gz, text(1000).size()).outcome, Outcome::inflated);
}

TEST(InflateGzip, LyingIsizeDoesNotBuyAWholeInflation) {
  // 64 MiB of zeros in ~64 KB, its ISIZE rewritten to 1000: the buffer grows to 8x the compressed
  // size at most, then the bytes go to libarchive, although all of it would fit the budget.
  std::string bomb = gzip_member(test::ustar_header("bomb.bin", 64u << 20) +
                                 std::string(64u << 20, '\0') + std::string(1024, '\0'));
  ASSERT_LT(bomb.size(), 1u << 20);
  const std::string honest = bomb;
  bomb.replace(bomb.size() - 4, 4, std::string("\xe8\x03\x00\x00", 4));
  EXPECT_EQ(inflate_gzip(bomb, k_budget).outcome, Outcome::use_libarchive);
  EXPECT_EQ(inflate_gzip(honest, k_budget).outcome, Outcome::inflated);
}

TEST_F(ExtractTest, MultiMemberGzipIsExtracted) {
  const std::string tar = plain_tar();
  const std::size_t cut = tar.size() / 2;
  auto receipt = run(gzip_member(tar.substr(0, cut)) + gzip_member(tar.substr(cut)));
  ASSERT_TRUE(receipt) << receipt.error().render();
  std::filesystem::remove_all(m_dest);
  std::filesystem::create_directory(m_dest);
  auto expected = run(tar, {}, "pkg-1.0.tar");
  ASSERT_TRUE(expected) << expected.error().render();
  ASSERT_EQ(receipt->files.size(), expected->files.size());
  for (std::size_t i = 0; i < receipt->files.size(); ++i) {
    EXPECT_EQ(receipt->files[i].path, expected->files[i].path);
    EXPECT_EQ(receipt->files[i].sha256, expected->files[i].sha256);
    EXPECT_EQ(receipt->files[i].mode, expected->files[i].mode);
  }
  EXPECT_EQ(receipt->total_bytes, 5u + text(50'000).size() + 100'000u);
}

TEST_F(ExtractTest, DamagedStoredGzipDataIsRefusedByItsCrc) {
  // Damage to stored (incompressible) blocks keeps the deflate stream valid; only the trailer's
  // CRC-32 shows it. libarchive alone extracted such an archive without a word.
  std::string gz = gzip_member(plain_tar(), 0);
  gz[gz.size() / 2] = static_cast<char>(gz[gz.size() / 2] ^ 0x01);
  expect_refused(run(gz), "corrupt-archive",
                 "the archive is damaged: the CRC-32 in the gzip trailer of member 1 does not "
                 "match its inflated data");
}

TEST_F(ExtractTest, GzipWithAWrongSizeIsRefused) {
  std::string gz = gzip_member(plain_tar());
  gz[gz.size() - 1] = static_cast<char>(gz[gz.size() - 1] ^ 0x01);  // ISIZE's high byte
  expect_refused(run(gz), "corrupt-archive",
                 "the archive is damaged: the size in the gzip trailer of member 1 does not "
                 "match its inflated data");
}

TEST_F(ExtractTest, BombWithALyingIsizeIsStillRefusedFromItsHeader) {
  std::string bomb = gzip_member(test::ustar_header("bomb.bin", 64u << 20) +
                                 std::string(64u << 20, '\0') + std::string(1024, '\0'));
  bomb.replace(bomb.size() - 4, 4, std::string("\xe8\x03\x00\x00", 4));
  Options options;
  options.limits.max_file_bytes = 32u << 20;
  expect_refused(run(bomb, options), "archive-too-large",
                 "member \"bomb.bin\" is larger than the limit of 33554432 bytes for one file");
}

}  // namespace
}  // namespace pinset::archive
