#pragma once
// What a resolution reads, recorded for the install stamp (install_stamp.hpp): a FileSystem and a
// RemoteDocuments that forward every call to the real ones and note each file read (path, sha256,
// identity when it held still across the read), each path looked for and not found, and each
// remote document with the digest it was asked under. Any other call (a write, a listing, a
// chunked read, a read that failed otherwise than "not found", one path read twice with other
// bytes) marks the record incomplete, and no stamp is made from it.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/app/install_stamp.hpp"
#include "core/app/project.hpp"
#include "core/store/cache.hpp"

namespace pinset::app {

class InputRecorder {
 public:
  // `remote` may be null (then remote() is null too). Neither is owned.
  InputRecorder(fs::FileSystem& fs, RemoteDocuments* remote);
  ~InputRecorder();
  InputRecorder(const InputRecorder&) = delete;
  InputRecorder& operator=(const InputRecorder&) = delete;

  // Pass these to the resolution instead of the real ones.
  fs::FileSystem& fs();
  RemoteDocuments* remote();

  // Notes that the run wrote `bytes` to `path` (the lock): the next run reads those.
  void wrote(const std::string& path, std::string_view bytes);

  // What was read, each remote document as its object in `cache` (the file the next run reads
  // it from); nullopt when the record is incomplete, or when a remote document was not served
  // under a pinned digest that the cache holds (the next run could get other bytes). `now` (unix
  // seconds) decides which identities are too recent to trust.
  std::optional<std::vector<StampInput>> inputs(const store::Cache& cache, std::int64_t now) const;

  struct State;

 private:
  class Files;
  class Documents;
  std::unique_ptr<State> m_state;
  std::unique_ptr<Files> m_files;
  std::unique_ptr<Documents> m_documents;
};

}  // namespace pinset::app
