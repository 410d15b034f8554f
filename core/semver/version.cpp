#include "core/semver/version.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "core/semver/detail.hpp"
#include "core/semver/grammar.hpp"
#include "core/semver/js_text.hpp"

namespace pinset::semver {

namespace {

using grammar::is_digit;
using grammar::is_ident;

constexpr const char* k_version_hint =
    "write MAJOR.MINOR.PATCH with optional -prerelease and +build parts, e.g. \"1.2.3\" or "
    "\"2.0.0-rc.1\"";

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

// A decimal without leading zeros that is at most 2^53-1, as a number.
bool safe_number(std::string_view digits, std::uint64_t& value) {
  if (digits.size() > 16) return false;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return ec == std::errc() && end == digits.data() + digits.size() &&
         value <= detail::k_max_safe_integer;
}

std::string unexpected(std::string_view text, std::size_t at) {
  std::string out = "unexpected " + quote(text.substr(at));
  if (at > 0) out += " after " + quote(text.substr(0, at));
  return out;
}

// The version grammar after trimming: `v?` N.N.N (-prerelease)? (+build)?.
detail::VersionScan scan_core(std::string_view t) {
  detail::VersionScan out;
  auto reject = [&](std::string reason) {
    out.reason = std::move(reason);
    return out;
  };
  static constexpr const char* k_names[] = {"major", "minor", "patch"};
  std::uint64_t numbers[3] = {0, 0, 0};
  std::string range_problem;
  std::size_t i = grammar::char_is(t, 0, 'v') ? 1 : 0;
  for (int part = 0; part < 3; ++part) {
    if (part > 0) {
      if (i >= t.size()) return reject("expected MAJOR.MINOR.PATCH");
      if (t[i] != '.') return reject(unexpected(t, i));
      ++i;
    }
    if (i >= t.size()) return reject("expected MAJOR.MINOR.PATCH");
    if (part == 0 && t[i] == '=')
      return reject("unexpected \"=\": only ranges accept a leading \"=\"");
    if (!is_digit(t[i])) {
      return reject(std::string("expected a number for the ") + k_names[part] + " version, found " +
                    quote(t.substr(i)));
    }
    std::size_t j = i;
    while (j < t.size() && is_digit(t[j]))
      ++j;
    std::string_view digits = t.substr(i, j - i);
    if (digits.size() > 1 && digits[0] == '0')
      return reject(std::string(k_names[part]) + " version " + quote(digits) +
                    " has a leading zero");
    if (!safe_number(digits, numbers[part]) && range_problem.empty()) {
      range_problem = std::string(k_names[part]) + " version " + quote(digits) +
                      " is larger than 9007199254740991";
    }
    i = j;
  }
  std::vector<PrereleaseId> prerelease;
  std::vector<std::string> build;
  // Dot-separated identifiers of [0-9A-Za-z-] after a "-" or "+" at t[i].
  auto identifiers = [&](const char* what, auto&& accept) -> bool {
    do {
      std::size_t start = ++i;
      while (i < t.size() && is_ident(t[i]))
        ++i;
      std::string_view id = t.substr(start, i - start);
      if (id.empty()) {
        out.reason = (i >= t.size() || t[i] == '.' || t[i] == '+')
                         ? std::string("empty ") + what + " identifier"
                         : unexpected(t, i);
        return false;
      }
      if (!accept(id)) return false;
    } while (i < t.size() && t[i] == '.');
    return true;
  };
  if (grammar::char_is(t, i, '-')) {
    bool ok = identifiers("prerelease", [&](std::string_view id) {
      if (all_digits(id)) {
        if (id.size() > 1 && id[0] == '0') {
          out.reason = "prerelease identifier " + quote(id) + " has a leading zero";
          return false;
        }
        // node-semver keeps identifiers from 2^53-1 up as strings.
        std::uint64_t n = 0;
        if (safe_number(id, n) && n < detail::k_max_safe_integer) {
          prerelease.emplace_back().value.emplace<std::uint64_t>(n);
          return true;
        }
      }
      prerelease.emplace_back().value.emplace<std::string>(id);
      return true;
    });
    if (!ok) return out;
  }
  if (grammar::char_is(t, i, '+')) {
    bool ok = identifiers("build", [&](std::string_view id) {
      build.emplace_back(id);
      return true;
    });
    if (!ok) return out;
  }
  if (i < t.size()) return reject(unexpected(t, i));
  out.syntax_ok = true;
  if (!range_problem.empty()) return reject(std::move(range_problem));
  Version v(numbers[0], numbers[1], numbers[2]);
  v.set_prerelease(std::move(prerelease)).set_build(std::move(build));
  out.version = std::move(v);
  return out;
}

bool numeric_id(const PrereleaseId& id) {
  return id.is_numeric() || all_digits(std::get<std::string>(id.value));
}

std::string id_text(const PrereleaseId& id) {
  if (id.is_numeric()) return std::to_string(std::get<std::uint64_t>(id.value));
  return std::get<std::string>(id.value);
}

// Numeric identifiers by value, exactly (any length, leading zeros ignored).
std::strong_ordering compare_numeric(const PrereleaseId& a, const PrereleaseId& b) {
  if (a.is_numeric() && b.is_numeric())
    return std::get<std::uint64_t>(a.value) <=> std::get<std::uint64_t>(b.value);
  std::string x = id_text(a), y = id_text(b);
  std::string_view xs = x, ys = y;
  xs.remove_prefix(std::min(xs.find_first_not_of('0'), xs.size()));
  ys.remove_prefix(std::min(ys.find_first_not_of('0'), ys.size()));
  if (xs.size() != ys.size()) return xs.size() <=> ys.size();
  return xs.compare(ys) <=> 0;
}

// JavaScript's +text for a numeric identifier.
double js_number(const PrereleaseId& id) {
  if (id.is_numeric()) return static_cast<double>(std::get<std::uint64_t>(id.value));
  return std::strtod(std::get<std::string>(id.value).c_str(), nullptr);
}

// internal/identifiers.js compareIdentifiers
int node_compare_ids(const PrereleaseId& a, const PrereleaseId& b) {
  bool anum = numeric_id(a), bnum = numeric_id(b);
  if (anum && bnum) {
    if (a.is_numeric() && b.is_numeric()) {
      auto x = std::get<std::uint64_t>(a.value), y = std::get<std::uint64_t>(b.value);
      return x == y ? 0 : (x < y ? -1 : 1);
    }
    double x = js_number(a), y = js_number(b);
    return x == y ? 0 : (x < y ? -1 : 1);
  }
  if (anum) return -1;
  if (bnum) return 1;
  const auto& x = std::get<std::string>(a.value);
  const auto& y = std::get<std::string>(b.value);
  return x == y ? 0 : (x < y ? -1 : 1);
}

int sign(std::uint64_t a, std::uint64_t b) {
  return a == b ? 0 : (a < b ? -1 : 1);
}

}  // namespace

namespace detail {

VersionScan scan_version(std::string_view text) {
  VersionScan out = scan_core(js::trim(text));
  if (js::utf16_length(text) > k_max_length) {
    out.version.reset();
    out.reason = "longer than 256 characters";
  }
  return out;
}

int node_compare(const Version& a, const Version& b) {
  if (a.scheme() != Scheme::semver || b.scheme() != Scheme::semver) {
    auto c = a <=> b;
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (int c = sign(a.major(), b.major())) return c;
  if (int c = sign(a.minor(), b.minor())) return c;
  if (int c = sign(a.patch(), b.patch())) return c;
  const auto& x = a.prerelease();
  const auto& y = b.prerelease();
  if (!x.empty() && y.empty()) return -1;
  if (x.empty() && !y.empty()) return 1;
  for (std::size_t i = 0;; ++i) {
    if (i >= x.size() && i >= y.size()) return 0;
    if (i >= y.size()) return 1;
    if (i >= x.size()) return -1;
    if (x[i] == y[i]) continue;  // JavaScript's ===: same type and value
    return node_compare_ids(x[i], y[i]);
  }
}

}  // namespace detail

Result<Version> Version::parse(std::string_view text) {
  detail::VersionScan scan = detail::scan_version(text);
  if (scan.version) return std::move(*scan.version);
  return fail(codes::invalid_version, "invalid version " + quote(text) + ": " + scan.reason, {},
              k_version_hint);
}

Result<Version> Version::parse(std::string_view text, Scheme scheme) {
  if (scheme == Scheme::semver) return parse(text);
  TRY(check_upstream(scheme, text));
  Version out;
  out.m_scheme = scheme;
  out.set_extra(VersionExtra{{}, {}, std::string(text)});
  std::uint64_t* parts[] = {&out.m_major, &out.m_minor, &out.m_patch};
  std::size_t i = 0;
  for (std::uint64_t* part : parts) {
    std::size_t start = i;
    while (i < text.size() && is_digit(text[i]) && i - start < 16)
      *part = *part * 10 + static_cast<std::uint64_t>(text[i++] - '0');
    if (i == start || i >= text.size() || (text[i] != '.' && text[i] != '-')) break;
    ++i;
  }
  return out;
}

std::string Version::str_without_build() const {
  const std::string& text = extra().text;
  if (m_scheme == Scheme::relaxed) return text.substr(0, text.find('+'));
  if (m_scheme != Scheme::semver) return text;
  std::string out =
      std::to_string(m_major) + '.' + std::to_string(m_minor) + '.' + std::to_string(m_patch);
  const auto& pre = extra().prerelease;
  for (std::size_t i = 0; i < pre.size(); ++i) {
    out += i == 0 ? '-' : '.';
    out += id_text(pre[i]);
  }
  return out;
}

std::string Version::str() const {
  if (m_scheme != Scheme::semver) return extra().text;
  std::string out = str_without_build();
  const auto& build = extra().build;
  for (std::size_t i = 0; i < build.size(); ++i) {
    out += i == 0 ? '+' : '.';
    out += build[i];
  }
  return out;
}

std::strong_ordering Version::operator<=>(const Version& other) const {
  if (m_scheme != other.m_scheme) return m_scheme <=> other.m_scheme;
  if (m_scheme != Scheme::semver)
    return compare_upstream(m_scheme, extra().text, other.extra().text);
  if (auto c = m_major <=> other.m_major; c != 0) return c;
  if (auto c = m_minor <=> other.m_minor; c != 0) return c;
  if (auto c = m_patch <=> other.m_patch; c != 0) return c;
  const auto& x = extra().prerelease;
  const auto& y = other.extra().prerelease;
  // A version without prerelease ranks above its prereleases.
  if (x.empty() && y.empty()) return std::strong_ordering::equal;
  if (x.empty()) return std::strong_ordering::greater;
  if (y.empty()) return std::strong_ordering::less;
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
    bool xn = numeric_id(x[i]), yn = numeric_id(y[i]);
    std::strong_ordering c = std::strong_ordering::equal;
    if (xn && yn) {
      c = compare_numeric(x[i], y[i]);
    } else if (xn != yn) {
      c = xn ? std::strong_ordering::less : std::strong_ordering::greater;  // numeric ranks lower
    } else {
      c = std::get<std::string>(x[i].value).compare(std::get<std::string>(y[i].value)) <=> 0;
    }
    if (c != 0) return c;
  }
  return x.size() <=> y.size();
}

std::string compatibility_line(const Version& v) {
  if (v.scheme() == Scheme::string) return v.str();
  if (v.major() > 0) return std::to_string(v.major()) + ".x";
  if (v.minor() > 0) return "0." + std::to_string(v.minor()) + ".x";
  return "0.0." + std::to_string(v.patch());
}

}  // namespace pinset::semver
