#include "core/app/resolve_project.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/app/lock_changes.hpp"
#include "core/app/overlay.hpp"
#include "core/app/set_checks.hpp"
#include "core/util/dates.hpp"

namespace pinset::app {

Result<std::vector<resolve::RootRequirement>> root_requirements(const Project& project,
                                                                const model::PackageSet& set) {
  std::vector<resolve::RootRequirement> roots;
  for (const auto& dep : project.manifest.dependencies) {
    semver::Range range = dep.range;
    if (range.scheme() != set.versioning) {
      auto again = semver::Range::parse(range.text(), set.versioning);
      if (!again) {
        Error e = std::move(again.error());
        e.where =
            Location{project.manifest_path, dep.line, 0, doc::join_field("dependencies", dep.name)};
        e.hint = "the set " + set.name + " has " +
                 std::string(semver::scheme_info(set.versioning).name) + " versions; " + e.hint;
        return fail(std::move(e));
      }
      range = std::move(*again);
    }
    roots.push_back(resolve::RootRequirement{
        dep.name, std::move(range), project.manifest_path + ":" + std::to_string(dep.line)});
  }
  return roots;
}

resolve::MultipleVersions multiple_versions_of(const model::Manifest& manifest) {
  resolve::MultipleVersions out;
  if (!manifest.multiple_versions) return out;
  out.enabled = true;
  out.rule = manifest.multiple_versions->rule == "any" ? resolve::MultipleVersions::Rule::any
                                                       : resolve::MultipleVersions::Rule::major;
  out.names = manifest.multiple_versions->packages;
  return out;
}

model::Lock make_lock(const Project& project, const LoadedSet& loaded,
                      const resolve::Solution& solution) {
  return make_lock(project, loaded, loaded.set, solution);
}

model::Lock make_lock(const Project& project, const LoadedSet& loaded, const model::PackageSet& set,
                      const resolve::Solution& solution) {
  model::Lock lock;
  lock.set_name = set.name;
  lock.set_url = project.manifest.set_url;
  lock.set_digest = loaded.digest;
  lock.set_serial = set.serial;
  lock.set_versioning = set.versioning;
  lock.set_signatures_digest = loaded.signatures_digest;
  // Names selected in several versions (multiple-versions): dependencies name them by key.
  std::unordered_map<model::NameId, std::size_t> versions;
  for (const auto& chosen : solution.packages)
    ++versions[chosen.name];
  for (const auto& chosen : solution.packages) {
    const model::Package* pkg = set.find(chosen.name);
    const model::Entry& entry = pkg->entries[chosen.entry_index];
    model::LockedPackage locked;
    locked.name = std::string(set.name_of(chosen.name));
    locked.version = entry.version;
    locked.checksum = entry.checksum;
    locked.url = model::resolve_url(project.manifest.set_url, entry.url);
    for (std::size_t d = 0; d < chosen.dependencies.size(); ++d) {
      model::NameId dep = chosen.dependencies[d];
      std::string key(set.name_of(dep));
      if (versions[dep] > 1) {
        key += "@" + set.find(dep)->entries[chosen.dependency_entries[d]].version.str();
      }
      locked.dependencies.push_back(std::move(key));
    }
    std::sort(locked.dependencies.begin(), locked.dependencies.end());
    lock.packages.push_back(std::move(locked));
  }
  std::sort(lock.packages.begin(), lock.packages.end(), [](const auto& a, const auto& b) {
    return a.name != b.name ? a.name < b.name : a.version < b.version;
  });
  return lock;
}

Result<ResolveOutcome> resolve_project(fs::FileSystem& fs, const ResolveOptions& options) {
  ResolveOutcome out;
  auto project = load_project(fs, options.manifest_path);
  if (!project) return fail(project.error());
  out.project = std::move(*project);
  auto& mirrors = out.project.manifest.mirrors;
  mirrors.insert(mirrors.begin(), options.mirrors.begin(), options.mirrors.end());

  auto previous = load_lock(fs, out.project);
  if (!previous) return fail(previous.error());
  out.previous = std::move(*previous);
  if (options.locked && !out.previous) {
    return fail(codes::lock_missing,
                "--locked needs " + out.project.lock_path + ", which does not exist",
                Location{out.project.lock_path},
                "run `pinset resolve` to create it, and commit it with the manifest");
  }

  const LoadedSet* loaded = options.loaded_set;
  if (loaded == nullptr) {
    auto set = load_set(fs, out.project, options.remote, out.previous ? &*out.previous : nullptr,
                        options.now);
    if (!set) return fail(set.error());
    out.set = std::move(*set);
    loaded = &out.set;
  }
  out.warnings = loaded->warnings;
  const model::PackageSet* set = &loaded->set;
  model::PackageSet overlaid_copy;  // the overlaid set when the caller's set must stay as it is
  if (!out.project.manifest.overlay.empty()) {
    auto overlaid =
        apply_overlay(*set, out.project.manifest, options.now ? *options.now : dates::system_now());
    if (!overlaid) return fail(overlaid.error());
    if (loaded == &out.set) {
      out.set.set = std::move(overlaid->set);
      set = &out.set.set;
    } else {
      overlaid_copy = std::move(overlaid->set);
      set = &overlaid_copy;
    }
    out.warnings.insert(out.warnings.end(), overlaid->warnings.begin(), overlaid->warnings.end());
  }

  resolve::Options ropts;
  ropts.lock = out.previous ? &*out.previous : nullptr;
  ropts.root_name = out.project.manifest.name;
  ropts.multiple_versions = multiple_versions_of(out.project.manifest);
  std::vector<resolve::RootRequirement> roots;
  TRY_ASSIGN(roots, root_requirements(out.project, *set));
  auto result = resolve::resolve(*set, roots, ropts);
  if (auto* problem = std::get_if<resolve::Unsolvable>(&result)) {
    out.problem = std::move(*problem);
    return out;
  }
  out.solution = std::move(std::get<resolve::Solution>(result));
  out.lock = make_lock(out.project, *loaded, *set, *out.solution);
  if (!out.project.manifest.overlay.empty()) {
    auto unused = mark_overlay_packages(out.project.manifest, out.lock);
    out.warnings.insert(out.warnings.end(), unused.begin(), unused.end());
  }
  out.changes = describe_lock_changes(out.previous ? &*out.previous : nullptr, out.lock);

  if (options.locked) {
    if (!out.changes.empty()) {
      Error e(codes::lock_stale,
              "the lock is out of date with " + out.project.manifest_path +
                  " and its package set: " + out.changes.front(),
              Location{out.project.lock_path},
              "run `pinset resolve` to update the lock, review the change, and commit it");
      for (std::size_t i = 1; i < out.changes.size(); ++i)
        e.causes.push_back(Error("", out.changes[i]));
      return fail(std::move(e));
    }
    return out;
  }
  if (options.write_lock && (!out.previous || !out.changes.empty() || *out.previous != out.lock)) {
    auto written = fs.write_atomic(out.project.lock_path, model::write_lock(out.lock));
    if (!written) return fail(written.error());
    out.lock_written = true;
  }
  return out;
}

}  // namespace pinset::app
