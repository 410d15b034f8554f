// The text report, and helpers shared by the report writers.
#include <map>

#include "core/policy/report.hpp"
#include "core/util/strings.hpp"

namespace pinset::policy {

namespace {

std::string count(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string where(const Location& at) {
  if (at.file.empty()) return "";
  return at.line > 0 ? at.file + ":" + std::to_string(at.line) : at.file;
}

void write_finding(std::string& out, const Finding& f) {
  std::string tag = f.waived ? "waived" : std::string(severity_name(f.severity));
  out += "  " + tag + "[" + f.code + "]: " + f.message + "\n";
  if (auto w = where(f.location); !w.empty()) out += "    at " + w + "\n";
  if (!f.path.empty()) out += "    via " + path_text(f.path, f.path_omitted) + "\n";
  if (f.advisory && !f.advisory->aliases.empty()) {
    out += "    aliases: " + join(f.advisory->aliases, ", ") + "\n";
  }
  if (f.waived) {
    out += "    waived by " + f.waived->origin.file + ":" + std::to_string(f.waived->origin.line) +
           " until " + f.waived->expires + ": " + f.waived->reason + "\n";
  } else if (!f.hint.empty()) {
    out += "    help: " + f.hint + "\n";
  }
}

}  // namespace

std::optional<ReportFormat> report_format(std::string_view name) {
  constexpr std::pair<std::string_view, ReportFormat> k_formats[] = {
      {"text", ReportFormat::text},     {"json", ReportFormat::json},
      {"sarif", ReportFormat::sarif},   {"junit", ReportFormat::junit},
      {"github", ReportFormat::github}, {"gitlab", ReportFormat::gitlab},
  };
  for (const auto& [n, format] : k_formats) {
    if (n == name) return format;
  }
  return std::nullopt;
}

std::string rule_help_uri(std::string_view rule) {
  return std::string(k_repository_url) + "/blob/main/policies/README.md#rule-" + std::string(rule);
}

std::string to_text(const Report& report) {
  std::string out;
  std::vector<std::string> clean;
  for (const auto& rule : report.rules) {
    const auto [errors, warnings, waived] = report.counts(rule);
    if (errors + warnings + waived == 0) {
      clean.push_back(rule);
      continue;
    }
    std::vector<std::string> parts;
    if (errors) parts.push_back(count(errors, "error"));
    if (warnings) parts.push_back(count(warnings, "warning"));
    if (waived) parts.push_back(std::to_string(waived) + " waived");
    out += rule + ": " + join(parts, ", ") + "\n";
    for (const auto& f : report.findings) {
      if (f.rule == rule) write_finding(out, f);
    }
    out += "\n";
  }
  if (!clean.empty()) out += "passed: " + join(clean, ", ") + "\n";
  out += std::string(report.passed() ? "policy check passed" : "policy check failed") + ": " +
         count(report.errors(), "error") + ", " + count(report.warnings(), "warning") + ", " +
         std::to_string(report.waived()) + " waived (" + count(report.rules.size(), "rule") +
         " from " + join(report.policies, ", ") + ")\n";
  return out;
}

}  // namespace pinset::policy
