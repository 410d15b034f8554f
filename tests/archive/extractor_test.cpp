// Archives that must extract: every format, receipts checked against an independent sha256sum,
// strip_components, allowed links, sparse files, modes, and the destination's preconditions.
#include "core/archive/extractor.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "tests/archive/extract_fixture.hpp"

namespace pinset::archive {
namespace {

using test::ArchiveBuilder;
using test::ArchiveFormat;
using Type = FileRecord::Type;

std::string random_bytes(std::size_t size, unsigned seed) {
  std::mt19937 gen(seed);
  std::string out(size, '\0');
  for (char& c : out)
    c = static_cast<char>(gen() & 0xff);
  return out;
}

// sha256sum's answer for a file: a digest computed by another program.
std::string sha256sum(const std::string& file) {
  test::ProcessResult r = test::run_process("sha256sum", {file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out.substr(0, 64);
}

std::uint32_t mode_of(const std::string& file) {
  struct stat st {};
  EXPECT_EQ(lstat(file.c_str(), &st), 0) << file;
  return st.st_mode & 07777;
}

std::string describe(const FileRecord& r) {
  const char* type = r.type == Type::file        ? "file"
                     : r.type == Type::directory ? "dir"
                     : r.type == Type::symlink   ? "symlink"
                                                 : "hardlink";
  char mode[8];
  std::snprintf(mode, sizeof mode, "%04o", r.mode);
  std::string out = r.path + " " + type + " " + mode + " " + std::to_string(r.size);
  if (!r.link_target.empty()) out += " -> " + r.link_target;
  return out;
}

std::vector<std::string> describe(const Receipt& receipt) {
  std::vector<std::string> out;
  for (const FileRecord& r : receipt.files)
    out.push_back(describe(r));
  return out;
}

class RoundTrip : public ExtractTest, public ::testing::WithParamInterface<ArchiveFormat> {};

TEST_P(RoundTrip, ExtractsWithCorrectReceipt) {
  const std::string data = random_bytes(300'000, 7);
  const std::string readme = "# pkg\n";
  ArchiveBuilder builder(GetParam());
  builder.dir("pkg-1.0/", 0755)
      .file("pkg-1.0/README.md", readme)
      .file("pkg-1.0/bin/tool", "#!/bin/sh\necho hi\n", 0755)
      .file("pkg-1.0/lib/data.bin", data)
      .file("pkg-1.0/empty", "")
      .symlink("pkg-1.0/lib/current", "data.bin")
      .file("pkg-1.0/lib/caf\xc3\xa9.txt", "unicode name\n");
  if (GetParam() != ArchiveFormat::zip)
    builder.hardlink("pkg-1.0/lib/again.bin", "pkg-1.0/lib/data.bin");
  auto receipt = run(builder.build());
  ASSERT_TRUE(receipt) << receipt.error().render();

  std::vector<std::string> expected = {
      "pkg-1.0 dir 0755 0",
      "pkg-1.0/README.md file 0644 6",
      "pkg-1.0/bin dir 0755 0",
      "pkg-1.0/bin/tool file 0755 18",
      "pkg-1.0/empty file 0644 0",
      "pkg-1.0/lib dir 0755 0",
      "pkg-1.0/lib/caf\xc3\xa9.txt file 0644 13",
      "pkg-1.0/lib/current symlink 0777 0 -> data.bin",
      "pkg-1.0/lib/data.bin file 0644 300000",
  };
  if (GetParam() != ArchiveFormat::zip) {
    expected.insert(expected.begin() + 6,
                    "pkg-1.0/lib/again.bin hardlink 0644 300000 -> pkg-1.0/lib/data.bin");
  }
  EXPECT_EQ(describe(*receipt), expected);
  EXPECT_EQ(receipt->total_bytes, 300'000u + 6 + 18 + 13);

  for (const FileRecord& r : receipt->files) {
    if (r.type == Type::file || r.type == Type::hardlink) {
      EXPECT_EQ(r.sha256, sha256sum(path(r.path))) << r.path;
    } else {
      EXPECT_EQ(r.sha256, "") << r.path;
    }
    if (r.type != Type::symlink) {
      EXPECT_EQ(mode_of(path(r.path)), r.mode) << r.path;
    }
  }
  EXPECT_EQ(test::read_file(path("pkg-1.0/lib/data.bin")), data);
  EXPECT_EQ(test::read_file(path("pkg-1.0/lib/current")), data);  // the link works
  EXPECT_EQ(std::filesystem::read_symlink(path("pkg-1.0/lib/current")), "data.bin");
  if (GetParam() != ArchiveFormat::zip) {
    struct stat a {
    }, b{};
    ASSERT_EQ(stat(path("pkg-1.0/lib/data.bin").c_str(), &a), 0);
    ASSERT_EQ(stat(path("pkg-1.0/lib/again.bin").c_str(), &b), 0);
    EXPECT_EQ(a.st_ino, b.st_ino);
  }
}

std::string format_name(const ::testing::TestParamInfo<ArchiveFormat>& param) {
  static const char* const k_names[] = {"tar", "tar_gz", "tar_xz", "tar_bz2", "tar_zst", "zip"};
  return k_names[static_cast<int>(param.param)];
}

INSTANTIATE_TEST_SUITE_P(Formats, RoundTrip,
                         ::testing::Values(ArchiveFormat::tar, ArchiveFormat::tar_gz,
                                           ArchiveFormat::tar_xz, ArchiveFormat::tar_bz2,
                                           ArchiveFormat::tar_zst, ArchiveFormat::zip),
                         format_name);

TEST_F(ExtractTest, StripComponentsDropsLeadingPartsAndSkipsWhatVanishes) {
  Options options;
  options.strip_components = 1;
  auto receipt = run(ArchiveBuilder()
                         .dir("package/")
                         .file("package/index.js", "x")
                         .file("package/lib/a.js", "a")
                         .file("top-level.txt", "skipped")
                         .symlink("package/lib/b.js", "a.js")
                         .hardlink("package/lib/c.js", "package/lib/a.js")
                         .build(),
                     options);
  ASSERT_TRUE(receipt) << receipt.error().render();
  EXPECT_EQ(describe(*receipt), (std::vector<std::string>{
                                    "index.js file 0644 1",
                                    "lib dir 0755 0",
                                    "lib/a.js file 0644 1",
                                    "lib/b.js symlink 0777 0 -> a.js",
                                    "lib/c.js hardlink 0644 1 -> lib/a.js",
                                }));
  EXPECT_FALSE(std::filesystem::exists(path("top-level.txt")));
  EXPECT_FALSE(std::filesystem::exists(path("package")));
}

TEST_F(ExtractTest, ModesAreSanitised) {
  auto receipt = run(ArchiveBuilder()
                         .file("setuid", "x", 04755)
                         .file("setgid", "x", 02711)
                         .file("world-writable", "x", 0666)
                         .file("no-bits", "x", 0000)
                         .dir("sticky/", 01777)
                         .dir("locked/", 0500)
                         .file("locked/inside", "x", 0444)
                         .build());
  ASSERT_TRUE(receipt) << receipt.error().render();
  EXPECT_EQ(mode_of(path("setuid")), 0755u);
  EXPECT_EQ(mode_of(path("setgid")), 0711u);
  EXPECT_EQ(mode_of(path("world-writable")), 0644u);
  EXPECT_EQ(mode_of(path("no-bits")), 0600u);
  EXPECT_EQ(mode_of(path("sticky")), 0755u);
  EXPECT_EQ(mode_of(path("locked")), 0700u);
  EXPECT_EQ(mode_of(path("locked/inside")), 0644u);
  for (const FileRecord& r : receipt->files)
    EXPECT_EQ(mode_of(path(r.path)), r.mode) << r.path;
}

TEST_F(ExtractTest, FolderDeclaredAfterItsContentKeepsItsMode) {
  auto receipt = run(ArchiveBuilder().file("d/f", "x").dir("d/", 0750).dir("d/", 0750).build());
  ASSERT_TRUE(receipt) << receipt.error().render();
  EXPECT_EQ(describe(*receipt), (std::vector<std::string>{"d dir 0750 0", "d/f file 0644 1"}));
  EXPECT_EQ(mode_of(path("d")), 0750u);
}

TEST_F(ExtractTest, RelativeLinksInsideThePackageAreAllowed) {
  auto receipt = run(ArchiveBuilder()
                         .file("lib/libz.so.1.2", "elf")
                         .symlink("lib/libz.so.1", "libz.so.1.2")
                         .symlink("lib/libz.so", "./libz.so.1")
                         .symlink("bin/z", "../lib/libz.so")
                         .symlink("a/b/root", "../..")
                         .symlink("dangling", "not/yet/there")
                         .build());
  ASSERT_TRUE(receipt) << receipt.error().render();
  EXPECT_EQ(test::read_file(path("bin/z")), "elf");
  EXPECT_TRUE(std::filesystem::equivalent(path("a/b/root"), m_dest));
  EXPECT_EQ(std::filesystem::read_symlink(path("dangling")), "not/yet/there");
}

TEST_F(ExtractTest, SparseFileHolesAreCountedAndHashed) {
  constexpr std::int64_t k_size = 10 << 20;
  std::string content(k_size, '\0');
  content.replace(5 << 20, 3, "abc");
  test::ArchiveMember sparse{"sparse.img",     test::ArchiveMember::Kind::file, content, 0644, {},
                             {{5 << 20, 4096}}};
  std::string bytes = ArchiveBuilder().add(sparse).build();
  ASSERT_LT(bytes.size(), 100'000u);  // the holes are not stored
  auto receipt = run(bytes);
  ASSERT_TRUE(receipt) << receipt.error().render();
  ASSERT_EQ(receipt->files.size(), 1u);
  EXPECT_EQ(receipt->files[0].size, static_cast<std::uint64_t>(k_size));
  EXPECT_EQ(receipt->total_bytes, static_cast<std::uint64_t>(k_size));
  EXPECT_EQ(receipt->files[0].sha256, sha256sum(path("sparse.img")));
  EXPECT_EQ(test::read_file(path("sparse.img")), content);
}

TEST_F(ExtractTest, EmptyArchiveGivesEmptyReceipt) {
  auto receipt = run(ArchiveBuilder().build());
  ASSERT_TRUE(receipt) << receipt.error().render();
  EXPECT_TRUE(receipt->files.empty());
  EXPECT_EQ(receipt->total_bytes, 0u);
}

TEST_F(ExtractTest, RootMemberIsIgnored) {
  auto receipt = run(ArchiveBuilder().dir("./", 0777).file("./a", "x").build());
  ASSERT_TRUE(receipt) << receipt.error().render();
  EXPECT_EQ(describe(*receipt), (std::vector<std::string>{"a file 0644 1"}));
}

TEST_F(ExtractTest, DestinationMustBeEmptyAndIsThenLeftAlone) {
  test::TempDir other;
  other.write("keep.txt", "mine");
  auto result = extract(ArchiveBuilder().file("a", "x").build(), "pkg.tgz", other.path());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "io");
  EXPECT_EQ(result.error().message,
            "the destination folder " + quote(other.path()) + " is not empty");
  EXPECT_EQ(result.error().where.file, "pkg.tgz");
  EXPECT_EQ(other.read("keep.txt"), "mine");
  EXPECT_FALSE(other.exists("a"));
}

TEST_F(ExtractTest, MissingDestinationIsAnError) {
  auto result = extract(ArchiveBuilder().file("a", "x").build(), "pkg.tgz", m_dest + "/missing");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "io");
  EXPECT_EQ(result.error().message, "cannot open the destination folder " +
                                        quote(m_dest + "/missing") + ": No such file or directory");
}

}  // namespace
}  // namespace pinset::archive
