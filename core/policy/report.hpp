#pragma once
// Writers for a policy Report: text for people, JSON for tools, SARIF 2.1.0 for code scanning,
// JUnit XML for CI test views. Pure: each returns the document as a string. The JSON shape is
// documented in policies/README.md ("JSON output") and is stable.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/policy/engine.hpp"

namespace pinset::policy {

enum class ReportFormat { text, json, sarif, junit, github };

// "text", "json", "sarif", "junit", "github"; nullopt for anything else.
std::optional<ReportFormat> report_format(std::string_view name);

// Findings grouped by rule (in the order the rules ran); each with its severity, code, message,
// the manifest/lock/policy file:line, the dependency path and the hint; waived findings with the
// waiver's file:line, reason and expiry; then a summary line.
std::string to_text(const Report& report);

// {"format": 1, "passed", "policies", "summary", "rules", "findings"}; see policies/README.md.
std::string to_json(const Report& report);

// A SARIF 2.1.0 log with one run: every rule that ran as a reportingDescriptor (id, help text,
// default level), every finding as a result (level, message, location in the manifest, lock or
// policy file, partialFingerprints carrying the finding's identity); waived findings carry an
// accepted external suppression with the waiver's reason.
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
