#include "core/archive/tree_writer.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace pinset::archive {

namespace {

constexpr int k_dir_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
constexpr std::uint32_t k_implicit_dir_mode = 0755;

std::string_view describe(FileRecord::Type type) {
  switch (type) {
    case FileRecord::Type::file:
      return "a file";
    case FileRecord::Type::directory:
      return "a folder";
    case FileRecord::Type::symlink:
      return "a symbolic link";
    case FileRecord::Type::hardlink:
      return "a hard link";
  }
  return "an entry";
}

struct DirEntry {
  std::string name;
  unsigned char type;
};

// The names in the folder `dirfd` (without "." and ".."); false when it cannot be listed.
bool list_dir(int dirfd, std::vector<DirEntry>& out) {
  int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  DIR* dir = fdopendir(fd);
  if (dir == nullptr) {
    close(fd);
    return false;
  }
  while (dirent* entry = readdir(dir)) {
    if (std::strcmp(entry->d_name, ".") == 0 || std::strcmp(entry->d_name, "..") == 0) continue;
    out.push_back({entry->d_name, entry->d_type});
  }
  closedir(dir);
  return true;
}

// Removes everything inside the folder `dirfd`, never following a symlink.
void remove_contents(int dirfd) {
  std::vector<DirEntry> entries;
  if (!list_dir(dirfd, entries)) return;
  for (const DirEntry& entry : entries) {
    if (entry.type != DT_DIR && unlinkat(dirfd, entry.name.c_str(), 0) == 0) continue;
    UniqueFd sub(openat(dirfd, entry.name.c_str(), k_dir_flags));
    if (!sub.valid()) continue;
    remove_contents(sub.get());
    sub.reset();
    unlinkat(dirfd, entry.name.c_str(), AT_REMOVEDIR);
  }
}

}  // namespace

Result<TreeWriter> TreeWriter::open(const std::string& dest_dir) {
  UniqueFd root(::open(dest_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!root.valid()) {
    return fail(codes::io, "cannot open the destination folder " + quote(dest_dir) + ": " +
                               std::strerror(errno));
  }
  std::vector<DirEntry> entries;
  if (!list_dir(root.get(), entries)) {
    return fail(codes::io, "cannot list the destination folder " + quote(dest_dir) + ": " +
                               std::strerror(errno));
  }
  if (!entries.empty()) {
    return fail(codes::io, "the destination folder " + quote(dest_dir) + " is not empty",
                Location{}, "extract into a new, empty folder");
  }
  return TreeWriter(dest_dir, std::move(root));
}

tl::unexpected<Error> TreeWriter::io_error(std::string_view action, std::string_view path,
                                           int err) const {
  return fail(codes::io, "cannot " + std::string(action) + " " + quote(path) + " in " +
                             quote(m_dest) + ": " + std::strerror(err));
}

Status TreeWriter::check_new(const MemberPath& path, std::string_view member,
                             std::string_view kind) const {
  if (path.is_root()) {
    return fail(codes::unsafe_archive, "member " + quote(member) + " is " + std::string(kind) +
                                           " in place of the package root");
  }
  auto it = m_nodes.find(path.joined);
  if (it == m_nodes.end()) return {};
  return fail(codes::unsafe_archive,
              "member " + quote(member) + " appears twice: " + quote(path.joined) + " is " +
                  std::string(describe(it->second.type)) + ", then " + std::string(kind));
}

std::size_t TreeWriter::add_record(const std::string& path, FileRecord::Type type,
                                   std::uint32_t mode) {
  FileRecord record;
  record.path = path;
  record.type = type;
  record.mode = mode;
  m_records.push_back(std::move(record));
  m_nodes.emplace(path, Node{type, m_records.size() - 1});
  return m_records.size() - 1;
}

Result<int> TreeWriter::open_dirs(const MemberPath& path, std::size_t count,
                                  std::string_view member) {
  std::size_t common = 0;
  while (common < m_open.size() && common < count && m_open[common].name == path.parts[common]) {
    ++common;
  }
  if (common == count) return count == 0 ? m_root.get() : m_open[count - 1].fd.get();
  m_open.resize(common);
  std::string prefix;
  for (std::size_t i = 0; i < common; ++i) {
    if (i > 0) prefix += '/';
    prefix += path.parts[i];
  }
  for (std::size_t i = common; i < count; ++i) {
    const std::string& name = path.parts[i];
    if (i > 0) prefix += '/';
    prefix += name;
    int parent = i == 0 ? m_root.get() : m_open.back().fd.get();
    auto it = m_nodes.find(prefix);
    bool created = false;
    if (it == m_nodes.end()) {
      if (mkdirat(parent, name.c_str(), 0700) != 0) return io_error("create folder", prefix, errno);
      add_record(prefix, FileRecord::Type::directory, k_implicit_dir_mode);
      created = true;
    } else if (it->second.type == FileRecord::Type::symlink) {
      return fail(codes::unsafe_archive, "member " + quote(member) +
                                             " would be written through the symbolic link " +
                                             quote(prefix));
    } else if (it->second.type != FileRecord::Type::directory) {
      return fail(codes::unsafe_archive, "member " + quote(member) + " would be written inside " +
                                             quote(prefix) + ", which is " +
                                             std::string(describe(it->second.type)));
    }
    UniqueFd fd(openat(parent, name.c_str(), k_dir_flags));
    if (!fd.valid()) return io_error("open folder", prefix, errno);
    if (created && fchmod(fd.get(), k_implicit_dir_mode) != 0) {
      return io_error("set the mode of", prefix, errno);
    }
    m_open.push_back({name, std::move(fd)});
  }
  return m_open.back().fd.get();
}

Status TreeWriter::make_directory(const MemberPath& path, std::uint32_t mode,
                                  std::string_view member, std::optional<timespec> mtime) {
  if (path.is_root()) return {};
  auto existing = m_nodes.find(path.joined);
  if (existing != m_nodes.end() && existing->second.type != FileRecord::Type::directory) {
    return check_new(path, member, "a folder");
  }
  Result<int> fd = open_dirs(path, path.parts.size(), member);
  if (!fd) return tl::unexpected(std::move(fd.error()));
  if (fchmod(*fd, mode) != 0) return io_error("set the mode of", path.joined, errno);
  m_records[m_nodes.at(path.joined).record].mode = mode;
  if (mtime) m_dir_times.insert_or_assign(path.joined, std::pair(path, *mtime));
  return {};
}

Result<TreeWriter::NewFile> TreeWriter::create_file(const MemberPath& path,
                                                    std::string_view member) {
  if (Status ok = check_new(path, member, "a file"); !ok) return tl::unexpected(ok.error());
  Result<int> parent = open_dirs(path, path.parts.size() - 1, member);
  if (!parent) return tl::unexpected(std::move(parent.error()));
  const std::string& leaf = path.parts.back();
  UniqueFd fd(
      openat(*parent, leaf.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!fd.valid()) return io_error("create file", path.joined, errno);
  std::size_t index = add_record(path.joined, FileRecord::Type::file, 0600);
  return NewFile{std::move(fd), index};
}

Status TreeWriter::make_symlink(const MemberPath& path, const std::string& target,
                                std::string_view member, std::optional<timespec> mtime) {
  if (Status ok = check_new(path, member, "a symbolic link"); !ok) return ok;
  Result<int> parent = open_dirs(path, path.parts.size() - 1, member);
  if (!parent) return tl::unexpected(std::move(parent.error()));
  if (symlinkat(target.c_str(), *parent, path.parts.back().c_str()) != 0) {
    return io_error("create symbolic link", path.joined, errno);
  }
  if (mtime) {
    const timespec times[2] = {{0, UTIME_OMIT}, *mtime};
    if (utimensat(*parent, path.parts.back().c_str(), times, AT_SYMLINK_NOFOLLOW) != 0) {
      return io_error("set the modification time of", path.joined, errno);
    }
  }
  std::size_t index = add_record(path.joined, FileRecord::Type::symlink, 0777);
  m_records[index].link_target = target;
  return {};
}

Status TreeWriter::make_hardlink(const MemberPath& path, const MemberPath& target,
                                 std::string_view member) {
  if (Status ok = check_new(path, member, "a hard link"); !ok) return ok;
  auto it = m_nodes.find(target.joined);
  if (target.is_root() || it == m_nodes.end() ||
      (it->second.type != FileRecord::Type::file &&
       it->second.type != FileRecord::Type::hardlink)) {
    return fail(codes::unsafe_archive,
                "hard link " + quote(member) + " points to " + quote(target.joined) +
                    ", which is not a regular file extracted earlier from this archive");
  }
  const std::size_t target_record = it->second.record;
  Result<int> target_parent = open_dirs(target, target.parts.size() - 1, member);
  if (!target_parent) return tl::unexpected(std::move(target_parent.error()));
  // open_dirs below may close the borrowed descriptor; keep a copy.
  UniqueFd target_dir(fcntl(*target_parent, F_DUPFD_CLOEXEC, 0));
  if (!target_dir.valid()) return io_error("open folder of", target.joined, errno);
  Result<int> parent = open_dirs(path, path.parts.size() - 1, member);
  if (!parent) return tl::unexpected(std::move(parent.error()));
  if (linkat(target_dir.get(), target.parts.back().c_str(), *parent, path.parts.back().c_str(),
             0) != 0) {
    return io_error("create hard link", path.joined, errno);
  }
  FileRecord linked = m_records[target_record];
  std::size_t index = add_record(path.joined, FileRecord::Type::hardlink, linked.mode);
  FileRecord& record = m_records[index];
  record.size = linked.size;
  record.sha256 = linked.sha256;
  record.link_target = linked.type == FileRecord::Type::hardlink ? linked.link_target : linked.path;
  return {};
}

Status TreeWriter::finish() {
  for (const auto& [joined, entry] : m_dir_times) {
    const auto& [path, mtime] = entry;
    Result<int> fd = open_dirs(path, path.parts.size(), joined);
    if (!fd) return tl::unexpected(std::move(fd.error()));
    const timespec times[2] = {{0, UTIME_OMIT}, mtime};
    if (futimens(*fd, times) != 0) return io_error("set the modification time of", joined, errno);
  }
  m_dir_times.clear();
  return {};
}

void TreeWriter::remove_all() {
  m_open.clear();
  remove_contents(m_root.get());
  m_nodes.clear();
  m_records.clear();
  m_dir_times.clear();
}

std::vector<FileRecord> TreeWriter::take_records() {
  m_open.clear();
  std::sort(m_records.begin(), m_records.end(),
            [](const FileRecord& a, const FileRecord& b) { return a.path < b.path; });
  m_nodes.clear();
  return std::move(m_records);
}

}  // namespace pinset::archive
