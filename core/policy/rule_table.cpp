// The one list of policy rules (see rule_table.hpp), and the generic glue that turns each rule's
// typed functions into a descriptor.
#include "core/policy/rule_table.hpp"

#include <algorithm>
#include <stdexcept>
#include <type_traits>

namespace pinset::policy {

namespace detail {

namespace {

// Turns the rule on with the stricter severity; the settings are merged by the caller.
// Returns false when there is nothing to merge (`next` does not configure the rule, or `into`
// did not and takes `next` as it is).
template <class T>
bool merge_slot(RuleSlot<T>& into, const RuleSlot<T>& next) {
  if (!next.enabled) return false;
  if (!into.enabled) {
    into = next;
    return false;
  }
  if (next.severity == Severity::error) into.severity = Severity::error;
  into.origin = next.origin;
  return true;
}

// A descriptor from a rule's slot in Policy and its typed functions (Parse and Combine are
// nullptr for a rule without settings).
template <auto Slot, auto Parse, auto Combine, auto Check>
constexpr RuleDescriptor describe(std::string_view id, std::initializer_list<std::string_view> keys,
                                  std::string_view help) {
  RuleDescriptor d{};
  d.id = id;
  d.help = help;
  if (keys.size() > k_max_rule_keys) throw std::logic_error("raise k_max_rule_keys");
  for (std::string_view key : keys)
    d.key_list[d.key_count++] = key;
  d.state = [](Policy& p) -> RuleState& { return p.*Slot; };
  d.const_state = [](const Policy& p) -> const RuleState& { return p.*Slot; };
  d.parse = []([[maybe_unused]] SettingsReader& r, [[maybe_unused]] const doc::Node& value,
               [[maybe_unused]] const std::string& field, [[maybe_unused]] Policy& p) {
    if constexpr (!std::is_null_pointer_v<decltype(Parse)>)
      Parse(r, value, field, (p.*Slot).settings);
  };
  d.combine = [](Policy& into, const Policy& next) {
    if (merge_slot(into.*Slot, next.*Slot)) {
      if constexpr (!std::is_null_pointer_v<decltype(Combine)>)
        Combine((into.*Slot).settings, (next.*Slot).settings);
    }
  };
  d.check = [](const Policy& p, Emitter& emit) { Check((p.*Slot).settings, emit); };
  return d;
}

void check_set_pinned_rule(const std::monostate&, Emitter& emit) {
  check_set_pinned(emit);
}

constexpr RuleDescriptor k_rules[] = {
    describe<&Policy::lock, parse_lock, combine_lock, check_lock>(
        "lock", {"severity", "require-sync"},
        "A lockfile exists, its content digest is intact, and it is in sync with the manifest and "
        "the package set. Fix: run `pinset resolve` and commit pinset.lock."),
    describe<&Policy::in_set, parse_in_set, combine_in_set, check_in_set>(
        "in-set", {"severity", "allow-overlays", "overlay-max-days"},
        "Every resolved package comes from the package set with the version and checksum the set "
        "lists; overlays are allowed only if the policy says so, each with a reason and an expiry "
        "at most N days away."),
    describe<&Policy::sources_rule, parse_sources, combine_sources, check_sources>(
        "sources", {"severity", "schemes", "allow"},
        "The package set and every artifact are fetched only over allowed URL schemes (https, or "
        "file for local files) and from allowed URL prefixes."),
    describe<&Policy::checksums, parse_checksums, combine_checksums, check_checksums>(
        "checksums", {"severity", "algorithms"},
        "Every resolved artifact is pinned with an allowed checksum algorithm."),
    describe<&Policy::set_pinned, nullptr, nullptr, check_set_pinned_rule>(
        "set-pinned", {"severity"},
        "The manifest pins the exact bytes of its package set with package-set.digest."),
    describe<&Policy::set_signed, parse_set_signed, combine_set_signed, check_set_signed>(
        "set-signed", {"severity", "threshold", "keys"},
        "The package set carries valid signatures by enough trusted keys."),
    describe<&Policy::set_expiry, parse_set_expiry, combine_set_expiry, check_set_expiry>(
        "set-expiry", {"severity", "require-expiry", "warn-days"},
        "The package set has not expired (its `expires` timestamp has not passed)."),
    describe<&Policy::set_age, parse_set_age, combine_set_age, check_set_age>(
        "set-age", {"severity", "max-days"},
        "The package set was published (`published`) at most N days ago."),
    describe<&Policy::vetted, parse_vetted, combine_vetted, check_vetted>(
        "vetted", {"severity", "criteria", "min-reviewers", "allow-self-review"},
        "Every resolved package's set entry records who vetted it (`vetted`), with an allowed "
        "criteria when the policy lists some, by at least N distinct reviewers; a review by the "
        "package's own publisher does not count."),
    describe<&Policy::min_age, parse_min_age, combine_min_age, check_min_age>(
        "min-age", {"severity", "age", "exclude", "allow-unknown"},
        "Every resolved version was published (`published-at` in the set) at least the policy's "
        "age ago: a cooldown against compromised releases, which are usually found and pulled "
        "within days."),
    describe<&Policy::denied, parse_denied, combine_denied, check_denied>(
        "denied", {"severity", "packages"},
        "No resolved package is on the policy's deny list (name and version range)."),
    describe<&Policy::licenses, parse_licenses, combine_licenses, check_licenses>(
        "licenses", {"severity", "allow", "deny", "allow-missing", "require-known"},
        "Every resolved package has an SPDX license expression that the allow and deny lists "
        "accept, after deprecated SPDX ids are mapped to their current ones (AGPL-3.0 is "
        "AGPL-3.0-only); with require-known, every id is on the SPDX license list or is a "
        "LicenseRef."),
    describe<&Policy::advisories, parse_advisories, combine_advisories, check_advisories>(
        "advisories", {"severity", "directories", "max-age-days", "ecosystems", "any-ecosystem"},
        "No resolved package version is affected by an OSV advisory in the advisory folders, and "
        "the advisory data is recent enough."),
    describe<&Policy::limits, parse_limits, combine_limits, check_limits>(
        "limits", {"severity", "max-packages", "max-versions-per-name"},
        "The resolved closure stays within the policy's limits (e.g. package count)."),
};

constexpr std::string_view k_waivers_help =
    "Waivers are in force: none has expired, none expires further away than the policy allows, "
    "and each still matches a finding.";

}  // namespace

std::span<const RuleDescriptor> rule_table() {
  return k_rules;
}

const RuleDescriptor* find_rule(std::string_view id) {
  for (const auto& r : k_rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
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

}  // namespace detail

std::vector<std::string_view> rule_ids() {
  std::vector<std::string_view> out;
  for (const auto& r : detail::rule_table())
    out.push_back(r.id);
  out.emplace_back("waivers");
  return out;
}

std::string_view rule_help(std::string_view rule) {
  if (rule == "waivers") return detail::k_waivers_help;
  const detail::RuleDescriptor* r = detail::find_rule(rule);
  return r != nullptr ? r->help : std::string_view();
}

Policy combine(const std::vector<Policy>& policies) {
  Policy out = policies.front();
  for (std::size_t i = 1; i < policies.size(); ++i) {
    const Policy& p = policies[i];
    out.sources.insert(out.sources.end(), p.sources.begin(), p.sources.end());
    for (const auto& rule : detail::rule_table())
      rule.combine(out, p);
    out.waivers.insert(out.waivers.end(), p.waivers.begin(), p.waivers.end());
    detail::take_min(out.max_waiver_days, p.max_waiver_days);
  }
  return out;
}

}  // namespace pinset::policy
