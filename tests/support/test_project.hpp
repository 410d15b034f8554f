#pragma once
// A project with a package set and real artifacts, made in a temporary folder for end-to-end tests:
//   <root>/set/set.yaml, <root>/set/artifacts/<name>-<version>.tgz, <root>/app/pinset.yaml

#include <map>
#include <string>
#include <vector>

#include "tests/support/process.hpp"

namespace pinset::test {

struct TestPackage {
  std::string name;
  std::string version;
  std::map<std::string, std::string> files;         // path inside the package -> content
  std::map<std::string, std::string> dependencies;  // name -> range
  std::string archive;          // when set, used as the artifact's bytes instead of `files`
  bool wrong_checksum = false;  // record a checksum that does not match the artifact
};

class TestProject {
 public:
  TestProject() = default;
  void add(TestPackage package) { m_packages.push_back(std::move(package)); }
  // Writes artifacts and set.yaml (serial `serial`), and pinset.yaml requiring `roots`
  // (name -> range) with the set named by `set_url` (default: the relative path ../set/set.yaml).
  void write(const std::map<std::string, std::string>& roots, int serial = 1,
             const std::string& set_url = "");
  const std::string& root() const { return m_dir.path(); }
  std::string app() const { return m_dir.path() + "/app"; }
  std::string set_dir() const { return m_dir.path() + "/set"; }
  const TempDir& dir() const { return m_dir; }

 private:
  TempDir m_dir;
  std::vector<TestPackage> m_packages;
};

// Every file, folder and link under `dir` (not following links): path -> "f:<content>",
// "d", "l:<target>", "x:<mode & 07777>" appended for files. For comparing whole trees of what is
// installed, so an install folder's stamp is left out (is_install_stamp): it holds inode numbers
// and times, and whether a run could vouch for the next one (tests/e2e/install_noop_test.cpp
// checks it).
std::map<std::string, std::string> snapshot(const std::string& dir);
// Whether `path` (relative) is an install stamp, .pinset/install-stamp.json, or a temporary of its
// writing (app::is_stamp_file; this library does not link core/app), in any install folder.
bool is_install_stamp(const std::string& path);

}  // namespace pinset::test
