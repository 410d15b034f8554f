#include "core/store/tree_link.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pinset::store {

namespace {

class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

// Copies one file (across filesystems); keeps the permission bits.
bool copy_file(int src_dir, int dst_dir, const std::string& path, std::uint32_t mode) {
  Fd in(::openat(src_dir, path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (in.get() < 0) return false;
  Fd out(
      ::openat(dst_dir, path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (out.get() < 0) return false;
  for (;;) {
    ssize_t n = ::copy_file_range(in.get(), nullptr, out.get(), nullptr, 1 << 30, 0);
    if (n == 0) break;
    if (n > 0) continue;
    if (errno == EINTR) continue;
    // Fall back to read/write where copy_file_range is not supported.
    char buf[1 << 16];
    for (;;) {
      ssize_t r = ::read(in.get(), buf, sizeof buf);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) return false;
      if (r == 0) break;
      ssize_t done = 0;
      while (done < r) {
        ssize_t w = ::write(out.get(), buf + done, std::size_t(r - done));
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) return false;
        done += w;
      }
    }
    break;
  }
  struct stat st {};
  if (::fstat(in.get(), &st) != 0) return false;
  const timespec times[2] = {{0, UTIME_OMIT}, st.st_mtim};
  return ::fchmod(out.get(), mode & 0555) == 0 && ::futimens(out.get(), times) == 0;
}

// Gives `path` in dst_dir the modification time it has in src_dir, not following a symlink.
bool copy_mtime(int src_dir, int dst_dir, const std::string& path) {
  struct stat st {};
  if (::fstatat(src_dir, path.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return false;
  const timespec times[2] = {{0, UTIME_OMIT}, st.st_mtim};
  return ::utimensat(dst_dir, path.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0;
}

}  // namespace

Result<LinkStats> link_tree(const Tree& tree, const std::string& dest) {
  if (::mkdir(dest.c_str(), 0755) != 0) {
    return fail(codes::io, "cannot create " + dest + ": " + std::strerror(errno), Location{dest});
  }
  auto failed = [&](const std::string& what, const std::string& entry, int err) {
    remove_tree(dest);
    return fail(codes::io, "cannot " + what + " " + dest + "/" + entry + ": " + std::strerror(err),
                Location{dest}, "check the free space and permissions of the install folder");
  };
  Fd src(::open(tree.files_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (src.get() < 0) return failed("read", "", errno);
  Fd dst(::open(dest.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW));
  if (dst.get() < 0) return failed("open", "", errno);
  LinkStats stats;
  bool can_link = true;
  using Type = archive::FileRecord::Type;
  for (const auto& f : tree.receipt.files) {
    switch (f.type) {
      case Type::directory:
        if (::mkdirat(dst.get(), f.path.c_str(), (f.mode & 0755) | 0700) != 0 && errno != EEXIST) {
          return failed("create", f.path, errno);
        }
        break;
      case Type::file:
      case Type::hardlink:
        if (can_link && ::linkat(src.get(), f.path.c_str(), dst.get(), f.path.c_str(), 0) == 0) {
          ++stats.linked;
          break;
        }
        if (can_link && errno != EXDEV && errno != EMLINK && errno != EPERM) {
          return failed("link", f.path, errno);
        }
        can_link = can_link && errno != EXDEV;
        if (!copy_file(src.get(), dst.get(), f.path, f.mode)) return failed("copy", f.path, errno);
        ++stats.copied;
        break;
      case Type::symlink:
        if (::symlinkat(f.link_target.c_str(), dst.get(), f.path.c_str()) != 0) {
          return failed("create", f.path, errno);
        }
        break;
    }
  }
  // Folders and symlinks are new inodes: give them the stored tree's times (extractor.hpp), folders
  // last, once nothing more is created inside. Linked files share theirs; copies took theirs.
  for (const auto& f : tree.receipt.files) {
    if ((f.type == Type::directory || f.type == Type::symlink) &&
        !copy_mtime(src.get(), dst.get(), f.path)) {
      return failed("set the modification time of", f.path, errno);
    }
  }
  return stats;
}

}  // namespace pinset::store

namespace pinset::store {

Status make_parent_folders(const std::string& root, const std::string& relative) {
  int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    return fail(codes::io, "cannot open " + root + ": " + std::strerror(errno), Location{root},
                "the previous install is unchanged; check the install folder's permissions");
  }
  std::size_t start = 0;
  for (std::size_t slash = relative.find('/'); slash != std::string::npos;
       slash = relative.find('/', start)) {
    std::string segment = relative.substr(start, slash - start);
    std::string shown = root + "/" + relative.substr(0, slash);
    if (::mkdirat(fd, segment.c_str(), 0755) != 0 && errno != EEXIST) {
      int err = errno;
      ::close(fd);
      return fail(codes::io, "cannot create " + shown + ": " + std::strerror(err), Location{shown},
                  "the previous install is unchanged; check the free space and permissions of "
                  "the install folder's filesystem");
    }
    int next = ::openat(fd, segment.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int err = errno;
    ::close(fd);
    if (next < 0) {
      return fail(codes::io, "cannot open " + shown + ": " + std::strerror(err), Location{shown},
                  "a folder of the staging tree is not a plain folder; run the install again");
    }
    fd = next;
    start = slash + 1;
  }
  ::close(fd);
  return {};
}

}  // namespace pinset::store
