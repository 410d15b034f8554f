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
      Error e("not-found", "cannot read " + path + ": No such file or directory", Location{path});
      e.reason = "No such file or directory";
      return fail(std::move(e));
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
  // Folders exist implicitly: a path is a folder when a file lies under it.
  fs::FileInfo stat(const std::string& path) const override {
    fs::FileInfo info;
    if (auto it = files.find(path); it != files.end()) {
      info.kind = fs::EntryKind::file;
      info.size = it->second.size();
      info.mode = 0644;
    } else if (is_folder(path)) {
      info.kind = fs::EntryKind::directory;
      info.mode = 0755;
    }
    return info;
  }
  Result<std::vector<fs::TreeEntry>> list(const std::string& dir, bool recursive) const override {
    if (!is_folder(dir)) return fail("io", "cannot read the folder " + dir, Location{dir});
    std::map<std::string, fs::EntryKind> out;
    const std::string stem = dir + "/";
    for (const auto& [path, content] : files) {
      if (path.compare(0, stem.size(), stem) != 0) continue;
      std::string rel = path.substr(stem.size());
      for (std::size_t slash = rel.find('/'); slash != std::string::npos;
           slash = rel.find('/', slash + 1)) {
        out.emplace(rel.substr(0, slash), fs::EntryKind::directory);
        if (!recursive) break;
      }
      if (recursive || rel.find('/') == std::string::npos) out[rel] = fs::EntryKind::file;
    }
    std::vector<fs::TreeEntry> entries;
    for (const auto& [path, kind] : out)
      entries.push_back({path, kind});
    return entries;
  }
  Status read_chunks(const std::string& path,
                     const std::function<void(std::string_view)>& chunk) const override {
    auto content = read(path, std::size_t(-1));
    if (!content) return fail(content.error());
    chunk(*content);
    return {};
  }
  Status write_new(const std::string& path, std::string_view content, std::uint32_t) override {
    if (files.count(path)) return fail("exists", path + " already exists", Location{path});
    return write_atomic(path, content);
  }
  void remove_file(const std::string& path) override { files.erase(path); }

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
  bool is_folder(const std::string& path) const {
    if (directories.count(path)) return true;
    auto it = files.lower_bound(path + "/");
    return it != files.end() && it->first.compare(0, path.size() + 1, path + "/") == 0;
  }
  bool taken(const std::string& path) const {
    return files.count(path) || directories.count(path) || links.count(path);
  }
  static tl::unexpected<Error> exists_error(const std::string& path) {
    return fail("io", "cannot create " + path + ": File exists", Location{path});
  }
};

}  // namespace pinset::test
