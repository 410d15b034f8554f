#include "core/fs/install_dir.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>  // renameat2 (glibc, _GNU_SOURCE)
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>
#include <utility>

namespace pinset::fs {

namespace {

// Where pinset keeps what it knows about an install, inside the install folder (app's
// k_state_dir), and how write_meta names its temporaries there.
constexpr const char* k_meta_dir = ".pinset";
constexpr std::string_view k_meta_temp_stem = ".tmp-";

std::string join(const std::string& dir, const std::string& name) {
  if (dir.empty()) return name;
  if (dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (!part.empty() && part != ".") parts.push_back(std::move(part));
    start = end + 1;
  }
  return parts;
}

std::string link_target(int dirfd, const std::string& name) {
  char buf[4096];
  ssize_t n = ::readlinkat(dirfd, name.c_str(), buf, sizeof buf - 1);
  return n < 0 ? std::string("?") : std::string(buf, std::size_t(n));
}

Error symlink_error(int dirfd, const std::string& name, const std::string& shown) {
  return Error(codes::symlink_in_path,
               shown + " is a symbolic link (to " + link_target(dirfd, name) +
                   "), and pinset never follows one on the way to the install folder",
               Location{shown});
}

EntryKind kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return EntryKind::directory;
  if (S_ISREG(mode)) return EntryKind::file;
  if (S_ISLNK(mode)) return EntryKind::symlink;
  return EntryKind::other;
}

// Names in an open folder (not "." or ".."); `fd` stays open.
std::vector<std::pair<std::string, unsigned char>> read_names(int fd) {
  std::vector<std::pair<std::string, unsigned char>> names;
  int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) return names;
  DIR* dir = ::fdopendir(copy);
  if (dir == nullptr) {
    ::close(copy);
    return names;
  }
  ::rewinddir(dir);
  while (const dirent* e = ::readdir(dir)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") names.emplace_back(std::move(name), e->d_type);
  }
  ::closedir(dir);
  return names;
}

void list_into(int fd, const std::string& prefix, bool recursive, std::vector<TreeEntry>& out) {
  for (auto& [name, type] : read_names(fd)) {
    EntryKind kind = type == DT_DIR   ? EntryKind::directory
                     : type == DT_REG ? EntryKind::file
                     : type == DT_LNK ? EntryKind::symlink
                                      : EntryKind::other;
    if (type == DT_UNKNOWN) {
      struct stat st {};
      if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) kind = kind_of(st.st_mode);
    }
    std::string path = prefix.empty() ? name : prefix + "/" + name;
    out.push_back({path, kind});
    if (kind != EntryKind::directory || !recursive) continue;
    int sub = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub < 0) continue;
    list_into(sub, path, recursive, out);
    ::close(sub);
  }
}

}  // namespace

Result<std::vector<TreeEntry>> list_at(int dirfd, const std::string& name, bool recursive) {
  std::vector<TreeEntry> out;
  int fd = ::openat(dirfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    return fail(codes::io, "cannot read the folder " + name + ": " + std::strerror(errno),
                Location{name});
  }
  list_into(fd, "", recursive, out);
  ::close(fd);
  std::sort(out.begin(), out.end(),
            [](const TreeEntry& a, const TreeEntry& b) { return a.path < b.path; });
  return out;
}

void remove_tree_at(int dirfd, const std::string& name) {
  if (::unlinkat(dirfd, name.c_str(), 0) == 0) return;  // a file or a link
  int fd = ::openat(dirfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && (st.st_mode & 0700) != 0700)
    ::fchmod(fd, (st.st_mode & 07777) | 0700);
  for (const auto& entry : read_names(fd))
    remove_tree_at(fd, entry.first);
  ::close(fd);
  ::unlinkat(dirfd, name.c_str(), AT_REMOVEDIR);
}

Result<std::unique_ptr<InstallFolder>> FileSystem::open_install_folder(const std::string& base,
                                                                       const std::string& path,
                                                                       bool create) const {
  auto dir = InstallDir::open(base, path, create);
  if (!dir) return fail(dir.error());
  return std::unique_ptr<InstallFolder>(std::make_unique<InstallDir>(std::move(*dir)));
}

Result<InstallDir> InstallDir::open(const std::string& base, const std::string& path, bool create) {
  bool absolute = !path.empty() && path.front() == '/';
  std::vector<std::string> parts = split(path);
  if (parts.empty() || parts.back() == "..") {
    return fail(codes::invalid_install_dir,
                "the install folder " + path + " names no folder of its own", Location{path});
  }
  InstallDir dir;
  dir.m_name = parts.back();
  std::string start = absolute ? "/" : base;
  dir.m_parent_path = absolute ? "/" : (base == "." ? "" : base);
  int fd = ::open(start.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return fail(codes::io, "cannot open " + start + ": " + std::strerror(errno), Location{start});
  }
  for (std::size_t i = 0; i + 1 < parts.size(); ++i)
    dir.m_parent_path = join(dir.m_parent_path, parts[i]);
  dir.m_path = join(dir.m_parent_path, dir.m_name);
  std::string shown = absolute ? "/" : "";
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    const std::string& part = parts[i];
    shown = join(shown, part);
    int next = ::openat(fd, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0 && errno == ENOENT && create) {
      if (::mkdirat(fd, part.c_str(), 0755) != 0 && errno != EEXIST) {
        int err = errno;
        ::close(fd);
        return fail(codes::io, "cannot create " + shown + ": " + std::strerror(err),
                    Location{shown});
      }
      next = ::openat(fd, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (next < 0) {
      int err = errno;
      struct stat st {};
      bool seen = ::fstatat(fd, part.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
      Result<InstallDir> out =
          seen && S_ISLNK(st.st_mode) ? fail(symlink_error(fd, part, shown))
          : seen && !S_ISDIR(st.st_mode)
              ? fail(codes::not_a_folder, shown + " is a file, not a folder", Location{shown})
          : err == ENOENT ? Result<InstallDir>(std::move(dir))  // nothing there yet (dry run)
                          : fail(codes::io, "cannot open " + shown + ": " + std::strerror(err),
                                 Location{shown});
      ::close(fd);
      return out;
    }
    ::close(fd);
    fd = next;
  }
  dir.m_parent = fd;
  struct stat st {};
  if (::fstatat(fd, dir.m_name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
    return fail(symlink_error(fd, dir.m_name, join(shown, dir.m_name)));
  }
  return dir;
}

InstallDir::InstallDir(InstallDir&& other) noexcept
    : m_parent(std::exchange(other.m_parent, -1)),
      m_parent_path(std::move(other.m_parent_path)),
      m_name(std::move(other.m_name)),
      m_path(std::move(other.m_path)) {}

InstallDir::~InstallDir() {
  if (m_parent >= 0) ::close(m_parent);
}

EntryKind InstallDir::kind() const {
  struct stat st {};
  if (m_parent < 0 || ::fstatat(m_parent, m_name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    return EntryKind::none;
  }
  return kind_of(st.st_mode);
}

Result<std::vector<TreeEntry>> InstallDir::list() const {
  if (kind() != EntryKind::directory) return std::vector<TreeEntry>();
  auto listed = list_at(m_parent, m_name, true);
  if (!listed) {
    return fail(codes::io, "cannot read " + m_path + ": " + listed.error().message,
                Location{m_path});
  }
  return listed;
}

Result<FileLock> InstallDir::lock(bool wait, void (*on_wait)(const std::string&)) const {
  std::string name = m_name + ".lock";
  return FileLock::acquire_transient(m_parent, name, join(m_parent_path, name), wait, on_wait);
}

void InstallDir::remove_leftovers() const {
  const std::string stem = m_name + ".staging-";
  for (const auto& entry : read_names(m_parent)) {
    if (entry.first.rfind(stem, 0) == 0) remove_tree_at(m_parent, entry.first);
  }
  int meta = open_meta_dir();
  if (meta < 0) return;
  remove_dead_writers_entries_at(meta, std::string(k_meta_temp_stem));
  ::close(meta);
}

int InstallDir::open_meta_dir() const {
  if (m_parent < 0) return -1;
  int dir = ::openat(m_parent, m_name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir < 0) return -1;
  int meta = ::openat(dir, k_meta_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  ::close(dir);
  return meta;
}

std::vector<std::optional<FileId>> InstallDir::ids(const std::vector<std::string>& relative) const {
  std::vector<std::optional<FileId>> out(relative.size());
  if (m_parent < 0) return out;
  int dir = ::openat(m_parent, m_name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir < 0) return out;
  for (std::size_t i = 0; i < relative.size(); ++i) {
    struct stat st {};
    int ok = relative[i].empty() ? ::fstat(dir, &st)
                                 : ::fstatat(dir, relative[i].c_str(), &st, AT_SYMLINK_NOFOLLOW);
    if (ok == 0) out[i] = file_id_of(st);
  }
  ::close(dir);
  return out;
}

Result<std::string> InstallDir::read_meta(const std::string& name, std::size_t max_bytes,
                                          FileId* id) const {
  std::string shown = join(join(m_path, k_meta_dir), name);
  int meta = open_meta_dir();
  int fd = meta < 0 ? -1 : ::openat(meta, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  int err = errno;
  if (meta >= 0) ::close(meta);
  if (fd < 0) {
    return fail(err == ENOENT ? codes::not_found : codes::io,
                "cannot read " + shown + ": " + std::strerror(err), Location{shown});
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || std::uint64_t(st.st_size) > max_bytes) {
    ::close(fd);
    return fail(S_ISREG(st.st_mode) ? codes::too_large : codes::io,
                "cannot read " + shown + ": not a regular file of at most " +
                    std::to_string(max_bytes) + " bytes",
                Location{shown});
  }
  if (id != nullptr) *id = file_id_of(st);
  std::string out(std::size_t(st.st_size), '\0');
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += std::size_t(n);
  }
  ::close(fd);
  out.resize(done);
  return out;
}

Status InstallDir::write_meta(const std::string& name, std::string_view content) const {
  std::string shown = join(join(m_path, k_meta_dir), name);
  int meta = open_meta_dir();
  if (meta < 0) {
    return fail(codes::io, "cannot write " + shown + ": " + std::strerror(errno), Location{shown});
  }
  static std::atomic<unsigned> s_counter{0};
  std::string tmp = std::string(k_meta_temp_stem) + std::to_string(::getpid()) + "-" +
                    std::to_string(s_counter++) + "-" + name;
  int fd = ::openat(meta, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  int err = fd < 0 ? errno : 0;
  if (fd >= 0) {
    std::size_t done = 0;
    while (done < content.size() && err == 0) {
      ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) err = n < 0 ? errno : EIO;
      if (n > 0) done += std::size_t(n);
    }
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err == 0 && ::renameat(meta, tmp.c_str(), meta, name.c_str()) != 0) err = errno;
    if (err != 0) ::unlinkat(meta, tmp.c_str(), 0);
  }
  ::close(meta);
  if (err != 0) {
    return fail(codes::io, "cannot write " + shown + ": " + std::strerror(err), Location{shown});
  }
  return {};
}

void InstallDir::remove_meta(const std::string& name) const {
  int meta = open_meta_dir();
  if (meta < 0) return;
  ::unlinkat(meta, name.c_str(), 0);
  ::close(meta);
}

Result<std::string> InstallDir::make_staging() const {
  static const char k_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device rd;
  std::string name;
  int err = EEXIST;
  for (int attempt = 0; attempt < 100 && err == EEXIST; ++attempt) {
    name = m_name + ".staging-";
    for (int i = 0; i < 6; ++i)
      name += k_chars[rd() % (sizeof k_chars - 1)];
    err = ::mkdirat(m_parent, name.c_str(), 0700) == 0 ? 0 : errno;
  }
  std::string shown = join(m_parent_path, name);
  if (err != 0) {
    return fail(codes::io, "cannot create " + shown + ": " + std::strerror(err), Location{shown},
                "check that the install folder's parent is writable");
  }
  int fd = ::openat(m_parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  bool ok = fd >= 0 && ::fchmod(fd, 0755) == 0 && ::mkdirat(fd, k_meta_dir, 0755) == 0 &&
            ::fchmodat(fd, k_meta_dir, 0755, 0) == 0;
  err = errno;
  if (fd >= 0) ::close(fd);
  if (!ok) {
    remove_tree_at(m_parent, name);
    return fail(codes::io, "cannot create " + shown + ": " + std::strerror(err), Location{shown},
                "check that the install folder's parent is writable");
  }
  return shown;
}

std::string InstallDir::name_of(const std::string& staging) const {
  std::size_t slash = staging.rfind('/');
  return slash == std::string::npos ? staging : staging.substr(slash + 1);
}

Status InstallDir::swap_in(const std::string& staging, bool& had_previous) const {
  std::string name = name_of(staging);
  if (::renameat2(m_parent, name.c_str(), m_parent, m_name.c_str(), RENAME_EXCHANGE) == 0) {
    had_previous = true;
    return {};
  }
  // Nothing there: move it in, never over something that appeared meanwhile.
  if (errno == ENOENT &&
      ::renameat2(m_parent, name.c_str(), m_parent, m_name.c_str(), RENAME_NOREPLACE) == 0) {
    had_previous = false;
    return {};
  }
  int err = errno;
  remove_tree_at(m_parent, name);
  return fail(
      codes::io, "cannot move the new install into place at " + m_path + ": " + std::strerror(err),
      Location{m_path}, "the previous install is unchanged; check the folder's permissions");
}

void InstallDir::swap_back(const std::string& staging, bool had_previous) const {
  std::string name = name_of(staging);
  if (had_previous) {
    if (::renameat2(m_parent, name.c_str(), m_parent, m_name.c_str(), RENAME_EXCHANGE) == 0) {
      remove_tree_at(m_parent, name);  // now the new tree
    }
  } else {
    remove_tree_at(m_parent, m_name);  // there was no install before
  }
}

void InstallDir::remove_staging(const std::string& staging) const {
  remove_tree_at(m_parent, name_of(staging));
}

}  // namespace pinset::fs
