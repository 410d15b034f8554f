#include "core/semver/desugar.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pinset::semver::desugar {
namespace {

struct Case {
  std::string input;
  std::string output;
};

#define U1F600 "\xF0\x9F\x98\x80"

// Expected values for the regex steps are node-semver 7.8.6's, computed with its exported regexes
// (internal/re.js), replacement strings and internal/trim-comparator-whitespace.js.
TEST(Desugar, TrimsWhitespaceAfterOperatorsLikeTrimComparatorWhitespace) {
  const std::vector<Case> cases = {
      {"> 1.2.3", ">1.2.3"},
      {">=  1.2.3 <  2", ">= 1.2.3 < 2"},  // one whitespace character goes
      {"> =1.2.3", ">=1.2.3"},
      {"v = 1", "v = 1"},
      {"= 1", "=1"},
      {"1 = = 2", "1 == 2"},
      {"1.2.3 >= 2.0.0", "1.2.3 >=2.0.0"},
      {"a  >= 1", "a  >=1"},
      {"x  1.2.3", "x 1.2.3"},
      {"> v 1.2.3", ">v 1.2.3"},
      {">= =1.2.3", ">==1.2.3"},
      {"<\t1.2.x", "<1.2.x"},
      {"> foo", "> foo"},
      {">=\u00A01.2.3", ">=1.2.3"},
      {"1.2.3-4abc >= 1", "1.2.3-4abc >=1"},
      {"1.2.3-0v = 1", "1.2.3-0v =1"},  // "0v" is one identifier: the trim resumes after it
      {"> 0001.02.3", ">0001.02.3"},
      {"~ 1", "~ 1"},
      {"^ 1", "^ 1"},
      {"", ""},
      {"   ", "   "},
      {"v<1", "v<1"},
      {"> v<  1", "> v< 1"},
      {">  1", "> 1"},
      {" > 1", " >1"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(trim_comparators(c.input), c.output) << c.input;
}

TEST(Desugar, TrimsOneWhitespaceAfterTildesAndCarets) {
  const std::vector<Case> tildes = {
      {"~ 1", "~1"},   {"~> 1", "~1"},  {"~>1", "~>1"},     {"~  ~ 1", "~ ~1"},
      {"1 ~", "1 ~"},  {"~>  ", "~ "},  {"a ~\t1", "a ~1"}, {"~\u30001", "~1"},
      {"~  1", "~ 1"}, {" ~ 1", " ~1"}, {"~>  1", "~ 1"},
  };
  for (const auto& c : tildes)
    EXPECT_EQ(trim_tildes(c.input), c.output) << c.input;
  const std::vector<Case> carets = {
      {"^ 1", "^1"},       {"^^ 1", "^^1"},    {"^1", "^1"},
      {"1 ^  2", "1 ^ 2"}, {"^\u00A01", "^1"}, {"^  1", "^ 1"},
  };
  for (const auto& c : carets)
    EXPECT_EQ(trim_carets(c.input), c.output) << c.input;
}

TEST(Desugar, StripsBuildMetadataAnywhere) {
  const std::vector<Case> cases = {
      {"1.2.3+b", "1.2.3"},
      {"+b 1.2.3", " 1.2.3"},
      {"1.2.3 +b", "1.2.3 "},
      {"1.2.3+", "1.2.3+"},
      {"1.2.3++b", "1.2.3+"},
      {"a+b.c.+d", "a."},
      {"1.2.3+b..c", "1.2.3..c"},
      {"+", "+"},
      {"1.2.3-a+b-c.d e", "1.2.3-a e"},
      {"+.b", "+.b"},
      {"x+y", "x"},
      {"", ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(strip_builds(c.input), c.output) << c.input;
}

TEST(Desugar, RemovesTheFirstStarAndMatchesGte0LikeNodeSemver) {
  // replaceStars runs last in expand(); these tokens pass the earlier steps unchanged.
  const std::vector<Case> stars = {
      {"*", ""},
      {">=*", ""},
      {"1.2.3*", "1.2.3"},
      {"*1.2.3", "1.2.3"},
      {">=*1.2.3", "1.2.3"},
      {"<1.2.*3", "<1.2.3"},
      {"**", "*"},
      {"=<*", "="},
      {"a", "a"},
      {"", ""},
  };
  for (const auto& c : stars)
    EXPECT_EQ(expand(c.input), c.output) << c.input;
  const std::vector<Case> gte0 = {
      {">=0.0.0", ""},
      {">=0a0b0", ">=0a0b0"},  // node-semver 7.3.5's unescaped "." matched any character
      {">=0\u00E90\u00E90", ">=0\u00E90\u00E90"},
      {">=0.0.0-0", ">=0.0.0-0"},
      {">=0.0", ">=0.0"},
      {">0.0.0", ">0.0.0"},
      {" >= 0.0.0 ", ""},
      {">=  0.0.0", ">=  0.0.0"},
      {">=0" U1F600 "0" U1F600 "0", ">=0" U1F600 "0" U1F600 "0"},
      {">=0.0.00", ">=0.0.00"},
  };
  for (const auto& c : gte0)
    EXPECT_EQ(replace_gte0(c.input), c.output) << c.input;
}

TEST(Desugar, RewritesHyphenRangesLikeHyphenReplace) {
  const std::vector<Case> cases = {
      {"1.2.3 - 2.3.4", ">=1.2.3 <=2.3.4"},
      {"1.2 - 2.3.4", ">=1.2.0 <=2.3.4"},
      {"1.2.3 - 2.3", ">=1.2.3 <2.4.0-0"},
      {"1.2.3 - 2", ">=1.2.3 <3.0.0-0"},
      {"1.x.3 - 2.x", ">=1.0.0 <3.0.0-0"},
      {"* - 2", "<3.0.0-0"},
      {"1.2.3 - *", ">=1.2.3"},
      {"x - x", ""},
      // The full texts are kept, prefix and build included, when nothing is an x.
      {"v1.2.3+b - =2.3.4+c", ">=v1.2.3+b <==2.3.4+c"},
      {"1.2.3-beta - 2.3.4-alpha+b", ">=1.2.3-beta <=2.3.4-alpha"},
      {"1.2.x-beta - 2", ">=1.2.0 <3.0.0-0"},
      {"v 1.2.3 - 2", ">=v 1.2.3 <3.0.0-0"},
      {"1.2.3\u3000-\u00A02", ">=1.2.3 <3.0.0-0"},
      {"9007199254740991 - 9007199254740991", ">=9007199254740991.0.0 <9007199254740992.0.0-0"},
      // Hyphen ranges do not check the order of x's.
      {"x.1 - 2", "<3.0.0-0"},
      {"1.x.3 - 2.x.1", ">=1.0.0 <3.0.0-0"},
      // One whitespace character on each side of "-" and at most one at the end; "v" prefixes
      // take any.
      {"1.2.3 -  2", ">=1.2.3 <3.0.0-0"},
      {"  1.2.3 - 2 ", ">= 1.2.3 <3.0.0-0"},
  };
  for (const auto& c : cases) {
    bool matched = false;
    EXPECT_EQ(replace_hyphen(c.input, matched), c.output) << c.input;
    EXPECT_TRUE(matched) << c.input;
  }
  for (const std::string& not_hyphen : std::vector<std::string>{
           "1.2.3 -2.3.4", "1.2.3- 2.3.4", "1.2.3 - 2.3.4 - 5", "1 - 2 x", "a - b", "1.2.3-01 - 2",
           "1.2.3 - ", "- 1", "1.2. - 3", "1.2.3  - 2", "1.2.3 - 2  ",
           "x." + std::string(300, '9') + " - 2"}) {
    bool matched = true;
    EXPECT_EQ(replace_hyphen(not_hyphen, matched), not_hyphen);
    EXPECT_FALSE(matched) << not_hyphen;
  }
}

TEST(Desugar, ExpandsCaretsTildesAndXRanges) {
  const std::vector<Case> cases = {
      {"^1.2.3", ">=1.2.3 <2.0.0-0"},
      {"^0.2.3", ">=0.2.3 <0.3.0-0"},
      {"^0.0.3-beta", ">=0.0.3-beta <0.0.4-0"},
      {"^0.0", ">=0.0.0 <0.1.0-0"},
      {"^x", ""},
      {"^v=1.2.3+b", ">=1.2.3 <2.0.0-0"},
      {"~>1.2", ">=1.2.0 <1.3.0-0"},
      {"~v=1.2.3-rc.1+b", ">=1.2.3-rc.1 <1.3.0-0"},
      {"~1", ">=1.0.0 <2.0.0-0"},
      {">1.x", ">=2.0.0"},
      {">1.2", ">=1.3.0"},
      {"<=1.2", "<1.3.0-0"},
      {"<=1", "<2.0.0-0"},
      {"<1.2.x-beta", "<1.2.0-0"},
      {"=1.x", ">=1.0.0 <2.0.0-0"},
      {">=v=1", ">=1.0.0"},
      {"1.2.3", "1.2.3"},
      {">=v1.2.3", ">=v1.2.3"},
      {"*", ""},
      {">*", "<0.0.0-0"},
      {"<x", "<0.0.0-0"},
      {"<x.2", "<x.2"},  // an x followed by a number is left for the comparator parser to reject
      {"1.x.3", "1.x.3"},
      {"*.1", ".1"},  // ... after the star step
      {"1.x.x-beta", ">=1.0.0 <2.0.0-0"},
      {"^x.1", ""},
      {"~1.x.3", ">=1.0.0 <2.0.0-0"},
      {"<=*", ""},
      {"^~1", "^~1"},
      {"", ""},
      {"9007199254740991.x", ">=9007199254740991.0.0 <9007199254740992.0.0-0"},
      {"^99999999999999999999", ">=99999999999999999999.0.0 <100000000000000000000.0.0-0"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(expand(c.input), c.output) << c.input;
}

TEST(Desugar, SplitsOnDoublePipes) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(split_or("1 || 2"), (V{"1", "2"}));
  EXPECT_EQ(split_or(""), (V{""}));
  EXPECT_EQ(split_or("||"), (V{"", ""}));
  EXPECT_EQ(split_or("a|||b"), (V{"a", "|b"}));
  EXPECT_EQ(split_or("a||||b"), (V{"a", "", "b"}));
  EXPECT_EQ(split_or("\u3000a\u3000||\tb "), (V{"a", "b"}));
  EXPECT_EQ(split_or("a | b"), (V{"a | b"}));
}

}  // namespace
}  // namespace pinset::semver::desugar
