#pragma once
// Writers for a policy Report: text for people, JSON for tools, SARIF 2.1.0 for code scanning,
// JUnit XML for CI test views. Pure: each returns the document as a string. The JSON shape is
// documented in policies/README.md ("JSON output") and is stable.

#include <string>
#include <string_view>

#include "core/policy/engine.hpp"

namespace pinset::policy {

enum class ReportFormat { text, json, sarif, junit };

// "text", "json", "sarif", "junit"; nullopt for anything else.
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

// `text` escaped for XML character data and attribute values.
std::string xml_escape(std::string_view text);

}  // namespace pinset::policy
