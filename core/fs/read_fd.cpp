#include "core/fs/read_fd.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstddef>

namespace pinset::fs {

int read_fd(int fd, const std::function<bool(std::string_view)>& piece) {
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0 || !piece(std::string_view(buf, std::size_t(n)))) return 0;
  }
}

}  // namespace pinset::fs
