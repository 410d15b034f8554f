#include "core/archive/extractor.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>
#include <stdexcept>

#include "core/archive/gzip_inflate.hpp"
#include "core/archive/policy.hpp"
#include "core/archive/tree_writer.hpp"
#include "core/archive/unique_fd.hpp"
#include "core/crypto/digest.hpp"

namespace pinset::archive {

namespace {

struct ArchiveFree {
  void operator()(struct archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveFree>;

constexpr std::array<char, 64 * 1024> k_zeros{};

// A gzip archive is inflated whole in memory (gzip_inflate.hpp) when its tar takes at most this
// much, and at most the expanded-size limit plus room for tar headers; larger ones stream through
// libarchive.
constexpr std::uint64_t k_max_inflate_in_memory = 128ull << 20;
constexpr std::uint64_t k_tar_overhead_allowance = 1ull << 20;
// Archives in files up to this size are read into memory (gzip inflated at once, the fast path);
// larger ones are streamed from the file through libarchive in blocks of k_read_block.
constexpr std::uint64_t k_max_file_in_memory = 32ull << 20;
constexpr std::size_t k_read_block = 256 * 1024;

std::string hint_for(const std::string& code) {
  if (code == codes::unsafe_archive) {
    return "pinset never unpacks such archives; report the package to the maintainers of the "
           "package set";
  }
  if (code == codes::archive_too_large) {
    return "the archive may be a decompression bomb; if the package is genuinely this big, it "
           "needs higher extraction limits";
  }
  if (code == codes::archive_path_too_long || code == codes::archive_too_deep) {
    return "no package needs paths like this one; report the package to the maintainers of the "
           "package set";
  }
  if (code == codes::corrupt_archive) {
    return "download the archive again; if its checksum matches the package set, the set points "
           "to a broken or mislabelled archive";
  }
  return {};
}

// The member's name as stored: UTF-8 when libarchive can give it, else the raw bytes.
const char* stored_name(const char* utf8, const char* raw) {
  return utf8 != nullptr ? utf8 : raw;
}

class Extraction {
 public:
  Extraction(std::string_view bytes, TreeWriter& writer, const Options& options)
      : m_bytes(bytes), m_writer(writer), m_options(options), m_limits(options.limits) {}
  // Reads the archive from `fd` as it goes (memory does not grow with its size).
  Extraction(int fd, TreeWriter& writer, const Options& options)
      : m_fd(fd), m_writer(writer), m_options(options), m_limits(options.limits) {}

  Result<std::uint64_t> run();

 private:
  Status extract_member(struct archive_entry* entry);
  Status write_file(struct archive_entry* entry, const MemberPath& path);
  Status charge(std::uint64_t bytes);
  // The member's modification time clamped to [0, m_now]; nullopt when the archive has none.
  std::optional<timespec> member_mtime(struct archive_entry* entry) const;
  // Permission bits as stored; read (and for a folder search) bits for everyone added to a zip
  // member that only its owner may read (how a member without Unix modes reads).
  std::uint32_t member_perm(struct archive_entry* entry, bool directory) const;
  tl::unexpected<Error> corrupt(std::string message) const;  // adds libarchive's reason
  tl::unexpected<Error> write_error(int err) const;
  Status write_all(int fd, std::string_view data, std::uint64_t offset) const;

  std::string_view m_bytes;
  int m_fd = -1;                       // read from here instead of m_bytes when >= 0
  std::unique_ptr<char[]> m_inflated;  // what m_archive reads when gzip was inflated up front
  TreeWriter& m_writer;
  const Options& m_options;
  const Limits& m_limits;
  ArchivePtr m_archive;
  std::string m_member;            // name of the member being extracted, as stored
  std::uint64_t m_charged = 0;     // expanded bytes counted against max_total_bytes
  std::uint64_t m_file_bytes = 0;  // sizes of regular files written
  timespec m_now{};                // when the extraction started: the latest mtime allowed
};

std::optional<timespec> Extraction::member_mtime(struct archive_entry* entry) const {
  if (archive_entry_mtime_is_set(entry) == 0) return std::nullopt;
  timespec t{static_cast<time_t>(archive_entry_mtime(entry)), archive_entry_mtime_nsec(entry)};
  if (t.tv_nsec < 0 || t.tv_nsec >= 1'000'000'000) t.tv_nsec = 0;
  if (t.tv_sec < 0) return timespec{0, 0};
  if (t.tv_sec > m_now.tv_sec || (t.tv_sec == m_now.tv_sec && t.tv_nsec > m_now.tv_nsec)) {
    return m_now;
  }
  return t;
}

std::uint32_t Extraction::member_perm(struct archive_entry* entry, bool directory) const {
  const auto perm = static_cast<std::uint32_t>(archive_entry_perm(entry));
  const bool zip =
      (archive_format(m_archive.get()) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP;
  // libarchive reports a member without Unix modes as owner-only (0600, 0700 or 0711 for a
  // folder); a package's files are meant for everyone to read.
  if (zip && (perm & 044u) == 0) return perm | (directory ? 0555u : 0444u);
  return perm;
}

tl::unexpected<Error> Extraction::corrupt(std::string message) const {
  if (const char* detail = archive_error_string(m_archive.get())) message += ": " + quote(detail);
  return fail(codes::corrupt_archive, std::move(message));
}

tl::unexpected<Error> Extraction::write_error(int err) const {
  return fail(codes::io, "cannot write member " + quote(m_member) + ": " + std::strerror(err));
}

Status Extraction::write_all(int fd, std::string_view data, std::uint64_t offset) const {
  while (!data.empty()) {
    ssize_t n = pwrite(fd, data.data(), data.size(), static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return write_error(errno);
    }
    data.remove_prefix(static_cast<std::size_t>(n));
    offset += static_cast<std::uint64_t>(n);
  }
  return {};
}

Status Extraction::charge(std::uint64_t bytes) {
  if (bytes > m_limits.max_total_bytes - m_charged) {
    return fail(codes::archive_too_large,
                "member " + quote(m_member) + " takes the expanded size of the archive past " +
                    "the limit of " + std::to_string(m_limits.max_total_bytes) + " bytes");
  }
  m_charged += bytes;
  return {};
}

Result<std::uint64_t> Extraction::run() {
  clock_gettime(CLOCK_REALTIME, &m_now);
  std::string_view input = m_bytes;
  const std::uint64_t budget =
      m_limits.max_total_bytes >= k_max_inflate_in_memory
          ? k_max_inflate_in_memory
          : std::min(k_max_inflate_in_memory, m_limits.max_total_bytes + k_tar_overhead_allowance);
  GzipInflation gzip;
  if (m_fd < 0) gzip = inflate_gzip(m_bytes, static_cast<std::size_t>(budget));
  if (gzip.outcome == GzipInflation::Outcome::bad_trailer) {
    return fail(codes::corrupt_archive, "the archive is damaged: " + gzip.problem);
  }
  if (gzip.outcome == GzipInflation::Outcome::inflated) {
    m_inflated = std::move(gzip.data);
    input = std::string_view(m_inflated.get(), gzip.size);
  }
  m_archive.reset(archive_read_new());
  if (!m_archive) throw std::bad_alloc();
  struct archive* a = m_archive.get();
  // Only the formats and filters a package can come in: no mtree (it reads other files), no
  // external programs. The same set reads inflated gzip, so it is read exactly as libarchive's
  // gzip filter would have handed it on.
  archive_read_support_filter_gzip(a);
  archive_read_support_filter_bzip2(a);
  archive_read_support_filter_xz(a);
  archive_read_support_filter_zstd(a);
  archive_read_support_format_tar(a);
  archive_read_support_format_zip(a);
  int opened = m_fd >= 0 ? archive_read_open_fd(a, m_fd, k_read_block)
                         : archive_read_open_memory(a, input.data(), input.size());
  if (opened != ARCHIVE_OK) {
    return corrupt(
        "the archive is not a tar or zip archive (plain or compressed with gzip, xz, "
        "bzip2 or zstd), or is damaged");
  }
  std::uint64_t count = 0;
  for (;;) {
    struct archive_entry* entry = nullptr;
    int status = archive_read_next_header(a, &entry);
    if (status == ARCHIVE_EOF) break;
    // A warning (e.g. a name not representable in the locale) still yields a usable entry;
    // ARCHIVE_RETRY (a damaged header skipped) and worse do not.
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      return corrupt(m_member.empty()
                         ? "the archive cannot be read"
                         : "the archive is corrupt or truncated after member " + quote(m_member));
    }
    if (++count > m_limits.max_entries) {
      return fail(codes::archive_too_large,
                  "the archive has more than " + std::to_string(m_limits.max_entries) + " members");
    }
    if (Status ok = extract_member(entry); !ok) return tl::unexpected(ok.error());
  }
  return m_file_bytes;
}

Status Extraction::extract_member(struct archive_entry* entry) {
  const char* name = stored_name(archive_entry_pathname_utf8(entry), archive_entry_pathname(entry));
  if (name == nullptr) {
    m_member.clear();
    return corrupt("the archive has a member without a name");
  }
  m_member = name;
  const std::uint64_t declared = archive_entry_size_is_set(entry) && archive_entry_size(entry) > 0
                                     ? static_cast<std::uint64_t>(archive_entry_size(entry))
                                     : 0;
  auto path = normalize_member_path(m_member, m_options.strip_components, m_limits);
  if (!path) return tl::unexpected(path.error());
  const char* hardlink =
      stored_name(archive_entry_hardlink_utf8(entry), archive_entry_hardlink(entry));
  const mode_t type = archive_entry_filetype(entry);
  if (!*path) return charge(declared);  // removed by strip_components: skipped, but decompressed

  if (hardlink != nullptr) {
    if (declared > 0) {
      return fail(codes::unsafe_archive, "hard link " + quote(m_member) +
                                             " carries data; tools disagree on what it means");
    }
    auto target = normalize_member_path(
        hardlink, m_options.strip_components, m_limits,
        "hard link " + quote(m_member) + " points to " + quote(hardlink) + ", which");
    if (!target) return tl::unexpected(target.error());
    if (!*target) {
      return fail(codes::unsafe_archive, "hard link " + quote(m_member) + " points to " +
                                             quote(hardlink) + ", which strip_components removes");
    }
    return m_writer.make_hardlink(**path, **target, m_member);
  }
  switch (type) {
    case AE_IFREG:
      return write_file(entry, **path);
    case AE_IFDIR:
      if (Status ok = charge(declared); !ok) return ok;
      return m_writer.make_directory(**path, directory_mode(member_perm(entry, true)), m_member,
                                     member_mtime(entry));
    case AE_IFLNK: {
      const char* target =
          stored_name(archive_entry_symlink_utf8(entry), archive_entry_symlink(entry));
      if (target == nullptr) {
        return corrupt("symbolic link " + quote(m_member) + " has no target");
      }
      if (Status ok = charge(declared); !ok) return ok;
      if (Status ok = check_symlink_target(target, **path, m_member, m_limits); !ok) return ok;
      return m_writer.make_symlink(**path, target, m_member, member_mtime(entry));
    }
    case AE_IFCHR:
    case AE_IFBLK:
    case AE_IFIFO:
    case AE_IFSOCK: {
      const char* kind = type == AE_IFCHR   ? "a character device"
                         : type == AE_IFBLK ? "a block device"
                         : type == AE_IFIFO ? "a FIFO"
                                            : "a socket";
      return fail(codes::unsafe_archive, "member " + quote(m_member) + " is " + kind +
                                             "; devices, FIFOs and sockets are never extracted");
    }
    default:
      return fail(
          codes::unsafe_archive,
          "member " + quote(m_member) + " has an unknown type (mode " + std::to_string(type) + ")");
  }
}

Status Extraction::write_file(struct archive_entry* entry, const MemberPath& path) {
  const bool size_known = archive_entry_size_is_set(entry) != 0;
  const std::uint64_t declared =
      size_known ? static_cast<std::uint64_t>(std::max<la_int64_t>(archive_entry_size(entry), 0))
                 : 0;
  auto too_big = [&] {
    return fail(codes::archive_too_large,
                "member " + quote(m_member) + " is larger than the limit of " +
                    std::to_string(m_limits.max_file_bytes) + " bytes for one file");
  };
  // Refuse what the header announces before decompressing any of it.
  if (declared > m_limits.max_file_bytes) return too_big();
  if (declared > m_limits.max_total_bytes - m_charged) return charge(declared);

  auto file = m_writer.create_file(path, m_member);
  if (!file) return tl::unexpected(file.error());
  const int fd = file->fd.get();
  crypto::Hasher hasher(crypto::DigestAlgo::sha256);
  std::uint64_t end = 0;  // bytes produced so far, holes included
  // Counts the file up to new_end against the limits and hashes the hole before `data_start`.
  auto extend_to = [&](std::uint64_t data_start, std::uint64_t new_end) -> Status {
    if (new_end > m_limits.max_file_bytes) return too_big();
    if (Status ok = charge(new_end - end); !ok) return ok;
    for (std::uint64_t hole = data_start - end; hole > 0;) {  // a hole reads as zeros
      auto n = static_cast<std::size_t>(std::min<std::uint64_t>(hole, k_zeros.size()));
      hasher.update(std::string_view(k_zeros.data(), n));
      hole -= n;
    }
    end = new_end;
    return {};
  };
  for (;;) {
    const void* block = nullptr;
    std::size_t size = 0;
    la_int64_t offset = 0;
    int status = archive_read_data_block(m_archive.get(), &block, &size, &offset);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK) {
      return corrupt("the archive is corrupt or truncated in member " + quote(m_member));
    }
    const auto start = static_cast<std::uint64_t>(offset);
    if (offset < 0 || start < end || size > UINT64_MAX - start) {
      return corrupt("member " + quote(m_member) + " has overlapping data blocks");
    }
    if (size_known && start + size > declared) {
      return fail(codes::corrupt_archive, "member " + quote(m_member) +
                                              " holds more data than its header declares (" +
                                              std::to_string(declared) + " bytes)");
    }
    if (Status ok = extend_to(start, start + size); !ok) return ok;
    std::string_view data(static_cast<const char*>(block), size);
    hasher.update(data);
    if (Status ok = write_all(fd, data, start); !ok) return ok;
  }
  if (declared > end) {
    if (archive_entry_sparse_count(entry) == 0) {
      return fail(codes::corrupt_archive,
                  "member " + quote(m_member) + " holds " + std::to_string(end) +
                      " bytes of data but its header declares " + std::to_string(declared));
    }
    // A sparse file that ends in a hole.
    if (Status ok = extend_to(declared, declared); !ok) return ok;
    if (ftruncate(fd, static_cast<off_t>(declared)) != 0) return write_error(errno);
  }
  const std::uint32_t mode = file_mode(member_perm(entry, false));
  if (fchmod(fd, mode) != 0) return write_error(errno);
  if (std::optional<timespec> mtime = member_mtime(entry)) {
    const timespec times[2] = {{0, UTIME_OMIT}, *mtime};
    if (futimens(fd, times) != 0) return write_error(errno);
  }
  if (file->fd.close() != 0) return write_error(errno);
  FileRecord& record = m_writer.record(file->record);
  record.mode = mode;
  record.size = end;
  record.sha256 = hasher.finish().hex();
  m_file_bytes += end;
  return {};
}

// `error`, naming the archive and saying what to do when it does not say so itself.
tl::unexpected<Error> about(const std::string& name, Error error) {
  error.where.file = name;
  if (error.hint.empty()) error.hint = hint_for(error.code);
  return tl::unexpected<Error>(std::move(error));
}

// Extracts the archive `input` (its bytes, or a file descriptor to stream it from) into a new
// tree at dest_dir: all of it, with the folders' modification times, or nothing.
template <class Input>
Result<Receipt> extract_from(Input input, const std::string& name, const std::string& dest_dir,
                             const Options& options) {
  auto writer = TreeWriter::open(dest_dir);
  if (!writer) return about(name, std::move(writer.error()));
  Result<std::uint64_t> total;
  try {
    Extraction extraction(input, *writer, options);
    total = extraction.run();
    if (total) {
      if (Status ok = writer->finish(); !ok) total = tl::unexpected(ok.error());
    }
  } catch (const std::exception& e) {  // OpenSSL or allocation failure: still roll back
    total = fail(codes::internal_error, "extraction failed: " + std::string(e.what()));
  }
  if (!total) {
    writer->remove_all();
    return about(name, std::move(total.error()));
  }
  Receipt receipt;
  receipt.files = writer->take_records();
  receipt.total_bytes = *total;
  return receipt;
}

}  // namespace

Result<Receipt> extract(std::string_view bytes, const std::string& name,
                        const std::string& dest_dir, const Options& options) {
  return extract_from(bytes, name, dest_dir, options);
}

Result<Receipt> extract_file(const std::string& path, const std::string& name,
                             const std::string& dest_dir, const Options& options) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    return about(name, Error(codes::io, "cannot read " + path + ": " + std::strerror(errno),
                             Location{path}));
  }
  UniqueFd file(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    return about(name,
                 Error(codes::io, "cannot read " + path + ": not a regular file", Location{path}));
  }
  if (static_cast<std::uint64_t>(st.st_size) <= k_max_file_in_memory) {
    std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        return about(name, Error(codes::io,
                                 "cannot read " + path + ": " +
                                     (n < 0 ? std::strerror(errno) : "it shrank while read"),
                                 Location{path}));
      }
      done += static_cast<std::size_t>(n);
    }
    return extract_from(std::string_view(bytes), name, dest_dir, options);
  }
  return extract_from(fd, name, dest_dir, options);
}

}  // namespace pinset::archive
