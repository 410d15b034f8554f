#include "core/semver/range.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace pinset::semver {
namespace {

// semver.satisfies(version, range): false when either does not parse.
bool satisfies(std::string_view range, std::string_view version) {
  auto r = Range::parse(range);
  auto v = Version::parse(version);
  return r && v && r->satisfies(*v);
}

struct NormalizedCase {
  std::string input;
  std::string normalized;  // semver.validRange(input); "" when invalid
};

// Expected values are node-semver 7.8.6's semver.validRange().
TEST(RangeParse, NormalizesLikeValidRange) {
  const std::vector<NormalizedCase> cases = {
      // caret
      {"^1.2.3", ">=1.2.3 <2.0.0-0"},
      {"^0.2.3", ">=0.2.3 <0.3.0-0"},
      {"^0.0.3", ">=0.0.3 <0.0.4-0"},
      {"^1.2.3-beta.2", ">=1.2.3-beta.2 <2.0.0-0"},
      {"^0.0.3-beta", ">=0.0.3-beta <0.0.4-0"},
      {"^0.2.3-beta.1", ">=0.2.3-beta.1 <0.3.0-0"},
      {"^1.2.x", ">=1.2.0 <2.0.0-0"},
      {"^0.0.x", "<0.1.0-0"},
      {"^0.0", "<0.1.0-0"},
      {"^1.x", ">=1.0.0 <2.0.0-0"},
      {"^0.x", "<1.0.0-0"},
      {"^1", ">=1.0.0 <2.0.0-0"},
      {"^0", "<1.0.0-0"},
      {"^*", "*"},
      {"^x", "*"},
      {"^ 1.2.3", ">=1.2.3 <2.0.0-0"},
      {"^v1.2.3", ">=1.2.3 <2.0.0-0"},
      {"^=1.2.3", ">=1.2.3 <2.0.0-0"},
      {"^1.2.3+build.7", ">=1.2.3 <2.0.0-0"},
      {"^0.1.2-rc.1", ">=0.1.2-rc.1 <0.2.0-0"},
      {"^1.x.3", ">=1.0.0 <2.0.0-0"},
      {"^10.20.30", ">=10.20.30 <11.0.0-0"},
      // tilde
      {"~1.2.3", ">=1.2.3 <1.3.0-0"},
      {"~1.2", ">=1.2.0 <1.3.0-0"},
      {"~1", ">=1.0.0 <2.0.0-0"},
      {"~0.2.3", ">=0.2.3 <0.3.0-0"},
      {"~0.2", ">=0.2.0 <0.3.0-0"},
      {"~0", "<1.0.0-0"},
      {"~1.2.3-beta.2", ">=1.2.3-beta.2 <1.3.0-0"},
      {"~>1.2.3", ">=1.2.3 <1.3.0-0"},
      {"~> 1.2", ">=1.2.0 <1.3.0-0"},
      {"~ 1", ">=1.0.0 <2.0.0-0"},
      {"~*", "*"},
      {"~x.2", "*"},
      {"~1.x", ">=1.0.0 <2.0.0-0"},
      {"~1.2.x", ">=1.2.0 <1.3.0-0"},
      {"~v1.2.3", ">=1.2.3 <1.3.0-0"},
      {"~0.0.1", ">=0.0.1 <0.1.0-0"},
      {"~>=1.2.3", ">=1.2.3 <1.3.0-0"},
      // xrange
      {"*", "*"},
      {"x", "*"},
      {"X", "*"},
      {"", "*"},
      {"1.x", ">=1.0.0 <2.0.0-0"},
      {"1.2.x", ">=1.2.0 <1.3.0-0"},
      {"1.X", ">=1.0.0 <2.0.0-0"},
      {"1.*", ">=1.0.0 <2.0.0-0"},
      {"1.2.*", ">=1.2.0 <1.3.0-0"},
      {"1", ">=1.0.0 <2.0.0-0"},
      {"1.2", ">=1.2.0 <1.3.0-0"},
      {">1", ">=2.0.0"},
      {">1.2", ">=1.3.0"},
      {">=1", ">=1.0.0"},
      {">=1.2", ">=1.2.0"},
      {"<1", "<1.0.0-0"},
      {"<1.2", "<1.2.0-0"},
      {"<=1", "<2.0.0-0"},
      {"<=1.2", "<1.3.0-0"},
      {"=1.x", ">=1.0.0 <2.0.0-0"},
      {">*", "<0.0.0-0"},
      {"<*", "<0.0.0-0"},
      {">=*", "*"},
      {"<=*", "*"},
      {"x.x.x", "*"},
      {"1.2.x-beta", ">=1.2.0 <1.3.0-0"},
      {"*.*", "*"},
      {"0.x", "<1.0.0-0"},
      {"0.0.x", "<0.1.0-0"},
      {">0.0.x", ">=0.1.0"},
      {"<=0.x", "<1.0.0-0"},
      {">9.x", ">=10.0.0"},
      // hyphen
      {"1.2.3 - 2.3.4", ">=1.2.3 <=2.3.4"},
      {"1.2 - 2.3.4", ">=1.2.0 <=2.3.4"},
      {"1.2.3 - 2.3", ">=1.2.3 <2.4.0-0"},
      {"1.2.3 - 2", ">=1.2.3 <3.0.0-0"},
      {"1 - 2", ">=1.0.0 <3.0.0-0"},
      {"* - 2", "<3.0.0-0"},
      {"1.2.3 - *", ">=1.2.3"},
      {"1.2.3-beta - 2.3.4-alpha", ">=1.2.3-beta <=2.3.4-alpha"},
      {"1.2.3+b - 2.3.4+c", ">=1.2.3 <=2.3.4"},
      {"v1.2.3 - v2.3.4", ">=1.2.3 <=2.3.4"},
      {"1.2.3 -2.3.4", ""},
      {"1.2.x - 2.3.x", ">=1.2.0 <2.4.0-0"},
      {"x - x", "*"},
      {"1.2.3\t-\t2.3.4", ">=1.2.3 <=2.3.4"},
      {"1.2.3-0 - 1.2.3-0", ">=1.2.3-0 <=1.2.3-0"},
      // comparator
      {">=1.2.3", ">=1.2.3"},
      {"> 1.2.3", ">1.2.3"},
      {">= 1.2.3", ">=1.2.3"},
      {"<\t1.2.3", "<1.2.3"},
      {"=1.2.3", "1.2.3"},
      {"v1.2.3", "1.2.3"},
      {"=v1.2.3", "1.2.3"},
      {" 1.2.3 ", "1.2.3"},
      {"1.2.3 1.2.3", "1.2.3"},
      {">=1.2.3 <2.0.0", ">=1.2.3 <2.0.0"},
      {"1.2.3-beta+build", "1.2.3-beta"},
      {">1.2.3-0", ">1.2.3-0"},
      {"<=1.2.3-rc.1", "<=1.2.3-rc.1"},
      {"1.2.3 >=1.2.3 <=1.2.3", "1.2.3 >=1.2.3 <=1.2.3"},
      {">1.2.3 <1.2.3", ">1.2.3 <1.2.3"},
      {">= 1.2.3 < 2", ">=1.2.3 <2.0.0-0"},
      // or
      {"1.2.3 || 2.x", "1.2.3||>=2.0.0 <3.0.0-0"},
      {"1.2.3||2.3.4", "1.2.3||2.3.4"},
      {"||", "*"},
      {"1.2.3 ||", "*"},
      {"|| 1.2.3", "*"},
      {"<0.0.0-0 || 1.2.3", "1.2.3"},
      {"<0.0.0-0 || <0.0.0-0", "<0.0.0-0"},
      {"1.2.3 || *", "*"},
      {"1.2.3 || x || <0.0.0-0", "*"},
      {">=0.0.0", "*"},
      {">=0.0.0 <1", "<1.0.0-0"},
      {"* >=1.2.3", ">=1.2.3"},
      {">=1.2.3 *", ">=1.2.3"},
      {"^1 || ^2 || ^3", ">=1.0.0 <2.0.0-0||>=2.0.0 <3.0.0-0||>=3.0.0 <4.0.0-0"},
      {"1.2.3 || 1.2.3", "1.2.3||1.2.3"},
      // quirk
      {"1.2.3*", "1.2.3"},
      {">=*1.2.3", "1.2.3"},
      {"<1.2.*3", "<1.2.3"},
      {"> =1.2.3", ">=1.2.3"},
      {">=0a0b0", ""},  // node-semver 7.3.5's ">=0.0.0" test matched any character for "."
      {"= 1", ">=1.0.0 <2.0.0-0"},
      {"^v=1", ">=1.0.0 <2.0.0-0"},
      {"1.2.3-0a", "1.2.3-0a"},
      {">=0 0 0", "<1.0.0-0"},
      {"<0.0.0-0 >=1.2.3", "<0.0.0-0"},
      {"~>=1.2.3", ">=1.2.3 <1.3.0-0"},
      {"^9007199254740990", ">=9007199254740990.0.0 <9007199254740991.0.0-0"},
      {"9007199254740991.9007199254740991.9007199254740991",
       "9007199254740991.9007199254740991.9007199254740991"},
      // an x followed by a number: invalid in node-semver 7.8 (7.3.5 read "1.x.3" as "1.x" and
      // "x.1"
      // as "*"), except after ^ or ~ and in hyphen ranges
      {"1.x.3", ""},
      {"x.1", ""},
      {"x.1.2", ""},
      {"*.1", ""},
      {"x.x.1", ""},
      {">x.1", ""},
      {"<=*.2", ""},
      {"=X.1.x", ""},
      {"1.x.3-beta", ""},
      {"x.1 || 1.2.3", ""},
      {"1.x.x-beta", ">=1.0.0 <2.0.0-0"},
      {"^x.1", "*"},
      {"~x.1", "*"},
      {"~>*.1.2", "*"},
      {"1.x.3 - 2", ">=1.0.0 <3.0.0-0"},
      {"x.1 - 2", "<3.0.0-0"},
      // build metadata goes wherever it stands, before anything else is read
      {"+b", "*"},
      {"1.2.3 +b", "1.2.3"},
      {"+b 1.2.3", "1.2.3"},
      {"1.2+b", ">=1.2.0 <1.3.0-0"},
      {"1.x+b", ">=1.0.0 <2.0.0-0"},
      {"1.2.3+b.c+d", "1.2.3"},
      {"1.2.3 || +x", "*"},
      {"1.2.3+" + std::string(300, 'b'), "1.2.3"},
      {"1.2.3-+b", ""},
      {"a+b", ""},
      {">=0-0+0", ""},
      // ... and the whitespace it leaves is read by bounded expressions: one character goes after
      // an operator, "~" or "^", one must stand on each side of a hyphen range's "-"
      {"~ +b 1", ">=1.0.0 <2.0.0-0"},
      {"^ +b 1", ">=1.0.0 <2.0.0-0"},
      {"> +b 1", ""},
      {"1.2.3 - +b 2", ">=1.2.3 <3.0.0-0"},
      {"1.2.3 +b - 2.0.0", ""},
      // the comparator trim reads "0v" as one prerelease identifier and resumes after it
      {"1.2.3-0v = 1", "1.2.3-0v >=1.0.0 <2.0.0-0"},
      // whitespace
      {"\u00A01.2.3\u3000", "1.2.3"},
      {"1.2.3\u3000||\u00A02", "1.2.3||>=2.0.0 <3.0.0-0"},
      {"1.2.3\t-\n2.3.4", ">=1.2.3 <=2.3.4"},
      {">=\u20281.2.3", ">=1.2.3"},
      {"\uFEFF^1.2.3", ">=1.2.3 <2.0.0-0"},
      {"~\t\t1.2", ">=1.2.0 <1.3.0-0"},
  };
  for (const auto& c : cases) {
    auto r = Range::parse(c.input);
    if (c.normalized.empty()) {
      EXPECT_FALSE(r) << c.input << " parsed as " << r->normalized();
      continue;
    }
    ASSERT_TRUE(r) << c.input << ": " << r.error().message;
    EXPECT_EQ(r->normalized(), c.normalized) << c.input;
    EXPECT_EQ(r->text(), c.input);
  }
}

struct SatisfiesCase {
  std::string range;
  std::string version;
  bool expected;  // semver.satisfies(version, range)
};

// node-semver's own include/exclude fixtures (default options) and more, with node-semver 7.8.6's
// answers.
TEST(RangeSatisfies, AnswersLikeSemverSatisfies) {
  const std::vector<SatisfiesCase> cases = {
      {"1.0.0 - 2.0.0", "1.2.3", true},
      {"^1.2.3+build", "1.2.3", true},
      {"^1.2.3+build", "1.3.0", true},
      {"1.2.3-pre+asdf - 2.4.3-pre+asdf", "1.2.3", true},
      {"1.2.3-pre+asdf - 2.4.3-pre+asdf", "1.2.3-pre.2", true},
      {"1.2.3-pre+asdf - 2.4.3-pre+asdf", "2.4.3-alpha", true},
      {"1.2.3+asdf - 2.4.3+asdf", "1.2.3", true},
      {"1.0.0", "1.0.0", true},
      {">=*", "0.2.4", true},
      {"", "1.0.0", true},
      {"*", "1.2.3", true},
      {"*", "v1.2.3", true},
      {">=1.0.0", "1.0.0", true},
      {">=1.0.0", "1.0.1", true},
      {">=1.0.0", "1.1.0", true},
      {">1.0.0", "1.0.1", true},
      {">1.0.0", "1.1.0", true},
      {"<=2.0.0", "2.0.0", true},
      {"<=2.0.0", "1.9999.9999", true},
      {"<=2.0.0", "0.2.9", true},
      {"<2.0.0", "1.9999.9999", true},
      {"<2.0.0", "0.2.9", true},
      {">= 1.0.0", "1.0.0", true},
      {">=  1.0.0", "1.0.1", true},
      {">=   1.0.0", "1.1.0", true},
      {"> 1.0.0", "1.0.1", true},
      {">  1.0.0", "1.1.0", true},
      {"<=   2.0.0", "2.0.0", true},
      {"<= 2.0.0", "1.9999.9999", true},
      {"<=  2.0.0", "0.2.9", true},
      {"<    2.0.0", "1.9999.9999", true},
      {"<\t2.0.0", "0.2.9", true},
      {">=0.1.97", "v0.1.97", true},
      {">=0.1.97", "0.1.97", true},
      {"0.1.20 || 1.2.4", "1.2.4", true},
      {">=0.2.3 || <0.0.1", "0.0.0", true},
      {">=0.2.3 || <0.0.1", "0.2.3", true},
      {">=0.2.3 || <0.0.1", "0.2.4", true},
      {"||", "1.3.4", true},
      {"2.x.x", "2.1.3", true},
      {"1.2.x", "1.2.3", true},
      {"1.2.x || 2.x", "2.1.3", true},
      {"1.2.x || 2.x", "1.2.3", true},
      {"x", "1.2.3", true},
      {"2.*.*", "2.1.3", true},
      {"1.2.*", "1.2.3", true},
      {"1.2.* || 2.*", "2.1.3", true},
      {"1.2.* || 2.*", "1.2.3", true},
      {"2", "2.1.2", true},
      {"2.3", "2.3.1", true},
      {"~0.0.1", "0.0.1", true},
      {"~0.0.1", "0.0.2", true},
      {"~x", "0.0.9", true},
      {"~2", "2.0.9", true},
      {"~2.4", "2.4.0", true},
      {"~2.4", "2.4.5", true},
      {"~>3.2.1", "3.2.2", true},
      {"~1", "1.2.3", true},
      {"~>1", "1.2.3", true},
      {"~> 1", "1.2.3", true},
      {"~1.0", "1.0.2", true},
      {"~ 1.0", "1.0.2", true},
      {"~ 1.0.3", "1.0.12", true},
      {">=1", "1.0.0", true},
      {">= 1", "1.0.0", true},
      {"<1.2", "1.1.1", true},
      {"< 1.2", "1.1.1", true},
      {"~v0.5.4-pre", "0.5.5", true},
      {"~v0.5.4-pre", "0.5.4", true},
      {"=0.7.x", "0.7.2", true},
      {"<=0.7.x", "0.7.2", true},
      {">=0.7.x", "0.7.2", true},
      {"<=0.7.x", "0.6.2", true},
      {"~1.2.1 >=1.2.3", "1.2.3", true},
      {"~1.2.1 =1.2.3", "1.2.3", true},
      {"~1.2.1 1.2.3", "1.2.3", true},
      {"~1.2.1 >=1.2.3 1.2.3", "1.2.3", true},
      {"~1.2.1 1.2.3 >=1.2.3", "1.2.3", true},
      {">=1.2.1 1.2.3", "1.2.3", true},
      {"1.2.3 >=1.2.1", "1.2.3", true},
      {">=1.2.3 >=1.2.1", "1.2.3", true},
      {">=1.2.1 >=1.2.3", "1.2.3", true},
      {">=1.2", "1.2.8", true},
      {"^1.2.3", "1.8.1", true},
      {"^0.1.2", "0.1.2", true},
      {"^0.1", "0.1.2", true},
      {"^0.0.1", "0.0.1", true},
      {"^1.2", "1.4.2", true},
      {"^1.2 ^1", "1.4.2", true},
      {"^1.2.3-alpha", "1.2.3-pre", true},
      {"^1.2.0-alpha", "1.2.0-pre", true},
      {"^0.0.1-alpha", "0.0.1-beta", true},
      {"^0.0.1-alpha", "0.0.1", true},
      {"^0.1.1-alpha", "0.1.1-beta", true},
      {"^x", "1.2.3", true},
      {"x - 1.0.0", "0.9.7", true},
      {"x - 1.x", "0.9.7", true},
      {"1.0.0 - x", "1.9.7", true},
      {"1.x - x", "1.9.7", true},
      {"<=7.x", "7.9.9", true},
      {"1.0.0 - 2.0.0", "2.2.3", false},
      {"1.2.3+asdf - 2.4.3+asdf", "1.2.3-pre.2", false},
      {"1.2.3+asdf - 2.4.3+asdf", "2.4.3-alpha", false},
      {"^1.2.3+build", "2.0.0", false},
      {"^1.2.3+build", "1.2.0", false},
      {"^1.2.3", "1.2.3-pre", false},
      {"^1.2", "1.2.0-pre", false},
      {">1.2", "1.3.0-beta", false},
      {"<=1.2.3", "1.2.3-beta", false},
      {"^1.2.3", "1.2.3-beta", false},
      {"=0.7.x", "0.7.0-asdf", false},
      {">=0.7.x", "0.7.0-asdf", false},
      {"<=0.7.x", "0.7.0-asdf", false},
      {"1.0.0", "1.0.1", false},
      {">=1.0.0", "0.0.0", false},
      {">=1.0.0", "0.0.1", false},
      {">=1.0.0", "0.1.0", false},
      {">1.0.0", "0.0.1", false},
      {">1.0.0", "0.1.0", false},
      {"<=2.0.0", "3.0.0", false},
      {"<=2.0.0", "2.9999.9999", false},
      {"<=2.0.0", "2.2.9", false},
      {"<2.0.0", "2.9999.9999", false},
      {"<2.0.0", "2.2.9", false},
      {">=0.1.97", "v0.1.93", false},
      {">=0.1.97", "0.1.93", false},
      {"0.1.20 || 1.2.4", "1.2.3", false},
      {">=0.2.3 || <0.0.1", "0.0.3", false},
      {">=0.2.3 || <0.0.1", "0.2.2", false},
      {"2.x.x", "1.1.3", false},
      {"2.x.x", "3.1.3", false},
      {"1.2.x", "1.3.3", false},
      {"1.2.x || 2.x", "3.1.3", false},
      {"1.2.x || 2.x", "1.1.3", false},
      {"2.*.*", "1.1.3", false},
      {"2.*.*", "3.1.3", false},
      {"1.2.*", "1.3.3", false},
      {"1.2.* || 2.*", "3.1.3", false},
      {"1.2.* || 2.*", "1.1.3", false},
      {"2", "1.1.2", false},
      {"2.3", "2.4.1", false},
      {"~0.0.1", "0.1.0-alpha", false},
      {"~0.0.1", "0.1.0", false},
      {"~2.4", "2.5.0", false},
      {"~2.4", "2.3.9", false},
      {"~>3.2.1", "3.3.2", false},
      {"~>3.2.1", "3.2.0", false},
      {"~1", "0.2.3", false},
      {"~>1", "2.2.3", false},
      {"~1.0", "1.1.0", false},
      {"<1", "1.0.0", false},
      {">=1.2", "1.1.1", false},
      {"~v0.5.4-beta", "0.5.4-alpha", false},
      {"=0.7.x", "0.8.2", false},
      {">=0.7.x", "0.6.2", false},
      {"<0.7.x", "0.7.2", false},
      {"<1.2.3", "1.2.3-beta", false},
      {"=1.2.3", "1.2.3-beta", false},
      {">1.2", "1.2.8", false},
      {"^0.0.1", "0.0.2-alpha", false},
      {"^0.0.1", "0.0.2", false},
      {"^1.2.3", "2.0.0-alpha", false},
      {"^1.2.3", "1.2.2", false},
      {"^1.2", "1.1.9", false},
      {"*", "v1.2.3-foo", false},
      {"blerg", "1.2.3", false},
      {"^1.2.3", "2.0.0-pre", false},
      {"0.x", "1.0.0-pre", false},
      {"^1.0.0", "2.0.0-rc1", false},
      {"^1.0.0", "1.0.0-rc1", false},
      {"1 - 2", "3.0.0-pre", false},
      {"1 - 2", "2.0.0-pre", false},
      {"^1.0.0-0", "1.0.1-rc1", false},
      {"1.2.3-pre - 1.2.3", "1.2.3-pre.1", true},
      {">1.2.3-alpha.3", "1.2.3-alpha.7", true},
      {">1.2.3-alpha.3", "3.4.5-alpha.9", false},
      {">1.2.3-alpha.3", "3.4.5", true},
      {">=1.2.3-alpha <1.2.4", "1.2.3-beta", true},
      {">=1.2.3 <1.2.4-alpha", "1.2.4-0", true},
      {">=1.2.3 <1.2.4-alpha", "1.2.3-zeta", false},
      {"<1.2.4-alpha", "1.2.4-0", true},
      {"^0.0.3", "0.0.3", true},
      {"^0.0.3", "0.0.4", false},
      {"^0.0.3", "0.0.4-0", false},
      {"^0.0.3-beta", "0.0.3-beta.2", true},
      {"^0.0.3-beta", "0.0.3-alpha", false},
      {"^0.0.3-beta", "0.0.3", true},
      {"^0.2.3", "0.2.9", true},
      {"^0.2.3", "0.3.0", false},
      {"^0.2.3", "0.2.2", false},
      {"^0.2.3-rc.1", "0.2.3-rc.2", true},
      {"^0.2.3-rc.1", "0.2.4-rc.2", false},
      {"^0", "0.9.9", true},
      {"^0", "1.0.0-0", false},
      {"^0.0", "0.0.9", true},
      {"^0.0", "0.1.0", false},
      {"^0.0.x", "0.0.0", true},
      {"~0.2", "0.2.9", true},
      {"~0.2", "0.3.0", false},
      {"~0", "0.99.0", true},
      {"~1.2.3-beta.2", "1.2.3-beta.4", true},
      {"~1.2.3-beta.2", "1.2.4-beta.2", false},
      {"~1.2.3-beta.2", "1.2.3-beta.1", false},
      {"~1.2.3-beta.2", "1.2.9", true},
      {">1", "2.0.0", true},
      {">1", "1.9.9", false},
      {">1.2", "1.3.0", true},
      {"<=1", "1.9.9", true},
      {"<=1", "2.0.0-0", false},
      {"<1.2", "1.2.0-0", false},
      {"<1.2", "1.1.9-9", false},
      {">=1.x", "1.0.0", true},
      {"<2.x", "1.99.99", true},
      {">*", "1.0.0", false},
      {"<*", "0.0.0", false},
      {">=0.0.0", "0.0.0", true},
      {">=0.0.0", "0.0.0-0", false},
      {"<0.0.0-0", "0.0.0-0", false},
      {"1.2.3-alpha.1", "1.2.3-alpha.1", true},
      {"1.2.3-alpha.1", "1.2.3-alpha.1+build", true},
      {"1.2.3+b1", "1.2.3+b2", true},
      {"1.2.3 +b", "1.2.3", true},
      {"1.x.3", "1.9.0", false},  // invalid range
      {">=1.2.3-0", "1.2.3-alpha", true},
      {">=1.2.3-0", "1.2.4-alpha", false},
      {"=1.0.0-9007199254740993", "1.0.0-9007199254740992", true},
      {">1.0.0-9007199254740992", "1.0.0-9007199254740993", false},
      {"<1.0.0-9007199254740990", "1.0.0-9007199254740991", false},
      {"1.2.3", " 1.2.3 ", true},
      {"1.2.3", "=1.2.3", false},
      {"1.2.3", "1.2", false},
      {"*", "not-a-version", false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(satisfies(c.range, c.version), c.expected) << c.range << " / " << c.version;
}

// A prerelease matches only a comparator set that names a prerelease of the same major.minor.patch.
TEST(RangeSatisfies, AppliesThePrereleaseRulePerSet) {
  auto r = Range::parse(">=1.2.3-beta.1 <2.0.0 || ^3.0.0-rc.2");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->satisfies(*Version::parse("1.2.3-beta.2")));
  EXPECT_FALSE(r->satisfies(*Version::parse("1.2.3-alpha")));   // below the bound
  EXPECT_FALSE(r->satisfies(*Version::parse("1.2.4-beta.2")));  // other release
  EXPECT_FALSE(r->satisfies(*Version::parse("1.9.9-rc.1")));    // other release
  EXPECT_TRUE(r->satisfies(*Version::parse("1.9.9")));
  EXPECT_TRUE(r->satisfies(*Version::parse("3.0.0-rc.10")));
  EXPECT_FALSE(r->satisfies(*Version::parse("3.0.1-rc.10")));
  EXPECT_TRUE(r->satisfies(*Version::parse("3.5.0")));
  // The set must match as a whole and name the prerelease itself: the other set's prerelease
  // does not count.
  auto split = Range::parse(">=1.0.0 <1.2.3 || 1.2.3-beta.1");
  ASSERT_TRUE(split);
  EXPECT_FALSE(split->satisfies(*Version::parse("1.2.3-beta.0")));
  EXPECT_TRUE(split->satisfies(*Version::parse("1.2.3-beta.1")));
  // Build metadata on the version is ignored.
  EXPECT_TRUE(satisfies("1.2.3-beta.1", "1.2.3-beta.1+linux"));
}

TEST(RangeSatisfies, WorksOnConstructedVersions) {
  auto r = Range::parse("~1.2.3-beta");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->satisfies(Version(1, 2, 3).set_prerelease({PrereleaseId{std::string("gamma")}})));
  EXPECT_FALSE(r->satisfies(Version(1, 2, 3).set_prerelease({PrereleaseId{std::uint64_t{1}}})));
  EXPECT_TRUE(r->satisfies(Version(1, 2, 99)));
  EXPECT_FALSE(r->satisfies(Version(1, 3, 0)));
}

TEST(RangeParse, ExposesDesugaredSets) {
  auto r = Range::parse("^1.2.3 || 2.x || *");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->sets().size(), 1u);  // any set wins
  EXPECT_TRUE(r->sets()[0][0].any);

  r = Range::parse("^1.2.3-beta || <=2.x");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->sets().size(), 2u);
  ASSERT_EQ(r->sets()[0].size(), 2u);
  EXPECT_EQ(r->sets()[0][0].op, Op::ge);
  EXPECT_EQ(r->sets()[0][0].version.str(), "1.2.3-beta");
  EXPECT_EQ(r->sets()[0][1].op, Op::lt);
  EXPECT_EQ(r->sets()[0][1].version.str(), "2.0.0-0");
  ASSERT_EQ(r->sets()[1].size(), 1u);
  EXPECT_EQ(r->sets()[1][0].op, Op::lt);
  EXPECT_EQ(r->sets()[1][0].version.str(), "3.0.0-0");

  r = Range::parse("=1.2.3+build >1.0.0 <=2.0.0");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->sets()[0].size(), 3u);
  EXPECT_EQ(r->sets()[0][0].op, Op::eq);
  EXPECT_EQ(r->sets()[0][0].version.str(), "1.2.3");  // build metadata is stripped first
  EXPECT_EQ(r->sets()[0][1].op, Op::gt);
  EXPECT_EQ(r->sets()[0][2].op, Op::le);
  EXPECT_EQ(r->normalized(), "1.2.3 >1.0.0 <=2.0.0");
}

}  // namespace
}  // namespace pinset::semver
