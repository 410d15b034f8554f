#include "core/app/install_layout.hpp"

#include "core/model/lock_graph.hpp"

#include <filesystem>

#include "core/crypto/digest.hpp"

namespace pinset::app {

Result<layout::Kind> project_layout(const Project& project, const std::string& option) {
  if (!option.empty()) {
    auto kind = layout::parse_kind(option);
    if (!kind) {
      Error e = kind.error();
      e.where = Location{"", 0, 0, "--layout"};
      return fail(std::move(e));
    }
    return *kind;
  }
  if (project.manifest.layout.empty()) return layout::Kind::packages;
  auto kind = layout::parse_kind(project.manifest.layout);
  if (!kind) {
    Error e = kind.error();
    e.where = project.manifest.layout_at;
    return fail(std::move(e));
  }
  return *kind;
}

namespace {

// The install folder as the project's folder sees it ("vendor"), for config snippets.
std::string from_project(const Project& project, const std::string& prefix) {
  namespace stdfs = std::filesystem;
  std::error_code ec;
  stdfs::path root = stdfs::absolute(project.dir, ec).lexically_normal();
  stdfs::path dir = stdfs::absolute(prefix, ec).lexically_normal();
  std::string rel = dir.lexically_relative(root).generic_string();
  return rel.empty() ? dir.generic_string() : rel;
}

layout::Input input_for(const fs::FileSystem& fs, layout::Kind kind, const Project& project,
                        const std::string& prefix, const model::Lock& lock,
                        const std::vector<std::optional<store::Tree>>& trees) {
  using Type = archive::FileRecord::Type;
  layout::Input input;
  input.root_from_project = from_project(project, prefix);
  for (const auto& d : project.manifest.dependencies) {
    const model::LockedPackage* chosen = model::root_choice(lock, d);
    input.direct.push_back(chosen != nullptr ? lock.key_of(*chosen) : d.name);
  }
  for (std::size_t i = 0; i < lock.packages.size(); ++i) {
    const model::LockedPackage& locked = lock.packages[i];
    layout::PackageInput p;
    p.name = locked.name;
    p.version = locked.version.str();
    p.checksum = locked.checksum;
    p.dependencies = locked.dependencies;
    bool has_package_json = false;
    // Only the layouts that look at files get them (the default stays as cheap as before).
    if (kind == layout::Kind::node_modules || kind == layout::Kind::cargo_vendor) {
      for (const auto& f : trees[i]->receipt.files) {
        if (f.type != Type::file && f.type != Type::hardlink) continue;
        p.files.push_back(layout::PackageFile{f.path, f.sha256, (f.mode & 0111) != 0});
        has_package_json = has_package_json || f.path == "package.json";
      }
    }
    if (kind == layout::Kind::node_modules && has_package_json) {
      p.manifest_source = trees[i]->files_dir + "/package.json";
      // An unreadable or oversized package.json only costs the package its commands.
      if (auto text = fs.read(p.manifest_source, 1u << 20)) p.manifest = std::move(*text);
    }
    input.packages.push_back(std::move(p));
  }
  return input;
}

}  // namespace

Result<StagedLayout> stage_layout(fs::FileSystem& fs, layout::Kind kind, const std::string& staging,
                                  const Project& project, const std::string& prefix,
                                  const model::Lock& lock,
                                  const std::vector<std::optional<store::Tree>>& trees,
                                  const layout::LinkPackages& link_packages) {
  layout::Tree tree;
  TRY_ASSIGN(tree, layout::plan(kind, input_for(fs, kind, project, prefix, lock, trees)));
  // The staging folder holds the install state's folder already; node_modules keeps its package
  // store there too (node_modules/.pinset/<name>@<version>/), so it is not made twice.
  std::erase(tree.directories, std::string(k_state_dir));
  TRY(layout::apply(tree, fs, staging, link_packages));
  StagedLayout out;
  out.package_paths = tree.package_paths;
  out.notes = tree.notes;
  using Type = archive::FileRecord::Type;
  for (const auto& f : tree.files) {
    archive::FileRecord r;
    r.path = f.path;
    r.type = Type::file;
    r.mode = f.executable ? 0555 : 0444;
    r.size = f.content.size();
    r.sha256 = crypto::sha256(f.content).hex();
    out.entries.files.push_back(std::move(r));
  }
  for (const auto& l : tree.links) {
    archive::FileRecord r;
    r.path = l.path;
    r.type = Type::symlink;
    r.mode = 0777;
    r.link_target = l.target;
    out.entries.files.push_back(std::move(r));
  }
  std::sort(out.entries.files.begin(), out.entries.files.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

}  // namespace pinset::app
