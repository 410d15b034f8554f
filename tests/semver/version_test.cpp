#include "core/semver/version.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/semver/detail.hpp"

namespace pinset::semver {
namespace {

const char* const k_hint =
    "write MAJOR.MINOR.PATCH with optional -prerelease and +build parts, e.g. \"1.2.3\" or "
    "\"2.0.0-rc.1\"";

Version v(std::string_view text) {
  auto parsed = Version::parse(text);
  EXPECT_TRUE(parsed) << text << ": " << parsed.error().message;
  return parsed ? *parsed : Version();
}

struct ValidCase {
  std::string input;
  std::string str;                // with build
  std::string str_without_build;  // node-semver's .version
};

TEST(VersionParse, AcceptsWhatNewSemVerAccepts) {
  const std::vector<ValidCase> cases = {
      {"0.0.0", "0.0.0", "0.0.0"},
      {"1.2.3", "1.2.3", "1.2.3"},
      {"10.20.30", "10.20.30", "10.20.30"},
      {"v1.2.3", "1.2.3", "1.2.3"},
      {" 1.2.3 ", "1.2.3", "1.2.3"},
      {"\t\n1.2.3\r\n", "1.2.3", "1.2.3"},
      {"\u00A0\u30001.2.3\u2028\uFEFF", "1.2.3", "1.2.3"},
      {"  v1.2.3", "1.2.3", "1.2.3"},
      {"1.2.3-alpha", "1.2.3-alpha", "1.2.3-alpha"},
      {"1.2.3-alpha.1", "1.2.3-alpha.1", "1.2.3-alpha.1"},
      {"1.2.3-0", "1.2.3-0", "1.2.3-0"},
      {"1.2.3-0a", "1.2.3-0a", "1.2.3-0a"},
      {"1.2.3-0-0", "1.2.3-0-0", "1.2.3-0-0"},
      {"1.2.3--", "1.2.3--", "1.2.3--"},
      {"1.2.3-a.-.0", "1.2.3-a.-.0", "1.2.3-a.-.0"},
      {"1.2.3-x-y-z.--", "1.2.3-x-y-z.--", "1.2.3-x-y-z.--"},
      {"1.0.0-alpha+001", "1.0.0-alpha+001", "1.0.0-alpha"},
      {"1.0.0+20130313144700", "1.0.0+20130313144700", "1.0.0"},
      {"1.0.0-beta+exp.sha.5114f85", "1.0.0-beta+exp.sha.5114f85", "1.0.0-beta"},
      {"1.0.0+21AF26D3----117B344092BD", "1.0.0+21AF26D3----117B344092BD", "1.0.0"},
      {"1.2.3+00", "1.2.3+00", "1.2.3"},
      {"1.2.3-rc.1+build.1-2", "1.2.3-rc.1+build.1-2", "1.2.3-rc.1"},
      {"9007199254740991.9007199254740991.9007199254740991",
       "9007199254740991.9007199254740991.9007199254740991",
       "9007199254740991.9007199254740991.9007199254740991"},
      {"1.0.0-9007199254740992", "1.0.0-9007199254740992", "1.0.0-9007199254740992"},
      {"1.0.0-99999999999999999999999", "1.0.0-99999999999999999999999",
       "1.0.0-99999999999999999999999"},
      {"1.2.3-DEV.SNAPSHOT", "1.2.3-DEV.SNAPSHOT", "1.2.3-DEV.SNAPSHOT"},
  };
  for (const auto& c : cases) {
    auto parsed = Version::parse(c.input);
    ASSERT_TRUE(parsed) << c.input << ": " << parsed.error().message;
    EXPECT_EQ(parsed->str(), c.str) << c.input;
    EXPECT_EQ(parsed->str_without_build(), c.str_without_build) << c.input;
  }
}

TEST(VersionParse, SplitsPartsAndTypesPrereleaseIdentifiers) {
  Version x = v("v3.14.159-rc.12.beta-2.0+build.007.x");
  EXPECT_EQ(x.major(), 3u);
  EXPECT_EQ(x.minor(), 14u);
  EXPECT_EQ(x.patch(), 159u);
  ASSERT_EQ(x.prerelease().size(), 4u);
  EXPECT_EQ(x.prerelease()[0], PrereleaseId{std::string("rc")});
  EXPECT_EQ(x.prerelease()[1], PrereleaseId{std::uint64_t{12}});
  EXPECT_EQ(x.prerelease()[2], PrereleaseId{std::string("beta-2")});
  EXPECT_EQ(x.prerelease()[3], PrereleaseId{std::uint64_t{0}});
  EXPECT_EQ(x.build(), (std::vector<std::string>{"build", "007", "x"}));
  EXPECT_TRUE(x.is_prerelease());
  EXPECT_FALSE(v("1.2.3+b").is_prerelease());
}

TEST(VersionParse, KeepsHugeNumericPrereleaseIdentifiersAsText) {
  // As node-semver: identifiers from 2^53-1 up stay strings.
  EXPECT_TRUE(v("1.0.0-9007199254740990").prerelease()[0].is_numeric());
  EXPECT_FALSE(v("1.0.0-9007199254740991").prerelease()[0].is_numeric());
  EXPECT_FALSE(v("1.0.0-18446744073709551616").prerelease()[0].is_numeric());
}

struct InvalidCase {
  std::string input;
  std::string message;
};

TEST(VersionParse, RejectsWithTheWholeMessage) {
  const std::vector<InvalidCase> cases = {
      {"1.2", "invalid version \"1.2\": expected MAJOR.MINOR.PATCH"},
      {"1", "invalid version \"1\": expected MAJOR.MINOR.PATCH"},
      {"", "invalid version \"\": expected MAJOR.MINOR.PATCH"},
      {"   ", "invalid version \"   \": expected MAJOR.MINOR.PATCH"},
      {"v", "invalid version \"v\": expected MAJOR.MINOR.PATCH"},
      {"1.2.", "invalid version \"1.2.\": expected MAJOR.MINOR.PATCH"},
      {"1.2.3.4", "invalid version \"1.2.3.4\": unexpected \".4\" after \"1.2.3\""},
      {"1..2", "invalid version \"1..2\": expected a number for the minor version, found \".2\""},
      {"01.2.3", "invalid version \"01.2.3\": major version \"01\" has a leading zero"},
      {"1.02.3", "invalid version \"1.02.3\": minor version \"02\" has a leading zero"},
      {"1.2.03", "invalid version \"1.2.03\": patch version \"03\" has a leading zero"},
      {"=1.2.3",
       "invalid version \"=1.2.3\": unexpected \"=\": only ranges accept a leading \"=\""},
      {"V1.2.3",
       "invalid version \"V1.2.3\": expected a number for the major version, found \"V1.2.3\""},
      {"vv1.2.3",
       "invalid version \"vv1.2.3\": expected a number for the major version, found \"v1.2.3\""},
      {"-1.2.3",
       "invalid version \"-1.2.3\": expected a number for the major version, found \"-1.2.3\""},
      {"1.x.3",
       "invalid version \"1.x.3\": expected a number for the minor version, found \"x.3\""},
      {"1.2.*", "invalid version \"1.2.*\": expected a number for the patch version, found \"*\""},
      {"a.b.c",
       "invalid version \"a.b.c\": expected a number for the major version, found \"a.b.c\""},
      {"1.2.3-", "invalid version \"1.2.3-\": empty prerelease identifier"},
      {"1.2.3-a..b", "invalid version \"1.2.3-a..b\": empty prerelease identifier"},
      {"1.2.3-a.", "invalid version \"1.2.3-a.\": empty prerelease identifier"},
      {"1.2.3-+b", "invalid version \"1.2.3-+b\": empty prerelease identifier"},
      {"1.2.3-01", "invalid version \"1.2.3-01\": prerelease identifier \"01\" has a leading zero"},
      {"1.2.3-a.00",
       "invalid version \"1.2.3-a.00\": prerelease identifier \"00\" has a leading zero"},
      {"1.2.3-a#b", "invalid version \"1.2.3-a#b\": unexpected \"#b\" after \"1.2.3-a\""},
      {"1.2.3-\xC3\xA9",
       "invalid version \"1.2.3-\\u00E9\": unexpected \"\\u00E9\" after \"1.2.3-\""},
      {"1.2.3+", "invalid version \"1.2.3+\": empty build identifier"},
      {"1.2.3-beta+", "invalid version \"1.2.3-beta+\": empty build identifier"},
      {"1.2.3+a..b", "invalid version \"1.2.3+a..b\": empty build identifier"},
      {"1.2.3+a#", "invalid version \"1.2.3+a#\": unexpected \"#\" after \"1.2.3+a\""},
      {"1.2.3+a+b", "invalid version \"1.2.3+a+b\": unexpected \"+b\" after \"1.2.3+a\""},
      {"1.2.3 4", "invalid version \"1.2.3 4\": unexpected \" 4\" after \"1.2.3\""},
      {"1.2.3\x01", "invalid version \"1.2.3\\x01\": unexpected \"\\x01\" after \"1.2.3\""},
      {"1.2.3\u180E",  // U+180E stopped being whitespace in Unicode 6.3; JavaScript agrees
       "invalid version \"1.2.3\\u180E\": unexpected \"\\u180E\" after \"1.2.3\""},
      {"9007199254740992.0.0",
       "invalid version \"9007199254740992.0.0\": major version \"9007199254740992\" is larger "
       "than 9007199254740991"},
      {"1.9007199254740992.0",
       "invalid version \"1.9007199254740992.0\": minor version \"9007199254740992\" is larger "
       "than 9007199254740991"},
      {"1.2.18446744073709551616",
       "invalid version \"1.2.18446744073709551616\": patch version \"18446744073709551616\" is "
       "larger than 9007199254740991"},
  };
  for (const auto& c : cases) {
    auto parsed = Version::parse(c.input);
    ASSERT_FALSE(parsed) << c.input << " parsed as " << parsed->str();
    EXPECT_EQ(parsed.error().code, "invalid-version");
    EXPECT_EQ(parsed.error().message, c.message);
    EXPECT_EQ(parsed.error().hint, k_hint);
  }
}

TEST(VersionParse, LimitsLengthTo256Utf16UnitsBeforeTrimming) {
  std::string at_limit = "1.2.3-" + std::string(250, 'a');
  ASSERT_EQ(at_limit.size(), 256u);
  EXPECT_TRUE(Version::parse(at_limit));
  auto over = Version::parse(at_limit + "a");
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().message, "invalid version \"1.2.3-" + std::string(74, 'a') +
                                      "...\": longer than 256 characters");
  // Whitespace counts (node-semver checks the length before trimming)...
  EXPECT_FALSE(Version::parse(std::string(252, ' ') + "1.2.3"));
  EXPECT_TRUE(Version::parse(std::string(251, ' ') + "1.2.3"));
  // ...in UTF-16 code units: U+3000 is three bytes but one unit.
  std::string wide;
  for (int i = 0; i < 251; ++i)
    wide += "\u3000";
  EXPECT_TRUE(Version::parse(wide + "1.2.3"));
  EXPECT_FALSE(Version::parse(wide + "\u30001.2.3"));
}

// The specification's precedence examples (semver.org, item 11) and more, in increasing order.
TEST(VersionPrecedence, FollowsTheSpecification) {
  const std::vector<std::string> ordered = {"0.0.0-0",
                                            "0.0.0",
                                            "0.0.1",
                                            "0.1.0",
                                            "1.0.0-0",
                                            "1.0.0-0.0",
                                            "1.0.0-1",
                                            "1.0.0-2",
                                            "1.0.0-11",
                                            "1.0.0-A",
                                            "1.0.0-Z",
                                            "1.0.0-a",
                                            "1.0.0-alpha",
                                            "1.0.0-alpha.1",
                                            "1.0.0-alpha.beta",
                                            "1.0.0-beta",
                                            "1.0.0-beta.2",
                                            "1.0.0-beta.11",
                                            "1.0.0-rc.1",
                                            "1.0.0",
                                            "1.0.1-alpha",
                                            "1.0.1",
                                            "1.1.0",
                                            "1.9.0",
                                            "1.10.0",
                                            "1.11.0",
                                            "2.0.0",
                                            "2.1.0",
                                            "2.1.1",
                                            "10.0.0",
                                            "9007199254740991.0.0"};
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    for (std::size_t j = 0; j < ordered.size(); ++j) {
      auto a = v(ordered[i]), b = v(ordered[j]);
      EXPECT_EQ(a <=> b, i <=> j) << ordered[i] << " vs " << ordered[j];
      EXPECT_EQ(a == b, i == j) << ordered[i] << " vs " << ordered[j];
    }
  }
}

TEST(VersionPrecedence, IgnoresBuildMetadataAndPrefix) {
  EXPECT_EQ(v("1.0.0+a"), v("1.0.0+b"));
  EXPECT_EQ(v("1.0.0-rc.1+a"), v("v1.0.0-rc.1"));
  EXPECT_EQ(v("1.0.0+a") <=> v("1.0.0"), std::strong_ordering::equal);
  EXPECT_LT(v("1.0.0-rc.1+zzz"), v("1.0.0+aaa"));
}

TEST(VersionPrecedence, ComparesHugeNumericIdentifiersExactly) {
  // The specification compares numeric identifiers as numbers of any size; node-semver rounds those
  // of 2^53 and more to doubles (detail::node_compare keeps that for satisfies()).
  Version a = v("1.0.0-9007199254740992"), b = v("1.0.0-9007199254740993");
  EXPECT_LT(a, b);
  EXPECT_EQ(detail::node_compare(a, b), 0);
  EXPECT_LT(v("1.0.0-9007199254740990"), v("1.0.0-9007199254740991"));
  EXPECT_EQ(detail::node_compare(v("1.0.0-9007199254740990"), v("1.0.0-9007199254740991")), -1);
  EXPECT_LT(v("1.0.0-99999999999999999999"), v("1.0.0-100000000000000000000"));
  EXPECT_LT(v("1.0.0-99999999999999999999"), v("1.0.0-a"));  // numeric ranks below text
  // node-semver stops at the first pair of identifiers it finds equal as numbers.
  EXPECT_EQ(detail::node_compare(v("1.0.0-9007199254740992.a"), v("1.0.0-9007199254740993.b")), 0);
  EXPECT_LT(v("1.0.0-9007199254740992.a"), v("1.0.0-9007199254740993.b"));
}

TEST(VersionPrecedence, NodeCompareAgreesOnOrdinaryVersions) {
  const std::vector<std::string> list = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                                         "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
                                         "1.0.0-rc.1",  "1.0.0",         "1.0.0+x",
                                         "2.0.0-0",     "0.0.0"};
  for (const auto& a : list) {
    for (const auto& b : list) {
      auto order = v(a) <=> v(b);
      int expected = order < 0 ? -1 : (order > 0 ? 1 : 0);
      EXPECT_EQ(detail::node_compare(v(a), v(b)), expected) << a << " vs " << b;
    }
  }
}

TEST(VersionPrecedence, ConstructedVersionsCompareByContent) {
  Version built = Version(1, 2, 3).set_prerelease(
      {PrereleaseId{std::string("beta")}, PrereleaseId{std::uint64_t{2}}});
  EXPECT_EQ(built, v("1.2.3-beta.2"));
  EXPECT_EQ(built.str(), "1.2.3-beta.2");
  built.set_build({"exp", "1"});
  EXPECT_EQ(built.str(), "1.2.3-beta.2+exp.1");
  EXPECT_EQ(built, v("1.2.3-beta.2"));
  // A numeric identifier built as text is still numeric.
  Version text_number = Version(1, 0, 0).set_prerelease({PrereleaseId{std::string("10")}});
  EXPECT_GT(text_number, v("1.0.0-9"));
  EXPECT_LT(text_number, v("1.0.0-a"));
  EXPECT_EQ(Version(), v("0.0.0"));
}

TEST(VersionParse, NeverFailsBadlyOnHostileInput) {
  std::mt19937 rng(12345);
  const std::string alphabet =
      std::string("0123456789.-+vV=xX* \t|<>~^abz\x00\x01\xff\xc3\xa9", 33);
  for (int i = 0; i < 20000; ++i) {
    std::string s(rng() % 40, ' ');
    for (char& c : s)
      c = alphabet[rng() % alphabet.size()];
    auto parsed = Version::parse(s);
    if (parsed) {
      // Whatever parses prints back to something that parses to the same version.
      auto again = Version::parse(parsed->str());
      ASSERT_TRUE(again) << s;
      EXPECT_EQ(*again, *parsed);
      EXPECT_EQ(again->str(), parsed->str());
    } else {
      EXPECT_EQ(parsed.error().code, "invalid-version");
      EXPECT_FALSE(parsed.error().message.empty());
    }
  }
  for (const std::string& s : {std::string(10000, '9'), std::string(10000, '\0'),
                               std::string(10000, ' '), "1.2.3-" + std::string(10000, 'a')}) {
    EXPECT_FALSE(Version::parse(s));
  }
}

}  // namespace
}  // namespace pinset::semver
