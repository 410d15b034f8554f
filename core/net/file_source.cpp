#include "core/net/file_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/crypto/digest.hpp"
#include "core/net/fetch_error.hpp"
#include "core/net/spool_file.hpp"

namespace pinset::net::detail {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The absolute path of a file:///path or file://localhost/path URL, percent-decoded as libcurl
// would; empty when there is none.
std::string path_of(std::string_view url, std::string& why) {
  std::string_view rest = url.substr(std::min<std::size_t>(url.size(), 7));  // past "file://"
  if (rest.substr(0, 10) == "localhost/") rest.remove_prefix(9);
  if (rest.empty() || rest.front() != '/') {
    why = "a file URL must name an absolute path on this machine (file:///path)";
    return "";
  }
  rest = rest.substr(0, rest.find_first_of("?#"));
  std::string out;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    int hi = 0;
    int lo = 0;
    if (rest[i] == '%' && i + 2 < rest.size() && (hi = hex_value(rest[i + 1])) >= 0 &&
        (lo = hex_value(rest[i + 2])) >= 0) {
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += rest[i];
    }
  }
  if (out.find('\0') != std::string::npos) {
    why = "it contains an encoded NUL byte";
    return "";
  }
  return out;
}

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Result<FetchResult> read_file_url(const FetchRequest& request, const FetchOptions& options) {
  std::string why;
  std::string path = path_of(request.url, why);
  if (path.empty()) {
    return fail(fetch_error(request, codes::invalid_url, "the URL is malformed (" + why + ")",
                            "write file:///absolute/path"));
  }
  const char* hint_path = "check the path in the URL";
  Fd file;
  file.fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
  if (file.fd < 0) {
    int err = errno;
    if (err == ELOOP) {
      return fail(fetch_error(request, codes::file_read,
                              "the path is a symbolic link, which pinset does not follow",
                              "name the file itself, not a link to it"));
    }
    return fail(fetch_error(request, codes::file_read, "the file does not exist or cannot be read",
                            hint_path));
  }
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) {
    return fail(fetch_error(request, codes::file_read,
                            std::string("the file cannot be read: ") + std::strerror(errno),
                            hint_path));
  }
  if (!S_ISREG(st.st_mode)) {
    return fail(fetch_error(
        request, "file-read",
        std::string("the path is ") + kind_of(st.st_mode) + ", and pinset reads only regular files",
        "a file:// artifact must be a regular file: check the path in the URL"));
  }
  // The file is regular: reads block normally from here.
  int flags = ::fcntl(file.fd, F_GETFL);
  if (flags >= 0) ::fcntl(file.fd, F_SETFL, flags & ~O_NONBLOCK);

  auto size = static_cast<std::uint64_t>(st.st_size);
  bool exact = request.exact_size.has_value();
  std::uint64_t limit =
      exact ? *request.exact_size : request.max_bytes.value_or(options.default_max_bytes);
  if (exact ? size != limit : size > limit) {
    return fail(too_large(request, limit, exact, static_cast<std::int64_t>(size)));
  }
  crypto::DigestAlgo algo =
      request.expected ? request.expected->algo() : crypto::DigestAlgo::sha256;
  crypto::Hasher hasher(algo);
  FetchResult out;
  out.url = request.url;
  out.last_modified = static_cast<std::int64_t>(st.st_mtim.tv_sec);
  SpoolFile spool;
  if (!request.spool_dir.empty()) {
    TRY(spool.start(request.spool_dir));
  } else {
    out.body.reserve(static_cast<std::size_t>(size));
  }
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return fail(fetch_error(request, codes::file_read,
                              std::string("the file cannot be read: ") + std::strerror(errno),
                              hint_path));
    }
    if (n == 0) break;
    if (out.size + static_cast<std::size_t>(n) > limit) {
      // The file grew while it was read.
      return fail(too_large(request, limit, exact, -1));
    }
    hasher.update(std::string_view(buffer, static_cast<std::size_t>(n)));
    out.size += static_cast<std::uint64_t>(n);
    if (spool.open()) {
      TRY(spool.write(std::string_view(buffer, static_cast<std::size_t>(n))));
    } else {
      out.body.append(buffer, static_cast<std::size_t>(n));
    }
  }
  if (exact && out.size != limit) return fail(too_large(request, limit, exact, -1));
  out.digest = hasher.finish();
  if (request.expected && out.digest != *request.expected) {
    return fail(checksum_mismatch(request, out.digest));
  }
  if (spool.open()) TRY_ASSIGN(out.file, spool.release());
  return out;
}

}  // namespace pinset::net::detail
