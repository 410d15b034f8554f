#include "core/app/install_target.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/app/install.hpp"
#include "core/app/install_layout.hpp"
#include "core/app/install_stamp.hpp"

namespace pinset::app {

namespace stdfs = std::filesystem;

namespace {

// An absolute, lexically normal path without a trailing slash.
std::string absolute_normal(const std::string& path) {
  std::error_code ec;
  stdfs::path p = stdfs::absolute(path, ec).lexically_normal();
  std::string s = p.string();
  while (s.size() > 1 && s.back() == '/')
    s.pop_back();
  return s;
}

bool holds(const std::string& outer, const std::string& inner) {
  return inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 &&
         inner[outer.size()] == '/';
}

// What `path` names when it is a folder pinset must never replace whole; "" when it is not one.
std::string forbidden(const std::string& path, const Project& project, bool prefix_option) {
  std::string target = absolute_normal(path);
  if (target == "/") return "the root folder";
  std::string cwd = absolute_normal(".");
  std::string proj = absolute_normal(project.dir);
  std::vector<std::pair<std::string, std::string>> places = {{proj, "project"}, {cwd, "current"}};
  if (prefix_option) std::swap(places[0], places[1]);
  for (const auto& [place, word] : places) {
    if (target == place) return "the " + word + " folder";
    if (holds(target, place)) return "a folder that holds the " + word + " folder";
  }
  return "";
}

std::string normal_relative(const std::string& path) {
  std::string s = stdfs::path(path).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/')
    s.pop_back();
  return s;
}

Error refused(const InstallTarget& target, const std::string& why, std::string hint) {
  std::string where = target.origin.empty() ? "" : " (" + target.origin + ")";
  return Error(codes::install_dir_refused,
               "cannot install into " + target.shown + where + ": " + why, {}, std::move(hint));
}

std::string listed(const std::vector<std::string>& paths) {
  std::string out;
  for (std::size_t i = 0; i < paths.size() && i < 5; ++i)
    out += (i ? ", " : "") + paths[i];
  if (paths.size() > 5) out += ", and " + std::to_string(paths.size() - 5) + " more";
  return out;
}

}  // namespace

Result<InstallTarget> open_install_target(const fs::FileSystem& fs, const Project& project,
                                          const std::string& prefix, const std::string& layout,
                                          bool create) {
  bool option = !prefix.empty();
  std::string manifest = stdfs::path(project.manifest_path).filename().string();
  std::string layout_dir = std::string(k_default_install_dir);
  if (auto kind = project_layout(project, layout)) {
    layout_dir = std::string(layout::descriptor(*kind).default_dir);
  }
  std::string written = option                                 ? prefix
                        : project.manifest.install_dir.empty() ? layout_dir
                                                               : project.manifest.install_dir;
  std::string base = option ? "." : project.dir;
  std::string shown = option ? prefix : install_prefix(project, "", layout);
  std::string origin = option                                 ? "--prefix"
                       : project.manifest.install_dir.empty() ? ""
                                                              : "install-dir in " + manifest;
  std::string full = option || base == "." ? written : base + "/" + written;
  if (std::string what = forbidden(full, project, option); !what.empty()) {
    std::string named =
        option ? "--prefix " + quote(prefix) : "install-dir " + quote(written) + " in " + manifest;
    return fail(codes::install_dir_refused,
                named + " names " + what +
                    "; pinset installs into a folder of its own, which it replaces whole",
                {},
                option ? "give a new folder, e.g. --prefix pinset_packages"
                       : "give a new folder, e.g. install-dir: pinset_packages");
  }
  std::string path = normal_relative(written);
  auto dir = fs.open_install_folder(base, path, create);
  if (!dir) {
    Error e = dir.error();
    std::string where = origin.empty() ? "" : " (" + origin + ")";
    e.message = "cannot install into " + shown + where + ": " + e.message;
    e.where = {};
    if (e.code == codes::symlink_in_path || e.code == codes::not_a_folder) {
      e.hint = option ? "name a real folder, with no symbolic link on the way"
                      : "name a real folder inside the project, with no symbolic link on the way";
    }
    return fail(std::move(e));
  }
  return InstallTarget{shown, origin, std::move(*dir)};
}

Result<std::vector<std::string>> check_replaceable(const InstallTarget& target,
                                                   const std::optional<InstallState>& state) {
  using fs::EntryKind;
  const std::string new_folder = "choose a new or empty folder with install-dir or --prefix";
  switch (target.dir->kind()) {
    case EntryKind::none:
      return std::vector<std::string>();
    case EntryKind::symlink:
      return fail(
          refused(target, "it is a symbolic link, and pinset never replaces one", new_folder));
    case EntryKind::file:
      return fail(
          refused(target, "it is a file, and pinset replaces only its own folders", new_folder));
    case EntryKind::other:
      return fail(refused(target, "it is a special file, and pinset replaces only its own folders",
                          new_folder));
    case EntryKind::directory:
      break;
  }
  auto entries = target.dir->list();
  if (!entries) return fail(entries.error());
  if (entries->empty()) return std::vector<std::string>();
  if (!state) {
    return fail(refused(target,
                        "it is a folder pinset did not make (it has no " +
                            std::string(k_state_file) +
                            "), and pinset replaces only its own folders",
                        new_folder + ", or move what is in " + target.shown + " elsewhere"));
  }
  // What pinset installed there, and of which kind.
  std::map<std::string, EntryKind> known = {{std::string(k_state_dir), EntryKind::directory},
                                            {std::string(k_state_file), EntryKind::file}};
  using Type = archive::FileRecord::Type;
  auto kind_of = [](Type type) {
    return type == Type::directory ? EntryKind::directory
           : type == Type::symlink ? EntryKind::symlink
                                   : EntryKind::file;
  };
  // Every folder on the way to a package or a layout entry ("@babel", node_modules/.pinset/...).
  auto add_parents = [&known](const std::string& path) {
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1))
      known.emplace(path.substr(0, slash), EntryKind::directory);
  };
  for (const auto& [name, pkg] : state->packages) {
    const std::string& folder = pkg.folder(name);
    known[folder] = EntryKind::directory;
    add_parents(folder);
    for (const auto& f : pkg.receipt.files)
      known[folder + "/" + f.path] = kind_of(f.type);
  }
  for (const auto& f : state->layout_entries.files) {
    known[f.path] = kind_of(f.type);
    add_parents(f.path);
  }
  std::vector<std::string> foreign_files;
  std::vector<std::string> foreign_folders;
  for (const auto& e : *entries) {
    auto it = known.find(e.path);
    if (it != known.end() && it->second == e.kind) continue;
    if (e.kind == EntryKind::file && is_stamp_file(e.path)) continue;  // the install stamp
    if (e.kind != EntryKind::directory) {
      foreign_files.push_back(e.path);
    } else if (std::none_of(foreign_folders.begin(), foreign_folders.end(),
                            [&](const std::string& f) { return holds(f, e.path); })) {
      foreign_folders.push_back(e.path);
    }
  }
  if (!foreign_files.empty()) {
    bool one = foreign_files.size() == 1;
    return fail(refused(target,
                        "it holds " + std::to_string(foreign_files.size()) +
                            (one ? " file" : " files") + " pinset did not install (" +
                            listed(foreign_files) +
                            "), and pinset never deletes what it did not make",
                        std::string(one ? "move it" : "move them") + " out of " + target.shown +
                            ", then run the install again"));
  }
  return foreign_folders;
}

}  // namespace pinset::app
