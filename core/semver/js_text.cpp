#include "core/semver/js_text.hpp"

namespace pinset::semver::js {

namespace {

unsigned char byte_at(std::string_view text, std::size_t i) {
  return static_cast<unsigned char>(text[i]);
}

bool is_continuation(std::string_view text, std::size_t i) {
  return i < text.size() && (byte_at(text, i) & 0xC0) == 0x80;
}

// Decodes the code point at text[i]; returns its byte length (1 for an invalid byte) and sets cp.
std::size_t decode(std::string_view text, std::size_t i, char32_t& cp) {
  unsigned char b = byte_at(text, i);
  if (b < 0x80) {
    cp = b;
    return 1;
  }
  std::size_t len = 0;
  char32_t min = 0;
  if ((b & 0xE0) == 0xC0) {
    len = 2;
    cp = b & 0x1F;
    min = 0x80;
  } else if ((b & 0xF0) == 0xE0) {
    len = 3;
    cp = b & 0x0F;
    min = 0x800;
  } else if ((b & 0xF8) == 0xF0) {
    len = 4;
    cp = b & 0x07;
    min = 0x10000;
  } else {
    cp = 0xFFFD;
    return 1;
  }
  for (std::size_t k = 1; k < len; ++k) {
    if (!is_continuation(text, i + k)) {
      cp = 0xFFFD;
      return 1;
    }
    cp = (cp << 6) | (byte_at(text, i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    cp = 0xFFFD;
    return 1;
  }
  return len;
}

bool is_js_space(char32_t cp) {
  switch (cp) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

}  // namespace

std::size_t space_at(std::string_view text, std::size_t i) {
  if (i >= text.size()) return 0;
  unsigned char b = byte_at(text, i);
  if (b < 0x80) return (b == ' ' || (b >= 0x09 && b <= 0x0D)) ? 1 : 0;
  char32_t cp = 0;
  std::size_t len = decode(text, i, cp);
  return len > 1 && is_js_space(cp) ? len : 0;
}

std::size_t skip_space(std::string_view text, std::size_t i) {
  while (std::size_t n = space_at(text, i))
    i += n;
  return i;
}

std::size_t char_length(std::string_view text, std::size_t i) {
  if (i >= text.size()) return 0;
  char32_t cp = 0;
  return decode(text, i, cp);
}

std::size_t utf16_length(std::string_view text) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    i += decode(text, i, cp);
    units += cp > 0xFFFF ? 2 : 1;
  }
  return units;
}

std::string_view trim(std::string_view text) {
  std::size_t begin = skip_space(text, 0);
  std::size_t end = begin;
  for (std::size_t i = begin; i < text.size();) {
    if (std::size_t n = space_at(text, i)) {
      i += n;
    } else {
      i += char_length(text, i);
      end = i;
    }
  }
  return text.substr(begin, end - begin);
}

std::string collapse_space(std::string_view text) {
  std::string out;
  bool first = true;
  for (std::string_view word : split_space(trim(text))) {
    if (!first) out += ' ';
    first = false;
    out += word;
  }
  return out;
}

std::vector<std::string_view> split_space(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (std::size_t n = space_at(text, i)) {
      out.push_back(text.substr(start, i - start));
      i = skip_space(text, i + n);
      start = i;
    } else {
      i += char_length(text, i);
    }
  }
  out.push_back(text.substr(start));
  return out;
}

}  // namespace pinset::semver::js
