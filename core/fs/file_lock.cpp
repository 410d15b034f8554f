#include "core/fs/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pinset::fs {

Result<FileLock> FileLock::acquire(const std::string& path, bool wait,
                                   void (*on_wait)(const std::string&)) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) {
    return fail("io", "cannot create the lock file " + path + ": " + std::strerror(errno),
                Location{path});
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) {
      int err = errno;
      ::close(fd);
      return fail("io", "cannot lock " + path + ": " + std::strerror(err), Location{path});
    }
    if (!wait) {
      ::close(fd);
      return fail("locked", "another pinset process holds " + path, Location{path},
                  "wait for it to finish, or run again without --no-wait");
    }
    if (on_wait != nullptr) on_wait(path);
    while (::flock(fd, LOCK_EX) != 0) {
      if (errno != EINTR) {
        int err = errno;
        ::close(fd);
        return fail("io", "cannot lock " + path + ": " + std::strerror(err), Location{path});
      }
    }
  }
  return FileLock(fd, path);
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = other.m_fd;
    m_path = std::move(other.m_path);
    other.m_fd = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  if (m_fd >= 0) ::close(m_fd);  // closing releases the flock
}

}  // namespace pinset::fs
