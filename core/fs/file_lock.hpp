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

  FileLock(FileLock&& other) noexcept : m_fd(other.m_fd), m_path(std::move(other.m_path)) {
    other.m_fd = -1;
  }
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

  const std::string& path() const { return m_path; }

 private:
  FileLock(int fd, std::string path) : m_fd(fd), m_path(std::move(path)) {}
  int m_fd = -1;
  std::string m_path;
};

}  // namespace pinset::fs
