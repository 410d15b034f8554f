#include "core/policy/license_expr.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pinset::policy {
namespace {

constexpr const char* k_hint =
    "write SPDX license ids joined by AND, OR and WITH, as in \"MIT OR Apache-2.0\" or "
    "\"GPL-2.0-only WITH Classpath-exception-2.0\"";

struct ParseCase {
  std::string text;
  std::string canonical;  // to_string of the parse
};

TEST(LicenseExpr, ParsesAndPrintsCanonically) {
  const std::vector<ParseCase> cases = {
      {"MIT", "MIT"},
      {"  MIT\t", "MIT"},
      {"MIT OR Apache-2.0", "MIT OR Apache-2.0"},
      {"MIT AND Apache-2.0 OR GPL-2.0-only", "MIT AND Apache-2.0 OR GPL-2.0-only"},
      {"(MIT AND Apache-2.0) OR GPL-2.0-only", "MIT AND Apache-2.0 OR GPL-2.0-only"},
      {"MIT AND (Apache-2.0 OR GPL-2.0-only)", "MIT AND (Apache-2.0 OR GPL-2.0-only)"},
      {"GPL-2.0-only OR MIT AND Apache-2.0", "GPL-2.0-only OR MIT AND Apache-2.0"},
      {"(MIT AND BSD-3-Clause) OR GPL-2.0-only WITH Classpath-exception-2.0",
       "MIT AND BSD-3-Clause OR GPL-2.0-only WITH Classpath-exception-2.0"},
      {"Apache-2.0+", "Apache-2.0+"},
      {"GPL-2.0+ WITH Bison-exception-2.2", "GPL-2.0+ WITH Bison-exception-2.2"},
      {"LicenseRef-acme-1", "LicenseRef-acme-1"},
      {"DocumentRef-x:LicenseRef-y", "DocumentRef-x:LicenseRef-y"},
      {"LicenseRef-x WITH Foo-exception", "LicenseRef-x WITH Foo-exception"},
      {"((MIT))", "MIT"},
      {"(MIT OR (Apache-2.0 OR ISC))", "MIT OR Apache-2.0 OR ISC"},
      {"MIT AND (ISC AND Zlib)", "MIT AND ISC AND Zlib"},
      {"(MIT OR ISC) AND (Zlib OR 0BSD)", "(MIT OR ISC) AND (Zlib OR 0BSD)"},
      {"mit or apache-2.0", "mit OR apache-2.0"},
      {"MIT and ISC with X-exception", "MIT AND ISC WITH X-exception"},
      {"MIT\nOR\r\nISC", "MIT OR ISC"},
      {"(MIT)OR(ISC)", "MIT OR ISC"},
      {"CC-BY-4.0", "CC-BY-4.0"},
  };
  for (const auto& c : cases) {
    auto expr = parse_license_expression(c.text);
    ASSERT_TRUE(expr) << c.text << ": " << expr.error().message;
    EXPECT_EQ(to_string(*expr), c.canonical) << c.text;
  }
}

TEST(LicenseExpr, AndBindsTighterThanOr) {
  auto expr = parse_license_expression("MIT AND Apache-2.0 OR GPL-2.0-only");
  ASSERT_TRUE(expr);
  ASSERT_EQ(expr->kind, LicenseExpr::Kind::any_of);
  ASSERT_EQ(expr->operands.size(), 2u);
  EXPECT_EQ(expr->operands[0].kind, LicenseExpr::Kind::all_of);
  EXPECT_EQ(expr->operands[0].operands.size(), 2u);
  EXPECT_EQ(expr->operands[1].kind, LicenseExpr::Kind::term);
  EXPECT_EQ(expr->operands[1].term.id, "GPL-2.0-only");
}

TEST(LicenseExpr, TermsKeepPlusExceptionAndSpelling) {
  auto expr = parse_license_expression("gpl-2.0+ with classpath-exception-2.0");
  ASSERT_TRUE(expr);
  ASSERT_EQ(expr->kind, LicenseExpr::Kind::term);
  EXPECT_EQ(expr->term.id, "gpl-2.0");
  EXPECT_TRUE(expr->term.or_later);
  EXPECT_EQ(expr->term.exception, "classpath-exception-2.0");
}

TEST(LicenseExpr, ListsLicenseIdsOnceInOrder) {
  struct Case {
    std::string text;
    std::vector<std::string> ids;
  };
  const std::vector<Case> cases = {
      {"MIT", {"MIT"}},
      {"MIT OR mit OR Apache-2.0+", {"MIT", "Apache-2.0"}},
      {"(MIT AND BSD-3-Clause) OR GPL-2.0-only WITH Classpath-exception-2.0",
       {"MIT", "BSD-3-Clause", "GPL-2.0-only"}},
      {"DocumentRef-x:LicenseRef-y AND LicenseRef-z",
       {"DocumentRef-x:LicenseRef-y", "LicenseRef-z"}},
  };
  for (const auto& c : cases) {
    auto ids = license_ids(c.text);
    ASSERT_TRUE(ids) << c.text;
    EXPECT_EQ(*ids, c.ids) << c.text;
  }
  EXPECT_FALSE(license_ids("MIT OR"));
}

struct ErrorCase {
  std::string text;
  std::string problem;  // after `invalid license expression "<text>": `
};

TEST(LicenseExpr, ReportsEveryErrorWithItsPlace) {
  const std::vector<ErrorCase> cases = {
      {"", "the expression is empty"},
      {" \t", "the expression is empty"},
      {"MIT OR", "expected a license after \"OR\""},
      {"MIT AND", "expected a license after \"AND\""},
      {"OR MIT", "expected a license, found \"OR\" at column 1"},
      {"MIT OR AND ISC", "expected a license after \"OR\", found \"AND\" at column 8"},
      {"()", "expected a license after \"(\", found \")\" at column 2"},
      {"(", "expected a license after \"(\""},
      {"(MIT", "missing \")\" to close the \"(\" at column 1"},
      {"MIT OR (ISC AND (Zlib)", "missing \")\" to close the \"(\" at column 8"},
      {"MIT)", "unexpected \")\" at column 4 without a matching \"(\""},
      {"MIT Apache-2.0",
       "expected AND, OR or WITH after \"MIT\", found \"Apache-2.0\" at column 5"},
      {"(MIT Apache-2.0)",
       "expected AND, OR or WITH after \"MIT\", found \"Apache-2.0\" at column 6"},
      {"MIT WITH X ISC", "expected AND or OR after \"X\", found \"ISC\" at column 12"},
      {"(MIT) ISC", "expected AND or OR after \")\", found \"ISC\" at column 7"},
      {"MIT WITH", "expected an exception id after \"WITH\""},
      {"MIT WITH (X)", "expected an exception id after \"WITH\", found \"(\" at column 10"},
      {"MIT WITH a:b",
       "expected an exception id after \"WITH\", found \"a:b\" at column 10 (an exception id has "
       "no \":\")"},
      {"(MIT OR ISC) WITH X", "\"WITH\" at column 14 must follow a single license, not \")\""},
      {"MIT WITH A WITH B", "\"WITH\" at column 12 must follow a single license, not \"A\""},
      {"WITH X", "expected a license, found \"WITH\" at column 1"},
      {"MIT +",
       "unexpected \"+\" at column 5: a \"+\" follows a license id directly, as in "
       "\"Apache-2.0+\""},
      {"MIT++",
       "unexpected \"+\" at column 5: a \"+\" follows a license id directly, as in "
       "\"Apache-2.0+\""},
      {"+MIT", "expected a license, found \"+\" at column 1"},
      {"LicenseRef-x+", "\"+\" at column 13 cannot follow LicenseRef \"LicenseRef-x\""},
      {"LicenseRef-", "\"LicenseRef-\" at column 1 needs an id after \"LicenseRef-\""},
      {"DocumentRef-x:LicenseRef-",
       "\"DocumentRef-x:LicenseRef-\" at column 1 needs an id after \"LicenseRef-\""},
      {"DocumentRef-x", "\"DocumentRef-x\" at column 1 needs \":LicenseRef-<id>\" after it"},
      {"MIT OR DocumentRef-:LicenseRef-y",
       "\"DocumentRef-:LicenseRef-y\" at column 8 is not a license: a \":\" only joins "
       "\"DocumentRef-<id>:LicenseRef-<id>\""},
      {"a:LicenseRef-y",
       "\"a:LicenseRef-y\" at column 1 is not a license: a \":\" only joins "
       "\"DocumentRef-<id>:LicenseRef-<id>\""},
      {"DocumentRef-x:LicenseRef-y:z",
       "\"DocumentRef-x:LicenseRef-y:z\" at column 1 is not a license: a \":\" only joins "
       "\"DocumentRef-<id>:LicenseRef-<id>\""},
      {"MIT And ISC", "operator \"And\" at column 5 must be written \"AND\" or \"and\""},
      {"MIT Or ISC", "operator \"Or\" at column 5 must be written \"OR\" or \"or\""},
      {"MIT wITH X", "operator \"wITH\" at column 5 must be written \"WITH\" or \"with\""},
      {"MIT/Apache-2.0", "unexpected \"/\" at column 4"},
      {"MIT, ISC", "unexpected \",\" at column 4"},
      {"MIT OR \"ISC\"", "unexpected \"\\\"\" at column 8"},
      {"MIT\x01", "unexpected byte 0x01 at column 4"},
      {"MIT OR \x1b[31mISC", "unexpected byte 0x1b at column 8"},
      {"MIT\x7f", "unexpected byte 0x7f at column 4"},
      {"Licen\xc3\xa7"
       "e",
       "unexpected byte 0xc3 at column 6"},
      {std::string("MIT\0ISC", 7), "unexpected byte 0x00 at column 4"},
  };
  for (const auto& c : cases) {
    auto expr = parse_license_expression(c.text);
    ASSERT_FALSE(expr) << c.text;
    EXPECT_EQ(expr.error().code, "invalid-license") << c.text;
    EXPECT_EQ(expr.error().message,
              "invalid license expression " + quote(c.text) + ": " + c.problem)
        << c.text;
    EXPECT_EQ(expr.error().hint, k_hint) << c.text;
  }
}

TEST(LicenseExpr, QuotesTheExpressionSafely) {
  auto expr = parse_license_expression("MIT\x01");
  ASSERT_FALSE(expr);
  EXPECT_EQ(expr.error().message,
            "invalid license expression \"MIT\\x01\": unexpected byte 0x01 at column 4");
}

TEST(LicenseExpr, LimitsNesting) {
  std::string ok = std::string(64, '(') + "MIT" + std::string(64, ')');
  auto parsed = parse_license_expression(ok);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(to_string(*parsed), "MIT");

  std::string deep = std::string(65, '(') + "MIT" + std::string(65, ')');
  auto too_deep = parse_license_expression(deep);
  ASSERT_FALSE(too_deep);
  EXPECT_EQ(too_deep.error().message, "invalid license expression " + quote(deep) +
                                          ": parentheses nested deeper than 64 at column 65");

  std::string hostile = std::string(10000, '(');
  auto nested = parse_license_expression(hostile);
  ASSERT_FALSE(nested);
  EXPECT_EQ(nested.error().message, "invalid license expression " + quote(hostile) +
                                        ": parentheses nested deeper than 64 at column 65");

  // Alternating AND and OR at the limit: deep but legal, and evaluated without trouble.
  std::string alternating = "MIT";
  for (int i = 0; i < 64; ++i)
    alternating = "(" + alternating + (i % 2 ? " OR " : " AND ") + "ISC)";
  auto alt = parse_license_expression(alternating);
  ASSERT_TRUE(alt) << alt.error().message;
  EXPECT_TRUE(evaluate(*alt, {}).allowed);
}

TEST(LicenseExpr, LimitsLength) {
  std::string longest = "LicenseRef-" + std::string(k_max_license_expression_length - 11, 'a');
  EXPECT_TRUE(parse_license_expression(longest));

  std::string megabyte(1 << 20, 'M');
  auto huge = parse_license_expression(megabyte);
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().message,
            "invalid license expression " + quote(megabyte) + ": longer than 10000 characters");
  EXPECT_LT(huge.error().message.size(), 200u);

  std::string many_ors = "MIT";
  while (many_ors.size() < k_max_license_expression_length - 7)
    many_ors += " OR MIT";
  auto wide = parse_license_expression(many_ors);
  ASSERT_TRUE(wide);
  EXPECT_EQ(wide->operands.size(), (many_ors.size() + 4) / 7);
}

struct EvalCase {
  std::string expr;
  LicensePolicy policy;
  bool allowed;
  std::vector<std::string> chosen;
  std::string summary;
};

TEST(LicenseExpr, EvaluatesAgainstAPolicy) {
  const LicensePolicy permissive = {{"MIT", "Apache-2.0", "BSD-3-Clause", "ISC"}, {}};
  const LicensePolicy no_gpl = {{}, {"GPL-2.0-only", "GPL-3.0-only", "AGPL-3.0-only"}};
  const std::vector<EvalCase> cases = {
      // Empty policy: everything is allowed.
      {"GPL-3.0-only", {}, true, {"GPL-3.0-only"}, ""},
      // Deny list only.
      {"GPL-3.0-only", no_gpl, false, {}, "GPL-3.0-only is denied"},
      {"gpl-3.0-ONLY", no_gpl, false, {}, "gpl-3.0-ONLY is denied"},
      {"MIT", no_gpl, true, {"MIT"}, ""},
      {"GPL-3.0-only OR MIT", no_gpl, true, {"MIT"}, ""},
      {"GPL-3.0-only AND MIT", no_gpl, false, {}, "GPL-3.0-only is denied"},
      {"GPL-2.0-only OR GPL-3.0-only",
       no_gpl,
       false,
       {},
       "GPL-2.0-only is denied; GPL-3.0-only is denied"},
      {"GPL-2.0-only WITH Classpath-exception-2.0",
       no_gpl,
       false,
       {},
       "GPL-2.0-only WITH Classpath-exception-2.0 is denied"},
      {"GPL-2.0-only+", no_gpl, false, {}, "GPL-2.0-only+ is denied"},
      {"GPL-3.0-or-later", no_gpl, true, {"GPL-3.0-or-later"}, ""},
      // Allow list only.
      {"MIT", permissive, true, {"MIT"}, ""},
      {"mit", permissive, true, {"mit"}, ""},
      {"LGPL-2.1-only", permissive, false, {}, "LGPL-2.1-only is not in the allow list"},
      {"MIT OR LGPL-2.1-only", permissive, true, {"MIT"}, ""},
      {"LGPL-2.1-only OR MIT", permissive, true, {"MIT"}, ""},
      {"MIT AND LGPL-2.1-only", permissive, false, {}, "LGPL-2.1-only is not in the allow list"},
      {"MIT AND Apache-2.0 OR GPL-2.0-only", permissive, true, {"MIT", "Apache-2.0"}, ""},
      {"MIT AND (Apache-2.0 OR GPL-2.0-only)", permissive, true, {"MIT", "Apache-2.0"}, ""},
      {"(MIT OR ISC) AND (Zlib OR 0BSD)",
       permissive,
       false,
       {},
       "Zlib is not in the allow list; 0BSD is not in the allow list"},
      {"LGPL-2.1-only AND (LGPL-2.1-only OR Zlib)",
       permissive,
       false,
       {},
       "LGPL-2.1-only is not in the allow list; Zlib is not in the allow list"},
      {"Apache-2.0+", permissive, true, {"Apache-2.0+"}, ""},
      {"LicenseRef-acme-1", permissive, false, {}, "LicenseRef-acme-1 is not in the allow list"},
      {"LicenseRef-acme-1", {{"licenseref-ACME-1"}, {}}, true, {"LicenseRef-acme-1"}, ""},
      {"DocumentRef-x:LicenseRef-y",
       {{"DocumentRef-x:LicenseRef-y"}, {}},
       true,
       {"DocumentRef-x:LicenseRef-y"},
       ""},
      // WITH: a bare allow entry covers the pair; a pair entry covers only that pair.
      {"GPL-2.0-only WITH Classpath-exception-2.0",
       {{"GPL-2.0-only"}, {}},
       true,
       {"GPL-2.0-only WITH Classpath-exception-2.0"},
       ""},
      {"GPL-2.0-only WITH Classpath-exception-2.0",
       {{"GPL-2.0-only WITH classpath-exception-2.0"}, {}},
       true,
       {"GPL-2.0-only WITH Classpath-exception-2.0"},
       ""},
      {"GPL-2.0-only",
       {{"GPL-2.0-only WITH Classpath-exception-2.0"}, {}},
       false,
       {},
       "GPL-2.0-only is not in the allow list"},
      {"GPL-2.0-only WITH Autoconf-exception-2.0",
       {{"GPL-2.0-only WITH Classpath-exception-2.0"}, {}},
       false,
       {},
       "GPL-2.0-only WITH Autoconf-exception-2.0 is not in the allow list"},
      {"GPL-2.0-only WITH Classpath-exception-2.0",
       {{}, {"GPL-2.0-only WITH Classpath-exception-2.0"}},
       false,
       {},
       "GPL-2.0-only WITH Classpath-exception-2.0 is denied"},
      {"GPL-2.0-only WITH Autoconf-exception-2.0",
       {{}, {"GPL-2.0-only WITH Classpath-exception-2.0"}},
       true,
       {"GPL-2.0-only WITH Autoconf-exception-2.0"},
       ""},
      // "+": a bare entry covers the "+" form; a "+" entry only the "+" form.
      {"GPL-2.0+", {{"GPL-2.0+"}, {}}, true, {"GPL-2.0+"}, ""},
      {"GPL-2.0", {{"GPL-2.0+"}, {}}, false, {}, "GPL-2.0 is not in the allow list"},
      {"GPL-2.0", {{}, {"GPL-2.0+"}}, true, {"GPL-2.0"}, ""},
      // Deny wins over allow.
      {"MIT", {{"MIT"}, {"mit"}}, false, {}, "MIT is denied"},
      {"GPL-2.0-only WITH Classpath-exception-2.0",
       {{"GPL-2.0-only WITH Classpath-exception-2.0"}, {"GPL-2.0-only"}},
       false,
       {},
       "GPL-2.0-only WITH Classpath-exception-2.0 is denied"},
      // Both lists; each offending term once.
      {"GPL-3.0-only OR LGPL-2.1-only OR GPL-3.0-only",
       {{"MIT"}, {"GPL-3.0-only"}},
       false,
       {},
       "GPL-3.0-only is denied; LGPL-2.1-only is not in the allow list"},
      // Invalid entries never match, and an allow list of only invalid entries still restricts.
      {"MIT", {{"MIT OR ISC"}, {}}, false, {}, "MIT is not in the allow list"},
      {"MIT", {{}, {"MIT AND"}}, true, {"MIT"}, ""},
  };
  for (const auto& c : cases) {
    auto verdict = evaluate(c.expr, c.policy);
    ASSERT_TRUE(verdict) << c.expr;
    EXPECT_EQ(verdict->allowed, c.allowed) << c.expr;
    EXPECT_EQ(verdict->chosen, c.chosen) << c.expr;
    EXPECT_EQ(verdict->summary(), c.summary) << c.expr;
  }
}

TEST(LicenseExpr, NamesEachProblemByKind) {
  auto verdict = evaluate("GPL-3.0-only AND LGPL-2.1-only", {{"MIT"}, {"GPL-3.0-only"}});
  ASSERT_TRUE(verdict);
  const std::vector<LicenseProblem> expected = {
      {LicenseProblem::Kind::denied, "GPL-3.0-only"},
      {LicenseProblem::Kind::not_allowed, "LGPL-2.1-only"},
  };
  EXPECT_EQ(verdict->problems, expected);
  EXPECT_EQ(verdict->problems[0].message(), "GPL-3.0-only is denied");
  EXPECT_EQ(verdict->problems[1].message(), "LGPL-2.1-only is not in the allow list");

  auto bad = evaluate("MIT OR", {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message,
            "invalid license expression \"MIT OR\": expected a license after \"OR\"");
}

TEST(LicenseExpr, ValidatesPolicyEntries) {
  EXPECT_TRUE(validate_license_policy({}));
  EXPECT_TRUE(validate_license_policy(
      {{"MIT", "Apache-2.0+", "GPL-2.0-only WITH Classpath-exception-2.0", "LicenseRef-a"},
       {"GPL-3.0-only"}}));

  auto one = validate_license_policy({{"MIT", "MIT OR ISC"}, {}});
  ASSERT_FALSE(one);
  EXPECT_EQ(one.error().code, "invalid-license");
  EXPECT_EQ(one.error().message,
            "license policy entry \"MIT OR ISC\" is an expression; an entry is one license, "
            "optionally with \"+\" or \"WITH <exception>\"");
  EXPECT_EQ(one.error().where.field, "allow[1]");
  EXPECT_EQ(one.error().hint, "list each license as its own entry");

  auto two = validate_license_policy({{"MIT"}, {"", "GPL-3.0-only", "GPL/2"}});
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().code, "invalid-license");
  EXPECT_EQ(two.error().message, "invalid license policy (2 errors)");
  ASSERT_EQ(two.error().causes.size(), 2u);
  EXPECT_EQ(two.error().causes[0].message,
            "invalid license expression \"\": the expression is empty");
  EXPECT_EQ(two.error().causes[0].where.field, "deny[0]");
  EXPECT_EQ(two.error().causes[1].message,
            "invalid license expression \"GPL/2\": unexpected \"/\" at column 4");
  EXPECT_EQ(two.error().causes[1].where.field, "deny[2]");
}

}  // namespace
}  // namespace pinset::policy
