// Decompression bombs and other resource attacks: sizes, member counts, path lengths and depth.
// Every refusal leaves nothing behind (see the fixture).
#include <gtest/gtest.h>

#include <chrono>

#include "tests/archive/extract_fixture.hpp"

namespace pinset::archive {
namespace {

using test::ArchiveBuilder;
using test::ArchiveFormat;

constexpr std::uint64_t k_mib = 1u << 20;
constexpr std::uint64_t k_gib = 1u << 30;

TEST_F(ExtractTest, GzipBombIsRefusedBeforeAnyOfItIsWritten) {
  // 3 GiB of zeros in about 3 MB: refused from its header, without inflating it.
  std::string bomb = test::gzip_zero_bomb("bomb.bin", 3 * k_gib);
  ASSERT_LT(bomb.size(), 4 * k_mib);
  auto result = run(bomb);
  expect_refused(result, "archive-too-large",
                 "member \"bomb.bin\" is larger than the limit of 1073741824 bytes for one file");
}

TEST_F(ExtractTest, GzipBombIsStoppedByTheTotalLimit) {
  Options options;
  options.limits.max_file_bytes = 4 * k_gib;
  auto result = run(test::gzip_zero_bomb("bomb.bin", 3 * k_gib), options);
  expect_refused(result, "archive-too-large",
                 "member \"bomb.bin\" takes the expanded size of the archive past the limit of "
                 "2147483648 bytes");
}

TEST_F(ExtractTest, GzipBombUnderTheLimitsIsExtractedInFull) {
  // The same construction under the limits: proves the bomb is a valid archive that would
  // inflate to its declared size, so the refusals above are not an accident of its format.
  auto receipt = run(test::gzip_zero_bomb("zeros.bin", 32 * k_mib));
  ASSERT_TRUE(receipt) << receipt.error().render();
  ASSERT_EQ(receipt->files.size(), 1u);
  EXPECT_EQ(receipt->files[0].size, 32 * k_mib);
  EXPECT_EQ(std::filesystem::file_size(path("zeros.bin")), 32 * k_mib);
}

TEST_F(ExtractTest, TotalLimitCountsEveryFile) {
  Options options;
  options.limits.max_total_bytes = 1000;
  std::string data(400, 'x');
  auto result =
      run(ArchiveBuilder().file("a", data).file("b", data).file("c", data).build(), options);
  expect_refused(result, "archive-too-large",
                 "member \"c\" takes the expanded size of the archive past the limit of 1000 "
                 "bytes");
  auto fits = run(ArchiveBuilder().file("a", data).file("b", data).build(), options);
  EXPECT_TRUE(fits) << fits.error().render();
}

TEST_F(ExtractTest, SkippedMembersCountTowardsTheTotal) {
  // A member removed by strip_components is still decompressed to be skipped.
  Options options;
  options.strip_components = 1;
  options.limits.max_total_bytes = 1000;
  std::string data(600, 'x');
  auto result = run(ArchiveBuilder().file("skipped", data).file("pkg/kept", data).build(), options);
  expect_refused(result, "archive-too-large",
                 "member \"pkg/kept\" takes the expanded size of the archive past the limit of "
                 "1000 bytes");
}

TEST_F(ExtractTest, SparseHolesCountTowardsTheLimits) {
  std::string content(10 * k_mib, '\0');
  test::ArchiveMember sparse{"sparse.img",     test::ArchiveMember::Kind::file, content, 0644, {},
                             {{1 << 20, 4096}}};
  const std::string bytes = ArchiveBuilder().add(sparse).build();
  Options options;
  options.limits.max_total_bytes = 8 * k_mib;
  expect_refused(run(bytes, options), "archive-too-large",
                 "member \"sparse.img\" takes the expanded size of the archive past the limit of "
                 "8388608 bytes");
  options = {};
  options.limits.max_file_bytes = 8 * k_mib;
  expect_refused(run(bytes, options), "archive-too-large",
                 "member \"sparse.img\" is larger than the limit of 8388608 bytes for one file");
}

TEST_F(ExtractTest, ZipMemberWithMoreDataThanDeclaredIsCut) {
  // A zip whose headers say 100 bytes while its deflate stream inflates to 8 MiB: libarchive
  // hands out all of it, so the extractor must stop at the declared size itself.
  std::string zip =
      ArchiveBuilder(ArchiveFormat::zip).file("big.bin", std::string(8 * k_mib, '\0')).build();
  auto patch_u32 = [&](std::size_t at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i)
      zip[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
  };
  int patched = 0;
  for (std::size_t i = 0; i + 4 <= zip.size(); ++i) {
    std::string_view sig(&zip[i], 4);
    if (sig == std::string_view("PK\x03\x04", 4)) patch_u32(i + 22, 100), ++patched;  // local
    if (sig == std::string_view("PK\x07\x08", 4)) patch_u32(i + 12, 100), ++patched;  // descriptor
    if (sig == std::string_view("PK\x01\x02", 4)) patch_u32(i + 24, 100), ++patched;  // central
  }
  ASSERT_EQ(patched, 3);
  auto result = run(zip, {}, "pkg-1.0.zip");
  expect_refused(result, "corrupt-archive",
                 "member \"big.bin\" holds more data than its header declares (100 bytes)",
                 "pkg-1.0.zip");
}

TEST_F(ExtractTest, TenThousandNestedFoldersHitTheDepthLimit) {
  std::string deep;
  for (int i = 0; i < 10'000; ++i)
    deep += "d/";
  deep += "f";
  Options options;
  options.limits.max_path_bytes = 1 << 20;  // let the depth limit speak
  auto result = run(ArchiveBuilder().file("ok", "x").file(deep, "x").build(), options);
  expect_refused(result, "archive-too-deep",
                 "member " + quote(deep) + " is 10001 levels deep, over the limit of 64");
  // With the default limits the path length is refused first.
  result = run(ArchiveBuilder().file(deep, "x").build());
  expect_refused(result, "archive-path-too-long",
                 "member " + quote(deep) + " has a path of 20001 bytes, over the limit of 1024");
}

TEST_F(ExtractTest, FoldersNestedOneMemberAtATimeHitTheDepthLimit) {
  ArchiveBuilder builder;
  std::string dir;
  for (int i = 0; i < 100; ++i) {
    dir += "a/";
    builder.dir(dir);
  }
  std::string too_deep;
  for (int i = 0; i < 65; ++i)
    too_deep += "a/";
  expect_refused(run(builder.build()), "archive-too-deep",
                 "member " + quote(too_deep) + " is 65 levels deep, over the limit of 64");
}

TEST_F(ExtractTest, OverlongNamesAreRefused) {
  const std::string long_path = std::string(600, 'p') + "/" + std::string(600, 'q');
  expect_refused(
      run(ArchiveBuilder().file(long_path, "x").build()), "archive-path-too-long",
      "member " + quote(long_path) + " has a path of 1201 bytes, over the limit of 1024");
  const std::string long_name = "dir/" + std::string(300, 'n');
  expect_refused(
      run(ArchiveBuilder().file(long_name, "x").build()), "archive-path-too-long",
      "member " + quote(long_name) + " has a name part of 300 bytes, over the limit of 255");
  const std::string long_target = std::string(2000, 't');
  expect_refused(run(ArchiveBuilder().symlink("l", long_target).build()), "archive-path-too-long",
                 "symbolic link \"l\" has a target of 2000 bytes, over the limit of 1024");
}

TEST_F(ExtractTest, TooManyMembersAreRefused) {
  Options options;
  options.limits.max_entries = 100;
  ArchiveBuilder builder;
  for (int i = 0; i < 100; ++i)
    builder.file("f" + std::to_string(i), "");
  EXPECT_TRUE(run(builder.build(), options));  // exactly at the limit
  std::filesystem::remove_all(m_dest);
  std::filesystem::create_directory(m_dest);
  builder.file("one-too-many", "");
  expect_refused(run(builder.build(), options), "archive-too-large",
                 "the archive has more than 100 members");
}

}  // namespace
}  // namespace pinset::archive
