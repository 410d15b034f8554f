#include "core/util/error.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace pinset {

std::string Error::headline() const {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) {
      out += ':' + std::to_string(where.line);
      if (where.column > 0) out += ':' + std::to_string(where.column);
    }
    out += ": ";
  }
  if (!where.field.empty()) out += where.field + ": ";
  out += message;
  return out;
}

static void render_into(const Error& e, std::string& out, int indent) {
  std::string pad(static_cast<std::size_t>(indent), ' ');
  out += pad + e.headline() + '\n';
  if (!e.path.empty()) {
    out += pad + "  required by: ";
    for (std::size_t i = 0; i < e.path.size(); ++i) {
      if (i) out += " -> ";
      out += e.path[i];
    }
    out += '\n';
  }
  for (const Error& c : e.causes)
    render_into(c, out, indent + 2);
  if (!e.hint.empty()) out += pad + "  help: " + e.hint + '\n';
}

std::string Error::render() const {
  std::string out;
  render_into(*this, out, 0);
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string quote(std::string_view value, std::size_t max_chars) {
  std::string out = "\"";
  std::size_t n = 0;
  for (char ch : value) {
    if (n++ == max_chars) {
      out += "...";
      break;
    }
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  out += '"';
  return out;
}

void ErrorList::sort_by_position() {
  std::stable_sort(m_errors.begin(), m_errors.end(), [](const Error& a, const Error& b) {
    return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
  });
}

Error ErrorList::combine(std::string code, std::string summary, Location where) && {
  if (m_errors.size() == 1) return std::move(m_errors.front());
  Error top(std::move(code),
            std::move(summary) + " (" + std::to_string(m_errors.size()) + " errors)",
            std::move(where));
  top.causes = std::move(m_errors);
  return top;
}

}  // namespace pinset
