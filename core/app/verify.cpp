#include "core/app/verify.hpp"

#include <algorithm>
#include <mutex>
#include <set>

#include "core/app/install.hpp"
#include "core/crypto/digest.hpp"
#include "core/util/task_pool.hpp"

namespace pinset::app {

namespace {

std::string file_sha256(const fs::FileSystem& fs, const std::string& path) {
  crypto::Hasher h(crypto::DigestAlgo::sha256);
  if (!fs.read_chunks(path, [&](std::string_view chunk) { h.update(chunk); })) return {};
  return h.finish().hex();
}

void check_package(const fs::FileSystem& fs, const std::string& root, const std::string& name,
                   const archive::Receipt& receipt, VerifyReport& part) {
  using Type = archive::FileRecord::Type;
  using Kind = fs::EntryKind;
  std::set<std::string> known;
  for (const auto& f : receipt.files) {
    known.insert(f.path);
    std::string path = root + "/" + f.path;
    std::string shown = name + "/" + f.path;
    fs::FileInfo st = fs.stat(path);
    if (st.kind == Kind::none) {
      part.missing.push_back(shown);
      continue;
    }
    switch (f.type) {
      case Type::directory:
        if (st.kind != Kind::directory) part.modified.push_back(shown + ": no longer a folder");
        break;
      case Type::symlink:
        if (st.kind != Kind::symlink) {
          part.modified.push_back(shown + ": no longer a symbolic link");
        } else if (st.link_target != f.link_target) {
          part.modified.push_back(shown + ": the link now points elsewhere");
        }
        break;
      case Type::file:
      case Type::hardlink:
        ++part.files_checked;
        if (st.kind != Kind::file) {
          part.modified.push_back(shown + ": no longer a regular file");
        } else if (st.size != f.size || file_sha256(fs, path) != f.sha256) {
          part.modified.push_back(shown + ": content changed");
        } else if ((st.mode & 0777 & ~0222u) != (f.mode & 0777 & ~0222u)) {
          part.modified.push_back(shown + ": permissions changed");
        }
        break;
    }
  }
  auto entries = fs.list(root, true);
  if (!entries) return;   // the folder itself is gone: its files are reported missing above
  std::string extra_dir;  // an extra folder is reported once, not what is in it
  for (const auto& e : *entries) {
    if (!extra_dir.empty() && e.path.compare(0, extra_dir.size(), extra_dir) == 0) continue;
    if (known.count(e.path)) continue;
    part.extra.push_back(name + "/" + e.path);
    extra_dir = e.kind == Kind::directory ? e.path + "/" : "";
  }
}

}  // namespace

bool tree_intact(const fs::FileSystem& fs, const std::string& root,
                 const archive::Receipt& receipt) {
  VerifyReport part;
  check_package(fs, root, "", receipt, part);
  return part.clean();
}

std::string tree_damage(const fs::FileSystem& fs, const std::string& root,
                        const archive::Receipt& receipt) {
  VerifyReport part;
  check_package(fs, root, "", receipt, part);
  // check_package names entries "<name>/<path>"; the name is empty here.
  auto strip = [](const std::string& s) { return s.empty() || s[0] != '/' ? s : s.substr(1); };
  if (!part.modified.empty()) return strip(part.modified.front());
  if (!part.missing.empty()) return strip(part.missing.front()) + ": missing";
  if (!part.extra.empty()) return strip(part.extra.front()) + ": not in the receipt";
  return "";
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
        check_package(fs, prefix + "/" + name, name, (*state)->packages.at(name).receipt, part);
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
  if (auto top = fs.list(prefix, false)) {
    for (const auto& e : *top) {
      if (e.path != k_state_dir && !(*state)->packages.count(e.path)) {
        report.extra.push_back(e.path);
      }
    }
  }
  for (auto* v : {&report.modified, &report.missing, &report.extra})
    std::sort(v->begin(), v->end());
  return report;
}

}  // namespace pinset::app
