#include "core/store/cache.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2 (glibc, _GNU_SOURCE)
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/crypto/digest.hpp"
#include "core/fs/file_system.hpp"
#include "core/fs/read_fd.hpp"
#include "core/store/receipt_io.hpp"

namespace pinset::store {

namespace stdfs = std::filesystem;

namespace {

Error io_error(const std::string& what, const std::string& path, int err) {
  return Error(codes::io, what + " " + path + ": " + std::strerror(err), Location{path},
               "check that the cache folder is writable (set PINSET_CACHE_DIR to use another)");
}

Status make_dirs(const std::string& path) {
  std::error_code ec;
  stdfs::create_directories(path, ec);
  if (ec) return fail(io_error("cannot create", path, ec.value()));
  return {};
}

Result<std::string> read_small_file(const std::string& path, std::size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return fail(io_error("cannot read", path, errno));
  std::string out;
  bool over = false;
  int err = fs::read_fd(fd, [&](std::string_view piece) {
    over = out.size() + piece.size() > max_bytes;
    if (!over) out.append(piece);
    return !over;
  });
  ::close(fd);
  if (err != 0) return fail(io_error("cannot read", path, err));
  if (over) {
    return fail(codes::too_large,
                path + " is larger than the limit of " + std::to_string(max_bytes) + " bytes",
                Location{path});
  }
  return out;
}

// A new read-only (0444) file; never replaces one. Errors: "io".
Status write_new_file(const std::string& path, std::string_view bytes) {
  auto made = fs::real_file_system().create_file(path, bytes, false);
  if (made) return {};
  Error e = std::move(made.error());
  e.hint = "check the free space and permissions of the cache folder";
  return fail(std::move(e));
}

constexpr const char* k_temp_kinds[] = {"tree-", "obj-", "drop-"};

// Whether a tmp/ entry is named <kind><pid>-..., so its writer can be asked about.
bool names_its_writer(const std::string& name) {
  std::size_t dash = name.find('-');
  std::size_t end = dash == std::string::npos ? dash : name.find('-', dash + 1);
  if (end == std::string::npos || end == dash + 1) return false;
  for (std::size_t i = dash + 1; i < end; ++i) {
    if (name[i] < '0' || name[i] > '9') return false;
  }
  return true;
}

// Removes leftovers of killed runs: the tmp/ entries of writers that no longer exist, and
// entries without a writer's pid (made by older versions) untouched for an hour.
void sweep_tmp(const std::string& tmp) {
  for (const char* kind : k_temp_kinds)
    fs::remove_dead_writers_entries(tmp, kind);
  std::error_code ec;
  auto now = stdfs::file_time_type::clock::now();
  for (const auto& e : stdfs::directory_iterator(tmp, ec)) {
    if (names_its_writer(e.path().filename().string())) continue;
    auto t = stdfs::last_write_time(e.path(), ec);
    if (!ec && now - t > std::chrono::hours(1)) remove_tree(e.path().string());
  }
}

}  // namespace

Result<std::string> default_cache_dir(const char* (*getenv)(const char*)) {
  auto set = [&](const char* name) -> std::string {
    const char* v = getenv(name);
    return v != nullptr ? std::string(v) : std::string();
  };
  if (std::string d = set("PINSET_CACHE_DIR"); !d.empty()) return d;
  if (std::string d = set("XDG_CACHE_HOME"); !d.empty()) return d + "/pinset";
  if (std::string d = set("HOME"); !d.empty()) return d + "/.cache/pinset";
  return fail(codes::no_cache_dir,
              "cannot tell where the cache goes: PINSET_CACHE_DIR, XDG_CACHE_HOME "
              "and HOME are all unset",
              {}, "set PINSET_CACHE_DIR to a writable folder");
}

void remove_tree(const std::string& path) {
  std::error_code ec;
  stdfs::remove_all(path, ec);
  if (!ec) return;
  // A read-only folder inside: make folders writable, then try again.
  for (auto it = stdfs::recursive_directory_iterator(
           path, stdfs::directory_options::skip_permission_denied, ec);
       !ec && it != stdfs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec)) {
      stdfs::permissions(it->path(), stdfs::perms::owner_all, stdfs::perm_options::add, ec);
    }
  }
  stdfs::permissions(path, stdfs::perms::owner_all, stdfs::perm_options::add, ec);
  stdfs::remove_all(path, ec);
}

Result<Cache> Cache::open(const std::string& root) {
  for (const char* sub : {"objects", "trees", "tmp"}) {
    if (auto ok = make_dirs(root + "/" + sub); !ok) return fail(ok.error());
  }
  sweep_tmp(root + "/tmp");
  return Cache(root);
}

Result<Cache> Cache::open_or_default(const std::string& root) {
  auto dir = root_or_default(root);
  if (!dir) return fail(dir.error());
  return open(*dir);
}

Result<std::string> Cache::root_or_default(const std::string& root) {
  if (!root.empty()) return root;
  return default_cache_dir(+[](const char* name) -> const char* { return std::getenv(name); });
}

std::string Cache::object_path(const crypto::Checksum& digest) const {
  std::string hex = digest.hex();
  return m_root + "/objects/" + std::string(crypto::algo_name(digest.algo())) + "/" +
         hex.substr(0, 2) + "/" + hex;
}

bool Cache::has_object(const crypto::Checksum& digest) const {
  struct stat st {};
  return ::lstat(object_path(digest).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

namespace {

// A stored object whose content no longer hashes to its name is removed and reported.
Status check_content(const std::string& path, const crypto::Checksum& digest,
                     const crypto::Checksum& actual) {
  if (actual == digest) return {};
  ::unlink(path.c_str());
  return fail(codes::corrupt_cache,
              "the cached object " + path + " no longer matches its name (its content is " +
                  actual.str() + "); it was removed",
              Location{path}, "run the command again to download it afresh");
}

}  // namespace

Result<std::string> Cache::read_object(const crypto::Checksum& digest,
                                       std::size_t max_bytes) const {
  std::string path = object_path(digest);
  auto bytes = read_small_file(path, max_bytes);
  if (!bytes) return bytes;
  TRY(check_content(path, digest, crypto::digest(digest.algo(), *bytes)));
  return bytes;
}

Status Cache::put_object(const crypto::Checksum& digest, std::string_view bytes) const {
  if (has_object(digest)) return {};
  std::string final_path = object_path(digest);
  if (auto ok = make_dirs(stdfs::path(final_path).parent_path().string()); !ok) return ok;
  auto tmp = make_temp_dir("obj-");
  if (!tmp) return fail(tmp.error());
  std::string tmp_file = *tmp + "/object";
  if (auto ok = write_new_file(tmp_file, bytes); !ok) {
    remove_tree(*tmp);
    return ok;
  }
  if (::rename(tmp_file.c_str(), final_path.c_str()) != 0) {
    int err = errno;
    remove_tree(*tmp);
    return fail(io_error("cannot store", final_path, err));
  }
  remove_tree(*tmp);
  return {};
}

Status Cache::adopt_object(const crypto::Checksum& digest, const std::string& verified_file) const {
  if (has_object(digest)) {
    ::unlink(verified_file.c_str());
    return {};
  }
  std::string final_path = object_path(digest);
  if (auto ok = make_dirs(stdfs::path(final_path).parent_path().string()); !ok) return ok;
  ::chmod(verified_file.c_str(), 0444);
  if (::rename(verified_file.c_str(), final_path.c_str()) != 0) {
    int err = errno;
    ::unlink(verified_file.c_str());
    return fail(io_error("cannot store", final_path, err));
  }
  return {};
}

Status Cache::check_object(const crypto::Checksum& digest) const {
  std::string path = object_path(digest);
  crypto::Hasher hasher(digest.algo());
  TRY(fs::real_file_system().read_chunks(  // never follows a link
      path, [&hasher](std::string_view chunk) { hasher.update(chunk); }));
  return check_content(path, digest, hasher.finish());
}

std::string Cache::tree_path(const crypto::Checksum& digest, std::uint32_t strip) const {
  return m_root + "/trees/" + std::string(crypto::algo_name(digest.algo())) + "-" + digest.hex() +
         "-s" + std::to_string(strip);
}

std::optional<Tree> Cache::find_tree(const crypto::Checksum& digest, std::uint32_t strip) const {
  std::string dir = tree_path(digest, strip);
  auto text = read_small_file(dir + "/receipt.json", 256u << 20);
  if (!text) return std::nullopt;
  auto receipt = parse_receipt(*text, dir + "/receipt.json");
  if (!receipt) return std::nullopt;
  return Tree{dir + "/files", std::move(*receipt)};
}

bool Cache::has_tree(const crypto::Checksum& digest, std::uint32_t strip) const {
  struct stat st {};
  return ::lstat((tree_path(digest, strip) + "/receipt.json").c_str(), &st) == 0 &&
         S_ISREG(st.st_mode);
}

Result<Tree> Cache::put_tree(const crypto::Checksum& digest, std::uint32_t strip,
                             std::string_view archive_bytes, const std::string& label,
                             const archive::Limits& limits) const {
  return make_tree(
      digest, strip,
      [&](const std::string& files, const archive::Options& options) {
        return archive::extract(archive_bytes, label, files, options);
      },
      limits);
}

Result<Tree> Cache::put_tree_from_object(const crypto::Checksum& digest, std::uint32_t strip,
                                         const std::string& label,
                                         const archive::Limits& limits) const {
  std::string path = object_path(digest);
  return make_tree(
      digest, strip,
      [&](const std::string& files, const archive::Options& options) {
        return archive::extract_file(path, label, files, options);
      },
      limits);
}

Result<std::pair<std::string, archive::Receipt>> Cache::extract_to_temp(
    std::uint32_t strip, const Extract& extract, const archive::Limits& limits) const {
  auto tmp = make_temp_dir("tree-");
  if (!tmp) return fail(tmp.error());
  std::string files = *tmp + "/files";
  if (::mkdir(files.c_str(), 0755) != 0) {
    int err = errno;
    remove_tree(*tmp);
    return fail(io_error("cannot create", files, err));
  }
  archive::Options options;
  options.strip_components = strip;
  options.limits = limits;
  auto receipt = extract(files, options);
  if (!receipt) {
    remove_tree(*tmp);
    return fail(receipt.error());
  }
  int dirfd = ::open(files.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd >= 0) {
    for (const auto& f : receipt->files) {
      if (f.type == archive::FileRecord::Type::file) {
        ::fchmodat(dirfd, f.path.c_str(), f.mode & 0555, 0);
      }
    }
    ::close(dirfd);
  }
  if (auto ok = write_new_file(*tmp + "/receipt.json", write_receipt(*receipt)); !ok) {
    remove_tree(*tmp);
    return fail(ok.error());
  }
  if (auto ok = write_new_file(*tmp + "/stamps", make_stamps(files, *receipt)); !ok) {
    remove_tree(*tmp);
    return fail(ok.error());
  }
  return std::pair(std::move(*tmp), std::move(*receipt));
}

Result<Tree> Cache::make_tree(const crypto::Checksum& digest, std::uint32_t strip,
                              const Extract& extract, const archive::Limits& limits) const {
  if (auto existing = find_tree(digest, strip)) return std::move(*existing);
  auto made = extract_to_temp(strip, extract, limits);
  if (!made) return fail(made.error());
  auto& [tmp, receipt] = *made;
  std::string final_dir = tree_path(digest, strip);
  if (::rename(tmp.c_str(), final_dir.c_str()) != 0) {
    int err = errno;
    remove_tree(tmp);
    if (err == EEXIST || err == ENOTEMPTY) {
      if (auto theirs = find_tree(digest, strip)) return std::move(*theirs);
    }
    return fail(io_error("cannot store", final_dir, err));
  }
  return Tree{final_dir + "/files", std::move(receipt)};
}

Result<Cache::Rederived> Cache::rederive_tree(const crypto::Checksum& digest, std::uint32_t strip,
                                              std::string_view archive_bytes,
                                              const std::string& label,
                                              const archive::Limits& limits,
                                              const DamageCheck& damage) const {
  return rederive(
      digest, strip,
      [&](const std::string& files, const archive::Options& options) {
        return archive::extract(archive_bytes, label, files, options);
      },
      limits, damage);
}

Result<Cache::Rederived> Cache::rederive_tree_from_object(const crypto::Checksum& digest,
                                                          std::uint32_t strip,
                                                          const std::string& label,
                                                          const archive::Limits& limits,
                                                          const DamageCheck& damage) const {
  std::string path = object_path(digest);
  return rederive(
      digest, strip,
      [&](const std::string& files, const archive::Options& options) {
        return archive::extract_file(path, label, files, options);
      },
      limits, damage);
}

Result<Cache::Rederived> Cache::rederive(const crypto::Checksum& digest, std::uint32_t strip,
                                         const Extract& extract, const archive::Limits& limits,
                                         const DamageCheck& damage) const {
  auto made = extract_to_temp(strip, extract, limits);
  if (!made) return fail(made.error());
  auto& [tmp, receipt] = *made;
  std::string final_dir = tree_path(digest, strip);
  std::string repaired;
  auto stored_text = read_small_file(final_dir + "/receipt.json", 256u << 20);
  if (stored_text) {
    if (*stored_text != write_receipt(receipt)) {
      repaired = "its receipt no longer matches the archive";
    } else {
      repaired = damage(final_dir + "/files", receipt);
    }
    if (repaired.empty()) {
      remove_tree(tmp);
      return Rederived{Tree{final_dir + "/files", std::move(receipt)}, ""};
    }
    // One rename swaps the fresh tree in; the damaged one leaves with the temporary folder.
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, final_dir.c_str(), RENAME_EXCHANGE) != 0) {
      int err = errno;
      remove_tree(tmp);
      return fail(io_error("cannot replace", final_dir, err));
    }
    remove_tree(tmp);
    return Rederived{Tree{final_dir + "/files", std::move(receipt)}, repaired};
  }
  if (::rename(tmp.c_str(), final_dir.c_str()) != 0) {
    int err = errno;
    if (err != EEXIST && err != ENOTEMPTY) {
      remove_tree(tmp);
      return fail(io_error("cannot store", final_dir, err));
    }
    // A folder without a readable receipt: swap it out too.
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, final_dir.c_str(), RENAME_EXCHANGE) != 0) {
      err = errno;
      remove_tree(tmp);
      return fail(io_error("cannot replace", final_dir, err));
    }
    remove_tree(tmp);
    return Rederived{Tree{final_dir + "/files", std::move(receipt)},
                     "its receipt was missing or unreadable"};
  }
  return Rederived{Tree{final_dir + "/files", std::move(receipt)}, ""};
}

StampCheck Cache::check_tree(const crypto::Checksum& digest, std::uint32_t strip,
                             const Tree& tree) const {
  auto stamps = read_small_file(tree_path(digest, strip) + "/stamps", 256u << 20);
  if (!stamps) return {};
  return check_stamps(tree.files_dir, tree.receipt, *stamps);
}

void Cache::write_stamps(const crypto::Checksum& digest, std::uint32_t strip,
                         const Tree& tree) const {
  std::string stamps = make_stamps(tree.files_dir, tree.receipt);
  if (stamps.empty()) return;
  std::string dir = tree_path(digest, strip);
  fs::remove_dead_writers_entries(dir, ".stamps.tmp-");
  std::string tmp = dir + "/.stamps.tmp-" + std::to_string(::getpid()) + "-0";
  ::unlink(tmp.c_str());
  if (write_new_file(tmp, stamps) && ::rename(tmp.c_str(), (dir + "/stamps").c_str()) == 0) {
    return;
  }
  ::unlink(tmp.c_str());
}

void Cache::drop_tree(const crypto::Checksum& digest, std::uint32_t strip) const {
  // Rename first so that no reader ever sees a half-removed tree.
  auto tmp = make_temp_dir("drop-");
  if (!tmp) return;
  std::string moved = *tmp + "/tree";
  if (::rename(tree_path(digest, strip).c_str(), moved.c_str()) != 0) {
    remove_tree(*tmp);
    return;
  }
  remove_tree(*tmp);
}

Result<std::string> Cache::make_temp_dir(std::string_view hint) const {
  // <hint><pid>-XXXXXX: the next run removes it once this process is gone (sweep_tmp).
  std::string tmpl = m_root + "/tmp/" + std::string(hint) + std::to_string(::getpid()) + "-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) return fail(io_error("cannot create", tmpl, errno));
  return std::string(buf.data());
}

}  // namespace pinset::store
