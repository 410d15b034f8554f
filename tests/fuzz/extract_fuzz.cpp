// libFuzzer target: arbitrary bytes as an archive into the safe extractor. It extracts into
// <tmp>/a/pkg and checks the promise of extractor.hpp: <tmp>/a holds nothing but pkg afterwards,
// every symbolic link inside pkg resolves inside pkg, nothing is setuid, setgid or group- or
// world-writable, and after an error pkg is empty again.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include "core/archive/extractor.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace pinset;
namespace stdfs = std::filesystem;

namespace {

const stdfs::path& work_dir() {
  static const stdfs::path dir = [] {
    std::string templ = (stdfs::temp_directory_path() / "pinset-extract-fuzz-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr) {
      fuzz::die("cannot create a temporary folder");
    }
    return stdfs::path(templ);
  }();
  return dir;
}

// The lexically normal form of `target` seen from the link's folder stays inside `root`.
bool stays_inside(const stdfs::path& root, const stdfs::path& link, const stdfs::path& target) {
  if (target.is_absolute()) {
    return false;
  }
  const stdfs::path resolved = (link.parent_path() / target).lexically_normal();
  const stdfs::path rel = resolved.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

void check_tree(const stdfs::path& root, bool must_be_empty) {
  std::error_code ec;
  for (auto it = stdfs::recursive_directory_iterator(root, ec);
       !ec && it != stdfs::recursive_directory_iterator(); it.increment(ec)) {
    fuzz::require(!must_be_empty, "a failed extraction left " + it->path().string());
    struct stat st {};
    fuzz::require(lstat(it->path().c_str(), &st) == 0, "cannot lstat " + it->path().string());
    if (S_ISLNK(st.st_mode)) {
      const stdfs::path target = stdfs::read_symlink(it->path());
      fuzz::require(stays_inside(root, it->path(), target),
                    "symlink " + it->path().string() + " -> " + target.string() + " escapes");
    } else {
      fuzz::require(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode),
                    "neither file, folder nor symlink: " + it->path().string());
      fuzz::require((st.st_mode & (S_ISUID | S_ISGID | S_ISVTX | S_IWGRP | S_IWOTH)) == 0,
                    "unsafe mode on " + it->path().string());
    }
  }
  fuzz::require(!ec, "cannot walk the package folder: " + ec.message());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  const stdfs::path outer = work_dir() / "a";
  const stdfs::path pkg = outer / "pkg";
  stdfs::remove_all(outer);
  stdfs::create_directories(pkg);

  archive::Options options;
  options.limits.max_total_bytes = 8u << 20;  // keep each run fast; the policy is the same
  options.limits.max_file_bytes = 4u << 20;
  options.limits.max_entries = 2000;
  options.strip_components = size > 0 ? data[size - 1] % 3 : 0;
  auto receipt = archive::extract(fuzz::as_text(data, size), "fuzz.tar.gz", pkg.string(), options);
  if (!receipt) {
    fuzz::check_error(receipt.error());
  }

  std::size_t outside = 0;
  for (const auto& entry : stdfs::directory_iterator(outer)) {
    fuzz::require(entry.path() == pkg,
                  "extraction wrote outside the package folder: " + entry.path().string());
    ++outside;
  }
  fuzz::require(outside == 1, "the package folder itself is gone");
  check_tree(pkg, !receipt.has_value());
  if (receipt) {
    std::size_t on_disk = 0;
    std::error_code ec;
    for (auto it = stdfs::recursive_directory_iterator(pkg, ec);
         !ec && it != stdfs::recursive_directory_iterator(); it.increment(ec)) {
      ++on_disk;
    }
    fuzz::require(on_disk == receipt->files.size(),
                  "the receipt lists " + std::to_string(receipt->files.size()) +
                      " members but the folder holds " + std::to_string(on_disk));
  }
  stdfs::remove_all(outer);
  return 0;
}
