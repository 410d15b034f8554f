#pragma once
// Versioning schemes besides SemVer, after vcpkg's (relaxed dotted numbers, dates, plain strings)
// and Debian's version comparison: one row per scheme in one table (scheme.cpp). The ordering of
// each is documented with examples in package-sets/README.md ("Versioning schemes") and tested
// table-driven in tests/semver/scheme_test.cpp.

#include <compare>
#include <cstdint>
#include <string_view>

#include "core/util/error.hpp"

namespace pinset::semver {

enum class Scheme : std::uint8_t {
  semver,   // SemVer 2.0.0 with node-semver ranges: the default
  relaxed,  // N(.N)*, optional +build: 0.21, 72.1, 20220623.1, 1.2.13, 20220601+dfsg
  date,     // YYYY-MM-DD(.N)*: 2024-06-01, 2024-06-01.2
  debian,   // Debian's upstream-version order: 2026b, 1.2.13.dfsg, 2.1.12-stable, 1.0~rc1
  string,   // any text: only equal versions match
};

struct SchemeInfo {
  Scheme id;
  std::string_view name;     // as a set writes it: "relaxed"
  std::string_view example;  // for messages
  bool ordered;              // whether <, >=, ^, ~ mean anything
  bool caret;                // whether ^ and ~ do (not for dates)
};

const SchemeInfo& scheme_info(Scheme s);

// Reads a set's `versioning` value. Errors: code "invalid-versioning", naming the value and the
// known schemes.
Result<Scheme> parse_scheme(std::string_view text);

// Whether `text` is a version of scheme `s` (never semver: Version::parse checks those): at most
// 256 characters, and relaxed: digits and dots (each number at most 2^53-1... 16 digits), then an
// optional "+build" of [0-9A-Za-z.-]; date: a real calendar date YYYY-MM-DD, then optional .N
// parts; debian: starts with a digit, then [0-9A-Za-z.+~-]; string: [0-9A-Za-z._+~-]. Errors:
// code "invalid-version", naming the value, the scheme and what is wrong.
Status check_upstream(Scheme s, std::string_view text);

// The order of two versions of scheme `s` (both checked). relaxed and date: number by number,
// missing numbers are 0, build metadata ignored; debian: dpkg's comparison (non-digit runs by
// character, letters before other characters, '~' before everything, even the end; digit runs as
// numbers); string: byte order (only equality is used by ranges).
std::strong_ordering compare_upstream(Scheme s, std::string_view a, std::string_view b);

// The version text just above every version that ^v (`minor` false) or ~v (`minor` true) allows:
// the first number (second for ~ when there is one) plus one, e.g. ^10.42 -> "11", ~1.2 -> "1.3",
// ~1 -> "2"; for debian the leading numbers of the text. Empty when `v` has no leading number.
std::string caret_ceiling(std::string_view v, bool minor);

}  // namespace pinset::semver
