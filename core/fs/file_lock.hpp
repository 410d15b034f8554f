#pragma once
// An exclusive advisory lock (flock) on a file, held for the lifetime of the object. Serializes two
// `pinset install` runs on one project, and writers of one cache.

#include <string>

#include "core/util/error.hpp"

namespace pinset::fs {

class FileLock {
 public:
  // Creates `path` if needed and takes the lock. If another process holds it and `wait` is true,
  // calls `on_wait` once and blocks until it is released; with `wait` false, fails with code
  // "locked" naming the path. Errors: "io" when the file cannot be created.
  static Result<FileLock> acquire(const std::string& path, bool wait,
                                  void (*on_wait)(const std::string&) = nullptr);

  // The same for the file `name` in the open folder `dirfd` (never following a symbolic link), and
  // the file is removed again when the lock is released, so it does not outlive its holder. A
  // waiter that gets the lock on a file its holder has just removed tries again on the new one.
  // `shown` names the file in messages.
  static Result<FileLock> acquire_transient(int dirfd, const std::string& name,
                                            const std::string& shown, bool wait,
                                            void (*on_wait)(const std::string&) = nullptr);

  FileLock(FileLock&& other) noexcept
      : m_fd(other.m_fd),
        m_dirfd(other.m_dirfd),
        m_path(std::move(other.m_path)),
        m_name(std::move(other.m_name)) {
    other.m_fd = -1;
    other.m_dirfd = -1;
  }
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

  const std::string& path() const { return m_path; }

 private:
  FileLock(int fd, std::string path) : m_fd(fd), m_path(std::move(path)) {}
  void release();
  int m_fd = -1;
  int m_dirfd = -1;    // for a transient lock: the folder holding it (owned)
  std::string m_path;  // as shown
  std::string m_name;  // for a transient lock: its name in m_dirfd
};

}  // namespace pinset::fs
