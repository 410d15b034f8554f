// Rules about the project as a whole: the lock, the set's pin, signatures, expiry and age, the
// sources of the set and of each artifact, and limits.
#include <algorithm>

#include "core/policy/dates.hpp"
#include "core/policy/rules.hpp"
#include "core/util/strings.hpp"

namespace pinset::policy::detail {

namespace {

std::string plural(std::uint64_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// The scheme of a URL as the sources rule sees it: a relative reference or absolute path is a
// local file.
std::string scheme_of(std::string_view url) {
  auto colon = url.find("://");
  if (colon == std::string_view::npos) return "file";
  return std::string(url.substr(0, colon));
}

// An absolute URL for prefix checks: relative references are resolved against `base_dir` and
// local paths written file:///...
std::string absolute_url(std::string_view url, const std::string& base_dir) {
  if (url.find("://") != std::string_view::npos) return std::string(url);
  std::string path = model::resolve_url(base_dir + "/", url);
  return path.starts_with("/") ? "file://" + path : path;
}

bool allowed_by(const std::string& url, const std::vector<std::string>& prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return url.starts_with(p); });
}

}  // namespace

void check_lock(const LockRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  Location at{c.lock_path, 0, 0, ""};
  switch (c.lock_state) {
    case LockState::ok:
      return;
    case LockState::missing:
      emit.project("lock-missing", "lock-missing", "the project has no lockfile " + c.lock_path,
                   "run `pinset resolve` and commit pinset.lock", at);
      return;
    case LockState::tampered:
      emit.project("lock-tampered", "lock-tampered",
                   "the lockfile " + c.lock_path + " cannot be trusted: " + c.lock_problem,
                   "regenerate it with `pinset resolve` and review the diff", at);
      return;
    case LockState::stale:
      if (!rule.require_sync) return;
      emit.project(
          "lock-stale", "lock-stale",
          "the lockfile is out of sync with the manifest or the package set: " + c.lock_problem,
          "run `pinset resolve` and commit the updated pinset.lock", at);
      return;
  }
}

void check_set_pinned(Emitter& emit) {
  const auto& m = *emit.context().manifest;
  if (m.set_digest) return;
  emit.project(
      "set-not-pinned", "set-not-pinned",
      "the manifest does not pin its package set " + quote(m.set_url) + " with package-set.digest",
      "add `digest: " +
          (emit.context().lock ? emit.context().lock->set_digest.str()
                               : std::string("sha256:<digest of the set>")) +
          "` under package-set (the lock records the digest of the set it used)",
      emit.manifest_at(m.set_line));
}

void check_set_signed(const SetSignedRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  const auto& m = *c.manifest;
  Location at = emit.manifest_at(m.set_line);
  if (rule.keys.empty() && !m.trust) {
    emit.project("set-trust-missing", "set-trust-missing",
                 "no trusted keys are configured for the package set " + quote(m.set_url),
                 "list the keys under package-set.trust in the manifest, or under "
                 "rules.set-signed.keys in the policy",
                 at);
    return;
  }
  if (!c.signatures) {
    emit.project("set-unsigned", "set-unsigned",
                 "the signatures of the package set " + quote(m.set_url) + " were not checked",
                 "make the set's signature file available beside the set", at);
    return;
  }
  const SignatureFacts& s = *c.signatures;
  if (!s.problem.empty()) {
    emit.project("set-unsigned", "set-unsigned",
                 "the package set " + quote(m.set_url) + " is not signed: " + s.problem,
                 "sign the set with `pinset set sign` and publish the signature file beside it",
                 at);
    return;
  }
  if (static_cast<int>(s.valid.size()) >= s.threshold) return;
  std::string detail = plural(s.valid.size(), "valid signature") + " by trusted keys";
  if (!s.valid.empty()) detail += " (" + join(s.valid, ", ") + ")";
  if (!s.invalid.empty()) detail += "; invalid: " + join(s.invalid, ", ");
  if (!s.unknown.empty()) detail += "; by untrusted keys: " + join(s.unknown, ", ");
  emit.project("set-signatures", "set-signatures",
               "the package set " + quote(m.set_url) + " needs " +
                   plural(static_cast<std::uint64_t>(s.threshold), "valid signature") +
                   " by trusted keys, found " + detail,
               "have enough trusted key holders sign this exact revision of the set", at);
}

void check_set_expiry(const SetExpiryRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  Location at = emit.manifest_at(c.manifest->set_line);
  if (!c.set->expires) {
    if (rule.require_expiry) {
      emit.project("set-no-expiry", "set-no-expiry",
                   "the package set " + quote(c.set->name) + " has no expiry (`expires`)",
                   "ask the set's curators to publish it with an expires timestamp", at);
    }
    return;
  }
  auto expires = parse_timestamp(*c.set->expires);
  if (!expires) return;  // the set parser has validated it
  if (*expires <= c.now) {
    emit.project("set-expired", "set-expired",
                 "the package set " + quote(c.set->name) + " (serial " +
                     std::to_string(c.set->serial) + ") expired on " + *c.set->expires,
                 "update package-set.url to a current revision of the set, then run `pinset "
                 "resolve`",
                 at);
  } else if (rule.warn_days &&
             *expires - c.now <= static_cast<std::int64_t>(*rule.warn_days) * 86400) {
    Finding& f = emit.project("set-expires-soon", "set-expires-soon",
                              "the package set " + quote(c.set->name) + " expires on " +
                                  *c.set->expires + ", within " + plural(*rule.warn_days, "day"),
                              "plan the move to a newer revision of the set before it expires", at);
    f.severity = Severity::warning;
  }
}

void check_set_age(const SetAgeRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  Location at = emit.manifest_at(c.manifest->set_line);
  auto published = c.set->published ? parse_timestamp(*c.set->published) : std::nullopt;
  if (!published) {
    emit.project("set-unpublished", "set-unpublished",
                 "the package set " + quote(c.set->name) +
                     " does not say when it was published (`published`), so its age is unknown",
                 "ask the set's curators to publish it with a published timestamp", at);
    return;
  }
  std::int64_t age = day_of(c.now) - day_of(*published);
  if (age > static_cast<std::int64_t>(rule.max_days)) {
    emit.project("set-too-old", "set-too-old",
                 "the package set " + quote(c.set->name) + " was published on " +
                     *c.set->published + ", " + plural(static_cast<std::uint64_t>(age), "day") +
                     " ago; the policy allows at most " + plural(rule.max_days, "day"),
                 "move to a newer revision of the set", at);
  }
}

void check_sources(const SourcesRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  auto check = [&](const std::string& written, const std::string& absolute, auto&& report) {
    std::string scheme = scheme_of(written);
    if (std::find(rule.schemes.begin(), rule.schemes.end(), scheme) == rule.schemes.end()) {
      report("scheme:" + scheme, "uses the scheme " + scheme + ", which the policy does not allow",
             "use " + join(rule.schemes, " or ") + " URLs only");
      return;
    }
    for (const auto& list : rule.allow) {
      if (!allowed_by(absolute, list)) {
        report("prefix:" + absolute.substr(0, absolute.find('/', scheme.size() + 3)),
               "is not under an allowed prefix (" + join(list, ", ") + ")",
               "fetch it from an allowed location, or add the location to rules.sources.allow");
        return;
      }
    }
  };
  const auto& m = *c.manifest;
  check(m.set_url, c.set_url.empty() ? absolute_url(m.set_url, c.project_dir) : c.set_url,
        [&](std::string key, std::string why, std::string hint) {
          emit.project("source-not-allowed", "set:" + key,
                       "the package set URL " + quote(m.set_url) + " " + why, std::move(hint),
                       emit.manifest_at(m.set_line));
        });
  if (c.lock == nullptr) return;
  for (const auto& p : c.lock->packages) {
    check(p.url, absolute_url(p.url, c.project_dir),
          [&](std::string key, std::string why, std::string hint) {
            emit.package(p, "source-not-allowed", std::move(key),
                         p.name + " " + p.version.str() + " is fetched from " + quote(p.url) +
                             ", which " + why,
                         std::move(hint));
          });
  }
}

void check_limits(const LimitsRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  if (c.lock == nullptr || !rule.max_packages) return;
  if (c.lock->packages.size() <= *rule.max_packages) return;
  emit.project("too-many-packages", "too-many-packages",
               "the project resolves to " + plural(c.lock->packages.size(), "package") +
                   "; the policy allows at most " + std::to_string(*rule.max_packages),
               "drop dependencies you do not need, or raise rules.limits.max-packages",
               emit.lock_at(1));
}

}  // namespace pinset::policy::detail
