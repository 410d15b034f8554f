#pragma once
// OSV advisories (https://ossf.github.io/osv-schema/): parsing the fields pinset needs from one
// OSV JSON document, and matching an advisory against a resolved (package, version) pair with the
// OSV specification's evaluation algorithm. Pure: the caller reads the files.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/semver/version.hpp"
#include "core/util/error.hpp"

namespace pinset::policy {

enum class RangeType { semver, ecosystem, git };
enum class EventKind { introduced, fixed, last_affected, limit };

// One point of a range's timeline. `bound` is the version as pinset compares it: empty for a GIT
// range, for the special introduced "0" (before every version), for a limit containing "*"
// (after every version) and for an ECOSYSTEM version that is not SemVer.
struct OsvEvent {
  EventKind kind = EventKind::introduced;
  std::string version;  // as written
  std::optional<semver::Version> bound;
  bool is_zero = false;      // introduced "0"
  bool is_infinity = false;  // limit containing "*"
};

struct OsvRange {
  RangeType type = RangeType::semver;
  std::string repo;
  std::vector<OsvEvent> events;  // in document order; evaluation sorts a copy
  // False for GIT ranges and for ECOSYSTEM ranges with a version that is not SemVer: such a range
  // never matches (a warning in Advisory::warnings says why, for ECOSYSTEM).
  bool comparable = true;
  Location where;
};

struct OsvSeverity {
  std::string type;   // "CVSS_V3", "CVSS_V4", "Ubuntu", ...
  std::string score;  // vector or word, as written
};

struct OsvPackage {
  std::string ecosystem;  // may carry an OSV suffix: "Debian:12"
  std::string name;
  std::string purl;  // empty when absent
};

struct OsvAffected {
  std::optional<OsvPackage> package;  // absent for repository-only (GIT) entries
  std::vector<OsvSeverity> severity;
  std::vector<OsvRange> ranges;
  std::vector<std::string> versions;  // explicit affected versions
  Location where;
};

struct Advisory {
  std::string source;  // the name given to parse_osv
  std::string id;
  std::vector<std::string> aliases;  // usually CVE ids
  std::string summary;               // empty when absent
  std::string details;               // empty when absent
  std::string modified;              // RFC 3339 timestamps, as written
  std::string published;             // empty when absent
  std::string withdrawn;             // non-empty: the advisory is withdrawn and never matches
  std::vector<OsvSeverity> severity;
  std::string database_severity;  // database_specific.severity when it is a string ("HIGH")
  std::vector<OsvAffected> affected;
  // Problems that do not make the document invalid but make part of it unusable to pinset, such as
  // an ECOSYSTEM range whose versions are not SemVer. Code "osv-range-ignored", located.
  std::vector<Error> warnings;

  bool is_withdrawn() const { return !withdrawn.empty(); }
  // The aliases that start with "CVE-", in document order.
  std::vector<std::string> cve_ids() const;
};

// Parses one OSV document (JSON text) named `source` in messages. Unknown fields are allowed (OSV
// is an external format, extended by each database), but every field pinset reads must have its
// OSV type. Required: "id" and "modified" (as in the OSV schema); each affected package needs
// "ecosystem" and "name"; each range "type" (SEMVER, ECOSYSTEM or GIT) and "events" with at least
// one "introduced"; each event exactly one of introduced, fixed, last_affected, limit. A SEMVER
// range's versions must be SemVer 2.0.0 (introduced may be "0", a limit may contain "*").
// Null is accepted for the arrays the schema allows to be null (aliases, severity, affected).
// Errors: "parse", "duplicate-key", "too-deep", "too-large" from the JSON loader; otherwise code
// "invalid-advisory" for each bad field, with file, line, column, field path and the value found,
// every problem of the document in one pass (the first error, the others as its causes).
Result<Advisory> parse_osv(std::string_view json, const std::string& source);

// Which OSV ecosystems name pinset packages. An affected entry applies to a pinset package when
// its package name equals the pinset package name exactly and its ecosystem is one of
// `ecosystems`, or one of them followed by an OSV ":suffix" ("pinset:main" counts for "pinset").
// With `any_ecosystem`, only the name is compared: useful for mirrored upstream advisories (npm,
// crates.io, ...) of a set whose packages keep their upstream names.
struct MatchOptions {
  std::vector<std::string> ecosystems{"pinset"};
  bool any_ecosystem = false;
};

// Why an advisory affects a version.
struct Match {
  std::size_t affected_index = 0;          // into Advisory::affected
  std::optional<std::size_t> range_index;  // into its ranges; empty: matched by "versions"
  // The interval that contains the version, as written: the introduced event that opened it ("0"
  // for all versions), and the event that closes it, if any. Empty when matched by "versions".
  std::string introduced;
  std::string fixed;
  std::string last_affected;
  // Versions to recommend: every fixed event of the matching affected entries that is greater
  // than the version and itself not affected by the advisory, ascending, without repeats. Empty
  // when no fix is known (open range, last_affected only, or an explicit version list).
  std::vector<semver::Version> fixed_versions;
};

// OSV's IsVulnerable(pkg, v): a withdrawn advisory matches nothing; an applicable affected entry
// matches when `version` is listed in "versions" (SemVer equality, build metadata ignored; a
// listed version that is not SemVer matches only the same text) or falls in one of its comparable
// ranges. A range: if it has limit events, `version` must be below at least one of them; then its
// events, sorted by version (introduced "0" first, equal versions in document order), are walked:
// introduced <= v sets affected, fixed <= v clears it, last_affected < v clears it. The first
// matching entry (in document order) is reported; versions before ranges.
std::optional<Match> match(const Advisory& advisory, std::string_view package,
                           const semver::Version& version, const MatchOptions& options = {});
bool affects(const Advisory& advisory, std::string_view package, const semver::Version& version,
             const MatchOptions& options = {});

}  // namespace pinset::policy
