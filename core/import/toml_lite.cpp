#include "core/import/toml_lite.hpp"

#include <cstdint>

namespace pinset::importer {

namespace {

constexpr int k_max_depth = 32;

bool is_bare_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool is_bare_value_char(char c) {
  return is_bare_key_char(c) || c == '.' || c == ':' || c == '+';
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& source) : m_text(text), m_source(source) {}

  Result<std::vector<TomlTable>> run() {
    std::vector<TomlTable> tables(1);
    tables.back().body.kind = TomlValue::Kind::table;
    tables.back().line = 1;
    for (;;) {
      skip_blank_lines();
      if (at_end()) break;
      if (peek() == '[') {
        TomlTable table;
        table.line = m_line;
        table.body.kind = TomlValue::Kind::table;
        table.body.line = m_line;
        ++m_pos;
        if (!at_end() && peek() == '[') {
          table.array_item = true;
          ++m_pos;
        }
        TRY_ASSIGN(table.header, key());
        skip_spaces();
        if (!eat(']') || (table.array_item && !eat(']'))) {
          return error(table.array_item ? "\"]]\" after the table name"
                                        : "\"]\" after the table name");
        }
        TRY(end_of_line());
        tables.push_back(std::move(table));
        continue;
      }
      std::string name;
      TRY_ASSIGN(name, key());
      skip_spaces();
      if (!eat('=')) return error("\"=\" after the key " + quote(name));
      skip_spaces();
      TomlValue v;
      TRY_ASSIGN(v, value(0));
      tables.back().body.fields.push_back(TomlField{std::move(name), std::move(v)});
      TRY(end_of_line());
    }
    return tables;
  }

 private:
  bool at_end() const { return m_pos >= m_text.size(); }
  char peek() const { return m_text[m_pos]; }
  bool eat(char c) {
    if (at_end() || peek() != c) return false;
    ++m_pos;
    return true;
  }
  void skip_spaces() {
    while (!at_end() && (peek() == ' ' || peek() == '\t'))
      ++m_pos;
  }
  void skip_comment() {
    if (!at_end() && peek() == '#') {
      while (!at_end() && peek() != '\n')
        ++m_pos;
    }
  }
  // Spaces, comments and newlines (inside arrays, and between statements).
  void skip_blank_lines() {
    for (;;) {
      skip_spaces();
      skip_comment();
      if (at_end()) return;
      if (peek() == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') ++m_pos;
      if (peek() != '\n') return;
      ++m_pos;
      ++m_line;
      m_line_start = m_pos;
    }
  }
  Status end_of_line() {
    skip_spaces();
    skip_comment();
    if (at_end()) return {};
    if (peek() == '\r') ++m_pos;
    if (!at_end() && peek() == '\n') return {};
    return error("the end of the line");
  }

  tl::unexpected<Error> error(const std::string& expected) const {
    std::string found = at_end()                           ? "the end of the file"
                        : peek() == '\n' || peek() == '\r' ? "the end of the line"
                                                           : quote(m_text.substr(m_pos, 1));
    return fail(codes::parse, "invalid TOML: expected " + expected + ", found " + found,
                Location{m_source, m_line, static_cast<int>(m_pos - m_line_start) + 1, ""},
                "the file is not a lock file written by its tool; regenerate it");
  }

  // A dotted key; the parts joined with '.'.
  Result<std::string> key() {
    std::string out;
    for (;;) {
      skip_spaces();
      if (!at_end() && (peek() == '"' || peek() == '\'')) {
        std::string part;
        TRY_ASSIGN(part, string_value());
        out += part;
      } else {
        std::size_t start = m_pos;
        while (!at_end() && is_bare_key_char(peek()))
          ++m_pos;
        if (m_pos == start) return error("a key");
        out += m_text.substr(start, m_pos - start);
      }
      skip_spaces();
      if (!eat('.')) return out;
      out += '.';
    }
  }

  Result<std::string> string_value() {
    const char quote_char = peek();
    const bool literal = quote_char == '\'';
    const std::string triple(3, quote_char);
    const bool multi = m_text.substr(m_pos, 3) == triple;
    m_pos += multi ? 3 : 1;
    if (multi && !at_end() && peek() == '\n') {  // a newline right after """ is dropped
      ++m_pos;
      ++m_line;
      m_line_start = m_pos;
    }
    std::string out;
    for (;;) {
      if (at_end()) return error("the closing quote of a string");
      char c = peek();
      if (multi ? m_text.substr(m_pos, 3) == triple : c == quote_char) {
        m_pos += multi ? 3 : 1;
        return out;
      }
      if (c == '\n') {
        if (!multi) return error("the closing quote of a string");
        ++m_line;
        m_line_start = m_pos + 1;
      }
      if (c == '\\' && !literal) {
        ++m_pos;
        if (at_end()) return error("an escape sequence");
        char e = peek();
        ++m_pos;
        switch (e) {
          case 'n':
            out += '\n';
            break;
          case 't':
            out += '\t';
            break;
          case 'r':
            out += '\r';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case 'u':
          case 'U': {
            std::size_t digits = e == 'u' ? 4 : 8;
            if (m_pos + digits > m_text.size()) return error("hex digits of an escape");
            std::uint32_t cp = 0;
            for (std::size_t i = 0; i < digits; ++i) {
              char h = m_text[m_pos + i];
              int d = h >= '0' && h <= '9'   ? h - '0'
                      : h >= 'a' && h <= 'f' ? h - 'a' + 10
                      : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                             : -1;
              if (d < 0) return error("hex digits of an escape");
              cp = cp * 16 + static_cast<std::uint32_t>(d);
            }
            if (cp > 0x10FFFF) return error("a Unicode code point");
            m_pos += digits;
            append_utf8(out, cp);
            break;
          }
          default:
            --m_pos;
            return error("a valid escape sequence");
        }
        continue;
      }
      out += c;
      ++m_pos;
    }
  }

  Result<TomlValue> value(int depth) {
    if (depth > k_max_depth) return error("at most " + std::to_string(k_max_depth) + " levels");
    if (at_end()) return error("a value");
    TomlValue v;
    v.line = m_line;
    char c = peek();
    if (c == '"' || c == '\'') {
      v.kind = TomlValue::Kind::string;
      TRY_ASSIGN(v.text, string_value());
      return v;
    }
    if (c == '[') {
      ++m_pos;
      v.kind = TomlValue::Kind::array;
      for (;;) {
        skip_blank_lines();
        if (eat(']')) return v;
        TomlValue item;
        TRY_ASSIGN(item, value(depth + 1));
        v.items.push_back(std::move(item));
        skip_blank_lines();
        if (eat(']')) return v;
        if (!eat(',')) return error("\",\" or \"]\" in an array");
      }
    }
    if (c == '{') {
      ++m_pos;
      v.kind = TomlValue::Kind::table;
      skip_spaces();
      if (eat('}')) return v;
      for (;;) {
        std::string name;
        TRY_ASSIGN(name, key());
        skip_spaces();
        if (!eat('=')) return error("\"=\" after the key " + quote(name));
        skip_spaces();
        TomlValue field;
        TRY_ASSIGN(field, value(depth + 1));
        v.fields.push_back(TomlField{std::move(name), std::move(field)});
        skip_spaces();
        if (eat('}')) return v;
        if (!eat(',')) return error("\",\" or \"}\" in an inline table");
        skip_spaces();
      }
    }
    std::size_t start = m_pos;
    while (!at_end() && is_bare_value_char(peek()))
      ++m_pos;
    if (m_pos == start) return error("a value");
    v.text = std::string(m_text.substr(start, m_pos - start));
    bool digits = !v.text.empty();
    for (std::size_t i = 0; i < v.text.size(); ++i) {
      char d = v.text[i];
      if (!((d >= '0' && d <= '9') || d == '_' || (i == 0 && (d == '-' || d == '+'))))
        digits = false;
    }
    v.kind = v.text == "true" || v.text == "false" ? TomlValue::Kind::boolean
             : digits                              ? TomlValue::Kind::integer
                                                   : TomlValue::Kind::bare;
    return v;
  }

  std::string_view m_text;
  const std::string& m_source;
  std::size_t m_pos = 0;
  std::size_t m_line_start = 0;
  int m_line = 1;
};

}  // namespace

const TomlValue* TomlValue::find(std::string_view key) const {
  for (const auto& [name, value] : fields) {
    if (name == key) return &value;
  }
  return nullptr;
}

Result<std::vector<TomlTable>> parse_toml(std::string_view text, const std::string& source) {
  return Parser(text, source).run();
}

}  // namespace pinset::importer
