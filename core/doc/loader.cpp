// Format detection, positions, and the size and encoding checks both loaders share.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "core/doc/loader.hpp"
#include "core/doc/text_checks.hpp"

namespace pinset::doc {

Format format_for(std::string_view name) {
  // A URL's query or fragment is not part of its file name: ".../set.json?token=..." is JSON.
  if (name.find("://") != std::string_view::npos) {
    name = name.substr(0, name.find_first_of("?#"));
  }
  constexpr std::string_view k_ext = ".json";
  if (name.size() < k_ext.size()) return Format::yaml;
  std::string_view tail = name.substr(name.size() - k_ext.size());
  bool json = std::equal(tail.begin(), tail.end(), k_ext.begin(), [](char a, char b) {
    return (a >= 'A' && a <= 'Z' ? char(a - 'A' + 'a') : a) == b;
  });
  return json ? Format::json : Format::yaml;
}

Result<Node> load(std::string_view text, const std::string& source, Format format,
                  const Limits& limits) {
  return format == Format::json ? load_json(text, source, limits) : load_yaml(text, source, limits);
}

Mark mark_at(std::string_view text, std::size_t offset) {
  return detail::LineCursor(text).at(offset);
}

namespace detail {

Mark LineCursor::at(std::size_t offset) {
  offset = std::min(offset, m_text.size());
  if (offset < m_offset) *this = LineCursor(m_text);  // went backwards: start over
  const char* base = m_text.data();
  while (m_offset < offset) {
    const void* nl = std::memchr(base + m_offset, '\n', offset - m_offset);
    if (!nl) {
      m_offset = offset;
      break;
    }
    m_offset = static_cast<std::size_t>(static_cast<const char*>(nl) - base) + 1;
    m_line_start = m_offset;
    ++m_line;
  }
  return Mark{m_line, static_cast<int>(offset - m_line_start) + 1};
}

Limits effective(const Limits& limits) {
  Limits out = limits;
  out.max_depth = std::clamp(limits.max_depth, 0, k_max_supported_depth);
  return out;
}

Status check_size(std::string_view text, const std::string& source, const Limits& limits) {
  if (text.size() <= limits.max_bytes) return {};
  return fail(codes::too_large,
              "the document is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                  std::to_string(limits.max_bytes) + " bytes",
              Location{source, 0, 0, ""},
              "check that this is the right file; pinset refuses larger documents");
}

namespace {

// Decodes the UTF-8 sequence at text[i]; returns its length and sets `cp`, or 0 when invalid.
std::size_t decode(std::string_view text, std::size_t i, char32_t& cp) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  std::size_t len = 0;
  char32_t min = 0;
  if (lead < 0x80) {
    cp = lead;
    return 1;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2, cp = lead & 0x1F, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3, cp = lead & 0x0F, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool yaml_allows(char32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r') return true;
  if (cp < 0x20 || cp == 0x7F) return false;
  if (cp >= 0x80 && cp <= 0x9F) return cp == 0x85;
  return cp != 0xFFFE && cp != 0xFFFF;
}

// NEL, LS and PS break lines in YAML 1.1 (and so in libyaml, which reads pinset's YAML) but are
// text in YAML 1.2: a document holding one raw means different things to different readers.
bool is_disputed_break(char32_t cp) {
  return cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

}  // namespace

Status check_text(std::string_view text, const std::string& source, bool yaml) {
  std::size_t i = 0;
  while (i < text.size()) {
    // Fast path over printable ASCII, eight bytes at a time.
    while (i + 8 <= text.size()) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      bool ascii = (word & 0x8080808080808080ull) == 0;
      bool printable = ((word - 0x2020202020202020ull) & 0x8080808080808080ull) == 0 &&
                       ((word + 0x0101010101010101ull) & 0x8080808080808080ull) == 0;
      if (!ascii || !printable) break;  // may be a DEL, control or a multi-byte character
      i += 8;
    }
    if (i >= text.size()) break;
    char32_t cp = 0;
    std::size_t len = decode(text, i, cp);
    if (len == 0) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned char>(text[i]));
      Mark m = mark_at(text, i);
      return fail(codes::parse, std::string("the text is not valid UTF-8 (byte ") + byte + ")",
                  Location{source, m.line, m.column, ""}, "save the file as UTF-8");
    }
    if (yaml && !yaml_allows(cp)) {
      char name[16];
      std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(cp));
      Mark m = mark_at(text, i);
      return fail(codes::parse,
                  std::string("the control character ") + name + " is not allowed in YAML",
                  Location{source, m.line, m.column, ""},
                  "remove it, or write it as an escape such as \"\\t\" inside a double-quoted "
                  "string");
    }
    if (yaml && is_disputed_break(cp)) {
      char name[16];
      std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(cp));
      Mark m = mark_at(text, i);
      return fail(codes::parse,
                  std::string("the character ") + name +
                      " is not allowed in YAML: some readers take it for a line break, others "
                      "for text",
                  Location{source, m.line, m.column, ""},
                  "remove it, or write it as the escape \"\\N\", \"\\L\" or \"\\P\" inside a "
                  "double-quoted string");
    }
    i += len;
  }
  return {};
}

}  // namespace detail
}  // namespace pinset::doc
