// GitHub Actions workflow annotations: one `::error` / `::warning` command per finding that is not
// waived, for repositories that cannot upload SARIF.
#include "core/policy/report.hpp"

namespace pinset::policy {

namespace {

// Escaping of a workflow command's message (`data`) and of its property values, as the runner's
// parser undoes it (actions/toolkit, packages/core/src/command.ts: escapeData, escapeProperty).
std::string escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else {
      out += c;
    }
  }
  return out;
}

std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string to_github(const Report& report) {
  std::string out;
  for (const Finding& f : report.findings) {
    if (f.waived) continue;
    std::vector<std::string> properties;
    if (!f.location.file.empty()) {
      properties.push_back("file=" + escape_property(f.location.file));
      if (f.location.line > 0) properties.push_back("line=" + std::to_string(f.location.line));
    }
    std::string title = "pinset " + f.rule + "/" + f.code;
    if (!f.package.empty()) title += " (" + f.package + ")";
    properties.push_back("title=" + escape_property(title));
    std::string message = f.message;
    if (!f.path.empty()) message += "\nvia " + path_text(f.path, f.path_omitted);
    if (!f.hint.empty()) message += "\nhelp: " + f.hint;
    out += f.severity == Severity::error ? "::error " : "::warning ";
    for (std::size_t i = 0; i < properties.size(); ++i)
      out += (i ? "," : "") + properties[i];
    out += "::" + escape_data(message) + "\n";
  }
  std::size_t errors = report.errors(), warnings = report.warnings();
  out += std::string("pinset policy check: ") + (report.passed() ? "passed" : "failed") + ", " +
         std::to_string(errors) + (errors == 1 ? " error, " : " errors, ") +
         std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings") + ", " +
         std::to_string(report.waived()) + " waived\n";
  return out;
}

}  // namespace pinset::policy
