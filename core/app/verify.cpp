#include "core/app/verify.hpp"

#include <algorithm>
#include <mutex>
#include <set>

#include "core/app/install.hpp"
#include "core/app/install_stamp.hpp"
#include "core/crypto/digest.hpp"
#include "core/util/task_pool.hpp"

namespace pinset::app {

namespace {

std::string file_sha256(const fs::FileSystem& fs, const std::string& path) {
  crypto::Hasher h(crypto::DigestAlgo::sha256);
  if (!fs.read_chunks(path, [&](std::string_view chunk) { h.update(chunk); })) return {};
  return h.finish().hex();
}

// `owned`: paths under `root` that the layout wrote (checked by check_layout_entries).
void check_package(const fs::FileSystem& fs, const std::string& root, const std::string& name,
                   const archive::Receipt& receipt, VerifyReport& part,
                   const std::set<std::string>& owned = {}) {
  using Type = archive::FileRecord::Type;
  using Kind = fs::EntryKind;
  std::set<std::string> known = owned;
  auto shown_as = [&name](const std::string& path) {
    return name.empty() ? path : name + "/" + path;
  };
  for (const auto& f : receipt.files) {
    known.insert(f.path);
    std::string path = root + "/" + f.path;
    std::string shown = shown_as(f.path);
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
    part.extra.push_back(shown_as(e.path));
    extra_dir = e.kind == Kind::directory ? e.path + "/" : "";
  }
}

// The links and generated files of a layout (node_modules links, .cargo-checksum.json, ...).
void check_layout_entries(const fs::FileSystem& fs, const std::string& prefix,
                          const archive::Receipt& entries, VerifyReport& report) {
  using Type = archive::FileRecord::Type;
  using Kind = fs::EntryKind;
  for (const auto& f : entries.files) {
    std::string path = prefix + "/" + f.path;
    fs::FileInfo st = fs.stat(path);
    if (st.kind == Kind::none) {
      report.missing.push_back(f.path);
    } else if (f.type == Type::symlink) {
      if (st.kind != Kind::symlink) {
        report.modified.push_back(f.path + ": no longer a symbolic link");
      } else if (st.link_target != f.link_target) {
        report.modified.push_back(f.path + ": the link now points elsewhere");
      }
    } else {
      ++report.files_checked;
      if (st.kind != Kind::file) {
        report.modified.push_back(f.path + ": no longer a regular file");
      } else if (st.size != f.size || file_sha256(fs, path) != f.sha256) {
        report.modified.push_back(f.path + ": content changed");
      }
    }
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
    return fail(codes::not_installed, "nothing is installed in " + prefix, Location{prefix},
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
        check_package(fs, prefix + "/" + folder, name, installed.receipt, part, owned);
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
  check_layout_entries(fs, prefix, (*state)->layout_entries, report);
  // Anything else in the install folder is extra. Every folder on the way to a package folder or
  // a layout entry is looked into ("@babel" for "@babel/core", node_modules/.pinset/...); what is
  // inside a package folder was checked against its receipt above.
  std::set<std::string> owned{std::string(k_state_dir), std::string(k_state_file)};
  std::set<std::string> package_folders;
  for (const auto& [name, pkg] : (*state)->packages) {
    owned.insert(pkg.folder(name));
    package_folders.insert(pkg.folder(name));
  }
  for (const auto& f : (*state)->layout_entries.files)
    owned.insert(f.path);
  auto inside_a_package = [&package_folders](const std::string& path) {
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      if (package_folders.count(path.substr(0, slash))) return true;
    }
    return package_folders.count(path) > 0;
  };
  std::set<std::string> parents{""};
  for (const std::string& path : owned) {
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      std::string parent = path.substr(0, slash);
      if (!inside_a_package(parent)) parents.insert(parent);
    }
  }
  for (const std::string& parent : parents) {
    auto listed = fs.list(parent.empty() ? prefix : prefix + "/" + parent, false);
    if (!listed) continue;
    for (const auto& e : *listed) {
      std::string path = (parent.empty() ? "" : parent + "/") + e.path;
      if (owned.count(path) || (e.kind == fs::EntryKind::file && is_stamp_file(path))) continue;
      if (!parents.count(path) || e.kind != fs::EntryKind::directory) report.extra.push_back(path);
    }
  }
  for (auto* v : {&report.modified, &report.missing, &report.extra})
    std::sort(v->begin(), v->end());
  return report;
}

}  // namespace pinset::app
