#include "core/fs/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pinset::fs {

namespace {

// Takes the flock on `fd` (already open on `path`); closes `fd` on error.
Status lock_fd(int fd, const std::string& path, bool wait, void (*on_wait)(const std::string&),
               bool& waited) {
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return {};
  if (errno != EWOULDBLOCK) {
    int err = errno;
    ::close(fd);
    return fail(codes::io, "cannot lock " + path + ": " + std::strerror(err), Location{path});
  }
  if (!wait) {
    ::close(fd);
    return fail(codes::locked, "another pinset process holds " + path, Location{path},
                "wait for it to finish, or run again without --no-wait");
  }
  if (on_wait != nullptr && !waited) on_wait(path);
  waited = true;
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      int err = errno;
      ::close(fd);
      return fail(codes::io, "cannot lock " + path + ": " + std::strerror(err), Location{path});
    }
  }
  return {};
}

}  // namespace

Result<FileLock> FileLock::acquire(const std::string& path, bool wait,
                                   void (*on_wait)(const std::string&)) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) {
    return fail(codes::io, "cannot create the lock file " + path + ": " + std::strerror(errno),
                Location{path});
  }
  bool waited = false;
  if (auto ok = lock_fd(fd, path, wait, on_wait, waited); !ok) return fail(ok.error());
  return FileLock(fd, path);
}

Result<FileLock> FileLock::acquire_transient(int dirfd, const std::string& name,
                                             const std::string& shown, bool wait,
                                             void (*on_wait)(const std::string&)) {
  bool waited = false;
  for (;;) {
    int fd = ::openat(dirfd, name.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
      return fail(codes::io, "cannot create the lock file " + shown + ": " + std::strerror(errno),
                  Location{shown});
    }
    if (auto ok = lock_fd(fd, shown, wait, on_wait, waited); !ok) return fail(ok.error());
    // The holder we waited for may have removed the file: then this lock guards nothing.
    struct stat held {};
    struct stat now {};
    if (::fstat(fd, &held) == 0 && ::fstatat(dirfd, name.c_str(), &now, AT_SYMLINK_NOFOLLOW) == 0 &&
        held.st_dev == now.st_dev && held.st_ino == now.st_ino) {
      int own_dir = ::fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
      if (own_dir < 0) {
        int err = errno;
        ::close(fd);
        return fail(codes::io, "cannot lock " + shown + ": " + std::strerror(err), Location{shown});
      }
      FileLock lock(fd, shown);
      lock.m_dirfd = own_dir;
      lock.m_name = name;
      return lock;
    }
    ::close(fd);
  }
}

void FileLock::release() {
  if (m_fd >= 0 && m_dirfd >= 0) ::unlinkat(m_dirfd, m_name.c_str(), 0);  // still holding it
  if (m_fd >= 0) ::close(m_fd);  // closing releases the flock
  if (m_dirfd >= 0) ::close(m_dirfd);
  m_fd = -1;
  m_dirfd = -1;
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    release();
    m_fd = other.m_fd;
    m_dirfd = other.m_dirfd;
    m_path = std::move(other.m_path);
    m_name = std::move(other.m_name);
    other.m_fd = -1;
    other.m_dirfd = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  release();
}

}  // namespace pinset::fs
