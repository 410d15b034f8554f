#pragma once
// Hand-written equivalents of the regular expressions of node-semver 7.8.6 that range parsing
// uses: its bounded ("safe") forms from internal/re.js, where `\d*` is `\d{0,256}` and an
// identifier's `[a-zA-Z0-9-]*` is `{0,250}`, and the scanner of
// internal/trim-comparator-whitespace.js. The regular expressions are "anchored": followed by
// whitespace or the end of the text, which forces a maximal, fully valid match. Positions are byte
// offsets; `npos` means "no match".

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

// XRANGEIDENTIFIER `0|[1-9]\d{0,256}|x|X|\*` at i: its end, or npos.
std::size_t xrange_id(std::string_view s, std::size_t i);

// A dot-separated prerelease (`\d{0,256}[a-zA-Z-][a-zA-Z0-9-]{0,250}|0|[1-9]\d{0,256}`
// identifiers) or build (`[a-zA-Z0-9-]{1,250}` identifiers) that must be matched whole.
bool valid_prerelease(std::string_view text);
bool valid_build(std::string_view text);

// A digit or "x", "X", "*": where a version may start in the comparator trim (isVersionStart).
inline bool is_version_start(std::string_view s, std::size_t i) {
  return i < s.size() && (is_digit(s[i]) || s[i] == 'x' || s[i] == 'X' || s[i] == '*');
}

// The last two runs of digits find_version_end read (their start and end), for one text scanned
// from left to right: they keep the scan linear.
struct DigitRuns {
  std::size_t start = npos, end = npos, previous_start = npos, previous_end = npos;
};

// findVersionEndIndex of internal/trim-comparator-whitespace.js: from a version start at i, where
// a loose full version (digits.digits.digits, prerelease, build) or else a partial or x-range
// version ends. Never less than i + 1.
std::size_t find_version_end(std::string_view s, std::size_t i, DigitRuns& runs);

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

// node-semver's invalidXRangeOrder(M, m, p): a number after an x, as in "x.1", "*.1.2" or "1.x.3".
// Such an x-range is left as is, and the comparator parser rejects it.
inline bool invalid_x_order(const XRangeParts& p) {
  bool x_minor = is_x(p.minor, p.has_minor);
  return (is_x(p.major, true) && !x_minor) || (x_minor && p.has_patch && !is_x(p.patch, true));
}

// `${+digits + 1}` for a decimal without leading zeros, exactly (beyond 2^53-1 JavaScript would
// round, but such a number is rejected as a version number either way).
std::string increment(std::string_view digits);

}  // namespace pinset::semver::grammar
