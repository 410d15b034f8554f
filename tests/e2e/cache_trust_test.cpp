// End-to-end: the cache is not trusted by folder name (issue 10, item 5). An install that links
// from the cache notices a cached tree edited through a hard link (stamps: one stat per file) and
// rebuilds it from the verified archive, saying so; `ci` re-derives every tree from the verified
// archive (downloading it again when absent) and reports each repair. (An install with nothing to
// do links nothing and reads no tree: install_noop_test.cpp.)
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

namespace stdfs = std::filesystem;

class CacheTrust : public ::testing::Test {
 protected:
  void SetUp() override {
    project.add({"libfoo", "2.1.0", {{"foo.h", "#define FOO 1\n"}, {"lib/a.c", "int a;\n"}}});
    project.write({{"libfoo", "^2.0.0"}});
  }
  ProcessResult pinset(std::vector<std::string> args) {
    return run_pinset(args, project.app(), {{"PINSET_CACHE_DIR", cache.path()}});
  }
  std::string foo_h() const { return project.app() + "/pinset_packages/libfoo/foo.h"; }
  // The one tree in the cache.
  std::string tree_dir() const {
    for (const auto& e : stdfs::directory_iterator(cache.path() + "/trees"))
      return e.path();
    return "";
  }
  void edit_through_link(const std::string& path, const std::string& content) {
    stdfs::permissions(path, stdfs::perms::owner_write, stdfs::perm_options::add);
    std::ofstream(path, std::ios::trunc) << content;
  }

  TestProject project;
  TempDir cache;
};

TEST_F(CacheTrust, AnInstallThatLinksRepairsATreeEditedThroughAHardLinkAndSaysSo) {
  ASSERT_EQ(pinset({"install"}).exit_code, 0);
  edit_through_link(foo_h(), "#define FOO 666\n");
  // The edit reached the cache too (one inode): another project would install it.
  EXPECT_EQ(read_file(tree_dir() + "/files/foo.h"), "#define FOO 666\n");
  // The install folder goes (as `rm -rf pinset_packages` would): the next install links every
  // package from the cache again, which is when the cache's trees are checked.
  stdfs::remove_all(project.app() + "/pinset_packages");
  auto r = pinset({"install"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.substr(r.err.find("warning:")),
            "warning: the cached copy of libfoo 2.1.0 was damaged (foo.h: changed since it was "
            "stored); repaired from its verified archive\n");
  EXPECT_EQ(read_file(foo_h()), "#define FOO 1\n");
  EXPECT_EQ(read_file(tree_dir() + "/files/foo.h"), "#define FOO 1\n");
  auto again = pinset({"install"});
  EXPECT_EQ(again.out, "1 package in pinset_packages is up to date\n");
  EXPECT_EQ(again.err.find("warning:"), std::string::npos) << again.err;
}

TEST_F(CacheTrust, CiRepairsAnEditedTreeAndReportsIt) {
  ASSERT_EQ(pinset({"install"}).exit_code, 0);
  // An edit that keeps size and modification time (the cheap check cannot see it).
  std::string path = tree_dir() + "/files/lib/a.c";
  auto mtime = stdfs::last_write_time(path);
  edit_through_link(path, "int b;\n");
  stdfs::last_write_time(path, mtime);
  auto r = pinset({"ci"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: the cached copy of libfoo 2.1.0 was damaged (lib/a.c: content "
                       "changed); repaired from its verified archive\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(project.app() + "/pinset_packages/libfoo/lib/a.c"), "int a;\n");
  auto quiet = pinset({"ci", "--json"});
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_NE(quiet.out.find("\"repaired\": []"), std::string::npos) << quiet.out;
}

TEST_F(CacheTrust, CiNeverInstallsAPlantedTreeWithoutItsVerifiedArchive) {
  ASSERT_EQ(pinset({"install"}).exit_code, 0);
  std::string tree = tree_dir();
  // Other bytes under the pinned name.
  edit_through_link(tree + "/files/foo.h", "#define FOO 666\n");
  // Remove the archive from the cache and from its source: nothing can re-derive the tree.
  stdfs::remove_all(cache.path() + "/objects");
  stdfs::remove_all(project.set_dir() + "/artifacts");
  stdfs::remove_all(project.app() + "/pinset_packages");
  auto r = pinset({"ci"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: cannot download libfoo 2.1.0"), std::string::npos) << r.err;
  EXPECT_FALSE(stdfs::exists(project.app() + "/pinset_packages"));
}

}  // namespace
}  // namespace pinset::test
