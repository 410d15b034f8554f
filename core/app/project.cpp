#include "core/app/project.hpp"

#include "core/app/artifact_urls.hpp"
#include "core/app/mirrors.hpp"
#include "core/app/set_checks.hpp"
#include "core/app/set_layers.hpp"
#include "core/app/set_trust.hpp"
#include "core/crypto/digest.hpp"
#include "core/util/dates.hpp"

namespace pinset::app {

Result<Project> load_project(const fs::FileSystem& fs, const std::string& path) {
  Project project;
  if (!path.empty()) {
    project.manifest_path = path;
  } else if (fs.exists("pinset.yaml")) {
    project.manifest_path = "pinset.yaml";
  } else if (fs.exists("pinset.json")) {
    project.manifest_path = "pinset.json";
  } else {
    return fail(codes::not_found, "no pinset.yaml or pinset.json in the current folder", {},
                "run pinset in your project's folder, or name the manifest with --manifest FILE");
  }
  auto text = fs.read(project.manifest_path, k_max_manifest_bytes);
  if (!text) return fail(text.error());
  auto manifest =
      model::parse_manifest(*text, project.manifest_path, doc::format_for(project.manifest_path));
  if (!manifest) return fail(manifest.error());
  project.manifest = std::move(*manifest);
  project.dir = parent_dir(project.manifest_path);
  project.lock_path = project.dir == "." ? "pinset.lock" : project.dir + "/pinset.lock";
  return project;
}

Result<LoadedSet> load_set(const fs::FileSystem& fs, const Project& project,
                           RemoteDocuments* remote, const model::Lock* lock,
                           std::optional<std::int64_t> now) {
  const model::Manifest& m = project.manifest;
  Location at{m.source, m.set_line, 0, "package-set.url"};
  auto where = locate(m.set_url, project.dir);
  if (!where) {
    Error e = where.error();
    e.where = at;
    return fail(std::move(e));
  }
  Result<std::string> bytes;
  if (where->scheme == Scheme::http || where->scheme == Scheme::https) {
    std::optional<crypto::Checksum> known = m.set_digest;
    if (!known && lock != nullptr && lock->set_url == m.set_url) known = lock->set_digest;
    // Through the manifest's (and the command line's) mirrors, if one maps the set's URL.
    bytes = read_document(fs, remote, *where, m.mirrors, known, k_max_set_bytes);
    if (!bytes) {
      Error e = bytes.error();
      if (e.where.empty()) e.where = at;
      return fail(std::move(e));
    }
  } else {
    bytes = fs.read(where->text, k_max_set_bytes);
    if (!bytes) {
      Error e = bytes.error();
      e.message = "cannot read the package set: " + e.message;
      e.where = at;
      if (e.code == codes::not_found) e.hint = "check package-set.url in " + m.source;
      return fail(std::move(e));
    }
  }
  LoadedSet loaded;
  loaded.location = *where;
  loaded.digest = crypto::sha256(*bytes);
  if (m.set_digest) {
    crypto::Checksum actual = m.set_digest->algo() == crypto::DigestAlgo::sha256
                                  ? loaded.digest
                                  : crypto::digest(m.set_digest->algo(), *bytes);
    if (actual != *m.set_digest) {
      return fail(codes::set_digest_mismatch,
                  "the package set at " + quote(m.set_url) +
                      " does not match the digest pinned in " + m.source + ": expected " +
                      m.set_digest->str() + ", got " + actual.str(),
                  Location{m.source, m.set_digest_line, 0, "package-set.digest"},
                  "if the set was republished on purpose, review it (pinset set diff) and update "
                  "package-set.digest; otherwise do not use it");
    }
  }
  if (m.trust) {
    bool remote_set = where->scheme == Scheme::http || where->scheme == Scheme::https;
    std::optional<crypto::Checksum> known_sig;
    if (remote_set && lock != nullptr && lock->set_url == m.set_url)
      known_sig = lock->set_signatures_digest;
    auto check = check_signatures_at(fs, remote, *where, *bytes, *m.trust, m.mirrors, known_sig,
                                     remote_set ? &loaded.signatures_digest : nullptr);
    if (!check) return fail(check.error());
    if (auto ok = trust::require(*check, where->text); !ok) return fail(ok.error());
    loaded.signatures = std::move(*check);
  }
  // Parsed in place when the buffer has room for the JSON parser's padding (fs::read leaves it):
  // a copy of an 86 MB set would otherwise be held through the whole parse.
  model::SetParseOptions parse_options;
  parse_options.capacity = bytes->capacity();
  auto set =
      model::parse_package_set(*bytes, where->text, doc::format_for(where->text), parse_options);
  if (!set) return fail(set.error());
  // A layered set (extends other sets) is installed from its flattened form.
  if (set->layered()) set = flatten_layers(fs, remote, std::move(*set));
  if (!set) return fail(set.error());
  // Before anything is fetched: a remote set names no local file and nothing weaker than itself.
  TRY(check_artifact_urls(*set, *where));
  loaded.set = std::move(*set);
  if (auto ok = check_expiry(loaded.set, now ? *now : dates::system_now(), m.expiry_warning_days,
                             loaded.warnings);
      !ok) {
    return fail(ok.error());
  }
  TRY(check_rollback(loaded.set, loaded.digest, m.set_url, url::is_remote(where->scheme), lock,
                     project.lock_path));
  return loaded;
}

Result<std::optional<model::Lock>> load_lock(const fs::FileSystem& fs, const Project& project) {
  if (!fs.exists(project.lock_path)) return std::optional<model::Lock>();
  auto text = fs.read(project.lock_path, k_max_lock_bytes);
  if (!text) return fail(text.error());
  auto lock = model::parse_lock(*text, project.lock_path);
  if (!lock) return fail(lock.error());
  return std::optional<model::Lock>(std::move(*lock));
}

}  // namespace pinset::app
