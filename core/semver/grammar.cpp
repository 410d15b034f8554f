#include "core/semver/grammar.hpp"

#include <algorithm>

#include "core/semver/detail.hpp"
#include "core/semver/js_text.hpp"

namespace pinset::semver::grammar {

namespace {

std::size_t digits_end(std::string_view s, std::size_t i) {
  while (i < s.size() && is_digit(s[i]))
    ++i;
  return i;
}

// The end of at most `limit` digits from i: `\d{0,limit}`, greedy.
std::size_t digits_end(std::string_view s, std::size_t i, std::size_t limit) {
  return digits_end(s.substr(0, std::min(s.size(), i + limit)), i);
}

// node-semver's `[1-9]\d{0,256}` after the first digit, and `[a-zA-Z0-9-]{0,250}`.
constexpr std::size_t k_number_digits = detail::k_max_length + 1;
constexpr std::size_t k_max_ident = detail::k_max_safe_build_length;

std::size_t ident_end(std::string_view s, std::size_t i) {
  while (i < s.size() && is_ident(s[i]))
    ++i;
  return i;
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
  if (is_digit(c)) return digits_end(s, i, k_number_digits);
  return npos;
}

bool valid_prerelease(std::string_view text) {
  return each_dotted(text, [](std::string_view id) {
    for (char c : id)
      if (!is_ident(c)) return false;
    std::size_t digits = digits_end(id, 0);
    if (digits == id.size()) return id.size() == 1 || (id[0] != '0' && digits <= k_number_digits);
    // `\d{0,256}[a-zA-Z-][a-zA-Z0-9-]{0,250}`
    return digits <= detail::k_max_length && id.size() - digits - 1 <= k_max_ident;
  });
}

bool valid_build(std::string_view text) {
  return each_dotted(text, [](std::string_view id) {
    return ident_end(id, 0) == id.size() && id.size() <= k_max_ident;
  });
}

// The scanner of internal/trim-comparator-whitespace.js, function by function (same names in
// snake_case). It finds where one version-like text ends, with the length caps of node-semver's
// bounded regexes, so that the trim resumes where the regex it replaced would.
namespace {

// findDigitsEndIndex: at most `limit` digits. The last two runs of digits are remembered, so that
// reading from inside one again (the scan moves by at most 257 digits at a time, and a failed full
// version rewinds) does not read it again.
std::size_t find_digits_end(std::string_view s, std::size_t start, std::size_t limit,
                            DigitRuns& runs) {
  if (start >= s.size() || !is_digit(s[start])) return start;
  if (start >= runs.start && start < runs.end) return std::min(start + limit, runs.end);
  if (start >= runs.previous_start && start < runs.previous_end) {
    return std::min(start + limit, runs.previous_end);
  }
  runs.previous_start = runs.start;
  runs.previous_end = runs.end;
  runs.start = start;
  runs.end = digits_end(s, start);
  return std::min(start + limit, runs.end);
}

// findVersionNumberEndIndex: strict reads just the first zero of "012".
std::size_t find_version_number_end(std::string_view s, std::size_t start, bool loose,
                                    DigitRuns& runs) {
  if (!loose && char_is(s, start, '0')) return start + 1;
  return find_digits_end(s, start, loose ? detail::k_max_length : detail::k_max_length + 1, runs);
}

// findPrereleaseIdentifierEndIndex: the letter-or-hyphen form first, then the number.
std::size_t find_prerelease_identifier_end(std::string_view s, std::size_t start, bool loose,
                                           DigitRuns& runs) {
  std::size_t digits = find_digits_end(s, start, detail::k_max_length, runs);
  if (digits < s.size() && (is_alpha(s[digits]) || s[digits] == '-')) {
    std::size_t end = digits + 1;
    std::size_t limit = std::min(s.size(), end + k_max_ident);
    while (end < limit && is_ident(s[end]))
      ++end;
    return end;
  }
  return find_version_number_end(s, start, loose, runs);
}

// findPrereleaseEndIndex: loose allows the name without its hyphen, or the hyphen as the name.
std::size_t find_prerelease_end(std::string_view s, std::size_t start, bool loose,
                                DigitRuns& runs) {
  bool hyphen = char_is(s, start, '-');
  if (!loose && !hyphen) return start;
  std::size_t id_start = start + (hyphen ? 1 : 0);
  std::size_t end = find_prerelease_identifier_end(s, id_start, loose, runs);
  if (end == id_start) {
    if (!loose || !hyphen) return start;
    end = find_prerelease_identifier_end(s, start, loose, runs);
  }
  while (char_is(s, end, '.')) {
    std::size_t next = find_prerelease_identifier_end(s, end + 1, loose, runs);
    if (next == end + 1) break;
    end = next;
  }
  return end;
}

// findBuildIdentifierEndIndex
std::size_t find_build_identifier_end(std::string_view s, std::size_t start) {
  std::size_t end = start;
  while (end - start < k_max_ident && end < s.size() && is_ident(s[end]))
    ++end;
  return end;
}

// findBuildEndIndex
std::size_t find_build_end(std::string_view s, std::size_t start) {
  if (!char_is(s, start, '+')) return start;
  std::size_t end = find_build_identifier_end(s, start + 1);
  if (end == start + 1) return start;
  while (char_is(s, end, '.')) {
    std::size_t next = find_build_identifier_end(s, end + 1);
    if (next == end + 1) break;
    end = next;
  }
  return end;
}

// findLooseFullVersionEndIndex
std::size_t find_loose_full_version_end(std::string_view s, std::size_t start, DigitRuns& runs) {
  std::size_t end = start;
  for (int component = 0; component < 3; ++component) {
    std::size_t next = find_version_number_end(s, end, true, runs);
    if (next == end) return start;
    end = next;
    if (component < 2) {
      if (!char_is(s, end, '.')) return start;
      ++end;
    }
  }
  return find_build_end(s, find_prerelease_end(s, end, true, runs));
}

// findPartialVersionComponentEndIndex
std::size_t find_partial_component_end(std::string_view s, std::size_t start, DigitRuns& runs) {
  if (start < s.size() && is_digit(s[start])) return find_version_number_end(s, start, false, runs);
  return is_version_start(s, start) ? start + 1 : start;
}

// findPartialVersionEndIndex
std::size_t find_partial_version_end(std::string_view s, std::size_t start, DigitRuns& runs) {
  std::size_t end = find_partial_component_end(s, start, runs);
  for (int component = 0; component < 2; ++component) {
    if (!char_is(s, end, '.')) return end;
    std::size_t next = find_partial_component_end(s, end + 1, runs);
    if (next == end + 1) return end;
    end = next;
  }
  return find_build_end(s, find_prerelease_end(s, end, false, runs));
}

}  // namespace

std::size_t find_version_end(std::string_view s, std::size_t start, DigitRuns& runs) {
  std::size_t full = find_loose_full_version_end(s, start, runs);
  return full != start ? full : find_partial_version_end(s, start, runs);
}

namespace {

// The end of a dotted part at i that `valid` accepts, or npos.
template <bool (*Valid)(std::string_view)>
std::size_t valid_dotted_end(std::string_view s, std::size_t i) {
  std::size_t end = dotted_end(s, i);
  return Valid(s.substr(i, end - i)) ? end : npos;
}

// Takes "<sep><part>" at j into `part` (and j past it) when `part_end` finds a part after the
// separator (npos: none). An optional group that fails to match leaves a ".", "-" or "+" that no
// terminator accepts, so stopping there is the same as the regex failing.
bool take_part(std::string_view s, std::size_t& j, char sep,
               std::size_t (*part_end)(std::string_view, std::size_t), std::string_view& part,
               bool& has) {
  if (!char_is(s, j, sep)) return false;
  std::size_t end = part_end(s, j + 1);
  if (end == npos) return false;
  part = s.substr(j + 1, end - j - 1);
  has = true;
  j = end;
  return true;
}

}  // namespace

bool xrange_plain_anchored(std::string_view s, std::size_t i, XRangeParts& out) {
  out = XRangeParts{};
  std::size_t j = xrange_id(s, i);
  if (j == npos) return false;
  out.major = s.substr(i, j - i);
  if (take_part(s, j, '.', xrange_id, out.minor, out.has_minor) &&
      take_part(s, j, '.', xrange_id, out.patch, out.has_patch)) {
    take_part(s, j, '-', valid_dotted_end<valid_prerelease>, out.prerelease, out.has_prerelease);
    take_part(s, j, '+', valid_dotted_end<valid_build>, out.build, out.has_build);
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
