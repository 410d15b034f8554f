// The versioning schemes' table, their grammars and orders.
#include "core/semver/scheme.hpp"

#include <array>
#include <string>

#include "core/util/strings.hpp"

namespace pinset::semver {

namespace {

constexpr std::array<SchemeInfo, 5> k_schemes{{
    {Scheme::semver, "semver", "1.2.3", true, true},
    {Scheme::relaxed, "relaxed", "72.1", true, true},
    {Scheme::date, "date", "2024-06-01", true, false},
    {Scheme::debian, "debian", "1.2.13.dfsg", true, true},
    {Scheme::string, "string", "2026b", false, false},
}};

constexpr std::size_t k_max_length = 256;
constexpr std::size_t k_max_digits = 16;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alnum(char c) {
  return is_digit(c) || is_alpha(c);
}

// Dot-separated runs of digits from `i` on; the index after them, or npos if a run is empty or
// too long.
std::size_t numbers(std::string_view t, std::size_t i) {
  while (true) {
    std::size_t start = i;
    while (i < t.size() && is_digit(t[i]))
      ++i;
    if (i == start || i - start > k_max_digits) return std::string_view::npos;
    if (i == t.size() || t[i] != '.') return i;
    ++i;
  }
}

// The dot-separated numbers of `t` from `i` on (as far as they go), compared with missing ones 0.
std::strong_ordering compare_numbers(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    std::uint64_t x = 0, y = 0;
    for (; i < a.size() && is_digit(a[i]); ++i)
      x = x * 10 + static_cast<std::uint64_t>(a[i] - '0');
    for (; j < b.size() && is_digit(b[j]); ++j)
      y = y * 10 + static_cast<std::uint64_t>(b[j] - '0');
    if (auto c = x <=> y; c != 0) return c;
    if (i < a.size()) ++i;  // the '.' (or '-' of a date)
    if (j < b.size()) ++j;
  }
  return std::strong_ordering::equal;
}

// dpkg's order of one character in a non-digit run: '~' first, then the end, letters, the rest.
int order(std::string_view t, std::size_t i) {
  if (i >= t.size() || is_digit(t[i])) return 0;
  char c = t[i];
  if (c == '~') return -1;
  if (is_alpha(c)) return static_cast<unsigned char>(c);
  return static_cast<unsigned char>(c) + 256;
}

// dpkg's verrevcmp.
std::strong_ordering debian_compare(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    while ((i < a.size() && !is_digit(a[i])) || (j < b.size() && !is_digit(b[j]))) {
      int x = order(a, i), y = order(b, j);
      if (x != y) return x <=> y;
      ++i, ++j;
    }
    while (i < a.size() && a[i] == '0')
      ++i;
    while (j < b.size() && b[j] == '0')
      ++j;
    int first = 0;
    while (i < a.size() && is_digit(a[i]) && j < b.size() && is_digit(b[j])) {
      if (first == 0) first = a[i] - b[j];
      ++i, ++j;
    }
    if (i < a.size() && is_digit(a[i])) return std::strong_ordering::greater;
    if (j < b.size() && is_digit(b[j])) return std::strong_ordering::less;
    if (first != 0) return first <=> 0;
  }
  return std::strong_ordering::equal;
}

bool real_date(std::string_view t) {
  if (t.size() < 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t k : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(t[k])) return false;
  }
  int y = std::stoi(std::string(t.substr(0, 4)));
  int m = std::stoi(std::string(t.substr(5, 2)));
  int d = std::stoi(std::string(t.substr(8, 2)));
  static constexpr int k_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > k_days[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

}  // namespace

const SchemeInfo& scheme_info(Scheme s) {
  for (const SchemeInfo& info : k_schemes) {
    if (info.id == s) return info;
  }
  return k_schemes.front();
}

Result<Scheme> parse_scheme(std::string_view text) {
  std::string known;
  for (const SchemeInfo& info : k_schemes) {
    if (info.name == text) return info.id;
    known += (known.empty() ? "" : ", ") + std::string(info.name);
  }
  return fail(codes::invalid_versioning, "unknown versioning scheme " + quote(text), {},
              "write one of " + known + " (package-sets/README.md, \"Versioning schemes\")");
}

Status check_upstream(Scheme s, std::string_view t) {
  const SchemeInfo& info = scheme_info(s);
  auto bad = [&](std::string why) {
    return fail(codes::invalid_version,
                "invalid " + std::string(info.name) + " version " + quote(t) + ": " + why, {},
                "write a " + std::string(info.name) + " version such as " + quote(info.example) +
                    ", or declare the scheme these versions follow (`versioning`)");
  };
  if (t.empty()) return bad("it is empty");
  if (t.size() > k_max_length) return bad("it is longer than 256 characters");
  switch (s) {
    case Scheme::semver:
      break;
    case Scheme::relaxed: {
      std::size_t end = numbers(t, 0);
      if (end == std::string_view::npos) {
        return bad("expected numbers separated by dots, e.g. \"72.1\", each at most 16 digits");
      }
      if (end == t.size()) return {};
      if (t[end] != '+') {
        return bad("unexpected " + quote(t.substr(end)) +
                   " (relaxed versions are numbers and dots with an optional +build; the debian "
                   "scheme orders suffixes)");
      }
      std::string_view build = t.substr(end + 1);
      if (build.empty()) return bad("the build after '+' is empty");
      for (char c : build) {
        if (!is_alnum(c) && c != '.' && c != '-') {
          return bad("the build " + quote(build) + " contains " + quote(std::string_view(&c, 1)));
        }
      }
      return {};
    }
    case Scheme::date: {
      if (!real_date(t)) return bad("expected a real calendar date YYYY-MM-DD");
      if (t.size() == 10) return {};
      if (t[10] != '.' || numbers(t, 11) != t.size()) {
        return bad("after the date only .N parts may follow, e.g. \"2024-06-01.2\"");
      }
      return {};
    }
    case Scheme::debian:
      if (!is_digit(t[0])) return bad("it must start with a digit");
      for (char c : t) {
        if (!is_alnum(c) && c != '.' && c != '+' && c != '~' && c != '-') {
          return bad("it contains " + quote(std::string_view(&c, 1)) +
                     " (letters, digits, '.', '+', '~' and '-' only)");
        }
      }
      return {};
    case Scheme::string:
      for (char c : t) {
        if (!is_alnum(c) && c != '.' && c != '_' && c != '+' && c != '~' && c != '-') {
          return bad("it contains " + quote(std::string_view(&c, 1)) +
                     " (letters, digits, '.', '_', '+', '~' and '-' only)");
        }
      }
      return {};
  }
  return {};
}

std::strong_ordering compare_upstream(Scheme s, std::string_view a, std::string_view b) {
  switch (s) {
    case Scheme::relaxed:
      return compare_numbers(a.substr(0, a.find('+')), b.substr(0, b.find('+')));
    case Scheme::date:
      return compare_numbers(a, b);  // "2024-06-01.2": 2024, 06, 01, 2
    case Scheme::debian:
      return debian_compare(a, b);
    case Scheme::semver:
    case Scheme::string:
      break;
  }
  return a.compare(b) <=> 0;
}

std::string caret_ceiling(std::string_view v, bool minor) {
  std::size_t first_end = 0;
  while (first_end < v.size() && is_digit(v[first_end]))
    ++first_end;
  if (first_end == 0 || first_end > k_max_digits) return {};
  std::uint64_t major = std::stoull(std::string(v.substr(0, first_end)));
  if (minor && first_end < v.size() && v[first_end] == '.') {
    std::size_t second_end = first_end + 1;
    while (second_end < v.size() && is_digit(v[second_end]))
      ++second_end;
    if (second_end > first_end + 1 && second_end - first_end - 1 <= k_max_digits) {
      std::uint64_t second =
          std::stoull(std::string(v.substr(first_end + 1, second_end - first_end - 1)));
      return std::to_string(major) + "." + std::to_string(second + 1);
    }
  }
  return std::to_string(major + 1);
}

}  // namespace pinset::semver
