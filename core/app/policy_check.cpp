#include "core/app/policy_check.hpp"

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <map>

#include "core/app/remote_documents.hpp"
#include "core/app/resolve_project.hpp"
#include "core/app/set_trust.hpp"
#include "core/model/lock_graph.hpp"
#include "core/net/fetcher.hpp"
#include "core/policy/osv.hpp"
#include "core/policy/policy.hpp"
#include "core/store/cache.hpp"
#include "core/util/strings.hpp"

namespace pinset::app {

namespace {

namespace stdfs = std::filesystem;

std::string absolute_path(const std::string& path) {
  std::error_code ec;
  auto abs = stdfs::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

Result<policy::Policy> load_policies(const fs::FileSystem& fs, const PolicyCheckOptions& o) {
  std::vector<policy::Policy> all;
  if (o.policy_files.empty()) {
    auto p = policy::parse_policy(policy::baseline_policy_text(),
                                  std::string(policy::k_baseline_source), doc::Format::yaml);
    if (!p) return fail(p.error());
    all.push_back(std::move(*p));
  }
  for (const auto& file : o.policy_files) {
    auto text = fs.read(file, k_max_policy_bytes);
    if (!text) return fail(text.error());
    auto p = policy::parse_policy(*text, file);
    if (!p) return fail(p.error());
    all.push_back(std::move(*p));
  }
  return policy::combine(all);
}

// Every *.json file under the folders (recursively, in path order), parsed as OSV. The filesystem
// interface reads files but does not list folders, so the listing uses std::filesystem here.
Status load_advisories(const fs::FileSystem& fs, const std::vector<std::string>& dirs,
                       std::vector<policy::Advisory>& out) {
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!stdfs::is_directory(dir, ec)) {
      return fail(codes::not_found, "advisory folder " + quote(dir) + " does not exist",
                  Location{dir, 0, 0, ""},
                  "pass --advisories with a folder of OSV JSON files (e.g. a copy of an OSV "
                  "database export)");
    }
    std::vector<std::string> files;
    for (stdfs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".json") {
        files.push_back(it->path().string());
        if (files.size() > k_max_advisory_files) {
          return fail(codes::too_large,
                      "advisory folder " + quote(dir) + " holds more than " +
                          std::to_string(k_max_advisory_files) + " files",
                      Location{dir, 0, 0, ""}, "point --advisories at the ecosystem's folder");
        }
      }
    }
    if (ec) {
      return fail(codes::io, "cannot list advisory folder " + quote(dir) + ": " + ec.message(),
                  Location{dir, 0, 0, ""}, "check the folder's permissions");
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      auto text = fs.read(file, k_max_advisory_bytes);
      if (!text) return fail(text.error());
      auto adv = policy::parse_osv(*text, file);
      if (!adv) return fail(adv.error());
      out.push_back(std::move(*adv));
    }
  }
  return {};
}

// Whether the lock is what `pinset resolve --locked` accepts: resolve_project decides (with the
// set's expiry ignored here, as the set-expiry rule reports it).
void check_sync(fs::FileSystem& fs, const PolicyCheckOptions& o, RemoteDocuments* remote,
                const LoadedSet& set, policy::Context& ctx) {
  ResolveOptions ro;
  ro.loaded_set = &set;  // read and parsed once: a large set would otherwise cost twice
  ro.manifest_path = o.manifest_path;
  ro.locked = true;
  ro.write_lock = false;
  ro.remote = remote;
  ro.now = 0;
  auto outcome = resolve_project(fs, ro);
  if (outcome && outcome->problem) {
    ctx.lock_state = policy::LockState::stale;
    ctx.lock_problem = "the manifest no longer resolves against the package set";
  } else if (!outcome && outcome.error().code == codes::lock_stale) {
    ctx.lock_state = policy::LockState::stale;
    std::string m = outcome.error().message;
    auto colon = m.find(": ");
    ctx.lock_problem = colon == std::string::npos ? m : m.substr(colon + 2);
  }
  // Other errors (e.g. a signature refusal) are reported by their own rules.
}

// Fills the lock part of the context: lines and dependency paths.
void describe_lock(const model::Manifest& manifest, const model::Lock& lock, std::string_view text,
                   policy::Context& ctx) {
  ctx.lock_lines = lock_package_lines(text);
  ctx.paths = shortest_paths(manifest, lock);
}

std::optional<model::SetTrust> effective_trust(const policy::Policy& pol,
                                               const model::Manifest& m) {
  const auto& rule = pol.set_signed.settings;
  model::SetTrust trust;
  if (!rule.keys.empty()) {
    for (const auto& k : rule.keys)
      trust.keys.push_back(model::TrustedKey{k.name, k.public_key, 0});
    trust.threshold = m.trust ? m.trust->threshold : 1;
  } else if (m.trust) {
    trust = *m.trust;
  } else {
    return std::nullopt;
  }
  if (rule.threshold) trust.threshold = std::max(trust.threshold, *rule.threshold);
  return trust;
}

}  // namespace

std::map<std::string, int> lock_package_lines(std::string_view text) {
  std::map<std::string, int> out;
  bool in_packages = false;
  int line = 0;
  for (std::string_view l : lines_of(text)) {
    ++line;
    if (l == "  \"packages\": {") {
      in_packages = true;
    } else if (in_packages && l.starts_with("  }")) {
      in_packages = false;
    } else if (in_packages && l.size() > 9 && l.starts_with("    \"") && l[5] != ' ' &&
               l.ends_with("\": {")) {
      out[std::string(l.substr(5, l.size() - 9))] = line;
    }
  }
  return out;
}

std::map<std::string, policy::DependencyPath> shortest_paths(const model::Manifest& manifest,
                                                             const model::Lock& lock) {
  // One breadth-first walk for all packages (LockGraph::shortest_path walks once per package,
  // which is quadratic on a closure of thousands): the same order, so the same paths.
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < lock.packages.size(); ++i)
    index[lock.key_of(lock.packages[i])] = i;
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::vector<std::size_t> parent(lock.packages.size(), none);
  std::vector<char> seen(lock.packages.size(), 0);
  std::deque<std::size_t> queue;
  std::vector<std::size_t> order;  // breadth-first: every parent before its children
  for (const auto& root : manifest.dependencies) {  // in name order
    const model::LockedPackage* chosen = model::root_choice(lock, root);
    auto it = index.find(chosen != nullptr ? lock.key_of(*chosen) : root.name);
    if (it == index.end() || seen[it->second]) continue;
    seen[it->second] = 1;
    queue.push_back(it->second);
  }
  while (!queue.empty()) {
    std::size_t i = queue.front();
    queue.pop_front();
    order.push_back(i);
    for (const auto& dep : lock.packages[i].dependencies) {  // sorted by name
      auto it = index.find(dep);
      if (it == index.end() || seen[it->second]) continue;
      seen[it->second] = 1;
      parent[it->second] = i;
      queue.push_back(it->second);
    }
  }
  // Long paths keep their head and tail (DependencyPath): `anchor` is the last node of the head,
  // found from the parent's in the walk's order, so every path costs at most head + tail steps.
  constexpr std::size_t head = policy::k_path_head - 1;  // packages; the project's name leads
  constexpr std::size_t tail = policy::k_path_tail;
  std::vector<std::size_t> depth(lock.packages.size(), 0);
  std::vector<std::size_t> anchor(lock.packages.size(), none);
  for (std::size_t i : order) {
    depth[i] = parent[i] == none ? 0 : depth[parent[i]] + 1;
    anchor[i] = depth[i] < head ? i : anchor[parent[i]];
  }
  auto up = [&](std::size_t from, std::size_t steps, std::vector<std::string>& into) {
    std::size_t at = into.size();
    for (std::size_t i = from, n = 0; i != none && n < steps; i = parent[i], ++n)
      into.push_back(lock.key_of(lock.packages[i]));
    std::reverse(into.begin() + static_cast<std::ptrdiff_t>(at), into.end());
  };
  std::map<std::string, policy::DependencyPath> out;
  for (std::size_t t : order) {
    policy::DependencyPath path;
    path.names.push_back(manifest.name);
    std::size_t length = depth[t] + 1;  // packages on the path
    if (length <= head + tail + 1) {
      up(t, length, path.names);
    } else {
      up(anchor[t], head, path.names);
      up(t, tail, path.names);
      path.omitted = length - head - tail;
    }
    out.emplace(lock.key_of(lock.packages[t]), std::move(path));
  }
  return out;
}

Result<policy::Report> check_policy(fs::FileSystem& fs, const PolicyCheckOptions& o) {
  SetAccess lazy(o.cache_dir, o.fetch, o.fetchers);
  RemoteDocuments* remote = o.remote != nullptr ? o.remote : &lazy;
  auto pol = load_policies(fs, o);
  if (!pol) return fail(pol.error());
  auto project = load_project(fs, o.manifest_path);
  if (!project) return fail(project.error());

  policy::Context ctx;
  ctx.now = o.now;
  ctx.manifest = &project->manifest;
  ctx.manifest_path = project->manifest_path;
  ctx.project_dir = absolute_path(project->dir);
  ctx.lock_path = project->lock_path;

  std::optional<model::Lock> lock;
  std::string lock_text;
  auto loaded_lock = load_lock(fs, *project);
  if (!loaded_lock) {
    ctx.lock_state = policy::LockState::tampered;
    ctx.lock_problem = loaded_lock.error().message;
  } else if (!*loaded_lock) {
    ctx.lock_state = policy::LockState::missing;
  } else {
    lock = std::move(**loaded_lock);
    if (auto text = fs.read(project->lock_path, k_max_lock_bytes)) lock_text = std::move(*text);
  }

  // Signatures and expiry are the policy's to report: load without their refusals.
  Project plain = *project;
  plain.manifest.trust.reset();
  auto set = load_set(fs, plain, remote, lock ? &*lock : nullptr, std::int64_t{0});
  if (!set) return fail(set.error());
  ctx.set = &set->set;
  ctx.set_url = set->location.scheme == Scheme::path || set->location.scheme == Scheme::file
                    ? "file://" + absolute_path(set->location.text)
                    : set->location.text;

  if (lock) {
    ctx.lock = &*lock;
    describe_lock(project->manifest, *lock, lock_text, ctx);
    if (pol->lock.enabled) check_sync(fs, o, remote, *set, ctx);
  }

  if (pol->set_signed.enabled) {
    if (auto trust = effective_trust(*pol, project->manifest)) {
      auto check = check_set_signatures(fs, *project, remote, *set, *trust);
      policy::SignatureFacts facts;
      facts.threshold = trust->threshold;
      if (check) {
        facts.valid = check->valid;
        facts.invalid = check->invalid;
        facts.unknown = check->unknown;
      } else {
        facts.problem = check.error().message;
      }
      ctx.signatures = std::move(facts);
    }
  }

  if (pol->advisories.enabled) {
    std::vector<std::string> dirs = pol->advisories.settings.directories;
    for (const auto& d : o.advisory_dirs) {
      if (std::find(dirs.begin(), dirs.end(), d) == dirs.end()) dirs.push_back(d);
    }
    if (!dirs.empty()) {
      if (auto ok = load_advisories(fs, dirs, ctx.advisories); !ok) return fail(ok.error());
      ctx.advisories_loaded = true;
      ctx.advisory_dirs = dirs;
    }
  }

  policy::Report report = policy::evaluate(*pol, ctx);
  if (o.since_lock.empty()) return report;

  auto old_text = fs.read(o.since_lock, k_max_lock_bytes);
  if (!old_text) return fail(old_text.error());
  auto old_lock = model::parse_lock(*old_text, o.since_lock);
  if (!old_lock) return fail(old_lock.error());
  policy::Context old_ctx = ctx;
  old_ctx.lock = &*old_lock;
  old_ctx.lock_state = policy::LockState::ok;
  old_ctx.lock_path = o.since_lock;
  describe_lock(project->manifest, *old_lock, *old_text, old_ctx);
  policy::Report before = policy::evaluate(*pol, old_ctx);
  return policy::only_new(std::move(report), before);
}

}  // namespace pinset::app
