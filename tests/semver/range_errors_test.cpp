// Range parse errors: whole messages, one report per bad comparator, hostile input.
#include "core/semver/range.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace pinset::semver {
namespace {

const char* const k_hint =
    "write comparators such as \">=1.2.3 <2.0.0\", \"^1.2.3\", \"~1.2\", \"1.x\" or "
    "\"1.2.3 - 2.3.4\"; separate them with spaces (all must match) or \"||\" (either may match)";

struct InvalidCase {
  std::string input;
  std::string message;
};

TEST(RangeParse, RejectsWithTheWholeMessage) {
  const std::vector<InvalidCase> cases = {
      {">=1.2.x.y",
       "invalid range \">=1.2.x.y\": \">=1.2.x.y\" is not a valid comparator: unexpected \".y\" "
       "after \">=1.2.x\""},
      {"1.2.3.4",
       "invalid range \"1.2.3.4\": \"1.2.3.4\" is not a valid comparator: unexpected \".4\" after "
       "\"1.2.3\""},
      {"01.2.3",
       "invalid range \"01.2.3\": \"01.2.3\" is not a valid comparator: leading zero in \"01\""},
      {"^01.2",
       "invalid range \"^01.2\": \"^01.2\" is not a valid comparator: leading zero in \"01\""},
      {"latest",
       "invalid range \"latest\": \"latest\" is not a valid comparator: expected a version, found "
       "\"latest\""},
      {">", "invalid range \">\": \">\" is not a valid comparator: expected a version after \">\""},
      {"~", "invalid range \"~\": \"~\" is not a valid comparator: expected a version after \"~\""},
      {"1.2-beta",
       "invalid range \"1.2-beta\": \"1.2-beta\" is not a valid comparator: unexpected \"-beta\" "
       "after \"1.2\": a prerelease or build needs a full MAJOR.MINOR.PATCH"},
      {">=1.2.3-01",
       "invalid range \">=1.2.3-01\": \">=1.2.3-01\" is not a valid comparator: prerelease "
       "identifier \"01\" has a leading zero"},
      {"1.2.3-",
       "invalid range \"1.2.3-\": \"1.2.3-\" is not a valid comparator: empty prerelease "
       "identifier"},
      {">=1.0.0+",
       "invalid range \">=1.0.0+\": \">=1.0.0+\" is not a valid comparator: empty build "
       "identifier"},
      {"<1.2.3-\xC3\xA9",
       "invalid range \"<1.2.3-\\u00E9\": \"<1.2.3-\\u00E9\" is not a valid comparator: "
       "unexpected \"\\u00E9\" after \"<1.2.3-\""},
      {"==1.2.3",
       "invalid range \"==1.2.3\": \"==1.2.3\" is not a valid comparator: unexpected \"=\" before "
       "\"1.2.3\""},
      {"=>1.2.3",
       "invalid range \"=>1.2.3\": \"=>1.2.3\" is not a valid comparator: unknown operator \"=>\"; "
       "write \">=\""},
      {"!=1.2.3",
       "invalid range \"!=1.2.3\": \"!=1.2.3\" is not a valid comparator: unknown operator \"!\"; "
       "a range cannot exclude versions"},
      {"1.2.3 ||| 2",
       "invalid range \"1.2.3 ||| 2\": \"|\" is not a valid comparator: \"|\" is not an operator; "
       "separate alternatives with \"||\""},
      {"1 | 2",
       "invalid range \"1 | 2\": \"|\" is not a valid comparator: \"|\" is not an operator; "
       "separate alternatives with \"||\""},
      {"1.2.3 -2",
       "invalid range \"1.2.3 -2\": \"-2\" is not a valid comparator: a hyphen range needs spaces "
       "around \"-\", as in \"1.2.3 - 2.3.4\""},
      {"1.2.3 - 2 - 3",
       "invalid range \"1.2.3 - 2 - 3\": \"-\" is not a valid comparator: \"-\" needs one version "
       "on each side, as in \"1.2.3 - 2.3.4\""},
      {"^9007199254740991",
       "invalid range \"^9007199254740991\": \"^9007199254740991\" is not a valid comparator: "
       "major "
       "version \"9007199254740992\" is larger than 9007199254740991 (in "
       "\"<9007199254740992.0.0-0\")"},
      {">9007199254740992",
       "invalid range \">9007199254740992\": \">9007199254740992\" is not a valid comparator: "
       "major version \"9007199254740993\" is larger than 9007199254740991 (in "
       "\">=9007199254740993.0.0\")"},
      {"1.2.3-" + std::string(300, 'a'),
       "invalid range \"1.2.3-" + std::string(74, 'a') + "...\": \"1.2.3-" + std::string(74, 'a') +
           "...\" is not a valid comparator: version longer than 256 characters"},
      {"1.x.3",
       "invalid range \"1.x.3\": \"1.x.3\" is not a valid comparator: a number cannot follow a "
       "wildcard (\"3\" after \"1.x\"); write \"1.x\", or every number as in \"1.2.3\""},
      {"x.1",
       "invalid range \"x.1\": \"x.1\" is not a valid comparator: a number cannot follow a "
       "wildcard (\"1\" after \"x\"); write \"x\", or every number as in \"1.2.3\""},
      {"x.1.2",
       "invalid range \"x.1.2\": \"x.1.2\" is not a valid comparator: a number cannot follow a "
       "wildcard (\"1\" after \"x\"); write \"x\", or every number as in \"1.2.3\""},
      {"*.1",
       "invalid range \"*.1\": \"*.1\" is not a valid comparator: a number cannot follow a "
       "wildcard (\"1\" after \"*\"); write \"*\", or every number as in \"1.2.3\""},
      {">=0a0b0",
       "invalid range \">=0a0b0\": \">=0a0b0\" is not a valid comparator: unexpected \"a0b0\" "
       "after \">=0\""},
      {"1.2.3-01+b",
       "invalid range \"1.2.3-01+b\": \"1.2.3-01\" is not a valid comparator: prerelease "
       "identifier \"01\" has a leading zero"},
      {"v 1.2.3 - 2",
       "invalid range \"v 1.2.3 - 2\": in hyphen range \"v 1.2.3 - 2\", \">=v\" is not a valid "
       "comparator: expected a version after \">=v\""},
      {"v1.2.3 - =2.3.4",
       "invalid range \"v1.2.3 - =2.3.4\": in hyphen range \"v1.2.3 - =2.3.4\", \"<==2.3.4\" is "
       "not a valid comparator: unexpected \"=\" before \"2.3.4\""},
      {"1 = = 2",
       "invalid range \"1 = = 2\": \"==\" is not a valid comparator: expected a version after "
       "\"==\""},
      {"**",
       "invalid range \"**\": \"**\" is not a valid comparator: unexpected \"*\" after \"*\""},
      {"1.2.3\x1b[31m",
       "invalid range \"1.2.3\\x1b[31m\": \"1.2.3\\x1b[31m\" is not a valid comparator: "
       "unexpected \"\\x1b[31m\" after \"1.2.3\""},
  };
  for (const auto& c : cases) {
    auto r = Range::parse(c.input);
    ASSERT_FALSE(r) << c.input << " parsed as " << r->normalized();
    EXPECT_EQ(r.error().code, "invalid-range");
    EXPECT_EQ(r.error().message, c.message);
    EXPECT_EQ(r.error().hint, k_hint);
    EXPECT_TRUE(r.error().causes.empty()) << c.input;
  }
}

TEST(RangeParse, ReportsEveryBadComparatorOnce) {
  auto r = Range::parse(">=1.2.3 <=1.x.y || 2.0.0.0 || <=1.x.y");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().render(),
            "invalid range \">=1.2.3 <=1.x.y || 2.0.0.0 || <=1.x.y\": \"<=1.x.y\" is not a valid "
            "comparator: expected a number or \"x\" after \"<=1.x.\", found \"y\"\n"
            "  \"2.0.0.0\" is not a valid comparator: unexpected \".0\" after \"2.0.0\"\n"
            "  help: " +
                std::string(k_hint));

  std::string many;
  for (int i = 0; i < 25; ++i)
    many += "bad" + std::to_string(i) + " ";
  r = Range::parse(many);
  ASSERT_FALSE(r);
  ASSERT_EQ(r.error().causes.size(), 10u);
  EXPECT_EQ(r.error().causes[0].message,
            "\"bad1\" is not a valid comparator: expected a version, found \"bad1\"");
  EXPECT_EQ(r.error().causes[9].message, "and 15 more problems");
}

TEST(RangeParse, NeverFailsBadlyOnHostileInput) {
  std::mt19937 rng(777);
  const std::vector<std::string> pieces = {"1",     "2",    "0",        ".",
                                           ".",     "-",    " - ",      "||",
                                           "|",     "^",    "~",        "~>",
                                           ">=",    "<=",   ">",        "<",
                                           "=",     "v",    " ",        " ",
                                           "\t",    "x",    "*",        "X",
                                           "-beta", "+b",   "\xC2\xA0", "\xE3\x80\x80",
                                           "\xFF",  "\x00", "a",        "9007199254740991",
                                           "01"};
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    for (int n = static_cast<int>(rng() % 10); n > 0; --n)
      s += pieces[rng() % pieces.size()];
    auto r = Range::parse(s);
    if (r) {
      // The normalized form is itself a range with the same normalized form.
      auto again = Range::parse(r->normalized());
      ASSERT_TRUE(again) << s << " -> " << r->normalized();
      EXPECT_EQ(again->normalized(), r->normalized()) << s;
      EXPECT_FALSE(r->sets().empty());
    } else {
      EXPECT_EQ(r.error().code, "invalid-range");
    }
  }
  std::string bytes(10000, '\0');
  for (char& c : bytes)
    c = static_cast<char>(rng());
  EXPECT_FALSE(Range::parse(bytes));
  for (const std::string& s :
       {std::string(10000, '0'), std::string(10000, ' '), std::string(10000, '|'),
        std::string(10000, 'v'), std::string(10000, '~'), std::string(10000, '*')}) {
    (void)Range::parse(s);  // must return, not crash
  }
  std::string long_valid;
  for (int i = 0; i < 1000; ++i)
    long_valid += ">=1.2." + std::to_string(i) + " || ";
  auto r = Range::parse(long_valid + "2.0.0");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->sets().size(), 1001u);
  EXPECT_TRUE(r->satisfies(Version(1, 2, 999)));
  EXPECT_FALSE(r->satisfies(Version(1, 1, 0)));
}

}  // namespace
}  // namespace pinset::semver
