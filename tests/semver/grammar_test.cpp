#include "core/semver/grammar.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace pinset::semver::grammar {
namespace {

struct EndCase {
  std::string input;
  std::size_t end;  // npos for no match
};

TEST(Grammar, ReadsXRangeIdentifiers) {
  const std::vector<EndCase> cases = {{"0", 1}, {"01", 1}, {"10.", 2}, {"123", 3},  {"x1", 1},
                                      {"X", 1}, {"*", 1},  {"", npos}, {"a", npos}, {"-1", npos}};
  for (const auto& c : cases)
    EXPECT_EQ(xrange_id(c.input, 0), c.end) << c.input;
  EXPECT_EQ(skip_prefix("v=v \t=1", 0), 6u);
  EXPECT_EQ(skip_prefix("V1", 0), 0u);
}

TEST(Grammar, ValidatesWholePrereleasesAndBuilds) {
  for (std::string ok : {"0", "1", "10", "alpha", "alpha.1", "0a", "00a", "-", "--", "a-b.0.-"})
    EXPECT_TRUE(valid_prerelease(ok)) << ok;
  for (std::string bad : {"", "01", "00", "a..b", ".a", "a.", "a#", "a+b", "0.01"})
    EXPECT_FALSE(valid_prerelease(bad)) << bad;
  for (std::string ok : {"0", "01", "001.002", "a-b", "-"})
    EXPECT_TRUE(valid_build(ok)) << ok;
  for (std::string bad : {"", "a..b", ".a", "a.", "a+b", "a b"})
    EXPECT_FALSE(valid_build(bad)) << bad;
}

// Where internal/trim-comparator-whitespace.js's findVersionEndIndex stops (the comparator trim
// resumes there): a loose full version first, else a partial one. Expected values are node-semver
// 7.8.6's, from that function.
TEST(Grammar, EndsVersionsWhereTheComparatorTrimWould) {
  const std::vector<EndCase> cases = {
      {"1.2.3", 5},     {"01.02.03", 8},
      {"1.2", 3},       {"1.2.3-beta", 10},
      {"1.2.3beta", 9}, {"1.2.3-4abc", 10},
      {"1.2.3-.a", 8},  {"1.2.3-.", 6},
      {"1.2.3-a.", 7},  {"1.2.3+b.c+d", 9},
      {"1.2.3+", 5},    {"1.2.3-a.01.b", 12},
      {"1.2.3 x", 5},   {"1", 1},
      {"1.", 1},        {"1.x", 3},
      {"01", 1},        {"1.2.3-0a", 8},
      {"1.2.3-a.0", 9}, {"1.2.3-", 6},
      {"1.x.*+b", 7},   {"1.2-a", 3},
      {"x.y", 1},       {"1.2.3-0v", 8},
      {"1.x.3-01", 7},  {std::string(300, '9'), 257},
  };
  for (const auto& c : cases) {
    DigitRuns runs;
    EXPECT_EQ(find_version_end(c.input, 0, runs), c.end) << c.input;
  }
  // The remembered runs give the same ends as reading afresh.
  const std::string text = std::string(600, '1') + ".2.3-" + std::string(300, '4') + "a";
  DigitRuns runs;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_version_start(text, i)) continue;
    DigitRuns fresh;
    EXPECT_EQ(find_version_end(text, i, runs), find_version_end(text, i, fresh)) << i;
  }
}

// node-semver 7.8's expressions cap numbers at 257 digits and identifiers at 250 characters (after
// up to 256 leading digits); longer ones do not match, as in node-semver.
TEST(Grammar, CapsLengthsLikeTheBoundedExpressions) {
  EXPECT_EQ(xrange_id(std::string(300, '9'), 0), 257u);
  EXPECT_EQ(xrange_id(std::string(257, '9'), 0), 257u);
  EXPECT_TRUE(valid_prerelease(std::string(257, '9')));
  EXPECT_FALSE(valid_prerelease(std::string(258, '9')));
  EXPECT_TRUE(valid_prerelease("a" + std::string(250, 'b')));
  EXPECT_FALSE(valid_prerelease("a" + std::string(251, 'b')));
  EXPECT_TRUE(valid_prerelease(std::string(256, '1') + "a"));
  EXPECT_FALSE(valid_prerelease(std::string(257, '1') + "a"));
  EXPECT_TRUE(valid_build(std::string(250, 'b')));
  EXPECT_FALSE(valid_build(std::string(251, 'b')));
  XRangeParts p;
  EXPECT_TRUE(xrange_plain_anchored("x." + std::string(300, '9'), 0, p));
  EXPECT_EQ(p.end, 259u);  // the caller sees a digit where the match stops
}

TEST(Grammar, FindsAnXFollowedByANumber) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"x.1", true},  {"*.1.2", true},  {"1.x.3", true}, {"x.x.1", true},  {"X.0", true},
      {"x", false},   {"x.x", false},   {"1.x", false},  {"1.x.x", false}, {"1.2.x", false},
      {"*.*", false}, {"1.2.3", false}, {"1", false},
  };
  for (const auto& [text, invalid] : cases) {
    XRangeParts p;
    ASSERT_TRUE(xrange_plain_anchored(text, 0, p)) << text;
    EXPECT_EQ(invalid_x_order(p), invalid) << text;
  }
}

TEST(Grammar, CapturesAnchoredXRangeParts) {
  XRangeParts p;
  ASSERT_TRUE(xrange_plain_anchored("1.2.3-beta.1+b.2", 0, p));
  EXPECT_EQ(p.major, "1");
  EXPECT_EQ(p.minor, "2");
  EXPECT_EQ(p.patch, "3");
  EXPECT_EQ(p.prerelease, "beta.1");
  EXPECT_EQ(p.build, "b.2");
  EXPECT_TRUE(p.has_prerelease && p.has_build);
  EXPECT_EQ(p.end, 16u);

  ASSERT_TRUE(xrange_plain_anchored("1.x", 0, p));
  EXPECT_TRUE(p.has_minor);
  EXPECT_FALSE(p.has_patch);
  EXPECT_TRUE(is_x(p.minor, p.has_minor));
  EXPECT_TRUE(is_x(p.patch, p.has_patch));
  EXPECT_EQ(p.end, 3u);

  // Anchored, "0a" is one identifier (the regex backtracks to the third alternative).
  ASSERT_TRUE(xrange_plain_anchored("1.2.3-0a", 0, p));
  EXPECT_EQ(p.prerelease, "0a");
  EXPECT_EQ(p.end, 8u);
  // An invalid prerelease is not taken: the caller sees "-" where the match stops.
  ASSERT_TRUE(xrange_plain_anchored("1.2.3-01 ", 0, p));
  EXPECT_FALSE(p.has_prerelease);
  EXPECT_EQ(p.end, 5u);
  ASSERT_TRUE(xrange_plain_anchored("1.2.3-a b", 0, p));
  EXPECT_EQ(p.end, 7u);
  EXPECT_FALSE(xrange_plain_anchored("v1", 0, p));
}

TEST(Grammar, IncrementsDecimalsExactly) {
  EXPECT_EQ(increment("0"), "1");
  EXPECT_EQ(increment("9"), "10");
  EXPECT_EQ(increment("1299"), "1300");
  EXPECT_EQ(increment("9007199254740991"), "9007199254740992");
  EXPECT_EQ(increment("99999999999999999999"), "100000000000000000000");
}

}  // namespace
}  // namespace pinset::semver::grammar
