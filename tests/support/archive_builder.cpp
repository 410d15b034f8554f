#include "tests/support/archive_builder.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace pinset::test {

namespace {

struct WriteFree {
  void operator()(struct archive* a) const { archive_write_free(a); }
};
struct EntryFree {
  void operator()(struct archive_entry* e) const { archive_entry_free(e); }
};
using WritePtr = std::unique_ptr<struct archive, WriteFree>;
using EntryPtr = std::unique_ptr<struct archive_entry, EntryFree>;

la_ssize_t append(struct archive*, void* out, const void* data, std::size_t size) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(data), size);
  return static_cast<la_ssize_t>(size);
}

void check(struct archive* a, int status, const std::string& what) {
  if (status < ARCHIVE_WARN) {
    const char* detail = archive_error_string(a);
    throw std::runtime_error("archive builder: " + what + ": " + (detail ? detail : "failed"));
  }
}

WritePtr open_writer(std::string& out, bool zip, int (*filter)(struct archive*)) {
  WritePtr a(archive_write_new());
  check(a.get(),
        zip ? archive_write_set_format_zip(a.get()) : archive_write_set_format_pax(a.get()),
        "format");
  if (filter) check(a.get(), filter(a.get()), "filter");
  // The same members give the same bytes at any time: no write time in a gzip header (libarchive
  // puts the clock there by default, so a set written again a second later would change).
  if (filter == archive_write_add_filter_gzip) {
    check(a.get(), archive_write_set_filter_option(a.get(), "gzip", "timestamp", nullptr),
          "gzip timestamp");
  }
  // Like a file written by tar or zstd: no zero padding after the compressed stream (libarchive
  // 3.6's zstd reader refuses such padding).
  check(a.get(), archive_write_set_bytes_in_last_block(a.get(), 1), "last block");
  check(a.get(), archive_write_open(a.get(), &out, nullptr, append, nullptr), "open");
  return a;
}

mode_t type_of(ArchiveMember::Kind kind) {
  switch (kind) {
    case ArchiveMember::Kind::file:
    case ArchiveMember::Kind::hardlink:
      return AE_IFREG;
    case ArchiveMember::Kind::directory:
      return AE_IFDIR;
    case ArchiveMember::Kind::symlink:
      return AE_IFLNK;
    case ArchiveMember::Kind::char_device:
      return AE_IFCHR;
    case ArchiveMember::Kind::block_device:
      return AE_IFBLK;
    case ArchiveMember::Kind::fifo:
      return AE_IFIFO;
  }
  return AE_IFREG;
}

// A single gzip member holding `data` (libarchive's raw format through its gzip filter).
std::string gzip(const std::string& data) {
  std::string out;
  WritePtr a(archive_write_new());
  check(a.get(), archive_write_set_format_raw(a.get()), "raw format");
  check(a.get(), archive_write_add_filter_gzip(a.get()), "gzip");
  check(a.get(), archive_write_set_filter_option(a.get(), "gzip", "timestamp", nullptr),
        "gzip timestamp");
  check(a.get(), archive_write_set_bytes_in_last_block(a.get(), 1), "last block");
  check(a.get(), archive_write_open(a.get(), &out, nullptr, append, nullptr), "open");
  EntryPtr entry(archive_entry_new());
  archive_entry_set_pathname(entry.get(), "data");
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(data.size()));
  check(a.get(), archive_write_header(a.get(), entry.get()), "header");
  if (archive_write_data(a.get(), data.data(), data.size()) < 0)
    check(a.get(), ARCHIVE_FATAL, "data");
  check(a.get(), archive_write_close(a.get()), "close");
  return out;
}

}  // namespace

ArchiveBuilder& ArchiveBuilder::file(std::string path, std::string content, unsigned mode) {
  return add({std::move(path), ArchiveMember::Kind::file, std::move(content), mode, {}, {}});
}
ArchiveBuilder& ArchiveBuilder::dir(std::string path, unsigned mode) {
  return add({std::move(path), ArchiveMember::Kind::directory, {}, mode, {}, {}});
}
ArchiveBuilder& ArchiveBuilder::symlink(std::string path, std::string target) {
  return add({std::move(path), ArchiveMember::Kind::symlink, {}, 0777, std::move(target), {}});
}
ArchiveBuilder& ArchiveBuilder::hardlink(std::string path, std::string target) {
  return add({std::move(path), ArchiveMember::Kind::hardlink, {}, 0644, std::move(target), {}});
}
ArchiveBuilder& ArchiveBuilder::special(std::string path, ArchiveMember::Kind kind) {
  return add({std::move(path), kind, {}, 0644, {}, {}});
}
ArchiveBuilder& ArchiveBuilder::add(ArchiveMember member) {
  m_members.push_back(std::move(member));
  return *this;
}

std::string ArchiveBuilder::build() const {
  int (*filter)(struct archive*) = nullptr;
  switch (m_format) {
    case ArchiveFormat::tar_gz:
      filter = archive_write_add_filter_gzip;
      break;
    case ArchiveFormat::tar_xz:
      filter = archive_write_add_filter_xz;
      break;
    case ArchiveFormat::tar_bz2:
      filter = archive_write_add_filter_bzip2;
      break;
    case ArchiveFormat::tar_zst:
      filter = archive_write_add_filter_zstd;
      break;
    case ArchiveFormat::tar:
    case ArchiveFormat::zip:
      break;
  }
  std::string out;
  WritePtr a = open_writer(out, m_format == ArchiveFormat::zip, filter);
  for (const ArchiveMember& m : m_members) {
    EntryPtr entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), m.path.c_str());
    archive_entry_set_filetype(entry.get(), type_of(m.kind));
    archive_entry_set_perm(entry.get(), m.mode);
    archive_entry_set_mtime(entry.get(), 1700000000, 0);
    archive_entry_set_size(entry.get(), m.kind == ArchiveMember::Kind::file
                                            ? static_cast<la_int64_t>(m.content.size())
                                            : 0);
    if (m.kind == ArchiveMember::Kind::symlink) {
      archive_entry_set_symlink(entry.get(), m.link_target.c_str());
    }
    if (m.kind == ArchiveMember::Kind::hardlink) {
      archive_entry_set_hardlink(entry.get(), m.link_target.c_str());
    }
    if (m.kind == ArchiveMember::Kind::char_device || m.kind == ArchiveMember::Kind::block_device) {
      archive_entry_set_rdevmajor(entry.get(), 1);
      archive_entry_set_rdevminor(entry.get(), 3);
    }
    for (const auto& [offset, length] : m.sparse) {
      archive_entry_sparse_add_entry(entry.get(), offset, length);
    }
    check(a.get(), archive_write_header(a.get(), entry.get()), "header of " + m.path);
    if (!m.content.empty() && archive_write_data(a.get(), m.content.data(), m.content.size()) < 0) {
      check(a.get(), ARCHIVE_FATAL, "data of " + m.path);
    }
  }
  check(a.get(), archive_write_close(a.get()), "close");
  return out;
}

std::string ustar_header(const std::string& name, std::uint64_t size, unsigned mode, char type,
                         const std::string& link_name) {
  std::string h(512, '\0');
  auto field = [&](std::size_t at, std::size_t width, std::uint64_t value) {
    char digits[32];
    std::snprintf(digits, sizeof digits, "%0*llo", static_cast<int>(width - 1),
                  static_cast<unsigned long long>(value));
    std::memcpy(&h[at], digits, width - 1);  // octal digits, then the NUL already there
  };
  std::memcpy(&h[0], name.data(), std::min<std::size_t>(name.size(), 100));
  field(100, 8, mode);
  field(108, 8, 0);
  field(116, 8, 0);
  field(124, 12, size);
  field(136, 12, 1700000000);
  h[156] = type;
  std::memcpy(&h[157], link_name.data(), std::min<std::size_t>(link_name.size(), 100));
  std::memcpy(&h[257], "ustar", 6);
  std::memcpy(&h[263], "00", 2);
  std::memset(&h[148], ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : h)
    sum += c;
  char digits[32];
  std::snprintf(digits, sizeof digits, "%06o", sum & 0777777u);
  std::memcpy(&h[148], digits, 6);
  h[154] = '\0';
  h[155] = ' ';
  return h;
}

std::string gzip_zero_bomb(const std::string& member, std::uint64_t size) {
  constexpr std::uint64_t k_chunk = 16u << 20;
  if (size % k_chunk != 0) throw std::invalid_argument("gzip_zero_bomb: size % 16 MiB != 0");
  std::string out = gzip(ustar_header(member, size));
  const std::string chunk = gzip(std::string(k_chunk, '\0'));
  out.reserve(out.size() + chunk.size() * (size / k_chunk) + 64);
  for (std::uint64_t i = 0; i < size / k_chunk; ++i)
    out += chunk;
  out += gzip(std::string(1024, '\0'));  // end-of-archive blocks
  return out;
}

}  // namespace pinset::test
