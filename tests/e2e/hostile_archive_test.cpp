// End-to-end: hostile archives through `pinset install`. Each case adds a package whose artifact is
// the hostile archive (its checksum is right: the set vouches for these bytes, the bytes are evil)
// to a project that is already installed. Each is refused with the exact message and exit 2, or,
// for a setuid member, neutralised; the previous install and lock stay byte-identical, nothing
// appears outside the install folder, and the cache holds no tree of the hostile package.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "core/crypto/digest.hpp"
#include "tests/support/archive_builder.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

struct ArchiveCase {
  const char* name;
  std::function<std::string()> archive;
  std::string error;  // the whole of stderr, progress lines aside
};

// Drops the lines of pinset's plain progress output, keeping diagnostics.
std::string diagnostics(const std::string& err) {
  std::string out;
  std::size_t start = 0;
  while (start < err.size()) {
    std::size_t end = err.find('\n', start);
    end = end == std::string::npos ? err.size() : end + 1;
    const std::string line = err.substr(start, end - start);
    if (line.rfind("downloading ", 0) != 0 && line.rfind("fetched ", 0) != 0) {
      out += line;
    }
    start = end;
  }
  return out;
}

std::string deep_path(int depth) {
  std::string path = "pkg";
  for (int i = 0; i < depth; ++i)
    path += "/d";
  return path + "/f";
}

std::string truncated_tar_gz() {
  std::string whole = ArchiveBuilder()
                          .file("pkg/a", std::string(50'000, 'a'))
                          .file("pkg/b", std::string(50'000, 'b'))
                          .build();
  return whole.substr(0, whole.size() / 2);
}

const ArchiveCase k_cases[] = {
    {"AbsolutePath", [] { return ArchiveBuilder().file("/tmp/pinset-hostile-abs", "x").build(); },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: member \"/tmp/pinset-hostile-abs\" has an "
     "absolute path\n"
     "  help: pinset never unpacks such archives; report the package to the maintainers of the "
     "package set\n"},
    {"DotDotMember",
     [] { return ArchiveBuilder().file("pkg/../../pinset-hostile-dotdot", "x").build(); },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: member \"pkg/../../pinset-hostile-dotdot\" has "
     "a \"..\" path component\n"
     "  help: pinset never unpacks such archives; report the package to the maintainers of the "
     "package set\n"},
    {"SymlinkThenWriteThroughAbsolute",
     [] {
       return ArchiveBuilder().symlink("pkg/link", "/tmp").file("pkg/link/owned", "x").build();
     },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: symbolic link \"pkg/link\" points to the "
     "absolute path \"/tmp\"\n"
     "  help: pinset never unpacks such archives; report the package to the maintainers of the "
     "package set\n"},
    {"SymlinkThenWriteThroughInside",  // CVE-2021-32803: a link that stays inside, then a write
     [] {
       return ArchiveBuilder()
           .dir("pkg/sub")
           .symlink("pkg/ln", "sub")
           .file("pkg/ln/f", "x")
           .build();
     },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: member \"pkg/ln/f\" would be written through "
     "the symbolic link \"pkg/ln\"\n"
     "  help: pinset never unpacks such archives; report the package to the maintainers of the "
     "package set\n"},
    {"DirectoryReplacedBySymlink",  // CVE-2021-37701: a folder, a link of the same name, a write
     [] {
       return ArchiveBuilder().dir("pkg/x").symlink("pkg/x", "..").file("pkg/x/owned", "x").build();
     },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: member \"pkg/x\" appears twice: \"pkg/x\" is a "
     "folder, then a symbolic link\n"
     "  help: pinset never unpacks such archives; report the package to the maintainers of the "
     "package set\n"},
    {"HardlinkToOutside",
     [] { return ArchiveBuilder().hardlink("pkg/passwd", "/etc/passwd").build(); },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: hard link \"pkg/passwd\" points to "
     "\"/etc/passwd\", which has an absolute path\n"
     "  help: pinset never unpacks such archives; report the package to the maintainers of the "
     "package set\n"},
    {"HardlinkClimbingOut",
     [] { return ArchiveBuilder().hardlink("pkg/h", "../../../app/pinset.yaml").build(); },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: hard link \"pkg/h\" points to "
     "\"../../../app/pinset.yaml\", which has a \"..\" path component\n"
     "  help: pinset never unpacks such archives; report the package to the maintainers of the "
     "package set\n"},
    {"CharDevice",
     [] { return ArchiveBuilder().special("pkg/tty", ArchiveMember::Kind::char_device).build(); },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: member \"pkg/tty\" is a character device; "
     "devices, FIFOs and sockets are never extracted\n"
     "  help: pinset never unpacks such archives; report the package to the maintainers of the "
     "package set\n"},
    {"Fifo", [] { return ArchiveBuilder().special("pkg/pipe", ArchiveMember::Kind::fifo).build(); },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: member \"pkg/pipe\" is a FIFO; devices, FIFOs "
     "and sockets are never extracted\n"
     "  help: pinset never unpacks such archives; report the package to the maintainers of the "
     "package set\n"},
    {"GzipBomb", [] { return gzip_zero_bomb("pkg/zeros", 3ull << 30); },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: member \"pkg/zeros\" is larger than the limit "
     "of 1073741824 bytes for one file\n"
     "  help: the archive may be a decompression bomb; if the package is genuinely this big, it "
     "needs higher extraction limits\n"},
    {"TenThousandNestedFolders",
     [] { return ArchiveBuilder().file(deep_path(10'000), "x").build(); },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: member "
     "\"pkg/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/d/...\" has "
     "a path of 20005 bytes, over the limit of 1024\n"
     "  help: no package needs paths like this one; report the package to the maintainers of the "
     "package set\n"},
    {"OverlongName",
     [] { return ArchiveBuilder().file("pkg/" + std::string(300, 'n'), "x").build(); },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: member "
     "\"pkg/nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn...\" has "
     "a name part of 300 bytes, over the limit of 255\n"
     "  help: no package needs paths like this one; report the package to the maintainers of the "
     "package set\n"},
    {"FileThenSymlinkOfTheSameName",
     [] { return ArchiveBuilder().file("pkg/a", "x").symlink("pkg/a", "b").build(); },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: member \"pkg/a\" appears twice: \"pkg/a\" is a "
     "file, then a symbolic link\n"
     "  help: pinset never unpacks such archives; report the package to the maintainers of the "
     "package set\n"},
    {"TruncatedGzip", truncated_tar_gz,
     "error: evil 1.0.0: cannot unpack evil 1.0.0: the archive is not a tar or zip archive (plain "
     "or compressed with gzip, xz, bzip2 or zstd), or is damaged: \"truncated gzip input\"\n"
     "  help: download the archive again; if its checksum matches the package set, the set points "
     "to a broken or mislabelled archive\n"},
    {"NotAnArchive", [] { return std::string("<html>404 not found</html>\n"); },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: the archive is not a tar or zip archive (plain "
     "or compressed with gzip, xz, bzip2 or zstd), or is damaged: \"Unrecognized archive format\"\n"
     "  help: download the archive again; if its checksum matches the package set, the set points "
     "to a broken or mislabelled archive\n"},
    {"ZipSlip",
     [] { return ArchiveBuilder(ArchiveFormat::zip).file("../../pinset-zip-slip", "x").build(); },
     "error: evil 1.0.0: cannot unpack evil 1.0.0: member \"../../pinset-zip-slip\" has a \"..\" "
     "path component\n"
     "  help: pinset never unpacks such archives; report the package to the maintainers of the "
     "package set\n"},
};

// Appends `name` 1.0.0, whose artifact is `bytes`, to the project's set and requires it beside
// libfoo. TestProject::write would rebuild every artifact (a new gzip timestamp, so a new checksum
// for libfoo): appending keeps the installed package's artifact byte-identical.
void add_hostile_package(const TestProject& project, const std::string& name,
                         const std::string& bytes) {
  const std::string file = "artifacts/" + name + "-1.0.0.tgz";
  project.dir().write("set/" + file, bytes);
  std::ofstream(project.set_dir() + "/set.yaml", std::ios::app)
      << "  " << name << ":\n    - version: 1.0.0\n      checksum: " << crypto::sha256(bytes).str()
      << "\n      url: " << file << "\n";
  project.dir().write("app/pinset.yaml",
                      "name: testapp\npackage-set:\n  url: ../set/set.yaml\ndependencies:\n"
                      "  libfoo: ^2.1.0\n  " +
                          name + ": 1.0.0\n");
}

void PrintTo(const ArchiveCase& c, std::ostream* os) {
  *os << c.name;
}

class HostileArchive : public ::testing::TestWithParam<ArchiveCase> {
 protected:
  ProcessResult pinset(std::vector<std::string> args) {
    return run_pinset(args, project.app(), {{"PINSET_CACHE_DIR", cache.path()}});
  }
  std::string packages() const { return project.app() + "/pinset_packages"; }

  TestProject project;
  TempDir cache;
};

TEST_P(HostileArchive, IsRefusedAndTheInstallIsUnchanged) {
  const ArchiveCase& c = GetParam();
  project.add({"libfoo", "2.1.0", {{"foo.h", "#define FOO 1\n"}}});
  project.write({{"libfoo", "^2.1.0"}});
  auto first = pinset({"install"});
  ASSERT_EQ(first.exit_code, 0) << first.err;

  add_hostile_package(project, "evil", c.archive());
  const auto installed = snapshot(packages());
  const std::string lock = read_file(project.app() + "/pinset.lock");
  const auto app = snapshot(project.app());
  const auto cache_before = snapshot(cache.path());

  auto r = pinset({"install"});
  EXPECT_EQ(diagnostics(r.err), c.error);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(snapshot(packages()), installed);
  EXPECT_EQ(read_file(project.app() + "/pinset.lock"), lock);
  EXPECT_EQ(snapshot(project.app()), app);
  // The cache may keep the (verified) artifact, never a tree unpacked from it.
  for (const auto& [path, what] : snapshot(cache.path())) {
    if (!cache_before.contains(path)) {
      EXPECT_EQ(path.rfind("objects/", 0), 0u) << "the cache gained " << path;
    }
  }
  for (const char* escaped : {"/tmp/pinset-hostile-abs", "/tmp/owned", "/tmp/pinset-zip-slip"}) {
    EXPECT_FALSE(std::filesystem::exists(escaped)) << escaped;
  }
  for (const char* escaped : {"pinset-hostile-dotdot", "pinset-zip-slip", "owned"}) {
    EXPECT_FALSE(std::filesystem::exists(project.root() + "/" + escaped)) << escaped;
    EXPECT_FALSE(std::filesystem::exists(project.app() + "/" + escaped)) << escaped;
  }
}

INSTANTIATE_TEST_SUITE_P(Archives, HostileArchive, ::testing::ValuesIn(k_cases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

// A setuid, setgid, world-writable member is not refused: it is installed without those bits.
TEST(HostileArchiveModes, SetuidAndWorldWritableBitsAreDropped) {
  TestProject project;
  TempDir cache;
  project.add({"suid",
               "1.0.0",
               {},
               {},
               ArchiveBuilder()
                   .file("pkg/bin/tool", "#!/bin/sh\n", 06777)
                   .dir("pkg/shared", 01777)
                   .build()});
  project.write({{"suid", "1.0.0"}});
  auto r = run_pinset({"install"}, project.app(), {{"PINSET_CACHE_DIR", cache.path()}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto tree = snapshot(project.app() + "/pinset_packages/suid");
  // Installed files are hard links into the cache's read-only store: r-x for everyone.
  EXPECT_EQ(tree.at("pkg/bin/tool"), "f:#!/bin/sh\nx:" + std::to_string(0555));
  EXPECT_EQ(tree.at("pkg/shared"), "d");
  auto mode =
      std::filesystem::status(project.app() + "/pinset_packages/suid/pkg/shared").permissions();
  EXPECT_EQ(static_cast<unsigned>(mode) & 07022, 0u);
}

}  // namespace
}  // namespace pinset::test
