#include "core/fs/file_system.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <random>
#include <vector>

#include "core/fs/read_fd.hpp"

namespace pinset::fs {

namespace {

std::string errno_text(int err) {
  return std::strerror(err);
}

// "cannot read <path>: <reason>", with the reason and the path as data (Error::reason, where).
tl::unexpected<Error> cannot_read(std::string code, const std::string& path, std::string reason) {
  Error e(std::move(code), "cannot read " + path + ": " + reason, Location{path});
  e.reason = std::move(reason);
  return tl::unexpected<Error>(std::move(e));
}

tl::unexpected<Error> too_large(const std::string& path, std::size_t max_bytes) {
  return fail(codes::too_large,
              path + " is larger than the limit of " + std::to_string(max_bytes) + " bytes",
              Location{path}, "check that this is the file you meant");
}

class RealFileSystem final : public FileSystem {
 public:
  Result<std::string> read(const std::string& path, std::size_t max_bytes) const override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      int err = errno;
      return cannot_read(err == ENOENT ? codes::not_found : codes::io, path, errno_text(err));
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      ::close(fd);
      return cannot_read(codes::io, path, "it is a directory");
    }
    // A regular file's size is known: refuse an oversized one before reading any of it (a 1 GB
    // sparse file costs nothing to make and would otherwise cost max_bytes of reading).
    if (S_ISREG(st.st_mode) && st.st_size > 0 && std::uint64_t(st.st_size) > max_bytes) {
      ::close(fd);
      return too_large(path, max_bytes);
    }
    std::string out;
    // 64 spare bytes: a JSON parser can then read the text in place (simdjson's padding).
    if (st.st_size > 0) {
      out.reserve(std::min<std::size_t>(std::size_t(st.st_size), max_bytes + 1) + 64);
    }
    bool over = false;
    int err = read_fd(fd, [&](std::string_view piece) {
      over = out.size() + piece.size() > max_bytes;
      if (!over) out.append(piece);
      return !over;
    });
    ::close(fd);
    if (err != 0) return cannot_read(codes::io, path, errno_text(err));
    if (over) return too_large(path, max_bytes);
    return out;
  }

  bool exists(const std::string& path) const override {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
  }

  Status write_atomic(const std::string& path, std::string_view content) override {
    std::filesystem::path target(path);
    std::filesystem::path dir = target.parent_path();
    if (dir.empty()) dir = ".";
    std::random_device rd;
    std::string tmp = (dir / ("." + target.filename().string() + ".tmp-" +
                              std::to_string(::getpid()) + "-" + std::to_string(rd())))
                          .string();
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
      return fail(codes::io, "cannot write " + path + ": " + errno_text(errno), Location{path});
    }
    std::size_t done = 0;
    while (done < content.size()) {
      ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        return fail(codes::io, "cannot write " + path + ": " + errno_text(err), Location{path});
      }
      done += std::size_t(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
      int err = errno;
      ::unlink(tmp.c_str());
      return fail(codes::io, "cannot write " + path + ": " + errno_text(err), Location{path});
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      int err = errno;
      ::unlink(tmp.c_str());
      return fail(codes::io, "cannot write " + path + ": " + errno_text(err), Location{path});
    }
    return {};
  }

  FileInfo stat(const std::string& path) const override {
    FileInfo info;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return info;
    info.kind = S_ISDIR(st.st_mode)   ? EntryKind::directory
                : S_ISREG(st.st_mode) ? EntryKind::file
                : S_ISLNK(st.st_mode) ? EntryKind::symlink
                                      : EntryKind::other;
    info.size = std::uint64_t(st.st_size);
    info.mode = std::uint32_t(st.st_mode & 07777);
    if (info.kind == EntryKind::symlink) {
      char buf[4096];
      ssize_t n = ::readlink(path.c_str(), buf, sizeof buf);
      if (n > 0) info.link_target.assign(buf, std::size_t(n));
    }
    return info;
  }

  std::optional<FileId> file_id(const std::string& path) const override {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return file_id_of(st);
  }

  Result<std::vector<TreeEntry>> list(const std::string& dir, bool recursive) const override {
    return list_at(AT_FDCWD, dir, recursive);
  }

  Status read_chunks(const std::string& path,
                     const std::function<void(std::string_view)>& chunk) const override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
      int err = errno;
      return cannot_read(err == ENOENT ? codes::not_found : codes::io, path, errno_text(err));
    }
    int err = read_fd(fd, [&](std::string_view piece) {
      chunk(piece);
      return true;
    });
    ::close(fd);
    if (err != 0) return cannot_read(codes::io, path, errno_text(err));
    return {};
  }

  Status write_new(const std::string& path, std::string_view content, std::uint32_t mode) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0) {
      int err = errno;
      return fail(err == EEXIST ? codes::exists : codes::io,
                  err == EEXIST ? path + " already exists"
                                : "cannot create " + path + ": " + errno_text(err),
                  Location{path}, "check that the folder exists and is writable");
    }
    ::fchmod(fd, mode);  // whatever the umask
    std::size_t done = 0;
    while (done < content.size()) {
      ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        int err = errno;
        ::close(fd);
        ::unlink(path.c_str());
        return fail(codes::io, "cannot write " + path + ": " + errno_text(err), Location{path},
                    "check the free space of the filesystem");
      }
      done += std::size_t(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
      int err = errno;
      ::unlink(path.c_str());
      return fail(codes::io, "cannot write " + path + ": " + errno_text(err), Location{path},
                  "check the free space of the filesystem");
    }
    return {};
  }

  void remove_file(const std::string& path) override { ::unlink(path.c_str()); }

  Status make_directory(const std::string& path) override {
    if (::mkdir(path.c_str(), 0755) != 0) return io_error("create the folder", path, errno);
    return {};
  }

  Status make_symlink(const std::string& target, const std::string& path) override {
    if (::symlink(target.c_str(), path.c_str()) != 0)
      return io_error("create the link", path, errno);
    return {};
  }

  Status create_file(const std::string& path, std::string_view content, bool executable) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return io_error("create", path, errno);
    std::size_t done = 0;
    while (done < content.size()) {
      ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int err = errno;
        ::close(fd);
        ::unlink(path.c_str());
        return io_error("write", path, err);
      }
      done += std::size_t(n);
    }
    if (::fchmod(fd, executable ? 0555 : 0444) != 0 || ::close(fd) != 0) {
      int err = errno;
      ::unlink(path.c_str());
      return io_error("write", path, err);
    }
    return {};
  }

 private:
  static tl::unexpected<Error> io_error(const std::string& what, const std::string& path, int err) {
    return fail(codes::io, "cannot " + what + " " + path + ": " + errno_text(err), Location{path},
                "check the free space and permissions of the install folder");
  }
};

}  // namespace

std::optional<FileId> FileSystem::file_id(const std::string&) const {
  return std::nullopt;
}

FileId file_id_of(const struct stat& st) {
  FileId id;
  id.kind = S_ISDIR(st.st_mode)   ? EntryKind::directory
            : S_ISREG(st.st_mode) ? EntryKind::file
            : S_ISLNK(st.st_mode) ? EntryKind::symlink
                                  : EntryKind::other;
  id.dev = std::uint64_t(st.st_dev);
  id.ino = std::uint64_t(st.st_ino);
  id.size = std::uint64_t(st.st_size);
  id.mtime_ns = std::int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  id.ctime_ns = std::int64_t(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
  id.nlink = std::uint64_t(st.st_nlink);
  return id;
}

FileSystem& real_file_system() {
  static RealFileSystem fs;
  return fs;
}

void remove_stale_temporaries(const std::string& path) {
  std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path();
  remove_dead_writers_entries(dir.empty() ? "." : dir.string(),
                              "." + target.filename().string() + ".tmp-");
}

void remove_dead_writers_entries(const std::string& dir, const std::string& stem) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  remove_dead_writers_entries_at(fd, stem);
  ::close(fd);
}

void remove_dead_writers_entries_at(int dirfd, const std::string& stem) {
  std::vector<std::string> gone;
  int copy = ::fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) return;
  DIR* dir = ::fdopendir(copy);
  if (dir == nullptr) {
    ::close(copy);
    return;
  }
  ::rewinddir(dir);
  while (const dirent* e = ::readdir(dir)) {
    const std::string name = e->d_name;
    if (name.rfind(stem, 0) != 0) continue;
    const std::string rest = name.substr(stem.size());
    const std::size_t dash = rest.find('-');
    if (dash == 0 || dash == std::string::npos) continue;
    long pid = 0;
    for (std::size_t i = 0; i < dash; ++i) {
      if (rest[i] < '0' || rest[i] > '9' || pid > 4'000'000) {
        pid = 0;
        break;
      }
      pid = pid * 10 + (rest[i] - '0');
    }
    if (pid <= 0) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // alive, or unsure
    gone.push_back(name);
  }
  ::closedir(dir);
  for (const std::string& name : gone)
    remove_tree_at(dirfd, name);
}

}  // namespace pinset::fs
