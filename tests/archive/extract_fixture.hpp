#pragma once
// A fixture for extraction tests: a temporary folder holding outer/inner/pkg (the destination),
// and a snapshot of the whole temporary folder, so a test can prove that a refused archive left
// nothing behind, inside the destination or anywhere above it.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <string>

#include "core/archive/extractor.hpp"
#include "tests/support/archive_builder.hpp"
#include "tests/support/process.hpp"

namespace pinset::archive {

// Every path under `root` (not following symlinks) with its type, mode and size or link target.
inline std::map<std::string, std::string> snapshot(const std::string& root) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    struct stat st {};
    lstat(it->path().c_str(), &st);
    std::string what = std::to_string(st.st_mode);
    if (S_ISREG(st.st_mode)) what += " size " + std::to_string(st.st_size);
    if (S_ISLNK(st.st_mode)) what += " -> " + fs::read_symlink(it->path()).string();
    out[fs::relative(it->path(), root).string()] = what;
  }
  return out;
}

class ExtractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(m_dest);
    m_before = snapshot(m_tmp.path());
  }

  Result<Receipt> run(const std::string& bytes, const Options& options = {},
                      const std::string& name = "pkg-1.0.tar.gz") {
    return extract(bytes, name, m_dest, options);
  }

  // The archive was refused with this code and message, naming it, and nothing changed anywhere
  // under the temporary folder: the destination is empty and nothing appeared beside it.
  void expect_refused(const Result<Receipt>& result, const std::string& code,
                      const std::string& message, const std::string& name = "pkg-1.0.tar.gz") {
    ASSERT_FALSE(result) << "extraction succeeded with " << result->files.size() << " entries";
    EXPECT_EQ(result.error().code, code) << result.error().render();
    EXPECT_EQ(result.error().message, message);
    EXPECT_EQ(result.error().where.file, name);
    EXPECT_FALSE(result.error().hint.empty());
    EXPECT_EQ(snapshot(m_tmp.path()), m_before);
    EXPECT_TRUE(std::filesystem::is_empty(m_dest));
  }

  std::string path(const std::string& relative) const { return m_dest + "/" + relative; }

  test::TempDir m_tmp;
  std::string m_dest = m_tmp.path() + "/outer/inner/pkg";
  std::map<std::string, std::string> m_before;
};

}  // namespace pinset::archive
