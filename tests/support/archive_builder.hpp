#pragma once
// Builds archives in memory for tests, hostile ones included: any member name, type, mode, link
// target and size, through libarchive's writer (tests may include libarchive; core/ may not,
// outside core/archive). Link with libarchive (pinset_archive brings it).

#include <cstdint>
#include <string>
#include <vector>

namespace pinset::test {

enum class ArchiveFormat { tar, tar_gz, tar_xz, tar_bz2, tar_zst, zip };

struct ArchiveMember {
  enum class Kind { file, directory, symlink, hardlink, char_device, block_device, fifo };
  std::string path;  // stored exactly as given
  Kind kind = Kind::file;
  std::string content;   // file data; for a sparse file, the whole content, holes as zeros
  unsigned mode = 0644;  // permission bits, setuid/setgid/sticky allowed
  std::string link_target;
  // Data regions (offset, length) of a sparse file; the rest of `content` is written as holes.
  std::vector<std::pair<std::int64_t, std::int64_t>> sparse;
};

class ArchiveBuilder {
 public:
  explicit ArchiveBuilder(ArchiveFormat format = ArchiveFormat::tar_gz) : m_format(format) {}

  ArchiveBuilder& file(std::string path, std::string content, unsigned mode = 0644);
  ArchiveBuilder& dir(std::string path, unsigned mode = 0755);
  ArchiveBuilder& symlink(std::string path, std::string target);
  ArchiveBuilder& hardlink(std::string path, std::string target);
  ArchiveBuilder& special(std::string path, ArchiveMember::Kind kind);
  ArchiveBuilder& add(ArchiveMember member);

  // The archive's bytes. Throws std::runtime_error when libarchive refuses a member.
  std::string build() const;

 private:
  ArchiveFormat m_format;
  std::vector<ArchiveMember> m_members;
};

// A .tar.gz holding one file `member` of `size` zero bytes (size a multiple of 16 MiB), made of
// concatenated gzip members so that a multi-gigabyte bomb costs milliseconds and a few megabytes.
std::string gzip_zero_bomb(const std::string& member, std::uint64_t size);

// A raw 512-byte ustar header (for hand-made archives): type '0' is a file, '1' a hard link to
// `link_name`, '2' a symlink.
std::string ustar_header(const std::string& name, std::uint64_t size, unsigned mode = 0644,
                         char type = '0', const std::string& link_name = "");

}  // namespace pinset::test
