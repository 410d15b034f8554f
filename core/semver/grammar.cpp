#include "core/semver/grammar.hpp"

#include "core/semver/js_text.hpp"

namespace pinset::semver::grammar {

namespace {

std::size_t digits_end(std::string_view s, std::size_t i) {
  while (i < s.size() && is_digit(s[i]))
    ++i;
  return i;
}

std::size_t ident_end(std::string_view s, std::size_t i) {
  while (i < s.size() && is_ident(s[i]))
    ++i;
  return i;
}

// PRERELEASEIDENTIFIERLOOSE `[0-9]+|\d*[a-zA-Z-][a-zA-Z0-9-]*`, first match.
std::size_t loose_prerelease_id(std::string_view s, std::size_t i) {
  if (i >= s.size()) return npos;
  if (is_digit(s[i])) return digits_end(s, i);
  if (is_alpha(s[i]) || s[i] == '-') return ident_end(s, i + 1);
  return npos;
}

// PRERELEASEIDENTIFIER `0|[1-9]\d*|\d*[a-zA-Z-][a-zA-Z0-9-]*`, first match.
std::size_t prerelease_id(std::string_view s, std::size_t i) {
  if (i >= s.size()) return npos;
  if (s[i] == '0') return i + 1;
  if (is_digit(s[i])) return digits_end(s, i);
  if (is_alpha(s[i]) || s[i] == '-') return ident_end(s, i + 1);
  return npos;
}

// BUILD `(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?`, first match: the end (i if absent).
std::size_t build_first(std::string_view s, std::size_t i) {
  if (!char_is(s, i, '+')) return i;
  std::size_t j = ident_end(s, i + 1);
  if (j == i + 1) return i;
  while (char_is(s, j, '.')) {
    std::size_t k = ident_end(s, j + 1);
    if (k == j + 1) break;
    j = k;
  }
  return j;
}

// The end of the run of [0-9A-Za-z.-] starting at i.
std::size_t dotted_end(std::string_view s, std::size_t i) {
  while (i < s.size() && (is_ident(s[i]) || s[i] == '.'))
    ++i;
  return i;
}

template <class Check>
bool each_dotted(std::string_view text, Check check) {
  std::size_t start = 0;
  while (true) {
    std::size_t dot = text.find('.', start);
    std::string_view id = text.substr(start, dot == npos ? npos : dot - start);
    if (id.empty() || !check(id)) return false;
    if (dot == npos) return true;
    start = dot + 1;
  }
}

}  // namespace

std::size_t skip_prefix(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    if (s[i] == 'v' || s[i] == '=') {
      ++i;
    } else if (std::size_t n = js::space_at(s, i)) {
      i += n;
    } else {
      break;
    }
  }
  return i;
}

std::size_t xrange_id(std::string_view s, std::size_t i) {
  if (i >= s.size()) return npos;
  char c = s[i];
  if (c == '0' || c == 'x' || c == 'X' || c == '*') return i + 1;
  if (is_digit(c)) return digits_end(s, i);
  return npos;
}

bool valid_prerelease(std::string_view text) {
  return each_dotted(text, [](std::string_view id) {
    for (char c : id)
      if (!is_ident(c)) return false;
    if (digits_end(id, 0) == id.size()) return id.size() == 1 || id[0] != '0';
    return true;
  });
}

bool valid_build(std::string_view text) {
  return each_dotted(text, [](std::string_view id) { return ident_end(id, 0) == id.size(); });
}

std::size_t loose_plain_core(std::string_view s, std::size_t i) {
  std::size_t j = i;
  for (int part = 0; part < 3; ++part) {
    if (part > 0) {
      if (!char_is(s, j, '.')) return npos;
      ++j;
    }
    std::size_t k = digits_end(s, j);
    if (k == j) return npos;
    j = k;
  }
  // `(?:-?(id(?:\.id)*))?`: with "-" taken the identifier must follow; else "-" itself starts one.
  std::size_t q = char_is(s, j, '-') ? loose_prerelease_id(s, j + 1) : npos;
  if (q == npos) q = loose_prerelease_id(s, j);
  if (q != npos) {
    j = q;
    while (char_is(s, j, '.')) {
      std::size_t r = loose_prerelease_id(s, j + 1);
      if (r == npos) break;
      j = r;
    }
  }
  return build_first(s, j);
}

std::size_t xrange_plain_core(std::string_view s, std::size_t i) {
  std::size_t j = xrange_id(s, i);
  if (j == npos) return npos;
  if (!char_is(s, j, '.')) return j;
  std::size_t k = xrange_id(s, j + 1);
  if (k == npos) return j;
  j = k;
  if (!char_is(s, j, '.')) return j;
  k = xrange_id(s, j + 1);
  if (k == npos) return j;
  j = k;
  if (char_is(s, j, '-')) {
    std::size_t q = prerelease_id(s, j + 1);
    if (q != npos) {
      j = q;
      while (char_is(s, j, '.')) {
        std::size_t r = prerelease_id(s, j + 1);
        if (r == npos) break;
        j = r;
      }
    }
  }
  return build_first(s, j);
}

bool xrange_plain_anchored(std::string_view s, std::size_t i, XRangeParts& out) {
  out = XRangeParts{};
  std::size_t j = xrange_id(s, i);
  if (j == npos) return false;
  out.major = s.substr(i, j - i);
  // An optional group that fails to match leaves a ".", "-" or "+" that no terminator accepts, so
  // stopping there is the same as the regex failing.
  if (char_is(s, j, '.')) {
    std::size_t k = xrange_id(s, j + 1);
    if (k != npos) {
      out.minor = s.substr(j + 1, k - j - 1);
      out.has_minor = true;
      j = k;
      if (char_is(s, j, '.')) {
        k = xrange_id(s, j + 1);
        if (k != npos) {
          out.patch = s.substr(j + 1, k - j - 1);
          out.has_patch = true;
          j = k;
          if (char_is(s, j, '-')) {
            std::size_t r = dotted_end(s, j + 1);
            if (valid_prerelease(s.substr(j + 1, r - j - 1))) {
              out.prerelease = s.substr(j + 1, r - j - 1);
              out.has_prerelease = true;
              j = r;
            }
          }
          if (char_is(s, j, '+')) {
            std::size_t r = dotted_end(s, j + 1);
            if (valid_build(s.substr(j + 1, r - j - 1))) {
              out.build = s.substr(j + 1, r - j - 1);
              out.has_build = true;
              j = r;
            }
          }
        }
      }
    }
  }
  out.end = j;
  return true;
}

std::string increment(std::string_view digits) {
  std::string out(digits);
  for (std::size_t k = out.size(); k-- > 0;) {
    if (out[k] != '9') {
      ++out[k];
      return out;
    }
    out[k] = '0';
  }
  return "1" + out;
}

}  // namespace pinset::semver::grammar
