#pragma once
// Policy documents (policies/README.md has the schema): which rules a project must pass, with
// what settings, and which findings are waived until when. Pure: parse_policy takes text.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/doc/loader.hpp"
#include "core/semver/range.hpp"
#include "core/util/error.hpp"

namespace pinset::policy {

enum class Severity { warning, error };
std::string_view severity_name(Severity s);  // "warning" / "error"

// Where a setting was written, for messages ("policies/strict.yaml:12").
struct Origin {
  std::string file;
  int line = 0;
};

// The rule ids in the order rules run and reports list them: the configurable rules as listed in
// the rule table (core/policy/rule_table.cpp), then "waivers", which is built in (it reports
// expired, unused and too-long waivers and cannot be configured).
std::vector<std::string_view> rule_ids();

// One help sentence per rule id (SARIF help text, JUnit, `--help`); empty for an unknown id.
std::string_view rule_help(std::string_view rule);

struct InSetRule {
  bool allow_overlays = false;
  std::uint64_t overlay_max_days = 90;  // an overlay's expiry may be at most this far away
};

struct SourcesRule {
  std::vector<std::string> schemes{"https", "file"};
  // URL prefixes; a URL must start with one of the prefixes of every list (each policy file that
  // sets `allow` adds a list). No list: any host.
  std::vector<std::vector<std::string>> allow;
};

struct ChecksumsRule {
  std::vector<std::string> algorithms{"sha256", "sha512"};
};

struct DeniedPackage {
  std::string name;
  semver::Range versions;  // "*" when not given
  std::string reason;
  std::string use_instead;  // may be empty
  Origin origin;
};

struct DeniedRule {
  std::vector<DeniedPackage> packages;
};

struct LicensesRule {
  // Entries in canonical SPDX form (license_check.hpp): deprecated ids replaced, ids spelt as
  // the SPDX list spells them; an unknown id is a parse error.
  std::vector<std::string> allow;  // empty: everything not denied
  std::vector<std::string> deny;
  bool allow_missing = false;
  bool require_known = false;  // an id not on the SPDX lists (nor a LicenseRef) is a finding
};

struct AdvisoriesRule {
  std::vector<std::string> directories;  // as resolved against the policy file's folder
  std::optional<std::uint64_t> max_age_days;
  std::vector<std::string> ecosystems{"pinset"};
  bool any_ecosystem = false;
};

struct PolicyKey {
  std::string name;
  std::string public_key;  // "ed25519:<base64>"
};

struct SetSignedRule {
  std::optional<int> threshold;  // nullopt: the manifest's trust threshold
  std::vector<PolicyKey> keys;   // empty: the manifest's trusted keys
};

struct SetExpiryRule {
  bool require_expiry = false;             // a set without `expires` is a finding
  std::optional<std::uint64_t> warn_days;  // a warning when it expires within this many days
};

struct SetAgeRule {
  std::uint64_t max_days = 365;
};

struct VettedRule {
  std::vector<std::string> criteria;  // empty: any vetting record will do
  // Reviews that count: distinct reviewers (`by`, compared ignoring ASCII case) whose review meets
  // `criteria`, not counting a review by the entry's own `publisher` unless allow_self_review.
  std::uint64_t min_reviewers = 1;
  bool allow_self_review = false;
};

// A package the `min-age` cooldown does not apply to, and why.
struct MinAgeExclusion {
  std::string name;
  std::string reason;
  Origin origin;
};

struct MinAgeRule {
  std::int64_t seconds = 0;  // a version must have been published at least this long ago
  std::string age;           // as written: "7d", "36h"
  std::vector<MinAgeExclusion> exclude;
  bool allow_unknown = false;  // an entry without `published-at` passes instead of failing
};

// Reads an age written with its unit: a whole number then d (days), h (hours) or m (minutes),
// "7d", "36h", "90m", at most 3650 days. Errors: code "invalid-value", naming the value.
Result<std::int64_t> parse_age(std::string_view text);

struct LockRule {
  bool require_sync = true;
};

struct LimitsRule {
  std::optional<std::uint64_t> max_packages;
  // At most this many versions of one name (the manifest's `multiple-versions` opt-in lets a
  // project have several): 1 forbids duplicates.
  std::optional<std::uint64_t> max_versions_per_name;
};

// Whether a rule is on, with its severity and where it was (last) configured.
struct RuleState {
  bool enabled = false;
  Severity severity = Severity::error;
  Origin origin;
};

// A rule's state and its settings.
template <class T>
struct RuleSlot : RuleState {
  T settings;
};

struct Waiver {
  std::string rule;
  std::string package;                    // empty: the rule's project-wide findings (no package)
  std::optional<semver::Range> versions;  // nullopt: every version
  std::string reason;
  std::string expires;  // YYYY-MM-DD: the last day the waiver applies
  Origin origin;
};

struct Policy {
  std::vector<std::string> sources;  // the files it was read from, in order
  RuleSlot<LockRule> lock;
  RuleSlot<InSetRule> in_set;
  RuleSlot<SourcesRule> sources_rule;
  RuleSlot<ChecksumsRule> checksums;
  RuleSlot<std::monostate> set_pinned;
  RuleSlot<SetSignedRule> set_signed;
  RuleSlot<SetExpiryRule> set_expiry;
  RuleSlot<SetAgeRule> set_age;
  RuleSlot<VettedRule> vetted;
  RuleSlot<MinAgeRule> min_age;
  RuleSlot<DeniedRule> denied;
  RuleSlot<LicensesRule> licenses;
  RuleSlot<AdvisoriesRule> advisories;
  RuleSlot<LimitsRule> limits;
  std::vector<Waiver> waivers;
  std::optional<std::uint64_t> max_waiver_days;  // a waiver may expire at most this far away
};

// Parses one policy document (YAML or JSON by `format`; see policies/README.md). `source` names it
// in errors and anchors relative advisory folders. Unknown fields are errors; every problem is
// reported in one pass: code "invalid-policy" with each problem as a cause ("wrong-type",
// "missing-field", "unknown-field", "unknown-rule", "invalid-range", "invalid-date",
// "invalid-license", "invalid-value"), or the lone problem itself; "parse" etc. from the loader.
Result<Policy> parse_policy(std::string_view text, const std::string& source, doc::Format format);
// As above with the format taken from `source` (".json" -> JSON, else YAML).
Result<Policy> parse_policy(std::string_view text, const std::string& source);

// Combines policies, each later one tightening the earlier ones (policies/README.md, "Combining"):
// a rule is on if any policy turns it on, with the stricter severity; lists that allow narrow
// (intersection), lists that deny grow (union), limits take the smaller number, booleans the
// stricter value; waivers add up. `policies` must not be empty.
Policy combine(const std::vector<Policy>& policies);

// The built-in baseline, identical to policies/baseline.yaml (a test checks they agree), used
// when no --policy is given: the binary never reads the source tree.
std::string_view baseline_policy_text();
inline constexpr std::string_view k_baseline_source = "<built-in baseline>";

}  // namespace pinset::policy
