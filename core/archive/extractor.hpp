#pragma once
// Safe extraction of package archives (.tar, .tar.gz/.tgz, .tar.xz, .tar.bz2, .tar.zst, .zip).
// The only module that includes libarchive. It reads with libarchive and writes with the POSIX
// *at() calls itself (never archive_write_disk), relative to a descriptor of the destination.
//
// Promise: nothing is ever written outside `dest_dir`, whatever the archive contains, and on any
// error nothing is left inside it either.
//
// Formats: tar (ustar, pax, GNU, sparse) and zip, plain or through gzip, bzip2, xz or zstd,
// detected from the content. No other libarchive format is enabled (mtree reads other files;
// cpio, 7z, rar and iso are not package formats here).
//
// Policy, member by member (paths are the archive's, '/'-separated):
// - Paths: empty and "." parts are dropped; an absolute path or any ".." part refuses the whole
//   archive ("unsafe-archive"), even where the ".." would stay inside. Checked before
//   strip_components, so a hostile member cannot hide in a stripped prefix.
// - Nothing is ever created or written through a symbolic link: every folder on a member's path
//   is opened with O_NOFOLLOW|O_DIRECTORY from the destination's descriptor, files are created
//   with O_CREAT|O_EXCL|O_NOFOLLOW, and a member whose path goes through an earlier symlink, or
//   through a file, is refused.
// - Each path appears once. A second member of the same name is refused (file then symlink,
//   symlink then folder, a file twice, ...), except a folder repeated as a folder. An archive
//   that different tools would unpack differently is an archive a reviewer may not have seen.
// - Symbolic links: only relative targets of the form "../../a/b": any ".." parts lead, no ".."
//   follows a name, and the leading ".." parts climb no higher than the package root (dest_dir
//   after stripping). Because the link's own folders are real folders (see above) and every
//   other link obeys the same rule, no chain of links can leave the root. Absolute targets,
//   escaping targets and "a/../b" are refused. Targets are not rewritten by strip_components.
// - Hard links: only to a regular file extracted earlier from this archive (after stripping),
//   made with linkat() inside dest_dir; a hard link member that carries data is refused.
// - Devices, FIFOs, sockets and unknown types are refused.
// - Permissions: files get (archive mode & 0755) | 0600, folders (archive mode & 0755) | 0700:
//   setuid, setgid and sticky bits are dropped, nothing is group- or world-writable, and the
//   owner can always read and remove what was unpacked. The umask is not consulted, so receipts
//   are reproducible. A zip member only its owner may read (how libarchive reports a member
//   written without Unix modes: 0600, or 0700/0711 for a folder) gets read permission for
//   everyone, 0444 for a file and 0555 for a folder, before the rule above (so 0644 and 0755 on
//   disk; the store's read-only files are 0444). Ownership, ACLs, xattrs and file flags are never
//   restored.
// - Modification times: each file, folder and symlink gets the member's modification time, as
//   GNU tar does, so generated files stay newer than their sources (a `configure` older than its
//   `configure.ac` makes `make` try to regenerate it). Times are clamped to [0, the start of the
//   extraction]: never in the future. Folders get theirs once everything is written. Folders the
//   archive does not list, hard links (they share their file's time) and the package root keep
//   the time of extraction. The access time is left as the system sets it.
// - Limits (Limits below) count every member, and the expanded size of every byte a member makes
//   us produce: file data as it is written, holes of sparse files, and declared sizes of members
//   that are skipped. A file whose header announces more than the limits allow is refused
//   before any of it is inflated; a member whose data runs past its declared size is refused.
//
// Error codes: "unsafe-archive" (the rules above), "archive-too-large" (bytes or member count),
// "archive-path-too-long" (path, name part or link target length), "archive-too-deep" (folder
// depth), "corrupt-archive" (unreadable, truncated, not an archive), "io" (the destination cannot
// be used or written), "internal-error" (an exception inside, e.g. out of memory). Messages name
// the archive (Location::file) and the member.
//
// gzip: archives whose tar fits in memory (up to 128 MiB, and the expanded-size limit plus 1 MiB)
// are inflated whole with libdeflate (gzip_inflate.hpp), which checks every member's CRC-32 and
// size ("corrupt-archive", "the archive is damaged: ..."); anything else, and any gzip it does not
// accept, is read by libarchive as before, with libarchive's messages.
//
// Not checked here: the integrity of the download. Through libarchive (other formats, larger
// gzip) reading stops at the tar end marker without a gzip trailer's CRC, so damage to stored
// (incompressible) blocks can go unnoticed; callers verify the archive's pinned digest before
// extracting it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.hpp"

namespace pinset::archive {

struct Limits {
  std::uint64_t max_total_bytes = 2ull << 30;  // expanded size, sparse holes included
  std::uint64_t max_entries = 200'000;         // members, of every type
  std::size_t max_path_bytes = 1024;           // a member path or link target as stored
  int max_depth = 64;                          // path parts of a member, before stripping
  std::uint64_t max_file_bytes = 1ull << 30;   // expanded size of one file
};

struct Options {
  std::uint32_t strip_components = 0;  // leading path parts to drop; members left empty are skipped
  Limits limits;
};

struct FileRecord {
  enum class Type { file, directory, symlink, hardlink };
  std::string path;  // relative to dest_dir, '/'-separated, after stripping
  Type type = Type::file;
  std::uint32_t mode = 0;   // permission bits as set on disk (0777 for symlinks)
  std::uint64_t size = 0;   // bytes of content (files and hard links; holes included)
  std::string sha256;       // lowercase hex of the content (files and hard links)
  std::string link_target;  // symlink: the stored target; hard link: the linked file's path
};

struct Receipt {
  std::vector<FileRecord> files;  // everything created, folders made implicitly included; by path
  std::uint64_t total_bytes = 0;  // sum of the sizes of regular files (hard links not repeated)
};

// Extracts the archive held in `bytes` into `dest_dir`, which must be an existing, empty folder.
// The format and compression are detected from the content; `name` (usually the file name or URL)
// only appears in messages. On success returns what was written. On any error everything created
// under dest_dir is removed again and the error names the archive and the member. When dest_dir is
// missing or not empty, nothing is touched (code "io").
Result<Receipt> extract(std::string_view bytes, const std::string& name,
                        const std::string& dest_dir, const Options& options = {});

// extract() of the archive in the file `path` (opened without following a symlink). A file up to
// 32 MiB is read into memory first; a larger one is streamed from the file, so memory does not
// grow with the archive's size. Errors: extract()'s, and "io" when the file cannot be read.
Result<Receipt> extract_file(const std::string& path, const std::string& name,
                             const std::string& dest_dir, const Options& options = {});

}  // namespace pinset::archive
