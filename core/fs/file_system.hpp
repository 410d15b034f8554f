#pragma once
// Filesystem adapter. The pure parts of core never touch files; use cases go through this interface
// so tests can substitute an in-memory fake.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/util/error.hpp"

namespace pinset::fs {

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Reads a whole file; refuses files larger than max_bytes (code "too-large") and names the path.
  virtual Result<std::string> read(const std::string& path, std::size_t max_bytes) const = 0;
  virtual bool exists(const std::string& path) const = 0;
  // Writes atomically: a temporary file in the same folder, flushed, then renamed over `path`.
  virtual Status write_atomic(const std::string& path, std::string_view content) = 0;
  // For install layouts (core/layout), inside a fresh staging folder. Each creates one new entry
  // whose parent exists and fails ("io", naming the path) when the entry exists already.
  // A folder, mode 0755:
  virtual Status make_directory(const std::string& path) = 0;
  // A symbolic link holding `target` as written (never resolved here):
  virtual Status make_symlink(const std::string& target, const std::string& path) = 0;
  // A file, mode 0444, or 0555 when `executable`:
  virtual Status create_file(const std::string& path, std::string_view content,
                             bool executable) = 0;
};

// The real filesystem.
FileSystem& real_file_system();

// Removes the temporary files that write_atomic(path) left behind in a process that no longer
// exists (killed between creating and renaming one): ".<name>.tmp-<pid>-<n>" beside `path`. The
// files of live processes are kept, so a concurrent writer is never disturbed. Best effort: a
// folder that cannot be read is left as it is.
void remove_stale_temporaries(const std::string& path);

}  // namespace pinset::fs
