// The `min-age` cooldown (entries' `published-at` against the policy's age) and the depth of the
// `vetted` rule (distinct reviewers, self-review). The fixture's "now" is 2026-11-21T12:00:00Z and
// its lock holds libfoo 2.1.0, netlib 1.3.0 and tinyzip 1.2.13 (engine_fixture.hpp).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/policy/engine_fixture.hpp"

namespace pinset::policy {
namespace {

using test_fixture::policy_of;
using test_fixture::Project;
using test_fixture::run;
using V = std::vector<std::string>;

model::Entry& entry(Project& p, const std::string& name, const std::string& version) {
  // The fixture's set, changed in place for one test.
  if (auto* pkg = const_cast<model::Package*>(p.set.find(name))) {
    for (model::Entry& e : pkg->entries) {
      if (e.version.str() == version) return e;
    }
  }
  ADD_FAILURE() << name << " " << version;
  static model::Entry none;
  return none;
}

std::string error_text(const std::string& policy_text) {
  auto p = parse_policy(policy_text, "policy.yaml");
  return p ? std::string("parsed") : test::error_of(p);
}

TEST(MinAge, ReadsAgesWithTheirUnitsOnly) {
  EXPECT_EQ(parse_age("7d").value(), 7 * 86400);
  EXPECT_EQ(parse_age("36h").value(), 36 * 3600);
  EXPECT_EQ(parse_age("90m").value(), 90 * 60);
  EXPECT_EQ(parse_age("0d").value(), 0);
  EXPECT_EQ(parse_age("3650d").value(), 3650LL * 86400);
  for (const char* bad : {"7", "7w", "d", "", "-1d", "7 d", "7dd", "3651d", "99999999d", "1.5d"})
    EXPECT_FALSE(parse_age(bad)) << bad;
  EXPECT_EQ(test::error_of(parse_age("7")),
            "invalid-value: invalid age \"7\": it has no unit\n"
            "  help: write a whole number with its unit: 7d (days), 36h (hours), 90m (minutes)");
}

TEST(MinAge, PolicyErrorsNameTheFieldAndValue) {
  EXPECT_EQ(error_text("format: 1\nrules:\n  min-age: {age: 7w}\n"),
            "invalid-value: policy.yaml:3:18: rules.min-age.age: invalid age \"7w\": the unit "
            "\"w\" is not d, h or m\n"
            "  help: write a whole number with its unit: 7d (days), 36h (hours), 90m (minutes)");
  EXPECT_EQ(error_text("format: 1\nrules:\n  min-age: {}\n"),
            "missing-field: policy.yaml:3:12: rules.min-age: min-age needs an age\n"
            "  help: write the cooldown with its unit, e.g. age: 7d");
  EXPECT_EQ(error_text("format: 1\nrules:\n  min-age: {age: 7d, exclude: [{name: netlib}]}\n"),
            "missing-field: policy.yaml:3:32: rules.min-age.exclude[0].reason: missing required "
            "field \"reason\"\n"
            "  help: say why the package may skip the cooldown");
}

TEST(MinAge, RefusesVersionsYoungerThanTheAge) {
  Project p;
  entry(p, "netlib", "1.3.0").edit_extra().published_at =
      "2026-11-19T12:00:00Z";  // 2 days before now
  entry(p, "libfoo", "2.1.0").edit_extra().published_at = "2026-11-21T09:30:00+00:00";  // 2.5 hours
  entry(p, "tinyzip", "1.2.13").edit_extra().published_at = "2020-01-01T00:00:00Z";
  EXPECT_EQ(
      run(p, "format: 1\nrules:\n  min-age: {age: 7d}\n"),
      (V{"error min-age/too-new libfoo: libfoo 2.1.0 was published at 2026-11-21T09:30:00+00:00 "
         "(2 hours ago), less than the policy's min-age of 7d ago [pinset.lock:10] (app > netlib "
         "> libfoo)",
         "error min-age/too-new netlib: netlib 1.3.0 was published at 2026-11-19T12:00:00Z (2 days "
         "ago), less than the policy's min-age of 7d ago [pinset.lock:16] (app > netlib)"}));
  // 36 hours: netlib (2 days old) passes; exactly the age passes too.
  EXPECT_EQ(run(p, "format: 1\nrules:\n  min-age: {age: 36h}\n"),
            (V{"error min-age/too-new libfoo: libfoo 2.1.0 was published at "
               "2026-11-21T09:30:00+00:00 (2 hours ago), less than the policy's min-age of 36h "
               "ago [pinset.lock:10] (app > netlib > libfoo)"}));
  EXPECT_EQ(run(p, "format: 1\nrules:\n  min-age: {age: 150m}\n"), V{});
  auto report = evaluate(policy_of("format: 1\nrules:\n  min-age: {age: 7d}\n"), p.ctx);
  ASSERT_EQ(report.findings.size(), 2u);
  EXPECT_EQ(report.findings[0].hint,
            "wait until 2026-11-28T09:30:00Z, or pin an older version; exclude the package in "
            "the policy with a reason only if you must take it now");
}

TEST(MinAge, UnknownPublicationTimesFailUnlessAllowed) {
  Project p;
  entry(p, "netlib", "1.3.0").edit_extra().published_at = "2020-01-01T00:00:00Z";
  entry(p, "tinyzip", "1.2.13").edit_extra().published_at = "2020-01-01T00:00:00Z";
  EXPECT_EQ(run(p, "format: 1\nrules:\n  min-age: {age: 7d, severity: warning}\n"),
            (V{"warning min-age/publication-unknown libfoo: libfoo 2.1.0 has no publication time "
               "(`published-at`) in the package set, so its age cannot be checked against the "
               "min-age of 7d [pinset.lock:10] (app > netlib > libfoo)"}));
  EXPECT_EQ(run(p, "format: 1\nrules:\n  min-age: {age: 7d, allow-unknown: true}\n"), V{});
}

TEST(MinAge, ExclusionsNeedAReasonAndOnlyNarrowWhenCombined) {
  Project p;
  for (auto [name, version] :
       {std::pair{"netlib", "1.3.0"}, {"libfoo", "2.1.0"}, {"tinyzip", "1.2.13"}})
    entry(p, name, version).edit_extra().published_at =
        "2026-11-21T11:00:00Z";  // an hour before now
  EXPECT_EQ(run(p, R"(format: 1
rules:
  min-age:
    age: 1d
    exclude:
      - {name: netlib, reason: built by our own CI}
      - {name: libfoo, reason: security fix we need today}
)"),
            (V{"error min-age/too-new tinyzip: tinyzip 1.2.13 was published at "
               "2026-11-21T11:00:00Z (1 hour ago), less than the policy's min-age of 1d ago "
               "[pinset.lock:22] (app > tinyzip)"}));
  // A second policy keeps only the exclusions both grant, and the longer age.
  Policy a = policy_of(
      "format: 1\nrules:\n  min-age:\n    age: 1d\n    exclude: [{name: netlib, reason: CI}, "
      "{name: libfoo, reason: fix}]\n");
  Policy b = policy_of(
      "format: 1\nrules:\n  min-age:\n    age: 36h\n    allow-unknown: true\n    exclude: "
      "[{name: libfoo, reason: fix}]\n");
  Policy both = combine({a, b});
  EXPECT_EQ(both.min_age.settings.age, "36h");
  EXPECT_EQ(both.min_age.settings.seconds, 36 * 3600);
  ASSERT_EQ(both.min_age.settings.exclude.size(), 1u);
  EXPECT_EQ(both.min_age.settings.exclude[0].name, "libfoo");
  EXPECT_FALSE(both.min_age.settings.allow_unknown);
}

TEST(MinAge, APublicationTimeInTheFutureIsTooNew) {
  Project p;
  entry(p, "netlib", "1.3.0").edit_extra().published_at = "2026-11-22T00:00:00Z";
  entry(p, "libfoo", "2.1.0").edit_extra().published_at = "2020-01-01T00:00:00Z";
  entry(p, "tinyzip", "1.2.13").edit_extra().published_at = "2020-01-01T00:00:00Z";
  EXPECT_EQ(run(p, "format: 1\nrules:\n  min-age: {age: 0d}\n"),
            (V{"error min-age/too-new netlib: netlib 1.3.0 was published at 2026-11-22T00:00:00Z "
               "(in the future), less than the policy's min-age of 0d ago [pinset.lock:16] (app > "
               "netlib)"}));
}

TEST(VettedDepth, CountsDistinctReviewersMeetingTheCriteria) {
  Project p;
  auto review = [](std::string by, std::string criteria) {
    return model::Vetting{std::move(by), "2026-10-02", std::move(criteria), ""};
  };
  entry(p, "netlib", "1.3.0").edit_extra().vetted = {review("alice@example.com", "safe-to-deploy"),
                                                     review("Alice@Example.com ", "safe-to-deploy"),
                                                     review("carol@example.com", "quick-look")};
  entry(p, "libfoo", "2.1.0").edit_extra().vetted = {review("bob@example.com", "safe-to-deploy"),
                                                     review("dave@example.com", "safe-to-deploy")};
  entry(p, "tinyzip", "1.2.13").edit_extra().vetted = {
      review("erin@example.com", "safe-to-deploy")};
  EXPECT_EQ(run(p, "format: 1\nrules: {vetted: {criteria: [safe-to-deploy], min-reviewers: 2}}\n"),
            (V{"error vetted/too-few-reviewers netlib: netlib 1.3.0 has 1 distinct reviewer "
               "(alice@example.com); the policy requires 2 [pinset.lock:16] (app > netlib)",
               "error vetted/too-few-reviewers tinyzip: tinyzip 1.2.13 has 1 distinct reviewer "
               "(erin@example.com); the policy requires 2 [pinset.lock:22] (app > tinyzip)"}));
  // Without criteria carol's quick look counts as well.
  EXPECT_EQ(run(p, "format: 1\nrules: {vetted: {min-reviewers: 2}}\n"),
            (V{"error vetted/too-few-reviewers tinyzip: tinyzip 1.2.13 has 1 distinct reviewer "
               "(erin@example.com); the policy requires 2 [pinset.lock:22] (app > tinyzip)"}));
  // Several reviews that all miss the criteria name each criteria once.
  entry(p, "tinyzip", "1.2.13").edit_extra().vetted = {review("erin@example.com", "quick-look"),
                                                       review("frank@example.com", ""),
                                                       review("gina@example.com", "quick-look")};
  EXPECT_EQ(run(p, "format: 1\nrules: {vetted: {criteria: [safe-to-deploy]}}\n"),
            (V{"error vetted/vetting-criteria tinyzip: tinyzip 1.2.13 was vetted for "
               "\"quick-look\" and no stated criteria; the policy requires safe-to-deploy "
               "[pinset.lock:22] (app > tinyzip)"}));
  EXPECT_EQ(error_text("format: 1\nrules: {vetted: {min-reviewers: 0}}\n"),
            "invalid-value: policy.yaml:2:33: rules.vetted.min-reviewers: min-reviewers must be "
            "1 to 100, found 0\n"
            "  help: write how many distinct people must have reviewed each package, e.g. 2");
}

TEST(VettedDepth, APublishersOwnReviewDoesNotCount) {
  Project p;
  auto review = [](std::string by) {
    return model::Vetting{std::move(by), "2026-10-02", "safe-to-deploy", "SEC-1"};
  };
  model::Entry& netlib = entry(p, "netlib", "1.3.0");
  netlib.edit_extra().publisher = "alice@example.com";
  netlib.edit_extra().vetted = {review("ALICE@example.com")};
  model::Entry& libfoo = entry(p, "libfoo", "2.1.0");
  libfoo.edit_extra().publisher = "bob@example.com";
  libfoo.edit_extra().vetted = {review("bob@example.com"), review("carol@example.com")};
  entry(p, "tinyzip", "1.2.13").edit_extra().vetted = {
      review("erin@example.com")};  // no publisher recorded
  EXPECT_EQ(run(p, "format: 1\nrules: {vetted: {}}\n"),
            (V{"error vetted/self-reviewed netlib: netlib 1.3.0 was vetted only by its publisher "
               "\"ALICE@example.com\", and a self-review does not count [pinset.lock:16] (app > "
               "netlib)"}));
  EXPECT_EQ(run(p, "format: 1\nrules: {vetted: {min-reviewers: 2}}\n"),
            (V{"error vetted/too-few-reviewers libfoo: libfoo 2.1.0 has 1 distinct reviewer "
               "(carol@example.com), not counting its publisher \"bob@example.com\"; the policy "
               "requires 2 [pinset.lock:10] (app > netlib > libfoo)",
               "error vetted/self-reviewed netlib: netlib 1.3.0 was vetted only by its publisher "
               "\"ALICE@example.com\", and a self-review does not count [pinset.lock:16] (app > "
               "netlib)",
               "error vetted/too-few-reviewers tinyzip: tinyzip 1.2.13 has 1 distinct reviewer "
               "(erin@example.com); the policy requires 2 [pinset.lock:22] (app > tinyzip)"}));
  EXPECT_EQ(run(p, "format: 1\nrules: {vetted: {allow-self-review: true}}\n"), V{});
  // Combining: the larger count, and self-review allowed only when every policy allows it.
  Policy both = combine({policy_of("format: 1\nrules: {vetted: {allow-self-review: true}}\n"),
                         policy_of("format: 1\nrules: {vetted: {min-reviewers: 3}}\n")});
  EXPECT_EQ(both.vetted.settings.min_reviewers, 3u);
  EXPECT_FALSE(both.vetted.settings.allow_self_review);
}

}  // namespace
}  // namespace pinset::policy
