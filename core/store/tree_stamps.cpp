#include "core/store/tree_stamps.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace pinset::store {

namespace {

bool is_file(const archive::FileRecord& f) {
  return f.type == archive::FileRecord::Type::file || f.type == archive::FileRecord::Type::hardlink;
}

std::string stamp_of(const struct stat& st) {
  char buf[128];
  std::snprintf(
      buf, sizeof buf, "%llu %llu %lld.%09ld %o\n", static_cast<unsigned long long>(st.st_ino),
      static_cast<unsigned long long>(st.st_size), static_cast<long long>(st.st_mtim.tv_sec),
      static_cast<long>(st.st_mtim.tv_nsec), static_cast<unsigned>(st.st_mode & 07777));
  return buf;
}

}  // namespace

std::string make_stamps(const std::string& files_dir, const archive::Receipt& receipt) {
  int dir = ::open(files_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return "";
  std::string out = "pinset-stamps 1\n";
  for (const auto& f : receipt.files) {
    if (!is_file(f)) continue;
    struct stat st {};
    if (::fstatat(dir, f.path.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      ::close(dir);
      return "";
    }
    out += stamp_of(st);
  }
  ::close(dir);
  return out;
}

StampCheck check_stamps(const std::string& files_dir, const archive::Receipt& receipt,
                        std::string_view stamps) {
  using R = StampCheck::Result;
  constexpr std::string_view header = "pinset-stamps 1\n";
  if (stamps.substr(0, header.size()) != header) return {R::unknown, ""};
  std::size_t pos = header.size();
  int dir = ::open(files_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return {R::changed, "the folder cannot be read"};
  StampCheck out{R::unchanged, ""};
  for (const auto& f : receipt.files) {
    if (!is_file(f)) continue;
    std::size_t end = stamps.find('\n', pos);
    if (end == std::string_view::npos) {
      out = {R::unknown, ""};
      break;
    }
    std::string_view want = stamps.substr(pos, end + 1 - pos);
    pos = end + 1;
    struct stat st {};
    if (::fstatat(dir, f.path.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      out = {R::changed, f.path + ": missing"};
      break;
    }
    if (!S_ISREG(st.st_mode)) {
      out = {R::changed, f.path + ": no longer a regular file"};
      break;
    }
    if (stamp_of(st) != want) {
      out = {R::changed, f.path + ": changed since it was stored"};
      break;
    }
  }
  ::close(dir);
  if (out.result == R::unchanged && pos != stamps.size()) out = {R::unknown, ""};
  return out;
}

}  // namespace pinset::store
