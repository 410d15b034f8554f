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

namespace {

// The code point of the UTF-8 sequence at value[i] and its length, or 0 when it is not valid
// UTF-8 (overlong forms, surrogates and values past U+10FFFF are invalid too).
std::size_t utf8_at(std::string_view value, std::size_t i, char32_t& cp) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(value[i + k]); };
  unsigned char c = b(0);
  std::size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
  if (len == 0 || c > 0xf4 || i + len > value.size()) return 0;
  cp = c & (0x7f >> len);
  for (std::size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3f);
  }
  static constexpr char32_t k_min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < k_min[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return len;
}

}  // namespace

std::string quote(std::string_view value, std::size_t max_chars) {
  std::string out = "\"";
  std::size_t n = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (n++ == max_chars) {
      out += "...";
      break;
    }
    char ch = value[i];
    auto c = static_cast<unsigned char>(ch);
    char buf[16];
    char32_t cp = 0;
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7f) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else if (c < 0x80) {
      out += ch;
    } else if (std::size_t len = utf8_at(value, i, cp); len > 0) {
      // Never a raw non-ASCII character: a Cyrillic "a" (U+0430) must not pass for a Latin one.
      std::snprintf(buf, sizeof buf, cp > 0xffff ? "\\U%08X" : "\\u%04X",
                    static_cast<unsigned>(cp));
      out += buf;
      i += len - 1;
    } else {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
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
