#pragma once
// The folder an install replaces, reached without ever following a symbolic link: every component
// from the base folder down is opened with openat(O_NOFOLLOW | O_DIRECTORY) (as openat2's
// RESOLVE_NO_SYMLINKS would), and everything pinset does beside it (its lock, its staging folders,
// the swap, removing the previous tree) goes through the open parent folder, never through a path
// a symbolic link could redirect.

#include <optional>
#include <string>
#include <vector>

#include "core/fs/file_lock.hpp"
#include "core/fs/file_system.hpp"
#include "core/util/error.hpp"

namespace pinset::fs {

// What an install does with its folder. FileSystem::open_install_folder makes one; a test's
// filesystem can wrap the real one to make any step fail (a full disk, a kill).
class InstallFolder {
 public:
  virtual ~InstallFolder() = default;
  // The install folder as a path (base joined with the relative path; for messages and reads).
  virtual const std::string& path() const = 0;
  // What is at the install path now (never following a link); `none` when a parent is missing.
  virtual EntryKind kind() const = 0;
  // Every entry under the install folder (not following links), sorted; empty when none.
  virtual Result<std::vector<TreeEntry>> list() const = 0;
  // Takes <name>.lock beside the install folder; it is removed when released.
  virtual Result<FileLock> lock(bool wait, void (*on_wait)(const std::string&)) const = 0;
  // Removes <name>.staging-* beside the install folder and the temporaries of write_meta in its
  // .pinset folder (left by a killed run; a live writer's are kept).
  virtual void remove_leftovers() const = 0;
  // The identity of each entry inside the install folder named by `relative` ("" is the install
  // folder itself), the last component not followed; nullopt for one that is not there or cannot
  // be looked at. Nothing is written, so a link on the way only gives another identity.
  virtual std::vector<std::optional<FileId>> ids(
      const std::vector<std::string>& relative) const = 0;
  // Reads the file <install folder>/.pinset/<name> (`name` one path component), reaching it
  // without following a link, and its identity into `id` when not null. Errors: "not-found",
  // "too-large", "io", naming the file.
  virtual Result<std::string> read_meta(const std::string& name, std::size_t max_bytes,
                                        FileId* id) const = 0;
  // Writes <install folder>/.pinset/<name> whole: a temporary file beside it (0644), then renamed
  // over it; reached without following a link. Not flushed: what it holds must be worth no more
  // than a cache entry (a crash may lose it or leave it empty). Errors: "io" naming the file.
  virtual Status write_meta(const std::string& name, std::string_view content) const = 0;
  // Removes <install folder>/.pinset/<name> if it is there (best effort, never following a link).
  virtual void remove_meta(const std::string& name) const = 0;
  // A fresh <name>.staging-XXXXXX folder (0755) beside the install folder, with an empty .pinset
  // folder in it; returns its path.
  virtual Result<std::string> make_staging() const = 0;
  // Swaps `staging` (from make_staging) in for the install folder in one rename (RENAME_EXCHANGE
  // when there is a previous install, which is then left at `staging`). On error the staging
  // folder is removed and nothing else changed. Errors: "io" naming the install folder.
  virtual Status swap_in(const std::string& staging, bool& had_previous) const = 0;
  // Undoes swap_in: puts the previous install back (or removes the new one when there was none).
  virtual void swap_back(const std::string& staging, bool had_previous) const = 0;
  // Removes a folder made by make_staging (and swapped out), never following a link.
  virtual void remove_staging(const std::string& staging) const = 0;
};

// The real install folder: everything through the open parent folder.
class InstallDir final : public InstallFolder {
 public:
  // Opens the parent of `path` (relative to `base`, or absolute; lexically normal, no ".." after
  // its leading ones) one component at a time. With `create`, missing folders on the way are made
  // (0755). Errors: "symlink-in-path" with the message "<component> is a symbolic link (to
  // <target>), and pinset never follows one on the way to the install folder" (the component as
  // the path was written, the install folder itself included); "not-a-folder" when a component
  // is a file; "io".
  static Result<InstallDir> open(const std::string& base, const std::string& path, bool create);

  InstallDir(InstallDir&& other) noexcept;
  InstallDir& operator=(InstallDir&&) = delete;
  InstallDir(const InstallDir&) = delete;
  ~InstallDir() override;

  const std::string& path() const override { return m_path; }
  EntryKind kind() const override;
  Result<std::vector<TreeEntry>> list() const override;
  Result<FileLock> lock(bool wait, void (*on_wait)(const std::string&)) const override;
  void remove_leftovers() const override;
  std::vector<std::optional<FileId>> ids(const std::vector<std::string>& relative) const override;
  Result<std::string> read_meta(const std::string& name, std::size_t max_bytes,
                                FileId* id) const override;
  Status write_meta(const std::string& name, std::string_view content) const override;
  void remove_meta(const std::string& name) const override;
  Result<std::string> make_staging() const override;
  Status swap_in(const std::string& staging, bool& had_previous) const override;
  void swap_back(const std::string& staging, bool had_previous) const override;
  void remove_staging(const std::string& staging) const override;

 private:
  InstallDir() = default;
  std::string name_of(const std::string& staging) const;
  // The install folder's .pinset folder, opened without following a link; -1 when it cannot be.
  int open_meta_dir() const;
  int m_parent = -1;
  std::string m_parent_path;  // "" when the parent is the base itself and the base is "."
  std::string m_name;
  std::string m_path;
};

}  // namespace pinset::fs
