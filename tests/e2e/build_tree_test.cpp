// End-to-end: a source release installed by pinset is a tree the build can use. Its generated
// files (configure, Makefile.in) keep their archive times, so `make` does not try to regenerate
// them with autotools the machine does not have; and `pinset verify` accepts the inner symlink to
// an ancestor folder that such releases ship (cli11: subprojects/CLI11 -> ../../..).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

// A hand-written Makefile in the spirit of automake's rebuild rules: each generated file depends
// on its sources, and regenerating it fails as it does without automake installed.
constexpr const char* k_makefile = R"(all: Makefile.in configure config.h.in
	@echo build ok
Makefile.in: Makefile.am aclocal.m4
	@echo "WARNING: 'automake-1.16' is missing on your system." >&2; exit 1
configure: configure.ac aclocal.m4
	@echo "WARNING: 'autoconf' is missing on your system." >&2; exit 1
aclocal.m4: configure.ac
	@echo "WARNING: 'aclocal-1.16' is missing on your system." >&2; exit 1
config.h.in: configure.ac aclocal.m4
	@echo "WARNING: 'autoheader' is missing on your system." >&2; exit 1
)";

void set_mtime(const std::string& path, time_t sec) {
  const timespec times[2] = {{sec, 0}, {sec, 0}};
  ASSERT_EQ(utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW), 0) << path;
}

// The release as GNU tar packs it, generated files first, so that an extractor that stamps each
// file with the time it wrote it leaves the sources looking newer.
std::string make_release(const TempDir& tmp) {
  const time_t base = 1'700'000'000;
  const std::pair<const char*, time_t> files[] = {
      {"Makefile", base + 30},    {"Makefile.in", base + 20}, {"configure", base + 20},
      {"config.h.in", base + 20}, {"aclocal.m4", base + 10},  {"configure.ac", base},
      {"Makefile.am", base},
  };
  for (const auto& [name, time] : files) {
    std::string path =
        tmp.write(std::string("src/") + name,
                  std::string(name) == "Makefile" ? k_makefile : "# " + std::string(name) + "\n");
    set_mtime(path, time);
  }
  std::filesystem::create_directories(tmp.path() + "/src/tests/mesonTest/subprojects");
  std::filesystem::create_symlink("../../..",
                                  tmp.path() + "/src/tests/mesonTest/subprojects/CLI11");
  std::filesystem::create_symlink("..", tmp.path() + "/src/tests/root");
  std::vector<std::string> args = {
      "--format=ustar",    "-czf",          tmp.path() + "/release.tar.gz", "-C",
      tmp.path() + "/src", "--no-recursion"};
  for (const auto& [name, time] : files)
    args.push_back(name);
  for (const char* more : {"tests", "tests/mesonTest", "tests/mesonTest/subprojects",
                           "tests/mesonTest/subprojects/CLI11", "tests/root"}) {
    args.push_back(more);
  }
  auto made = run_process("tar", args);
  EXPECT_EQ(made.exit_code, 0) << made.err;
  return read_file(tmp.path() + "/release.tar.gz");
}

TEST(BuildTree, AutotoolsReleaseBuildsWithoutRegeneratingAndVerifies) {
  TempDir tmp;
  TempDir cache;
  TestProject project;
  project.add({"xz", "5.4.1", {}, {}, make_release(tmp)});
  project.write({{"xz", "^5.4.0"}});
  const std::map<std::string, std::string> env = {{"PINSET_CACHE_DIR", cache.path()}};
  auto install = run_pinset({"install"}, project.app(), env);
  ASSERT_EQ(install.exit_code, 0) << install.err;

  const std::string tree = project.app() + "/pinset_packages/xz";
  auto make = run_process("make", {"-C", tree, "--no-print-directory"});
  EXPECT_EQ(make.exit_code, 0) << make.out << make.err;
  EXPECT_EQ(make.out, "build ok\n");
  EXPECT_EQ(make.err, "");

  auto verify = run_pinset({"verify"}, project.app(), env);
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_EQ(verify.out, "verified 7 files in pinset_packages: all intact\n");

  // A second install from the store (no download) keeps the times too.
  std::filesystem::remove_all(project.app() + "/pinset_packages");
  ASSERT_EQ(run_pinset({"install"}, project.app(), env).exit_code, 0);
  auto again = run_process("make", {"-C", tree, "--no-print-directory"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(run_pinset({"verify"}, project.app(), env).exit_code, 0);
}

}  // namespace
}  // namespace pinset::test
