#pragma once
// Filesystem adapter. The pure parts of core never touch files; use cases go through this interface
// so tests can substitute an in-memory fake.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.hpp"

struct stat;  // <sys/stat.h>, for file_id_of; nothing here includes a system header

namespace pinset::fs {

class InstallFolder;

enum class EntryKind { none, directory, file, symlink, other };

struct TreeEntry {
  std::string path;  // relative to the listed folder, '/'-separated
  EntryKind kind = EntryKind::other;
};

// What is at a path, looked at without following a final symbolic link.
struct FileInfo {
  EntryKind kind = EntryKind::none;  // none: nothing there (or it cannot be looked at)
  std::uint64_t size = 0;
  std::uint32_t mode = 0;   // permission bits (07777)
  std::string link_target;  // for a symbolic link
};

// Which file is at a path, as the kernel says: writing to it changes its mtime and ctime, adding
// or removing an entry of a folder changes the folder's (and a subfolder its link count, whatever
// the clock's resolution), replacing it changes (dev, ino), and no user can set a ctime back (it
// follows the clock). Compared whole.
struct FileId {
  EntryKind kind = EntryKind::none;
  std::uint64_t dev = 0;
  std::uint64_t ino = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  std::uint64_t nlink = 0;
  bool operator==(const FileId&) const = default;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Reads a whole file; refuses files larger than max_bytes (code "too-large") and names the path.
  // Other errors: "not-found", "io": "cannot read <path>: <reason>", with Error::reason.
  virtual Result<std::string> read(const std::string& path, std::size_t max_bytes) const = 0;
  virtual bool exists(const std::string& path) const = 0;
  // Writes atomically: a temporary file in the same folder, flushed, then renamed over `path`.
  virtual Status write_atomic(const std::string& path, std::string_view content) = 0;

  virtual FileInfo stat(const std::string& path) const = 0;
  // The identity of the file `read(path)` reads (a final link followed, as read does), or nullopt
  // when nothing is there or the filesystem cannot tell (the default: an in-memory fake). Callers
  // that compare identities treat nullopt as "changed".
  virtual std::optional<FileId> file_id(const std::string& path) const;
  // The entries of the folder `dir` (with everything under them when `recursive`), sorted by
  // path, never following a link. Errors: "io" naming the folder.
  virtual Result<std::vector<TreeEntry>> list(const std::string& dir, bool recursive) const = 0;
  // Feeds a file's content to `chunk` piece by piece (bounded memory); never follows a final
  // link. Errors: "not-found", "io", as read() gives them.
  virtual Status read_chunks(const std::string& path,
                             const std::function<void(std::string_view)>& chunk) const = 0;
  // Creates `path` with exactly `mode` (whatever the umask), flushed; never replaces anything.
  // Errors: "exists", "io", naming the path.
  virtual Status write_new(const std::string& path, std::string_view content,
                           std::uint32_t mode) = 0;
  // Removes a file or a link (best effort).
  virtual void remove_file(const std::string& path) = 0;

  // The folder an install replaces (install_dir.hpp), reached from `base` without following a
  // symbolic link; the default is the real one (InstallDir::open), for every filesystem.
  virtual Result<std::unique_ptr<InstallFolder>> open_install_folder(const std::string& base,
                                                                     const std::string& path,
                                                                     bool create) const;
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

// The identity in a stat(2) result (for the adapters of core/fs).
FileId file_id_of(const struct ::stat& st);

// Removes the temporary files that write_atomic(path) left behind in a process that no longer
// exists (killed between creating and renaming one): ".<name>.tmp-<pid>-<n>" beside `path`. The
// files of live processes are kept, so a concurrent writer is never disturbed. Best effort: a
// folder that cannot be read is left as it is.
void remove_stale_temporaries(const std::string& path);

// Removes the entries of the folder `dir` named <stem><pid>-<anything> whose writer, process
// <pid>, no longer exists (folders with everything in them, never following a link). Entries of
// live processes, and names without a pid, are kept. Best effort. remove_stale_temporaries uses
// it; so does the cache for its tmp/ folder.
void remove_dead_writers_entries(const std::string& dir, const std::string& stem);
// The same in the open folder `dirfd` (which stays open).
void remove_dead_writers_entries_at(int dirfd, const std::string& stem);

// Removes `name` in the open folder `dirfd` and everything under it, never following a symbolic
// link (a link is removed, not its target), making read-only folders writable first. Best effort.
void remove_tree_at(int dirfd, const std::string& name);

// Lists the folder `name` in the open folder `dirfd` (AT_FDCWD: relative to the current folder),
// as FileSystem::list does. Errors: "io".
Result<std::vector<TreeEntry>> list_at(int dirfd, const std::string& name, bool recursive);

}  // namespace pinset::fs
