// Combining policy files: each later one may only tighten what the earlier ones allow.
// The exact meaning per setting is documented in policies/README.md ("Combining policies").
#include <algorithm>
#include <cctype>

#include "core/policy/policy.hpp"

namespace pinset::policy {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Turns the rule on with the stricter severity; the settings are merged by the caller.
// Returns false when `next` does not configure the rule (nothing to merge).
template <class T>
bool merge_slot(RuleSlot<T>& into, const RuleSlot<T>& next) {
  if (!next.enabled) return false;
  if (!into.enabled) {
    into = next;
    return false;  // taken as it is
  }
  if (next.severity == Severity::error) into.severity = Severity::error;
  into.origin = next.origin;
  return true;
}

std::vector<std::string> intersect(const std::vector<std::string>& a,
                                   const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const auto& x : a) {
    if (std::find(b.begin(), b.end(), x) != b.end()) out.push_back(x);
  }
  return out;
}

void add_unique(std::vector<std::string>& into, const std::vector<std::string>& more) {
  for (const auto& x : more) {
    if (std::find(into.begin(), into.end(), x) == into.end()) into.push_back(x);
  }
}

template <class N>
void take_min(N& into, const N& next) {
  into = std::min(into, next);
}

template <class N>
void take_min(std::optional<N>& into, const std::optional<N>& next) {
  if (next && (!into || *next < *into)) into = next;
}

// A license allow entry `general` covers `specific` when they are the same entry, or `general`
// is a bare id and `specific` is that id with "+" or WITH (case-insensitively).
bool license_covers(const std::string& general, const std::string& specific) {
  std::string g = lower(general), s = lower(specific);
  if (g == s) return true;
  if (g.find(' ') != std::string::npos || g.ends_with('+')) return false;
  return s.starts_with(g) && (s.size() > g.size() && (s[g.size()] == '+' || s[g.size()] == ' '));
}

// The entries allowed by both lists: each entry of either list that the other list covers.
std::vector<std::string> intersect_licenses(const std::vector<std::string>& a,
                                            const std::vector<std::string>& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  std::vector<std::string> out;
  auto keep = [&](const std::vector<std::string>& from, const std::vector<std::string>& other) {
    for (const auto& x : from) {
      bool covered = std::any_of(other.begin(), other.end(),
                                 [&](const auto& y) { return license_covers(y, x); });
      bool present =
          std::any_of(out.begin(), out.end(), [&](const auto& y) { return lower(y) == lower(x); });
      if (covered && !present) out.push_back(x);
    }
  };
  keep(a, b);
  keep(b, a);
  return out;
}

}  // namespace

Policy combine(const std::vector<Policy>& policies) {
  Policy out = policies.front();
  for (std::size_t i = 1; i < policies.size(); ++i) {
    const Policy& p = policies[i];
    out.sources.insert(out.sources.end(), p.sources.begin(), p.sources.end());
    if (merge_slot(out.lock, p.lock)) {
      out.lock.settings.require_sync |= p.lock.settings.require_sync;
    }
    if (merge_slot(out.in_set, p.in_set)) {
      out.in_set.settings.allow_overlays &= p.in_set.settings.allow_overlays;
      take_min(out.in_set.settings.overlay_max_days, p.in_set.settings.overlay_max_days);
    }
    if (merge_slot(out.sources_rule, p.sources_rule)) {
      auto& s = out.sources_rule.settings;
      s.schemes = intersect(s.schemes, p.sources_rule.settings.schemes);
      for (const auto& list : p.sources_rule.settings.allow)
        s.allow.push_back(list);
    }
    if (merge_slot(out.checksums, p.checksums)) {
      out.checksums.settings.algorithms =
          intersect(out.checksums.settings.algorithms, p.checksums.settings.algorithms);
    }
    merge_slot(out.set_pinned, p.set_pinned);
    if (merge_slot(out.set_signed, p.set_signed)) {
      auto& s = out.set_signed.settings;
      const auto& n = p.set_signed.settings;
      if (n.threshold && (!s.threshold || *n.threshold > *s.threshold)) s.threshold = n.threshold;
      if (!n.keys.empty()) {
        if (s.keys.empty()) {
          s.keys = n.keys;
        } else {
          std::vector<PolicyKey> both;
          for (const auto& k : s.keys) {
            bool in_next = std::any_of(n.keys.begin(), n.keys.end(), [&](const PolicyKey& m) {
              return m.public_key == k.public_key;
            });
            if (in_next) both.push_back(k);
          }
          s.keys = std::move(both);
        }
      }
    }
    if (merge_slot(out.set_expiry, p.set_expiry)) {
      auto& s = out.set_expiry.settings;
      const auto& n = p.set_expiry.settings;
      s.require_expiry |= n.require_expiry;
      // Warning earlier is stricter: the larger number of days wins.
      if (n.warn_days && (!s.warn_days || *n.warn_days > *s.warn_days)) s.warn_days = n.warn_days;
    }
    if (merge_slot(out.set_age, p.set_age)) {
      take_min(out.set_age.settings.max_days, p.set_age.settings.max_days);
    }
    if (merge_slot(out.vetted, p.vetted)) {
      auto& c = out.vetted.settings.criteria;
      const auto& n = p.vetted.settings.criteria;
      if (c.empty()) {
        c = n;
      } else if (!n.empty()) {
        c = intersect(c, n);
      }
    }
    if (merge_slot(out.denied, p.denied)) {
      auto& d = out.denied.settings.packages;
      d.insert(d.end(), p.denied.settings.packages.begin(), p.denied.settings.packages.end());
    }
    if (merge_slot(out.licenses, p.licenses)) {
      auto& s = out.licenses.settings;
      const auto& n = p.licenses.settings;
      s.allow = intersect_licenses(s.allow, n.allow);
      add_unique(s.deny, n.deny);
      s.allow_missing &= n.allow_missing;
    }
    if (merge_slot(out.advisories, p.advisories)) {
      auto& s = out.advisories.settings;
      const auto& n = p.advisories.settings;
      add_unique(s.directories, n.directories);
      take_min(s.max_age_days, n.max_age_days);
      add_unique(s.ecosystems, n.ecosystems);
      s.any_ecosystem |= n.any_ecosystem;
    }
    if (merge_slot(out.limits, p.limits)) {
      take_min(out.limits.settings.max_packages, p.limits.settings.max_packages);
    }
    out.waivers.insert(out.waivers.end(), p.waivers.begin(), p.waivers.end());
    take_min(out.max_waiver_days, p.max_waiver_days);
  }
  return out;
}

std::string_view rule_help(std::string_view rule) {
  struct Help {
    std::string_view id, text;
  };
  static constexpr Help k_help[] = {
      {"lock",
       "A lockfile exists, its content digest is intact, and it is in sync with the manifest and "
       "the package set. Fix: run `pinset resolve` and commit pinset.lock."},
      {"in-set",
       "Every resolved package comes from the package set with the version and checksum the set "
       "lists; overlays are allowed only if the policy says so, each with a reason and an expiry "
       "at most N days away."},
      {"sources",
       "The package set and every artifact are fetched only over allowed URL schemes (https, or "
       "file for local files) and from allowed URL prefixes."},
      {"checksums", "Every resolved artifact is pinned with an allowed checksum algorithm."},
      {"set-pinned",
       "The manifest pins the exact bytes of its package set with package-set.digest."},
      {"set-signed", "The package set carries valid signatures by enough trusted keys."},
      {"set-expiry", "The package set has not expired (its `expires` timestamp has not passed)."},
      {"set-age", "The package set was published (`published`) at most N days ago."},
      {"vetted",
       "Every resolved package's set entry records who vetted it (`vetted`), with an allowed "
       "criteria when the policy lists some."},
      {"denied", "No resolved package is on the policy's deny list (name and version range)."},
      {"licenses",
       "Every resolved package has an SPDX license expression that the allow and deny lists "
       "accept."},
      {"advisories",
       "No resolved package version is affected by an OSV advisory in the advisory folders, and "
       "the advisory data is recent enough."},
      {"limits", "The resolved closure stays within the policy's limits (e.g. package count)."},
      {"waivers",
       "Waivers are in force: none has expired, none expires further away than the policy "
       "allows, and each still matches a finding."},
  };
  for (const auto& h : k_help) {
    if (h.id == rule) return h.text;
  }
  return {};
}

}  // namespace pinset::policy
