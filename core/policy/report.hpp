#pragma once
// Writers for a policy Report: text for people, JSON for tools, SARIF 2.1.0 for code scanning,
// JUnit XML for CI test views, GitHub annotations, GitLab dependency scanning reports. Pure: each
// returns the document as a string (what needs the clock takes the time as an argument). The JSON
// shape is documented in policies/README.md ("Output formats") and is stable.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/policy/engine.hpp"

namespace pinset::policy {

enum class ReportFormat { text, json, sarif, junit, github, gitlab };

// "text", "json", "sarif", "junit", "github", "gitlab"; nullopt for anything else.
std::optional<ReportFormat> report_format(std::string_view name);

// pinset's repository: where reports link to the rules' documentation (policies/README.md) and
// the GitLab report's analyzer URL. The project records no repository URL anywhere else; this is
// the one place that names it.
inline constexpr std::string_view k_repository_url = "https://github.com/pinset/pinset";

// The documentation of one rule: k_repository_url + "/blob/main/policies/README.md#rule-<id>", the
// anchor of its section ("### Rule `<id>`"; a test checks every rule id has one).
std::string rule_help_uri(std::string_view rule);

// Findings grouped by rule (in the order the rules ran); each with its severity, code, message,
// the manifest/lock/policy file:line, the dependency path and the hint; waived findings with the
// waiver's file:line, reason and expiry; then a summary line.
std::string to_text(const Report& report);

// {"format": 1, "passed", "policies", "summary", "rules", "findings"}; see policies/README.md.
std::string to_json(const Report& report);

// A SARIF 2.1.0 log with one run: every rule that ran as a reportingDescriptor (id, help as text
// and as Markdown linking to the rule's section, helpUri, default level), every finding as a result
// (level, message, location in the manifest, lock or policy file, partialFingerprints carrying the
// finding's identity); waived findings carry an accepted external suppression with the waiver's
// reason.
std::string to_sarif(const Report& report);

// JUnit XML: one testsuite, one testcase per rule that ran; a rule with error findings that are
// not waived fails, its <failure> listing them; warnings and waived findings go to <system-out>.
// Text is escaped for XML 1.0 (markup characters as entities; characters XML cannot carry, and
// invalid UTF-8, replaced by U+FFFD).
std::string to_junit(const Report& report);

// GitHub Actions workflow commands, one per finding that is not waived:
// `::error file=<file>,line=<line>,title=pinset <rule>/<code> (<package>)::<message>` (`::warning`
// for warnings; file and line only when known), the message followed by the dependency path and
// the hint on their own lines, escaped as the runner expects (% CR LF in the message; also : and ,
// in properties). A last plain line sums up the check.
std::string to_github(const Report& report);

// The GitLab dependency scanning report's facts about the run: pinset's version, and when the
// check started and ended (seconds since the epoch; written in UTC).
struct GitlabScan {
  std::string tool_version;
  std::int64_t start_time = 0;
  std::int64_t end_time = 0;
};

// The GitLab schema version `to_gitlab` writes, and the schema's URL at that version.
inline constexpr std::string_view k_gitlab_schema_version = "15.0.7";
inline constexpr std::string_view k_gitlab_schema_url =
    "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v15.0.7/dist/"
    "dependency-scanning-report-format.json";

// A GitLab dependency scanning report (schema 15.0.7; policies/README.md, "gitlab"): every
// finding that is not waived as a vulnerability (id: a UUID-shaped SHA-256 of the finding's
// identity and version, so the same finding keeps its id from run to run; severity from the
// advisory when it names one, else error High, warning Low; identifiers: the advisory's id and
// aliases first, then the rule as type "pinset_rule"; located at the finding's file, and at the
// package and version, or the project's name for a project-wide finding); waived findings as
// "info" scan messages, capped; `dependency_files`: the lock with every package it locks.
// `scan.status` is "failure" only when no lock was read (no package could be checked).
std::string to_gitlab(const Report& report, const GitlabScan& scan);

// `pinset policy waivers`: every waiver with its rule, package (and versions), expiry, days left
// (or since it expired), how many findings it matched, where it is written and its reason; a
// first line counts them, and those expiring within `soon_days` are marked "expires soon".
std::string waivers_text(const Report& report, std::int64_t soon_days = 30);
// {"waivers": [{"rule", "package", "versions", "reason", "expires", "days-left", "expired",
// "matched", "file", "line"}]} ("package" and "versions" null when not given); two-space
// indented, ending with a newline; stable for machines.
std::string waivers_json(const Report& report);

// `text` escaped for XML character data and attribute values.
std::string xml_escape(std::string_view text);

}  // namespace pinset::policy
