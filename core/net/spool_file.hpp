#pragma once
// A download's body on its way to disk rather than into memory: a new file in the caller's folder
// (FetchRequest::spool_dir), removed again unless released to the caller. Internal to core/net.

#include <string>
#include <string_view>

#include "core/util/error.hpp"

namespace pinset::net::detail {

class SpoolFile {
 public:
  SpoolFile() = default;
  ~SpoolFile();
  SpoolFile(const SpoolFile&) = delete;
  SpoolFile& operator=(const SpoolFile&) = delete;

  bool open() const { return m_fd >= 0; }
  // Creates <dir>/fetch-XXXXXX (mode 0600) when none is open, else empties the open one (a retry).
  // Errors: "io", naming the folder.
  Status start(const std::string& dir);
  // Appends `bytes`. Errors: "io" (disk full, ...), naming the file.
  Status write(std::string_view bytes);
  // Closes the file and gives it to the caller: its path (no longer removed here).
  Result<std::string> release();

 private:
  int m_fd = -1;
  std::string m_path;
};

}  // namespace pinset::net::detail
