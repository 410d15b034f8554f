// The JUnit XML report: one test case per rule.
#include "core/policy/report.hpp"
#include "core/util/strings.hpp"

namespace pinset::policy {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at `s[i]` that XML 1.0 may carry, or 0.
std::size_t xml_char_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
  std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > s.size()) return 0;
  std::uint32_t cp = c & (0x3F >> (len - 1));
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::uint32_t k_min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < k_min[len] || cp > 0x10FFFF) return 0;  // overlong or out of range
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;      // surrogates
  if (cp == 0xFFFE || cp == 0xFFFF) return 0;      // not XML characters
  return len;
}

std::string count(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string finding_text(const Finding& f) {
  std::string s = std::string(severity_name(f.severity)) + "[" + f.code + "]: " + f.message;
  if (!f.location.file.empty()) {
    s += "\n  at " + f.location.file +
         (f.location.line > 0 ? ":" + std::to_string(f.location.line) : std::string());
  }
  if (!f.path.empty()) s += "\n  via " + path_text(f.path, f.path_omitted);
  if (f.waived) {
    s += "\n  waived by " + f.waived->origin.file + ":" + std::to_string(f.waived->origin.line) +
         " until " + f.waived->expires + ": " + f.waived->reason;
  } else if (!f.hint.empty()) {
    s += "\n  help: " + f.hint;
  }
  return s + "\n";
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = xml_char_length(text, i);
    if (len == 0) {
      out += k_replacement;
      ++i;
      continue;
    }
    if (len == 1) {
      switch (text[i]) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&apos;";
          break;
        case '\r':
          out += "&#13;";
          break;
        default:
          out += text[i];
      }
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string to_junit(const Report& report) {
  std::size_t failures = 0;
  std::string cases;
  for (const auto& rule : report.rules) {
    std::string failed, other;
    std::size_t errors = 0;
    for (const auto& f : report.findings) {
      if (f.rule != rule) continue;
      if (f.counts_as_error()) {
        ++errors;
        failed += finding_text(f);
      } else {
        other += finding_text(f);
      }
    }
    cases += "    <testcase classname=\"pinset.policy\" name=\"" + xml_escape(rule) + "\">\n";
    if (errors > 0) {
      ++failures;
      cases += "      <failure type=\"policy\" message=\"" +
               xml_escape(count(errors, "error finding")) + "\">" + xml_escape(failed) +
               "</failure>\n";
    }
    if (!other.empty()) cases += "      <system-out>" + xml_escape(other) + "</system-out>\n";
    cases += "    </testcase>\n";
  }
  std::string n = std::to_string(report.rules.size());
  std::string f = std::to_string(failures);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<testsuites name=\"pinset policy check\" tests=\"" +
         n + "\" failures=\"" + f +
         "\" errors=\"0\">\n"
         "  <testsuite name=\"pinset.policy\" tests=\"" +
         n + "\" failures=\"" + f + "\" errors=\"0\" skipped=\"0\">\n" + cases +
         "  </testsuite>\n"
         "</testsuites>\n";
}

}  // namespace pinset::policy
