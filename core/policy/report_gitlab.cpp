// The GitLab dependency scanning report (security-report-schemas 15.0.7,
// dependency-scanning-report-format.json; a copy is in tests/data/schemas/).
#include <array>
#include <nlohmann/json.hpp>
#include <set>

#include "core/crypto/digest.hpp"
#include "core/policy/report.hpp"
#include "core/util/dates.hpp"
#include "core/util/strings.hpp"

namespace pinset::policy {

namespace {

using Json = nlohmann::ordered_json;

// The schema's limits on a vulnerability's text fields (maxLength, in characters).
constexpr std::size_t k_max_name = 255;
constexpr std::size_t k_max_description = 1048576;
constexpr std::size_t k_max_solution = 7000;
// Waived findings listed as scan messages; the rest are counted in one more message.
constexpr std::size_t k_max_waived_messages = 100;

// At most `max` bytes of `text`, cut before a UTF-8 sequence rather than inside it (so at most
// `max` characters, whatever the encoding errors the writer later replaces).
std::string truncated(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    --end;
  return std::string(text.substr(0, end));
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? char(a[i] - 'A' + 'a') : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

// An advisory's severity word (OSV database_specific.severity: GitHub's CRITICAL, HIGH, MODERATE,
// LOW, or MEDIUM) as GitLab's scale; "" for anything else (a CVSS vector, another word).
std::string_view gitlab_severity_of_word(std::string_view word) {
  constexpr std::array<std::pair<std::string_view, std::string_view>, 5> k_words{{
      {"critical", "Critical"},
      {"high", "High"},
      {"moderate", "Medium"},
      {"medium", "Medium"},
      {"low", "Low"},
  }};
  for (const auto& [name, level] : k_words) {
    if (iequals(word, name)) return level;
  }
  return "";
}

// An advisory finding: the advisory's own severity, "Unknown" when it names none GitLab's scale
// has (claiming High for an unrated advisory would not be honest). Other findings: an error
// fails the check (High), a warning does not (Low).
std::string_view gitlab_severity(const Finding& f) {
  if (f.advisory) {
    std::string_view level = gitlab_severity_of_word(f.advisory->severity);
    return level.empty() ? "Unknown" : level;
  }
  return f.severity == Severity::error ? "High" : "Low";
}

// A UUID-shaped (version 8, RFC 9562: "custom") rendering of SHA-256(text).
std::string uuid_of(std::string_view text) {
  std::string hex = crypto::sha256(text).hex();
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  hex[12] = '8';                          // the version
  hex[16] = "89ab"[nibble(hex[16]) & 3];  // the variant: 10xx
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

// An advisory id or alias as a GitLab identifier: CVE and GHSA ids with their public pages, any
// other (the database's own, "PINSET-2026-0002", "RUSTSEC-...") as type "osv".
Json advisory_identifier(const std::string& id) {
  if (id.starts_with("CVE-")) {
    return {{"type", "cve"},
            {"name", id},
            {"value", id},
            {"url", "https://www.cve.org/CVERecord?id=" + id}};
  }
  if (id.starts_with("GHSA-")) {
    return {{"type", "ghsa"},
            {"name", id},
            {"value", id},
            {"url", "https://github.com/advisories/" + id}};
  }
  return {{"type", "osv"}, {"name", id}, {"value", id}};
}

// The first identifier is GitLab's primary one: it tells vulnerabilities of one location apart,
// so an advisory finding leads with the advisory (two advisories against one package stay two).
Json identifiers_of(const Finding& f) {
  Json ids = Json::array();
  if (f.advisory) {
    std::set<std::string> seen;
    if (!f.advisory->id.empty()) {
      seen.insert(f.advisory->id);
      ids.push_back(advisory_identifier(f.advisory->id));
    }
    for (const auto& alias : f.advisory->aliases) {
      if (!alias.empty() && seen.insert(alias).second) ids.push_back(advisory_identifier(alias));
    }
  }
  ids.push_back({{"type", "pinset_rule"},
                 {"name", "pinset " + f.rule + "/" + f.code},
                 {"value", f.rule + "/" + f.code},
                 {"url", rule_help_uri(f.rule)}});
  return ids;
}

Json vulnerability(const Report& report, const Finding& f, const std::string& id) {
  Json v;
  v["id"] = id;
  std::string name = "pinset " + f.rule + "/" + f.code;
  if (f.advisory) {
    name =
        !f.advisory->summary.empty() ? f.advisory->id + ": " + f.advisory->summary : f.advisory->id;
  }
  v["name"] = truncated(name, k_max_name);
  std::string description = f.message;
  if (!f.path.empty()) description += "\n\nDependency path: " + path_text(f.path, f.path_omitted);
  v["description"] = truncated(description, k_max_description);
  v["severity"] = gitlab_severity(f);
  if (!f.hint.empty()) v["solution"] = truncated(f.hint, k_max_solution);
  v["identifiers"] = identifiers_of(f);
  // A project-wide finding names no package: its dependency is the project itself, with no
  // version (the schema requires the field, not a value).
  Json dependency = {{"package", {{"name", f.package.empty() ? report.project_name : f.package}}},
                     {"version", f.package.empty() ? std::string() : f.version}};
  v["location"] = {{"file", report.file_of(f)}, {"dependency", dependency}};
  return v;
}

std::string waived_message(const Finding& f) {
  std::string about = f.package.empty() ? "the project" : f.package + " " + f.version;
  return "waived: " + f.rule + "/" + f.code + " for " + about + " until " + f.waived->expires +
         " (" + f.waived->origin.file + ":" + std::to_string(f.waived->origin.line) +
         "): " + f.waived->reason;
}

}  // namespace

std::string to_gitlab(const Report& report, const GitlabScan& scan) {
  Json messages = Json::array();
  std::size_t errors = report.errors(), warnings = report.warnings();
  messages.push_back(
      {{"level", "info"},
       {"value", std::string("pinset policy check ") + (report.passed() ? "passed" : "failed") +
                     ": " + count_of(errors, "error") + ", " + count_of(warnings, "warning") +
                     ", " + std::to_string(report.waived()) + " waived"}});
  if (report.lock_file.empty()) {
    messages.push_back({{"level", "warn"},
                        {"value",
                         "no lock was read (missing or damaged), so no package was checked; run "
                         "`pinset resolve` and commit pinset.lock"}});
  }

  Json vulnerabilities = Json::array();
  std::set<std::string> ids;
  std::size_t waived_listed = 0, waived_left = 0;
  for (const Finding& f : report.findings) {
    if (f.waived) {
      if (waived_listed < k_max_waived_messages) {
        messages.push_back({{"level", "info"}, {"value", waived_message(f)}});
        ++waived_listed;
      } else {
        ++waived_left;
      }
      continue;
    }
    // The identity leaves the version out (`--since`); the id keeps it, so two versions of one
    // name with the same problem are two vulnerabilities. A repeat gets a counter.
    std::string seed = f.identity() + "\x1f" + f.version;
    std::string id = uuid_of(seed);
    for (int n = 2; !ids.insert(id).second; ++n)
      id = uuid_of(seed + "\x1f" + std::to_string(n));
    vulnerabilities.push_back(vulnerability(report, f, id));
  }
  if (waived_left > 0) {
    messages.push_back({{"level", "info"},
                        {"value", "waived: " + std::to_string(waived_left) +
                                      " more (pinset policy check --format json lists them)"}});
  }

  Json tool = {{"id", "pinset"},
               {"name", "pinset"},
               {"url", std::string(k_repository_url)},
               {"version", scan.tool_version.empty() ? std::string("unknown") : scan.tool_version},
               {"vendor", {{"name", "pinset"}}}};
  Json s;
  s["analyzer"] = tool;
  s["scanner"] = tool;
  s["type"] = "dependency_scanning";
  s["start_time"] = dates::format_date_time(scan.start_time);
  s["end_time"] = dates::format_date_time(scan.end_time);
  s["status"] = report.lock_file.empty() ? "failure" : "success";
  s["messages"] = messages;

  Json files = Json::array();
  if (!report.lock_file.empty()) {
    Json dependencies = Json::array();
    for (const auto& p : report.locked)
      dependencies.push_back({{"package", {{"name", p.name}}}, {"version", p.version}});
    files.push_back({{"path", report.lock_file},
                     {"package_manager", "pinset"},
                     {"dependencies", dependencies}});
  }

  Json doc;
  doc["version"] = k_gitlab_schema_version;
  doc["schema"] = k_gitlab_schema_url;
  doc["scan"] = s;
  doc["vulnerabilities"] = vulnerabilities;
  doc["dependency_files"] = files;
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace pinset::policy
