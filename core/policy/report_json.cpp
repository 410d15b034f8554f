// The JSON and SARIF 2.1.0 reports.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/policy/report.hpp"

namespace pinset::policy {

namespace {

using Json = nlohmann::ordered_json;

Json or_null(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}

Json finding_json(const Finding& f) {
  Json j;
  j["rule"] = f.rule;
  j["code"] = f.code;
  j["severity"] = severity_name(f.severity);
  j["package"] = or_null(f.package);
  j["version"] = or_null(f.version);
  j["key"] = f.key;
  j["message"] = f.message;
  j["hint"] = f.hint;
  if (f.location.file.empty()) {
    j["location"] = nullptr;
  } else {
    j["location"] = {{"file", f.location.file},
                     {"line", f.location.line > 0 ? Json(f.location.line) : Json(nullptr)}};
  }
  j["path"] = f.path;
  if (f.path_omitted > 0) j["path-omitted"] = f.path_omitted;
  if (f.advisory) {
    j["advisory"] = {{"id", f.advisory->id},
                     {"aliases", f.advisory->aliases},
                     {"severity", or_null(f.advisory->severity)},
                     {"summary", or_null(f.advisory->summary)},
                     {"fixed", f.advisory->fixed}};
  } else {
    j["advisory"] = nullptr;
  }
  if (f.waived) {
    j["waived"] = {{"reason", f.waived->reason},
                   {"expires", f.waived->expires},
                   {"file", f.waived->origin.file},
                   {"line", f.waived->origin.line}};
  } else {
    j["waived"] = nullptr;
  }
  return j;
}

Severity severity_of(const Report& r, const std::string& rule) {
  auto it = r.rule_severity.find(rule);
  return it == r.rule_severity.end() ? Severity::error : it->second;
}

// A relative or absolute path as a URI reference: bytes outside RFC 3986's unreserved set and
// "/" are percent-encoded.
std::string uri_of(std::string_view path) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

const char* level_of(Severity s) {
  return s == Severity::error ? "error" : "warning";
}

}  // namespace

std::string to_json(const Report& report) {
  Json j;
  j["format"] = 1;
  j["passed"] = report.passed();
  j["policies"] = report.policies;
  j["summary"] = {
      {"errors", report.errors()}, {"warnings", report.warnings()}, {"waived", report.waived()}};
  j["rules"] = Json::array();
  for (const auto& rule : report.rules) {
    const auto [errors, warnings, waived] = report.counts(rule);
    j["rules"].push_back({{"id", rule},
                          {"severity", severity_name(severity_of(report, rule))},
                          {"help", rule_help(rule)},
                          {"errors", errors},
                          {"warnings", warnings},
                          {"waived", waived}});
  }
  j["findings"] = Json::array();
  for (const auto& f : report.findings)
    j["findings"].push_back(finding_json(f));
  return j.dump(2) + "\n";
}

std::string to_sarif(const Report& report) {
  Json rules = Json::array();
  std::map<std::string, std::size_t> index;
  for (const auto& rule : report.rules) {
    index[rule] = rules.size();
    std::string help(rule_help(rule));
    std::string uri = rule_help_uri(rule);
    rules.push_back({{"id", rule},
                     {"shortDescription", {{"text", help.substr(0, help.find(". ") + 1)}}},
                     {"fullDescription", {{"text", help}}},
                     {"helpUri", uri},
                     {"help",
                      {{"text", help},
                       {"markdown", help + "\n\n[The `" + rule + "` rule in policies/README.md](" +
                                        uri + ")"}}},
                     {"defaultConfiguration", {{"level", level_of(severity_of(report, rule))}}}});
  }
  Json results = Json::array();
  for (const auto& f : report.findings) {
    Json r;
    r["ruleId"] = f.rule;
    r["ruleIndex"] = index[f.rule];
    r["level"] = level_of(f.severity);
    r["message"] = {{"text", f.hint.empty() ? f.message : f.message + ". Help: " + f.hint}};
    // Every result has a physical location (GitHub code scanning drops results without one): the
    // finding's own file and line, else the manifest's first line.
    const std::string file = report.file_of(f);
    Json physical = {{"artifactLocation", {{"uri", uri_of(file)}}},
                     {"region", {{"startLine", std::max(f.location.line, 1)}}}};
    r["locations"] = Json::array({{{"physicalLocation", physical}}});
    r["partialFingerprints"] = {
        {"pinsetFindingIdentity/v1", f.rule + "/" + f.package + "/" + f.key}};
    Json props = {{"code", f.code}};
    if (!f.package.empty()) props["package"] = f.package;
    if (!f.version.empty()) props["version"] = f.version;
    if (!f.path.empty()) props["dependencyPath"] = f.path;
    if (f.path_omitted > 0) props["dependencyPathOmitted"] = f.path_omitted;
    if (f.advisory) {
      props["advisory"] = {{"id", f.advisory->id},
                           {"aliases", f.advisory->aliases},
                           {"severity", f.advisory->severity},
                           {"fixed", f.advisory->fixed}};
    }
    r["properties"] = props;
    if (f.waived) {
      r["suppressions"] =
          Json::array({{{"kind", "external"},
                        {"status", "accepted"},
                        {"justification", f.waived->reason + " (until " + f.waived->expires + ", " +
                                              f.waived->origin.file + ":" +
                                              std::to_string(f.waived->origin.line) + ")"}}});
    }
    results.push_back(std::move(r));
  }
  Json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = Json::array(
      {{{"tool", {{"driver", {{"name", "pinset"}, {"rules", rules}}}}}, {"results", results}}});
  return log.dump(2) + "\n";
}

}  // namespace pinset::policy
