// Archives that try to write outside the destination, through links, or special files. Each is
// refused as a whole: the error names the archive and the member, and nothing is left anywhere
// (the fixture snapshots the whole temporary folder around the destination). Benign members come
// first in most archives, so the tests also prove that what was written is removed again.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/archive/extract_fixture.hpp"

namespace pinset::archive {
namespace {

using test::ArchiveBuilder;
using test::ArchiveFormat;
using Kind = test::ArchiveMember::Kind;

TEST_F(ExtractTest, AbsolutePathIsRefused) {
  const std::string target = m_tmp.path() + "/outer/escaped.txt";
  auto result = run(ArchiveBuilder().file("ok.txt", "fine").file(target, "pwned").build());
  expect_refused(result, "unsafe-archive", "member " + quote(target) + " has an absolute path");
  EXPECT_FALSE(std::filesystem::exists(target));
}

TEST_F(ExtractTest, DotDotMemberIsRefused) {
  auto result = run(ArchiveBuilder().file("ok.txt", "fine").file("../escaped.txt", "x").build());
  expect_refused(result, "unsafe-archive", "member \"../escaped.txt\" has a \"..\" path component");
}

TEST_F(ExtractTest, DotDotInsideThePathIsRefused) {
  auto result = run(ArchiveBuilder().dir("a/").file("a/../../escaped.txt", "x").build());
  expect_refused(result, "unsafe-archive",
                 "member \"a/../../escaped.txt\" has a \"..\" path component");
}

TEST_F(ExtractTest, DotDotIsRefusedEvenWhenStripped) {
  Options options;
  options.strip_components = 2;
  auto result = run(ArchiveBuilder().file("x/../y", "x").build(), options);
  expect_refused(result, "unsafe-archive", "member \"x/../y\" has a \"..\" path component");
}

// node-tar CVE-2021-32803 / CVE-2021-37701: plant a symlink, then write through it.
TEST_F(ExtractTest, SymlinkToEtcIsRefused) {
  auto result = run(ArchiveBuilder()
                        .file("ok.txt", "fine")
                        .symlink("etc", "/etc")
                        .file("etc/pinset-test-pwned", "x")
                        .build());
  expect_refused(result, "unsafe-archive",
                 "symbolic link \"etc\" points to the absolute path \"/etc\"");
  EXPECT_FALSE(std::filesystem::exists("/etc/pinset-test-pwned"));
}

TEST_F(ExtractTest, SymlinkClimbingOutIsRefused) {
  auto result = run(ArchiveBuilder().dir("a/").symlink("a/up", "../../outer").build());
  expect_refused(result, "unsafe-archive",
                 "symbolic link \"a/up\" points outside the package: \"../../outer\"");
}

TEST_F(ExtractTest, FileThroughAnInsideSymlinkIsRefused) {
  auto result =
      run(ArchiveBuilder().dir("real/").symlink("link", "real").file("link/file.txt", "x").build());
  expect_refused(result, "unsafe-archive",
                 "member \"link/file.txt\" would be written through the symbolic link \"link\"");
}

TEST_F(ExtractTest, SymlinkChainEscapingIsRefused) {
  // "a/b" -> ".." is the root: allowed. "c" -> "a/b/.." reads as "a" lexically, but "a/b" is a
  // link to the root, so the kernel would resolve it to the root's parent.
  auto result = run(ArchiveBuilder().symlink("a/b", "..").symlink("c", "a/b/..").build());
  expect_refused(result, "unsafe-archive",
                 "symbolic link \"c\" has a \"..\" after a name in its target \"a/b/..\"; only "
                 "leading \"..\" parts are allowed");
}

TEST_F(ExtractTest, SymlinkChainThroughAnotherLinkIsRefusedAtTheEscapingLink) {
  auto result = run(ArchiveBuilder().symlink("d/l1", "../l2").symlink("l2", "../outer").build());
  expect_refused(result, "unsafe-archive",
                 "symbolic link \"l2\" points outside the package: \"../outer\"");
}

TEST_F(ExtractTest, DirectoryReplacedBySymlinkIsRefused) {
  auto result =
      run(ArchiveBuilder().dir("d/").file("d/f", "x").symlink("d", ".").file("d/g", "y").build());
  expect_refused(result, "unsafe-archive",
                 "member \"d\" appears twice: \"d\" is a folder, then a symbolic link");
}

TEST_F(ExtractTest, SymlinkReplacedByDirectoryIsRefused) {
  auto result = run(ArchiveBuilder().symlink("d", "e").dir("d/").file("d/f", "x").build());
  expect_refused(result, "unsafe-archive",
                 "member \"d/\" appears twice: \"d\" is a symbolic link, then a folder");
}

TEST_F(ExtractTest, FileThenSymlinkOfTheSameNameIsRefused) {
  auto result = run(ArchiveBuilder().file("x", "data").symlink("x", "y").build());
  expect_refused(result, "unsafe-archive",
                 "member \"x\" appears twice: \"x\" is a file, then a symbolic link");
}

TEST_F(ExtractTest, SameFileTwiceIsRefused) {
  auto result = run(ArchiveBuilder().file("x", "one").file("./x", "two").build());
  expect_refused(result, "unsafe-archive",
                 "member \"./x\" appears twice: \"x\" is a file, then a file");
}

TEST_F(ExtractTest, MemberInsideAFileIsRefused) {
  auto result = run(ArchiveBuilder().file("f", "x").file("f/g", "y").build());
  expect_refused(result, "unsafe-archive",
                 "member \"f/g\" would be written inside \"f\", which is a file");
}

TEST_F(ExtractTest, HardlinkToAbsolutePathIsRefused) {
  auto result = run(ArchiveBuilder().file("ok", "x").hardlink("h", "/etc/passwd").build());
  expect_refused(result, "unsafe-archive",
                 "hard link \"h\" points to \"/etc/passwd\", which has an absolute path");
}

TEST_F(ExtractTest, HardlinkClimbingOutIsRefused) {
  auto result = run(ArchiveBuilder().hardlink("h", "../../outer/x").build());
  expect_refused(result, "unsafe-archive",
                 "hard link \"h\" points to \"../../outer/x\", which has a \"..\" path component");
}

TEST_F(ExtractTest, HardlinkToSomethingNotExtractedIsRefused) {
  auto result = run(ArchiveBuilder().hardlink("h", "later").file("later", "x").build());
  expect_refused(result, "unsafe-archive",
                 "hard link \"h\" points to \"later\", which is not a regular file extracted "
                 "earlier from this archive");
}

TEST_F(ExtractTest, HardlinkToASymlinkIsRefused) {
  auto result = run(ArchiveBuilder().symlink("s", "t").hardlink("h", "s").build());
  expect_refused(result, "unsafe-archive",
                 "hard link \"h\" points to \"s\", which is not a regular file extracted earlier "
                 "from this archive");
}

TEST_F(ExtractTest, HardlinkToAFileThroughASymlinkIsRefused) {
  auto result =
      run(ArchiveBuilder().file("d/f", "x").symlink("l", "d").hardlink("h", "l/f").build());
  expect_refused(result, "unsafe-archive",
                 "hard link \"h\" points to \"l/f\", which is not a regular file extracted "
                 "earlier from this archive");
}

TEST_F(ExtractTest, HardlinkToAStrippedMemberIsRefused) {
  Options options;
  options.strip_components = 1;
  auto result = run(ArchiveBuilder().file("top", "x").hardlink("pkg/h", "top").build(), options);
  expect_refused(result, "unsafe-archive",
                 "hard link \"pkg/h\" points to \"top\", which strip_components removes");
}

TEST_F(ExtractTest, HardlinkCarryingDataIsRefused) {
  // POSIX pax lets a hard link carry data that replaces the file's; other tools ignore it. A
  // reviewer's tool and pinset could then disagree on the content, so it is refused.
  // ustar hard links never carry data; pax ones may, so a pax header comes first.
  std::string tar = test::ustar_header("f", 3) + "abc" + std::string(509, '\0');
  tar += test::ustar_header("PaxHeader/h", 10, 0644, 'x') + "10 path=h\n" + std::string(502, '\0');
  std::string link = test::ustar_header("h", 3, 0644, '1', "f");
  tar += link + "xyz" + std::string(509, '\0') + std::string(1024, '\0');
  auto result = run(tar, {}, "pkg-1.0.tar");
  expect_refused(result, "unsafe-archive",
                 "hard link \"h\" carries data; tools disagree on what it means", "pkg-1.0.tar");
}

TEST_F(ExtractTest, DevicesAndFifosAreRefused) {
  const std::pair<Kind, std::string> cases[] = {
      {Kind::char_device, "a character device"},
      {Kind::block_device, "a block device"},
      {Kind::fifo, "a FIFO"},
  };
  for (const auto& [kind, words] : cases) {
    auto result = run(ArchiveBuilder().file("ok.txt", "fine").special("dev/node", kind).build());
    expect_refused(
        result, "unsafe-archive",
        "member \"dev/node\" is " + words + "; devices, FIFOs and sockets are never extracted");
  }
}

TEST_F(ExtractTest, RootAsAFileIsRefused) {
  auto result = run(ArchiveBuilder().file(".", "x").build());
  expect_refused(result, "unsafe-archive", "member \".\" is a file in place of the package root");
}

TEST_F(ExtractTest, ZipSlipIsRefused) {
  auto result = run(ArchiveBuilder(ArchiveFormat::zip)
                        .file("readme.txt", "fine")
                        .file("../../outer/evil.sh", "x")
                        .build(),
                    {}, "pkg-1.0.zip");
  expect_refused(result, "unsafe-archive",
                 "member \"../../outer/evil.sh\" has a \"..\" path component", "pkg-1.0.zip");
}

TEST_F(ExtractTest, ZipSymlinkOutIsRefused) {
  auto result =
      run(ArchiveBuilder(ArchiveFormat::zip).symlink("lnk", "/etc").build(), {}, "pkg-1.0.zip");
  expect_refused(result, "unsafe-archive",
                 "symbolic link \"lnk\" points to the absolute path \"/etc\"", "pkg-1.0.zip");
}

TEST_F(ExtractTest, ControlCharactersInNamesAreQuotedInMessages) {
  auto result = run(ArchiveBuilder().file("../\x1b[31mred\n", "x").build());
  expect_refused(result, "unsafe-archive",
                 "member \"../\\x1b[31mred\\x0a\" has a \"..\" path component");
}

}  // namespace
}  // namespace pinset::archive
