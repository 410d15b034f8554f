#include "core/net/spool_file.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace pinset::net::detail {
namespace {

Error io_error(const std::string& what, const std::string& path, int err) {
  return Error(codes::io, what + " " + path + ": " + std::strerror(err), Location{path},
               "check the free space and permissions of the cache folder");
}

}  // namespace

SpoolFile::~SpoolFile() {
  if (m_fd >= 0) ::close(m_fd);
  if (!m_path.empty()) ::unlink(m_path.c_str());
}

Status SpoolFile::start(const std::string& dir) {
  if (m_fd >= 0) {
    if (::ftruncate(m_fd, 0) != 0 || ::lseek(m_fd, 0, SEEK_SET) != 0)
      return fail(io_error("cannot empty", m_path, errno));
    return {};
  }
  std::string tmpl = dir + "/fetch-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  int fd = ::mkostemp(buf.data(), O_CLOEXEC);
  if (fd < 0) return fail(io_error("cannot create a download file in", dir, errno));
  m_fd = fd;
  m_path = buf.data();
  return {};
}

Status SpoolFile::write(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(m_fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(io_error("cannot write", m_path, errno));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

Result<std::string> SpoolFile::release() {
  int fd = m_fd;
  m_fd = -1;
  if (::close(fd) != 0) return fail(io_error("cannot write", m_path, errno));
  std::string path = std::move(m_path);
  m_path.clear();
  return path;
}

}  // namespace pinset::net::detail
