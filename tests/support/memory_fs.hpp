#pragma once
// An in-memory FileSystem for testing use cases without touching the disk.

#include <map>
#include <set>
#include <string>

#include "core/fs/file_system.hpp"

namespace pinset::test {

class MemoryFileSystem final : public fs::FileSystem {
 public:
  std::map<std::string, std::string> files;  // path -> content
  std::set<std::string> directories;
  std::map<std::string, std::string> links;  // path -> target
  std::set<std::string> executables;         // files created executable
  int writes = 0;

  Result<std::string> read(const std::string& path, std::size_t max_bytes) const override {
    auto it = files.find(path);
    if (it == files.end()) {
      return fail("not-found", "cannot read " + path + ": No such file or directory",
                  Location{path});
    }
    if (it->second.size() > max_bytes) {
      return fail("too-large",
                  path + " is larger than the limit of " + std::to_string(max_bytes) + " bytes",
                  Location{path});
    }
    return it->second;
  }
  bool exists(const std::string& path) const override { return files.count(path) > 0; }
  Status write_atomic(const std::string& path, std::string_view content) override {
    ++writes;
    files[path] = std::string(content);
    return {};
  }
  Status make_directory(const std::string& path) override {
    if (taken(path)) return exists_error(path);
    directories.insert(path);
    return {};
  }
  Status make_symlink(const std::string& target, const std::string& path) override {
    if (taken(path)) return exists_error(path);
    links[path] = target;
    return {};
  }
  Status create_file(const std::string& path, std::string_view content, bool executable) override {
    if (taken(path)) return exists_error(path);
    files[path] = std::string(content);
    if (executable) executables.insert(path);
    return {};
  }

 private:
  bool taken(const std::string& path) const {
    return files.count(path) || directories.count(path) || links.count(path);
  }
  static tl::unexpected<Error> exists_error(const std::string& path) {
    return fail("io", "cannot create " + path + ": File exists", Location{path});
  }
};

}  // namespace pinset::test
