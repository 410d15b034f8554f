// verify's walk over a tree with a symlink to an ancestor folder (cli11 ships
// tests/mesonTest/subprojects/CLI11 -> ../../..): the link is a known entry, never "extra .".
#include <gtest/gtest.h>

#include <filesystem>

#include "core/app/verify.hpp"
#include "core/archive/extractor.hpp"
#include "tests/support/process.hpp"

namespace pinset::app {
namespace {

TEST(VerifySymlinks, AncestorLinksAreKnownEntries) {
  test::TempDir tmp;
  test::TempDir dest;
  tmp.write("pkg/sub/file.txt", "x\n");
  std::filesystem::create_symlink("..", tmp.path() + "/pkg/sub/root");
  std::filesystem::create_directories(tmp.path() + "/pkg/a/b");
  std::filesystem::create_symlink("../..", tmp.path() + "/pkg/a/b/top");
  auto tar = test::run_process("tar", {"-cf", tmp.path() + "/pkg.tar", "-C", tmp.path(), "pkg"});
  ASSERT_EQ(tar.exit_code, 0) << tar.err;
  archive::Options options;
  options.strip_components = 1;
  auto receipt =
      archive::extract(test::read_file(tmp.path() + "/pkg.tar"), "pkg.tar", dest.path(), options);
  ASSERT_TRUE(receipt) << receipt.error().render();
  EXPECT_TRUE(tree_intact(fs::real_file_system(), dest.path(), *receipt));
  // A real extra file is still found.
  dest.write("sub/new.txt", "y\n");
  EXPECT_FALSE(tree_intact(fs::real_file_system(), dest.path(), *receipt));
}

}  // namespace
}  // namespace pinset::app
