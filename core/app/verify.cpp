#include "core/app/verify.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <set>

#include "core/app/install.hpp"
#include "core/app/task_pool.hpp"
#include "core/crypto/digest.hpp"

namespace pinset::app {

namespace stdfs = std::filesystem;

namespace {

std::string file_sha256(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return {};
  crypto::Hasher h(crypto::DigestAlgo::sha256);
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    h.update(std::string_view(buf, std::size_t(n)));
  }
  ::close(fd);
  return h.finish().hex();
}

// `owned`: paths under `root` that the layout wrote (checked by check_layout_entries).
void check_package(const std::string& root, const std::string& name,
                   const archive::Receipt& receipt, VerifyReport& part,
                   const std::set<std::string>& owned = {}) {
  using Type = archive::FileRecord::Type;
  std::set<std::string> known = owned;
  for (const auto& f : receipt.files) {
    known.insert(f.path);
    std::string path = root + "/" + f.path;
    std::string shown = name.empty() ? f.path : name + "/" + f.path;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
      part.missing.push_back(shown);
      continue;
    }
    switch (f.type) {
      case Type::directory:
        if (!S_ISDIR(st.st_mode)) part.modified.push_back(shown + ": no longer a folder");
        break;
      case Type::symlink: {
        std::error_code ec;
        if (!S_ISLNK(st.st_mode)) {
          part.modified.push_back(shown + ": no longer a symbolic link");
        } else if (stdfs::read_symlink(path, ec).string() != f.link_target) {
          part.modified.push_back(shown + ": the link now points elsewhere");
        }
        break;
      }
      case Type::file:
      case Type::hardlink:
        ++part.files_checked;
        if (!S_ISREG(st.st_mode)) {
          part.modified.push_back(shown + ": no longer a regular file");
        } else if (std::uint64_t(st.st_size) != f.size || file_sha256(path) != f.sha256) {
          part.modified.push_back(shown + ": content changed");
        } else if ((st.st_mode & 0777 & ~0222u) != (f.mode & 0777 & ~0222u)) {
          part.modified.push_back(shown + ": permissions changed");
        }
        break;
    }
  }
  std::error_code ec;
  for (auto it = stdfs::recursive_directory_iterator(root, ec);
       !ec && it != stdfs::recursive_directory_iterator(); it.increment(ec)) {
    std::string rel = stdfs::relative(it->path(), root, ec).generic_string();
    if (!known.count(rel)) {
      part.extra.push_back(name.empty() ? rel : name + "/" + rel);
      if (it->is_directory() && !it->is_symlink()) it.disable_recursion_pending();
    }
  }
}

// The links and generated files of a layout (node_modules links, .cargo-checksum.json, ...).
void check_layout_entries(const std::string& prefix, const archive::Receipt& entries,
                          VerifyReport& report) {
  using Type = archive::FileRecord::Type;
  for (const auto& f : entries.files) {
    std::string path = prefix + "/" + f.path;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
      report.missing.push_back(f.path);
    } else if (f.type == Type::symlink) {
      std::error_code ec;
      if (!S_ISLNK(st.st_mode)) {
        report.modified.push_back(f.path + ": no longer a symbolic link");
      } else if (stdfs::read_symlink(path, ec).string() != f.link_target) {
        report.modified.push_back(f.path + ": the link now points elsewhere");
      }
    } else {
      ++report.files_checked;
      if (!S_ISREG(st.st_mode)) {
        report.modified.push_back(f.path + ": no longer a regular file");
      } else if (std::uint64_t(st.st_size) != f.size || file_sha256(path) != f.sha256) {
        report.modified.push_back(f.path + ": content changed");
      }
    }
  }
}

}  // namespace

bool tree_intact(const std::string& root, const archive::Receipt& receipt) {
  VerifyReport part;
  check_package(root, "", receipt, part);
  return part.clean();
}

Result<VerifyReport> verify_install(const fs::FileSystem& fs, const std::string& prefix,
                                    int workers) {
  auto state = read_install_state(fs, prefix);
  if (!state) return fail(state.error());
  if (!*state) {
    return fail("not-installed", "nothing is installed in " + prefix, Location{prefix},
                "run `pinset install` first");
  }
  VerifyReport report;
  std::mutex mutex;
  {
    TaskPool pool(workers);
    for (const auto& [name, pkg] : (*state)->packages) {
      pool.submit([&, name = name] {
        VerifyReport part;
        const InstalledPackage& installed = (*state)->packages.at(name);
        std::string folder = installed.folder(name);
        std::set<std::string> owned;
        for (const auto& f : (*state)->layout_entries.files) {
          if (f.path.size() > folder.size() && f.path.compare(0, folder.size(), folder) == 0 &&
              f.path[folder.size()] == '/') {
            owned.insert(f.path.substr(folder.size() + 1));
          }
        }
        check_package(prefix + "/" + folder, name, installed.receipt, part, owned);
        std::lock_guard<std::mutex> lock(mutex);
        report.files_checked += part.files_checked;
        for (auto* v : {&part.modified, &part.missing, &part.extra}) {
          auto& dst = v == &part.modified  ? report.modified
                      : v == &part.missing ? report.missing
                                           : report.extra;
          dst.insert(dst.end(), v->begin(), v->end());
        }
      });
    }
    pool.wait();
  }
  check_layout_entries(prefix, (*state)->layout_entries, report);
  std::set<std::string> owned = owned_top_level(**state);
  std::error_code ec;
  for (const auto& e : stdfs::directory_iterator(prefix, ec)) {
    std::string top = e.path().filename().string();
    if (!owned.count(top)) report.extra.push_back(top);
  }
  for (auto* v : {&report.modified, &report.missing, &report.extra})
    std::sort(v->begin(), v->end());
  return report;
}

}  // namespace pinset::app
