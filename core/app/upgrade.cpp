#include "core/app/upgrade.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "core/app/overlay.hpp"
#include "core/app/remote_documents.hpp"
#include "core/app/resolve_project.hpp"
#include "core/app/set_checks.hpp"
#include "core/util/dates.hpp"
#include "core/util/strings.hpp"

namespace pinset::app {

namespace {

Error cannot_edit(const model::Manifest& m, int line, const std::string& what) {
  return Error(
      codes::cannot_edit_manifest,
      "cannot find " + what + " on line " + std::to_string(line) + " of " + m.source +
          " to rewrite it",
      Location{m.source, line, 0, "package-set"},
      "edit package-set.url (and digest) by hand, or run with --dry-run to see the change");
}

// Replaces the first occurrence of `old` at or after `from` in `line`. False if there is none.
bool replace_in(std::string& line, const std::string& old, const std::string& now,
                std::size_t from = 0) {
  std::size_t at = line.find(old, from);
  if (at == std::string::npos || old.empty()) return false;
  line.replace(at, old.size(), now);
  return true;
}

std::vector<PackageChange> compare_locks(const model::Lock* before, const model::Lock& after) {
  // Keyed by name while a name has one version on both sides (an upgrade pairs them), by
  // name@version when either side has several (multiple-versions: each is added or removed).
  auto several = [&](const std::string& name) {
    return after.versions_of(name) > 1 || (before != nullptr && before->versions_of(name) > 1);
  };
  auto key = [&](const model::LockedPackage& p) {
    return several(p.name) ? p.name + "@" + p.version.str() : p.name;
  };
  std::map<std::string, PackageChange> by_name;
  std::map<std::string, const model::LockedPackage*> old_of;
  if (before != nullptr) {
    for (const auto& p : before->packages) {
      by_name[key(p)] = PackageChange{PackageChange::Kind::removed, p.name, p.version, {}};
      old_of[key(p)] = &p;
    }
  }
  for (const auto& p : after.packages) {
    auto it = by_name.find(key(p));
    if (it == by_name.end()) {
      by_name[key(p)] = PackageChange{PackageChange::Kind::added, p.name, {}, p.version};
      continue;
    }
    PackageChange& c = it->second;
    c.to = p.version;
    const model::LockedPackage* old = old_of[key(p)];
    if (*c.from < p.version) {
      c.kind = PackageChange::Kind::upgraded;
    } else if (p.version < *c.from) {
      c.kind = PackageChange::Kind::downgraded;
    } else if (old->checksum != p.checksum || old->origin != p.origin) {
      c.kind = PackageChange::Kind::changed;
    } else {
      by_name.erase(it);
    }
  }
  std::vector<PackageChange> out;
  for (auto& [name, c] : by_name)
    out.push_back(std::move(c));
  return out;
}

}  // namespace

Result<std::string> rewrite_manifest_set(std::string_view text, const model::Manifest& m,
                                         const std::string& url,
                                         const std::optional<crypto::Checksum>& digest) {
  std::vector<std::string> lines;
  for (std::string_view l : split(text, '\n'))
    lines.emplace_back(l);
  auto line_at = [&](int n) -> std::string* {
    return n >= 1 && std::size_t(n) <= lines.size() ? &lines[std::size_t(n - 1)] : nullptr;
  };
  std::string* url_line = line_at(m.set_line);
  std::size_t key = url_line ? url_line->find("url") : std::string::npos;
  if (key == std::string::npos || !replace_in(*url_line, m.set_url, url, key)) {
    return fail(cannot_edit(m, m.set_line, "the package set's url " + quote(m.set_url)));
  }
  bool json = !m.source.empty() && doc::format_for(m.source) == doc::Format::json;
  if (m.set_digest) {
    std::string* digest_line = line_at(m.set_digest_line);
    std::string old = m.set_digest->str();
    if (digest_line == nullptr || digest_line->find(old) == std::string::npos) {
      // The pin may be written in another form (SRI); find what is on the line.
      return fail(cannot_edit(m, m.set_digest_line, "the package set's digest"));
    }
    if (digest) {
      replace_in(*digest_line, old, digest->str());
    } else if (digest_line == url_line ||
               trim(*digest_line).substr(0, json ? 9 : 7) != (json ? "\"digest\":" : "digest:")) {
      return fail(cannot_edit(m, m.set_digest_line, "a digest line of its own"));
    } else {
      lines.erase(lines.begin() + (m.set_digest_line - 1));
    }
  } else if (digest) {
    std::size_t end = url_line->find(url, key) + url.size();
    bool quoted = end < url_line->size() && ((*url_line)[end] == '"' || (*url_line)[end] == '\'');
    std::string rest = url_line->substr(end + (quoted ? 1 : 0));
    bool inline_map = json || url_line->find('{') != std::string::npos ||
                      trim(rest).rfind(",", 0) == 0 || trim(rest).rfind("}", 0) == 0;
    if (inline_map) {
      std::string field =
          json ? ", \"digest\": \"" + digest->str() + "\"" : ", digest: " + digest->str();
      url_line->insert(end + (quoted ? 1 : 0), field);
    } else {
      std::string indent = url_line->substr(0, url_line->find_first_not_of(' '));
      lines.insert(lines.begin() + m.set_line, indent + "digest: " + digest->str());
    }
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += lines[i];
  }
  // Check the edit: the result must parse and name exactly the new set.
  auto again = model::parse_manifest(out, m.source, doc::format_for(m.source));
  if (!again || again->set_url != url || again->set_digest != digest) {
    return fail(cannot_edit(m, m.set_line, "a url and digest pinset can rewrite safely"));
  }
  return out;
}

Result<UpgradeOutcome> upgrade(fs::FileSystem& fs, const UpgradeOptions& options) {
  UpgradeOutcome out;
  auto project = load_project(fs, options.manifest_path);
  if (!project) return fail(project.error());
  out.project = std::move(*project);
  auto previous = load_lock(fs, out.project);
  if (!previous) return fail(previous.error());
  out.previous = std::move(*previous);

  Project next = out.project;
  auto& mirrors = next.manifest.mirrors;
  mirrors.insert(mirrors.begin(), options.mirrors.begin(), options.mirrors.end());
  next.manifest.set_url = options.set_url;
  next.manifest.set_digest = options.digest;
  std::int64_t now = options.now ? *options.now : dates::system_now();
  RemoteDocuments* remote = options.remote;
  std::optional<store::Cache> cache;
  std::unique_ptr<net::Fetcher> fetcher;
  std::optional<CachedRemoteDocuments> cached;
  if (remote == nullptr &&
      (starts_with(options.set_url, "https://") || starts_with(options.set_url, "http://"))) {
    auto opened = store::Cache::open_or_default(options.cache_dir);
    if (!opened) return fail(opened.error());
    cache.emplace(std::move(*opened));
    fetcher = net::make_fetcher(options.fetchers, options.fetch);
    cached.emplace(fetcher.get(), &*cache, false, false);
    remote = &*cached;
  }
  // `pinset upgrade` is how a project moves on deliberately: the floor stays bound to the set's
  // name (a lower serial of the same set is still a rollback), not to its URL.
  std::optional<model::Lock> floor = out.previous;
  if (floor) floor->set_url.clear();
  auto set = load_set(fs, next, remote, floor ? &*floor : nullptr, now);
  if (!set) return fail(set.error());
  out.set = std::move(*set);
  out.warnings = out.set.warnings;
  if (!next.manifest.overlay.empty()) {
    auto overlaid = apply_overlay(out.set.set, next.manifest, now);
    if (!overlaid) return fail(overlaid.error());
    out.set.set = std::move(overlaid->set);
    out.warnings.insert(out.warnings.end(), overlaid->warnings.begin(), overlaid->warnings.end());
  }

  // Ranges the new set cannot satisfy at all, whatever else is chosen.
  for (const auto& dep : next.manifest.dependencies) {
    const model::Package* pkg = out.set.set.find(dep.name);
    UnsatisfiableRange u{dep.name, dep.range.text(), dep.line, {}};
    bool satisfied = false;
    if (pkg != nullptr) {
      for (const auto& e : pkg->entries) {
        u.available.push_back(e.version.str());
        satisfied = satisfied || dep.range.satisfies(e.version);
      }
    }
    if (!satisfied) out.unsatisfiable.push_back(std::move(u));
  }

  // A fresh resolution: an upgrade takes the newest versions the ranges allow.
  resolve::Options ropts;
  ropts.root_name = next.manifest.name;
  ropts.multiple_versions = multiple_versions_of(next.manifest);
  std::vector<resolve::RootRequirement> roots;
  TRY_ASSIGN(roots, root_requirements(next, out.set.set));
  auto result = resolve::resolve(out.set.set, roots, ropts);
  if (auto* problem = std::get_if<resolve::Unsolvable>(&result)) {
    out.problem = std::move(*problem);
    return out;
  }
  out.lock = make_lock(next, out.set, std::get<resolve::Solution>(result));
  auto unused = mark_overlay_packages(next.manifest, out.lock);
  out.warnings.insert(out.warnings.end(), unused.begin(), unused.end());
  out.changes = compare_locks(out.previous ? &*out.previous : nullptr, out.lock);
  if (options.dry_run) return out;

  // Pin the new bytes when asked to, or when the manifest pinned the old ones.
  std::optional<crypto::Checksum> digest = options.digest;
  if (!digest && out.project.manifest.set_digest) digest = out.set.digest;
  auto text = fs.read(out.project.manifest_path, k_max_manifest_bytes);
  if (!text) return fail(text.error());
  auto edited = rewrite_manifest_set(*text, out.project.manifest, options.set_url, digest);
  if (!edited) return fail(edited.error());
  if (auto ok = fs.write_atomic(out.project.manifest_path, *edited); !ok) return fail(ok.error());
  if (auto ok = fs.write_atomic(out.project.lock_path, model::write_lock(out.lock)); !ok)
    return fail(ok.error());
  out.written = true;
  return out;
}

}  // namespace pinset::app
