#pragma once
// The policy rule engine: a Policy and everything known about a project (a Context value) in,
// findings out. Pure: the caller loads files, computes digests and signatures, and passes `now`.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/lock.hpp"
#include "core/model/manifest.hpp"
#include "core/model/package_set.hpp"
#include "core/policy/osv.hpp"
#include "core/policy/policy.hpp"

namespace pinset::policy {

enum class LockState { ok, missing, tampered, stale };

// What the caller found about the set's signatures (app::check_set_signatures), or why it could
// not check them.
struct SignatureFacts {
  int threshold = 1;
  std::vector<std::string> valid;
  std::vector<std::string> invalid;
  std::vector<std::string> unknown;
  std::string problem;  // non-empty: the check could not run (no signature file, ...)
};

// A dependency path: the project's name, a root, ..., the package. A long path keeps its first
// k_path_head and last k_path_tail names and counts the ones between (`omitted`), so findings
// about every package of a deep graph stay linear in its size.
struct DependencyPath {
  std::vector<std::string> names;
  std::size_t omitted = 0;  // names left out between names[k_path_head - 1] and the next
  DependencyPath() = default;
  DependencyPath(std::vector<std::string> all) : names(std::move(all)) {}  // NOLINT: implicit
  bool operator==(const DependencyPath&) const = default;
};
inline constexpr std::size_t k_path_head = 5;  // the project's name and the first 4 packages
inline constexpr std::size_t k_path_tail = 4;

// "a -> b -> ... -> z", with "(N more)" where names were left out.
std::string path_text(const std::vector<std::string>& names, std::size_t omitted);

struct Context {
  const model::Manifest* manifest = nullptr;  // required
  std::string manifest_path;                  // for locations
  std::string project_dir;  // absolute folder of the manifest: anchors relative lock URLs
  const model::PackageSet* set = nullptr;  // required
  std::string set_url;  // the set's location as an absolute URL (https://..., file:///...)

  const model::Lock* lock = nullptr;  // null when missing or unreadable
  std::string lock_path;
  LockState lock_state = LockState::ok;
  std::string lock_problem;               // the reason, for tampered / stale
  std::map<std::string, int> lock_lines;  // package name -> line of its block in the lock
  // Package name -> the dependency path that brought it in (the project's name, a root, ..., the
  // package).
  std::map<std::string, DependencyPath> paths;

  // The advisories read (already parsed); `advisories_loaded` says whether any folder was read.
  std::vector<Advisory> advisories;
  bool advisories_loaded = false;
  std::vector<std::string> advisory_dirs;  // the folders read, for messages

  std::optional<SignatureFacts> signatures;  // null: not checked (no trust configured)

  std::int64_t now = 0;  // seconds since 1970-01-01T00:00:00Z
};

// Facts of an advisory finding, for the JSON and SARIF outputs.
struct AdvisoryFacts {
  std::string id;
  std::vector<std::string> aliases;
  std::string severity;  // database severity ("HIGH") or the first score; may be empty
  std::string summary;
  std::vector<std::string> fixed;  // versions that fix it, ascending
};

struct Waived {
  std::string reason;
  std::string expires;
  Origin origin;
};

struct Finding {
  std::string rule;  // a rule id (rule_ids())
  std::string code;  // what exactly: "license-denied", "advisory", "not-vetted", ...
  Severity severity = Severity::error;
  std::string package;  // empty for project-wide findings
  std::string version;  // the resolved version, when about a package
  // Version-independent part of the identity (policies/README.md, "--since"): e.g. the advisory
  // id, the license expression, the denied range. The identity is rule + package + key.
  std::string key;
  std::string message;            // one sentence
  std::string hint;               // what to do
  Location location;              // the manifest, lock or policy line it is about
  std::vector<std::string> path;  // dependency path: the project name, roots ..., the package
  std::size_t path_omitted = 0;   // names left out of a long path (DependencyPath)
  std::optional<AdvisoryFacts> advisory;
  std::optional<Waived> waived;  // set: a waiver accepts it; it does not fail the check

  std::string identity() const { return rule + "\x1f" + package + "\x1f" + key; }
  bool counts_as_error() const { return severity == Severity::error && !waived; }
};

// A waiver of the policy and what it did in one evaluation (`pinset policy waivers`).
struct WaiverUse {
  Waiver waiver;
  std::size_t matched = 0;     // findings it waived (0 when expired: an expired waiver waives none)
  std::int64_t days_left = 0;  // days from `now` to its expiry day; negative once expired
  bool expired = false;
};

// A locked package, as a report lists it.
struct LockedPackageRef {
  std::string name;
  std::string version;
  bool operator==(const LockedPackageRef&) const = default;
};

struct Report {
  std::vector<std::string> policies;  // policy files, in order
  std::vector<std::string> rules;     // the rules that ran, in rule_ids() order (always "waivers")
  std::map<std::string, Severity> rule_severity;
  std::vector<Finding> findings;   // grouped by rule (in `rules` order), then as found
  std::vector<WaiverUse> waivers;  // every waiver of the policy, in policy order
  // The manifest: where a report that needs a file for every finding (SARIF) puts one that names
  // none of its own.
  std::string project_file;
  std::string project_name;  // the manifest's `name`
  // The lock the package rules read, as its path was given (empty when it was missing or could
  // not be read), and every package it locks, by name then version (a name locked in several
  // versions once per version): the dependency list of the GitLab report.
  std::string lock_file;
  std::vector<LockedPackageRef> locked;

  std::size_t errors() const;    // error findings not waived
  std::size_t warnings() const;  // warning findings not waived
  std::size_t waived() const;
  bool passed() const { return errors() == 0; }
  // The finding's own file, else the manifest (else "pinset.yaml"): for report formats that need
  // a file for every finding (SARIF, GitLab).
  std::string file_of(const Finding& f) const;

  struct Counts {
    std::size_t errors = 0;    // not waived
    std::size_t warnings = 0;  // not waived
    std::size_t waived = 0;
  };
  // The findings of one rule, counted.
  Counts counts(const std::string& rule) const;
};

// Runs every enabled rule, then applies the waivers (an expired waiver is an error finding, an
// unused one a warning, one that expires further away than max-waiver-days an error).
Report evaluate(const Policy& policy, const Context& context);

// Keeps the findings of `current` whose identity is not among `baseline`'s findings (the gate of
// `--since OLD_LOCK`). Waiver findings are kept as they are.
Report only_new(Report current, const Report& baseline);

}  // namespace pinset::policy
