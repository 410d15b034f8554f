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

// Expected values are node-semver 7.3.5's semver.validRange().
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
      {">x.1", "<0.0.0-0"},
      {"1.x.3", ">=1.0.0 <2.0.0-0"},
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
      {">=0a0b0", "*"},
      {"= 1", ">=1.0.0 <2.0.0-0"},
      {"^v=1", ">=1.0.0 <2.0.0-0"},
      {"1.2.3-0a", "1.2.3-0a"},
      {">=0 0 0", "<1.0.0-0"},
      {"<0.0.0-0 >=1.2.3", "<0.0.0-0"},
      {"~>=1.2.3", ">=1.2.3 <1.3.0-0"},
      {"^9007199254740990", ">=9007199254740990.0.0 <9007199254740991.0.0-0"},
      {"9007199254740991.9007199254740991.9007199254740991",
       "9007199254740991.9007199254740991.9007199254740991"},
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

// node-semver's own include/exclude fixtures (default options) and more, with node-semver 7.3.5's
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
  EXPECT_EQ(r->sets()[0][0].version.str(), "1.2.3+build");  // kept, though not in normalized()
  EXPECT_EQ(r->sets()[0][1].op, Op::gt);
  EXPECT_EQ(r->sets()[0][2].op, Op::le);
  EXPECT_EQ(r->normalized(), "1.2.3 >1.0.0 <=2.0.0");
}

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
       "invalid range \"<1.2.3-\xC3\xA9\": \"<1.2.3-\xC3\xA9\" is not a valid comparator: "
       "unexpected \"\xC3\xA9\" after \"<1.2.3-\""},
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
      {"1.2.3+" + std::string(300, 'b'),
       "invalid range \"1.2.3+" + std::string(74, 'b') + "...\": \"1.2.3+" + std::string(74, 'b') +
           "...\" is not a valid comparator: version longer than 256 characters"},
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
