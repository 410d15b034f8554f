// Versioning schemes: each scheme's grammar, order and ranges, table-driven; the real upstream
// versions of issue 11 (listed as upstream writes them) in the debian and relaxed schemes.
#include "core/semver/scheme.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/semver/range.hpp"
#include "core/semver/version.hpp"

namespace pinset::semver {
namespace {

Version v(std::string_view text, Scheme s) {
  auto parsed = Version::parse(text, s);
  EXPECT_TRUE(parsed) << text << ": " << (parsed ? "" : parsed.error().render());
  return parsed ? *parsed : Version();
}

TEST(Scheme, OrderTable) {
  struct Case {
    Scheme scheme;
    const char* a;
    const char* b;
    int order;  // sign of a <=> b
  };
  const Case cases[] = {
      // relaxed: number by number, missing numbers are 0, +build ignored
      {Scheme::relaxed, "0.21", "0.3", 1},
      {Scheme::relaxed, "72.1", "72.0", 1},
      {Scheme::relaxed, "72.0", "72", 0},
      {Scheme::relaxed, "1.2.13", "1.2.9", 1},
      {Scheme::relaxed, "20220623.1", "20220623", 1},
      {Scheme::relaxed, "20220623.1", "20240116.2", -1},
      {Scheme::relaxed, "20220601+dfsg", "20220601", 0},
      {Scheme::relaxed, "10.42", "10.5", 1},
      {Scheme::relaxed, "1.2.3.4", "1.2.3", 1},
      // date: the date, then the .N parts
      {Scheme::date, "2024-06-01", "2024-05-31", 1},
      {Scheme::date, "2024-06-01.2", "2024-06-01", 1},
      {Scheme::date, "2024-06-01.2", "2024-06-01.10", -1},
      // debian: dpkg's order
      {Scheme::debian, "2026b", "2026a", 1},
      {Scheme::debian, "2026a", "2026", 1},
      {Scheme::debian, "2027a", "2026b", 1},
      {Scheme::debian, "1.2.13.dfsg", "1.2.13", 1},
      {Scheme::debian, "1.2.13.dfsg", "1.2.14", -1},
      {Scheme::debian, "2.1.12-stable", "2.1.12", 1},
      {Scheme::debian, "2.1.12-stable", "2.1.11-stable", 1},
      {Scheme::debian, "20220601+dfsg", "20220601", 1},
      {Scheme::debian, "1.0~rc1", "1.0", -1},
      {Scheme::debian, "1.0~rc1", "1.0~rc2", -1},
      {Scheme::debian, "1.0~~", "1.0~", -1},
      {Scheme::debian, "1.0a", "1.0+", -1},  // letters before other characters
      {Scheme::debian, "1.010", "1.10", 0},  // numbers, not digits
      {Scheme::debian, "10.42", "10.5", 1},
      {Scheme::debian, "10.2.1", "9.1.0", 1},   // fmt
      {Scheme::debian, "3.11", "3.9", 1},       // grep
      {Scheme::debian, "5.2.21", "5.2", 1},     // bash with its patch level
      {Scheme::debian, "1.1.1w", "1.1.1v", 1},  // openssl's letter releases
      {Scheme::debian, "1.1.1w", "3.0.13", -1},
      {Scheme::debian, "9.6p1", "9.6", 1},  // openssh portable
      {Scheme::debian, "9.7p1", "9.6p1", 1},
      {Scheme::debian, "9.3p2", "9.6p1", -1},
      {Scheme::debian, "9f", "9e", 1},  // IJG libjpeg
      {Scheme::debian, "9e", "9", 1},
      {Scheme::debian, "2024-02-01", "2023-11-01", 1},  // re2's dated tags
      {Scheme::debian, "2024-07-02", "2024-02-01", 1},
      {Scheme::debian, "2024-02-01", "2024-2-1", 0},  // numbers, not digits
      // A prerelease as upstream writes it sorts after its release in dpkg's order (letters and
      // '-' come after the end); Debian writes these 3.13.0~rc1 and 3.29.0~rc1.
      {Scheme::debian, "3.13.0rc1", "3.13.0", 1},   // python
      {Scheme::debian, "3.29.0-rc1", "3.29.0", 1},  // cmake
      {Scheme::debian, "3.13.0~rc1", "3.13.0", -1},
      // string: only equality means something; byte order for sorting
      {Scheme::string, "2026b", "2026b", 0},
      {Scheme::string, "stable", "beta", 1},
  };
  for (const Case& c : cases) {
    auto order = v(c.a, c.scheme) <=> v(c.b, c.scheme);
    int got = order < 0 ? -1 : order > 0 ? 1 : 0;
    EXPECT_EQ(got, c.order) << scheme_info(c.scheme).name << " " << c.a << " vs " << c.b;
    auto back = v(c.b, c.scheme) <=> v(c.a, c.scheme);
    EXPECT_EQ(back < 0 ? -1 : back > 0 ? 1 : 0, -c.order) << c.b << " vs " << c.a;
  }
}

TEST(Scheme, RangeTable) {
  struct Case {
    Scheme scheme;
    const char* range;
    const char* version;
    bool matches;
  };
  const Case cases[] = {
      {Scheme::relaxed, ">=72.0", "72.1", true},
      {Scheme::relaxed, ">=72.0", "71.1", false},
      {Scheme::relaxed, "^10.42", "10.42", true},
      {Scheme::relaxed, "^10.42", "10.43", true},
      {Scheme::relaxed, "^10.42", "11", false},
      {Scheme::relaxed, "^10.42", "10.5", false},  // 5 < 42
      {Scheme::relaxed, "~1.2", "1.2.13", true},
      {Scheme::relaxed, "~1.2", "1.3", false},
      {Scheme::relaxed, "0.21", "0.21.0", true},
      {Scheme::relaxed, "0.21", "0.22", false},
      {Scheme::relaxed, ">=20220623.1 <20240000", "20230802.1", true},
      {Scheme::relaxed, "1.0 - 2.0", "2.0", true},
      {Scheme::relaxed, "1.0 - 2.0", "2.0.1", false},
      {Scheme::relaxed, "<1.0 || >=6.4", "6.8", true},
      {Scheme::relaxed, "*", "6.8", true},
      {Scheme::date, ">=2024-01-01", "2024-06-01.2", true},
      {Scheme::date, "<2024-01-01", "2024-06-01", false},
      {Scheme::debian, "2026b", "2026b", true},
      {Scheme::debian, "2026b", "2026a", false},
      {Scheme::debian, ">=2026a", "2026b", true},
      {Scheme::debian, "^2.1.12", "2.1.12-stable", true},
      {Scheme::debian, ">=2.1.0", "2.1.12-stable", true},
      {Scheme::debian, "^1.2.13", "1.2.13.dfsg", true},
      {Scheme::debian, "^1.2.13", "2.0", false},
      {Scheme::debian, "<1.0", "1.0~rc1", true},
      {Scheme::debian, "<3.13.0", "3.13.0rc1", false},  // after 3.13.0 in dpkg's order
      {Scheme::debian, ">=3.45", "3.45.1", true},       // sqlite
      {Scheme::debian, ">=3.45", "3.44.2", false},
      {Scheme::debian, "^1.6.40", "1.6.43", true},  // libpng
      {Scheme::debian, "^1.6.40", "1.6.39", false},
      {Scheme::debian, "^1.6.40", "2.0", false},
      {Scheme::debian, "2024-02-01", "2024-02-01", true},  // re2, exactly
      {Scheme::debian, "2024-02-01", "2024-07-02", false},
      {Scheme::debian, ">=2024-02-01", "2024-07-02", true},
      {Scheme::debian, "2023-11-01 - 2024-02-01", "2024-02-01", true},
      {Scheme::debian, "2023-11-01 - 2024-02-01", "2024-07-02", false},
      {Scheme::debian, "^0.7", "0.8.0", true},  // yaml-cpp: below 1, not semver's 0.8.0
      {Scheme::debian, "^25.1", "25.2", true},  // protobuf
      {Scheme::debian, "~25.1", "25.2", false},
      {Scheme::debian, "~3.12", "3.12.2", true},  // python
      {Scheme::debian, "~3.12", "3.11.8", false},
      {Scheme::debian, "^3.0", "1.1.1w", false},   // openssl
      {Scheme::debian, ">=9.6p1", "9.7p1", true},  // openssh
      {Scheme::debian, ">=9.6p1", "9.3p2", false},
      {Scheme::debian, ">=9e", "9f", true},                 // IJG libjpeg
      {Scheme::debian, "6.2.1 || 6.3.0", "6.3.0", true},    // gmp
      {Scheme::debian, "1.46.5 - 1.47.0", "1.47.0", true},  // e2fsprogs
      {Scheme::debian, ">=5.36 <5.40", "5.38.2", true},     // perl
      {Scheme::string, "2026b", "2026b", true},
      {Scheme::string, "2026a || 2026b", "2026b", true},
      {Scheme::string, "2026a", "2026b", false},
  };
  for (const Case& c : cases) {
    auto r = Range::parse(c.range, c.scheme);
    ASSERT_TRUE(r) << c.range << ": " << r.error().render();
    EXPECT_EQ(r->satisfies(v(c.version, c.scheme)), c.matches)
        << scheme_info(c.scheme).name << " " << c.version << " in " << c.range;
    // A version of another scheme never matches (but for "*", which matches any version).
    EXPECT_EQ(r->satisfies(Version(1, 0, 0)), std::string_view(c.range) == "*") << c.range;
  }
}

TEST(Scheme, GrammarErrors) {
  struct Case {
    Scheme scheme;
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {Scheme::relaxed, "1.x",
       "invalid relaxed version \"1.x\": expected numbers separated by dots, e.g. \"72.1\", each "
       "at most 16 digits"},
      {Scheme::relaxed, "2.1.12-stable",
       "invalid relaxed version \"2.1.12-stable\": unexpected \"-stable\" (relaxed versions are "
       "numbers and dots with an optional +build; the debian scheme orders suffixes)"},
      {Scheme::relaxed, "1..2",
       "invalid relaxed version \"1..2\": expected numbers separated by dots, e.g. \"72.1\", each "
       "at most 16 digits"},
      {Scheme::relaxed, "", "invalid relaxed version \"\": it is empty"},
      {Scheme::date, "2026-02-30",
       "invalid date version \"2026-02-30\": expected a real calendar date YYYY-MM-DD"},
      {Scheme::date, "2026-02-03x",
       "invalid date version \"2026-02-03x\": after the date only .N parts may follow, e.g. "
       "\"2024-06-01.2\""},
      {Scheme::debian, "b2026", "invalid debian version \"b2026\": it must start with a digit"},
      {Scheme::debian, "1.0 beta",
       "invalid debian version \"1.0 beta\": it contains \" \" (letters, digits, '.', '+', '~' and "
       "'-' only)"},
      {Scheme::string, "a/b",
       "invalid string version \"a/b\": it contains \"/\" (letters, digits, '.', '_', '+', '~' and "
       "'-' only)"},
  };
  for (const Case& c : cases) {
    auto r = Version::parse(c.text, c.scheme);
    ASSERT_FALSE(r) << c.text;
    EXPECT_EQ(r.error().code, "invalid-version");
    EXPECT_EQ(r.error().message, c.message);
  }
  auto r = Version::parse("b2026", Scheme::debian);
  EXPECT_EQ(r.error().hint,
            "write a debian version such as \"1.2.13.dfsg\", or declare the scheme these versions "
            "follow (`versioning`)");
}

TEST(Scheme, RangeErrors) {
  struct Case {
    Scheme scheme;
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {Scheme::string, ">=2026a",
       "invalid string range \">=2026a\": string versions have no order, so no \">=\""},
      {Scheme::date, "^2024-01-01",
       "invalid date range \"^2024-01-01\": date versions have no \"^\": write \">=a <b\""},
      {Scheme::relaxed, ">=", "invalid relaxed range \">=\": expected a version after \">=\""},
      {Scheme::relaxed, "^1.x",
       "invalid relaxed range \"^1.x\": expected numbers separated by dots, e.g. \"72.1\", each at "
       "most 16 digits"},
  };
  for (const Case& c : cases) {
    auto r = Range::parse(c.text, c.scheme);
    ASSERT_FALSE(r) << c.text;
    EXPECT_EQ(r.error().code, "invalid-range");
    EXPECT_EQ(r.error().message, c.message);
  }
}

// Real upstream versions (abseil, icu, pcre2, tzdata, zlib, libevent, ... the 55 of issue 11 and
// more) as their projects write them: all valid debian versions, in this ascending order per
// project.
TEST(Scheme, RealUpstreamVersionsInTheDebianScheme) {
  const std::vector<std::vector<std::string>> projects = {
      {"20220623.1", "20230125.3", "20230802.1", "20240116.2"},  // abseil
      {"70.1", "71.1", "72.1", "74.2"},                          // icu
      {"10.40", "10.42", "10.43"},                               // pcre2
      {"2024a", "2025c", "2026a", "2026b"},                      // tzdata
      {"1.2.13", "1.2.13.dfsg", "1.3", "1.3.1"},                 // zlib, Debian's repack
      {"2.1.11-stable", "2.1.12-stable"},                        // libevent
      {"0.21", "0.22", "0.22.4", "0.22.5"},                      // gettext
      {"1.13", "1.23"},                                          // make-like
      {"6.4", "6.8"},                                            // ncurses-like
      {"20220601+dfsg", "20230801"},                             // a date-named repack
      {"1.83.0", "1.84.0", "1.85.0"},                            // boost
      {"8.6.0", "8.7.1", "8.8.0"},                               // curl
      {"1.1.1v", "1.1.1w", "3.0.13", "3.2.1", "3.3.1"},          // openssl
      {"3.44.2", "3.45.1"},                                      // sqlite
      {"2.12.5"},                                                // libxml2
      {"2.6.0"},                                                 // expat
      {"9.1.0", "10.2.1"},                                       // fmt
      {"1.13.0"},                                                // spdlog
      {"1.14.0"},                                                // googletest
      {"25.2"},                                                  // protobuf
      {"2023-11-01", "2024-02-01", "2024-07-02"},                // re2
      {"1.9.4"},                                                 // lz4
      {"1.5.5", "1.5.6"},                                        // zstd
      {"5.4.6"},                                                 // xz
      {"1.0.8"},                                                 // bzip2
      {"1.6.39", "1.6.42", "1.6.43"},                            // libpng
      {"3.0.2"},                                                 // libjpeg-turbo
      {"2.13.2"},                                                // freetype
      {"8.3.0"},                                                 // harfbuzz
      {"1.59.0"},                                                // nghttp2
      {"1.26.0"},                                                // c-ares
      {"1.48.0"},                                                // libuv (tag v1.48.0)
      {"0.7.0", "0.8.0"},                                        // yaml-cpp
      {"3.11.3"},                                                // nlohmann-json
      {"3.7.2"},                                                 // libarchive
      {"1.11.0"},                                                // libssh2
      {"6.2.1", "6.3.0"},                                        // gmp
      {"4.2.1"},                                                 // mpfr
      {"8.2"},                                                   // readline
      {"4.4.1"},                                                 // make
      {"5.1.16", "5.2", "5.2.21"},                               // bash
      {"5.3.0"},                                                 // gawk
      {"4.9"},                                                   // sed
      {"3.9", "3.11"},                                           // grep
      {"1.35"},                                                  // tar
      {"5.36.3", "5.38.2"},                                      // perl
      {"3.11.8", "3.12.2"},                                      // python
      {"5.4.6"},                                                 // lua
      {"8.6.13"},                                                // tcl
      {"3.4.4"},                                                 // libffi
      {"2.39.3"},                                                // util-linux
      {"1.46.5", "1.47.0"},                                      // e2fsprogs
      {"9.3p2", "9.6p1", "9.7p1"},                               // openssh
      {"9", "9e", "9f"},                                         // IJG libjpeg
  };
  for (const auto& versions : projects) {
    std::vector<Version> parsed;
    for (const std::string& text : versions) {
      parsed.push_back(v(text, Scheme::debian));
      EXPECT_EQ(parsed.back().str(), text);  // listed as written
    }
    EXPECT_TRUE(std::is_sorted(parsed.begin(), parsed.end())) << versions.front();
    EXPECT_EQ(std::adjacent_find(parsed.begin(), parsed.end()), parsed.end()) << versions.front();
  }
}

TEST(Scheme, SchemeNames) {
  EXPECT_EQ(*parse_scheme("debian"), Scheme::debian);
  auto bad = parse_scheme("dpkg");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().render(),
            "unknown versioning scheme \"dpkg\"\n"
            "  help: write one of semver, relaxed, date, debian, string (package-sets/README.md, "
            "\"Versioning schemes\")");
}

}  // namespace
}  // namespace pinset::semver
