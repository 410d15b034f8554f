#pragma once
// Hand-written equivalents of the regular expressions of node-semver 7.3.5 (internal/re.js) that
// range parsing uses. Each function states which expression it stands for and in which setting:
//  - "first match": the expression ends the pattern (nothing after it can force backtracking), so
//  the
//    regex engine keeps the first path that matches: greedy quantifiers, leftmost alternatives;
//  - "anchored": the expression must be followed by whitespace or the end of the text, which forces
//  a
//    maximal, fully valid match.
// Positions are byte offsets; `npos` means "no match".

#include <cstddef>
#include <string>
#include <string_view>

namespace pinset::semver::grammar {

constexpr std::size_t npos = std::string_view::npos;

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
// [0-9A-Za-z-]: the characters of prerelease and build identifiers.
inline bool is_ident(char c) {
  return is_digit(c) || is_alpha(c) || c == '-';
}
inline bool char_is(std::string_view s, std::size_t i, char c) {
  return i < s.size() && s[i] == c;
}

// `[v=\s]*`: the end of the run of "v", "=" and whitespace starting at i.
std::size_t skip_prefix(std::string_view s, std::size_t i);

// XRANGEIDENTIFIER `0|[1-9]\d*|x|X|\*` at i: its end, or npos.
std::size_t xrange_id(std::string_view s, std::size_t i);

// A dot-separated prerelease (`0|[1-9]\d*|\d*[a-zA-Z-][a-zA-Z0-9-]*` identifiers) or build
// (`[0-9A-Za-z-]+` identifiers) that must be matched whole.
bool valid_prerelease(std::string_view text);
bool valid_build(std::string_view text);

// LOOSEPLAIN without its `[v=\s]*` prefix, first match: digits.digits.digits, `-?` prerelease with
// loose identifiers, build.
std::size_t loose_plain_core(std::string_view s, std::size_t i);

// XRANGEPLAIN without its prefix, first match.
std::size_t xrange_plain_core(std::string_view s, std::size_t i);

// XRANGEPLAIN without its prefix, anchored. The captures of node-semver's callbacks; `end` is where
// the match stops (the caller checks that whitespace or the end of the text follows).
struct XRangeParts {
  std::string_view major, minor, patch, prerelease, build;
  bool has_minor = false, has_patch = false, has_prerelease = false, has_build = false;
  std::size_t end = 0;
};
bool xrange_plain_anchored(std::string_view s, std::size_t i, XRangeParts& out);

// node-semver's isX(id): absent, "x", "X" or "*".
inline bool is_x(std::string_view id, bool present) {
  return !present || id.empty() || id == "x" || id == "X" || id == "*";
}

// `${+digits + 1}` for a decimal without leading zeros, exactly (beyond 2^53-1 JavaScript would
// round, but such a number is rejected as a version number either way).
std::string increment(std::string_view digits);

}  // namespace pinset::semver::grammar
