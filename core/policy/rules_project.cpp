// Rules about the project as a whole: the lock, the set's pin, signatures, expiry and age, and
// limits.
#include <algorithm>

#include "core/policy/rule_table.hpp"
#include "core/util/dates.hpp"
#include "core/util/strings.hpp"

namespace pinset::policy::detail {

namespace {

std::string plural(std::uint64_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

void parse_lock(SettingsReader& r, const doc::Node& value, const std::string& field,
                LockRule& out) {
  r.boolean(value, field, "require-sync", out.require_sync);
}

void combine_lock(LockRule& into, const LockRule& next) {
  into.require_sync |= next.require_sync;
}

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

void parse_set_signed(SettingsReader& r, const doc::Node& value, const std::string& field,
                      SetSignedRule& out) {
  if (const doc::Node* n = value.find("threshold")) {
    auto v = r.doc().unsigned_integer(*n, doc::join_field(field, "threshold"));
    if (!v) {
      r.add(v.error());
    } else if (*v < 1 || *v > 100) {
      r.add(Error(codes::invalid_value,
                  "threshold must be between 1 and 100, found " + std::to_string(*v),
                  r.doc().at(*n, doc::join_field(field, "threshold")),
                  "write how many trusted keys must have signed, e.g. threshold: 2"));
    } else {
      out.threshold = static_cast<int>(*v);
    }
  }
  auto read_key = [&](const doc::Node& k, const std::string& f) {
    PolicyKey key;
    if (const doc::Node* n = k.find("name")) {
      if (auto s = r.doc().string(*n, doc::join_field(f, "name")))
        key.name = *s;
      else
        r.add(s.error());
    }
    if (const doc::Node* n = k.find("public-key")) {
      auto s = r.doc().string(*n, doc::join_field(f, "public-key"));
      if (!s) {
        r.add(s.error());
      } else if (!s->starts_with("ed25519:") || s->size() != 52) {
        r.add(Error(codes::invalid_value,
                    "public key " + quote(*s) + " is not ed25519:<base64 of 32 bytes>",
                    r.doc().at(*n, doc::join_field(f, "public-key")),
                    "copy the key as `pinset` prints it: ed25519: followed by 44 "
                    "base64 characters"));
      } else {
        key.public_key = *s;
      }
    } else {
      r.add(
          r.doc().missing_field(k, f, "public-key", "add the key as ed25519:<base64 of 32 bytes>"));
    }
    out.keys.push_back(std::move(key));
  };
  r.mappings(value, field, "keys", {"name", "public-key"}, {"name", "public-key"}, read_key);
}

void combine_set_signed(SetSignedRule& into, const SetSignedRule& next) {
  if (next.threshold && (!into.threshold || *next.threshold > *into.threshold)) {
    into.threshold = next.threshold;
  }
  if (next.keys.empty()) return;
  if (into.keys.empty()) {
    into.keys = next.keys;
    return;
  }
  std::vector<PolicyKey> both;
  for (const auto& k : into.keys) {
    bool in_next = std::any_of(next.keys.begin(), next.keys.end(),
                               [&](const PolicyKey& m) { return m.public_key == k.public_key; });
    if (in_next) both.push_back(k);
  }
  into.keys = std::move(both);
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

void parse_set_expiry(SettingsReader& r, const doc::Node& value, const std::string& field,
                      SetExpiryRule& out) {
  r.boolean(value, field, "require-expiry", out.require_expiry);
  if (const doc::Node* n = value.find("warn-days")) {
    if (auto v = r.days_value(*n, doc::join_field(field, "warn-days"))) out.warn_days = *v;
  }
}

void combine_set_expiry(SetExpiryRule& into, const SetExpiryRule& next) {
  into.require_expiry |= next.require_expiry;
  // Warning earlier is stricter: the larger number of days wins.
  if (next.warn_days && (!into.warn_days || *next.warn_days > *into.warn_days)) {
    into.warn_days = next.warn_days;
  }
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
  auto expires = dates::parse_timestamp(*c.set->expires);
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

void parse_set_age(SettingsReader& r, const doc::Node& value, const std::string& field,
                   SetAgeRule& out) {
  r.days(value, field, "max-days", out.max_days);
}

void combine_set_age(SetAgeRule& into, const SetAgeRule& next) {
  take_min(into.max_days, next.max_days);
}

void check_set_age(const SetAgeRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  Location at = emit.manifest_at(c.manifest->set_line);
  auto published = c.set->published ? dates::parse_timestamp(*c.set->published) : std::nullopt;
  if (!published) {
    emit.project("set-unpublished", "set-unpublished",
                 "the package set " + quote(c.set->name) +
                     " does not say when it was published (`published`), so its age is unknown",
                 "ask the set's curators to publish it with a published timestamp", at);
    return;
  }
  std::int64_t age = dates::day_of(c.now) - dates::day_of(*published);
  if (age > static_cast<std::int64_t>(rule.max_days)) {
    emit.project("set-too-old", "set-too-old",
                 "the package set " + quote(c.set->name) + " was published on " +
                     *c.set->published + ", " + plural(static_cast<std::uint64_t>(age), "day") +
                     " ago; the policy allows at most " + plural(rule.max_days, "day"),
                 "move to a newer revision of the set", at);
  }
}

void parse_limits(SettingsReader& r, const doc::Node& value, const std::string& field,
                  LimitsRule& out) {
  auto number = [&](const char* key, std::optional<std::uint64_t>& into) {
    const doc::Node* n = value.find(key);
    if (n == nullptr) return;
    auto v = r.doc().unsigned_integer(*n, doc::join_field(field, key));
    if (v) {
      into = *v;
    } else {
      r.add(v.error());
    }
  };
  number("max-packages", out.max_packages);
  number("max-versions-per-name", out.max_versions_per_name);
}

void combine_limits(LimitsRule& into, const LimitsRule& next) {
  take_min(into.max_packages, next.max_packages);
  take_min(into.max_versions_per_name, next.max_versions_per_name);
}

void check_limits(const LimitsRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  if (c.lock == nullptr) return;
  if (rule.max_versions_per_name) {
    const auto& packages = c.lock->packages;  // sorted by name, then version
    for (std::size_t i = 0; i < packages.size();) {
      std::size_t j = i;
      while (j < packages.size() && packages[j].name == packages[i].name)
        ++j;
      if (j - i > *rule.max_versions_per_name) {
        std::vector<std::string> versions;
        for (std::size_t k = i; k < j; ++k)
          versions.push_back(packages[k].version.str());
        // One finding per extra version, each at its own block of the lock with its own path.
        for (std::size_t k = i + *rule.max_versions_per_name; k < j; ++k) {
          emit.package(packages[k], "too-many-versions", packages[k].name,
                       "the project uses " + packages[k].name + " in " + std::to_string(j - i) +
                           " versions (" + join(versions, ", ") + "); the policy allows at most " +
                           std::to_string(*rule.max_versions_per_name),
                       "make the dependents of " + packages[k].name +
                           " agree on one version, or raise rules.limits.max-versions-per-name");
        }
      }
      i = j;
    }
  }
  if (!rule.max_packages || c.lock->packages.size() <= *rule.max_packages) return;
  emit.project("too-many-packages", "too-many-packages",
               "the project resolves to " + plural(c.lock->packages.size(), "package") +
                   "; the policy allows at most " + std::to_string(*rule.max_packages),
               "drop dependencies you do not need, or raise rules.limits.max-packages",
               emit.lock_at(1));
}

}  // namespace pinset::policy::detail
