#include "core/app/install_noop.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/app/artifact_urls.hpp"
#include "core/app/mirrors.hpp"
#include "core/app/overlay.hpp"
#include "core/app/set_checks.hpp"

namespace pinset::app {

namespace stdfs = std::filesystem;

namespace {

// The URL an artifact is fetched from: lock URLs relative to the project become file:// URLs.
Result<std::string> fetch_url(const std::string& lock_url, const Project& project) {
  auto where = locate(lock_url, project.dir);
  if (!where) return fail(where.error());
  if (where->scheme == Scheme::http || where->scheme == Scheme::https) return where->text;
  return "file://" + stdfs::absolute(where->text).lexically_normal().string();
}

// The folders whose entries are package folders ("" for the install folder itself, which is
// always first), without the state folder, whose mtime every stamp write moves.
std::vector<std::string> holding_folders(const std::vector<std::string>& package_folders) {
  std::set<std::string> parents;
  for (const std::string& folder : package_folders) {
    std::size_t slash = folder.rfind('/');
    if (slash != std::string::npos) parents.insert(folder.substr(0, slash));
  }
  parents.erase(std::string(k_state_dir));
  std::vector<std::string> out{""};
  out.insert(out.end(), parents.begin(), parents.end());
  return out;
}

}  // namespace

Result<PlannedPackage> locked_entry(const model::Lock& lock, const model::LockedPackage& locked,
                                    const Project& project, const DocumentLocation& set_location) {
  // The lock may have been edited: its URL is held to the set's rule too, before any fetch.
  TRY(check_artifact_url(
      set_location.scheme, set_location.text, locked.name + " " + locked.version.str(), locked.url,
      Location{project.lock_path, 0, 0, "packages." + lock.key_of(locked) + ".url"}));
  PlannedPackage p;
  p.name = locked.name;
  p.key = lock.key_of(locked);
  p.version = locked.version;
  p.checksum = locked.checksum;
  // Mirrors rewrite where the bytes come from, never what they must be (the lock's checksum).
  auto url = fetch_url(apply_mirrors(locked.url, project.manifest.mirrors), project);
  if (!url) return fail(url.error());
  p.url = *url;
  return p;
}

StampKey stamp_key(const fs::FileSystem& fs, const InstallOptions& options,
                   const std::string& prefix, const std::string& layout,
                   const std::string& cache_root) {
  StampKey key;
  key.pinset = options.version;
  // A rebuilt pinset of the same version is another pinset too.
  if (auto exe = fs.file_id("/proc/self/exe")) {
    key.pinset += " " + std::to_string(exe->dev) + ":" + std::to_string(exe->ino) + ":" +
                  std::to_string(exe->size) + ":" + std::to_string(exe->mtime_ns);
  }
  std::error_code ec;
  key.cwd = stdfs::current_path(ec).string();
  key.manifest = options.manifest_path;
  key.prefix = prefix;
  key.layout = layout;
  key.cache = cache_root;
  for (const model::MirrorRule& m : options.mirrors)
    key.mirrors.push_back(m.from + "=" + m.to);
  return key;
}

std::optional<InstallOutcome> noop_from_stamp(const fs::FileSystem& fs,
                                              const fs::InstallFolder& dir,
                                              const InstallOptions& options, const Project& project,
                                              const StampKey& key, std::int64_t now,
                                              std::string& why) {
  StampVerdict verdict = check_install_stamp(fs, dir, key, now, project.lock_path);
  if (!verdict.fresh) {
    why = std::move(verdict.why);
    return std::nullopt;
  }
  // What the full path would say: every locked package kept, nothing else done.
  InstallOutcome outcome;
  outcome.from_stamp = true;
  outcome.layout = key.layout;
  outcome.plan.prefix = dir.path();
  outcome.plan.up_to_date = true;
  outcome.plan.package_count = verdict.packages;
  ResolveOutcome& resolution = outcome.resolution;
  resolution.project = project;
  auto& mirrors = resolution.project.manifest.mirrors;
  mirrors.insert(mirrors.begin(), options.mirrors.begin(), options.mirrors.end());
  if (!options.list_packages) return outcome;
  auto lock = model::parse_known_lock(verdict.lock_text, project.lock_path);  // bytes by sha256
  auto set_location = locate(project.manifest.set_url, project.dir);
  if (!lock || !set_location || lock->packages.size() != verdict.packages) {
    why = "the lock or the set's URL cannot be read";
    return std::nullopt;
  }
  resolution.set.location = *set_location;
  for (const auto& locked : lock->packages) {
    auto p = locked_entry(*lock, locked, resolution.project, *set_location);
    if (!p) {
      why = "a URL in the lock is refused";
      return std::nullopt;
    }
    p->source = Source::installed;
    outcome.plan.packages.push_back(std::move(*p));
  }
  resolution.previous = *lock;
  resolution.lock = std::move(*lock);
  return outcome;
}

void record_install_stamp(const fs::InstallFolder& dir, const InstallOutcome& outcome,
                          const StampKey& key, const InputRecorder& recorder,
                          const store::Cache& cache,
                          const std::vector<std::string>& package_folders, std::int64_t now) {
  const std::string name(k_stamp_name);
  const ResolveOutcome& resolution = outcome.resolution;
  // What the next run would print or do besides "up to date" must come from its full path.
  bool quiet = resolution.warnings.empty() && outcome.repaired.empty() &&
               outcome.plan.removed_folders.empty() && !resolution.problem;
  auto inputs = quiet ? recorder.inputs(cache, now) : std::nullopt;
  if (!inputs) {
    dir.remove_meta(name);
    return;
  }
  InstallStamp stamp;
  stamp.key = key;
  stamp.packages = resolution.lock.packages.size();
  stamp.inputs = std::move(*inputs);
  const model::Manifest& manifest = resolution.project.manifest;
  for (auto at : {expiry_notice_at(resolution.set.set, manifest.expiry_warning_days),
                  overlay_expiry_at(manifest)}) {
    if (at && (!stamp.valid_until || *at < *stamp.valid_until)) stamp.valid_until = at;
  }
  std::vector<std::string> folders = holding_folders(package_folders);
  std::vector<std::string> paths{std::string(k_state_file)};
  paths.insert(paths.end(), folders.begin(), folders.end());
  auto ids = dir.ids(paths);
  bool seen = std::all_of(ids.begin(), ids.end(), [](const auto& id) { return id.has_value(); });
  if (!seen || ids[0]->kind != fs::EntryKind::file ||
      (stamp.valid_until && now >= *stamp.valid_until)) {
    dir.remove_meta(name);
    return;
  }
  stamp.state = *ids[0];
  for (std::size_t i = 0; i < folders.size(); ++i)
    stamp.folders.push_back(StampFolder{folders[i], *ids[i + 1]});
  if (!dir.write_meta(name, write_install_stamp(stamp))) dir.remove_meta(name);
}

}  // namespace pinset::app
