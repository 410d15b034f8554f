#pragma once
// Creates the members of one archive under a destination folder with the POSIX *at() calls,
// relative to a descriptor of that folder, never following a symbolic link (see extractor.hpp).
// Remembers what it created, so it can refuse duplicates and paths through links, record
// receipts, and remove everything again when extraction fails.

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/archive/extractor.hpp"
#include "core/archive/policy.hpp"
#include "core/archive/unique_fd.hpp"
#include "core/util/error.hpp"

namespace pinset::archive {

class TreeWriter {
 public:
  // Opens dest_dir. Errors "io" when it is missing, not a folder, or not empty.
  static Result<TreeWriter> open(const std::string& dest_dir);

  // The make_* and create_file calls take the member's name as stored, for messages. Their errors
  // are "unsafe-archive" (the path exists already, goes through a symlink or a file, or a hard
  // link does not name an earlier regular file) and "io" (a system call failed).

  // Creates the folder (and any missing parent) and sets its permission bits to `mode`; a folder
  // that exists already only gets the new bits. The package root itself is left alone. A given
  // `mtime` is applied by finish(), after the folder's contents are written.
  Status make_directory(const MemberPath& path, std::uint32_t mode, std::string_view member,
                        std::optional<timespec> mtime = std::nullopt);

  // Creates an empty regular file with mode 0600 and returns it open for writing. The caller
  // writes it, sets its mode, closes it and fills record(index).
  struct NewFile {
    UniqueFd fd;
    std::size_t record = 0;
  };
  Result<NewFile> create_file(const MemberPath& path, std::string_view member);

  // Creates a symlink holding `target`, which the caller has checked (check_symlink_target), with
  // modification time `mtime` when given.
  Status make_symlink(const MemberPath& path, const std::string& target, std::string_view member,
                      std::optional<timespec> mtime = std::nullopt);

  // Links `path` to the regular file created earlier at `target`; the record takes that file's
  // mode, size and digest.
  Status make_hardlink(const MemberPath& path, const MemberPath& target, std::string_view member);

  FileRecord& record(std::size_t index) { return m_records[index]; }

  // Gives each folder made by make_directory its modification time, once nothing more will be
  // written inside. Errors "io".
  Status finish();

  // Removes everything under the destination (which was empty when opened). Best effort.
  void remove_all();

  // What was created, sorted by path. The writer is spent afterwards.
  std::vector<FileRecord> take_records();

 private:
  struct Node {
    FileRecord::Type type;
    std::size_t record;
  };
  struct OpenDir {
    std::string name;
    UniqueFd fd;
  };

  TreeWriter(std::string dest, UniqueFd root) : m_dest(std::move(dest)), m_root(std::move(root)) {}

  // Opens (creating when missing) the folders path.parts[0, count) and returns the last one's
  // descriptor (the root's for count 0), borrowed from m_open.
  Result<int> open_dirs(const MemberPath& path, std::size_t count, std::string_view member);
  // Refuses when `path` exists already.
  Status check_new(const MemberPath& path, std::string_view member, std::string_view kind) const;
  std::size_t add_record(const std::string& path, FileRecord::Type type, std::uint32_t mode);
  tl::unexpected<Error> io_error(std::string_view action, std::string_view path, int err) const;

  std::string m_dest;
  UniqueFd m_root;
  std::vector<OpenDir> m_open;  // m_open[i] is the folder parts[0..i] of the last path walked
  std::unordered_map<std::string, Node> m_nodes;
  std::vector<FileRecord> m_records;
  std::unordered_map<std::string, std::pair<MemberPath, timespec>> m_dir_times;  // for finish()
};

}  // namespace pinset::archive
