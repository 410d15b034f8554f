// The advisories rule: OSV documents matched against the resolved versions, including the range
// events that are easy to misread (last_affected, limit, reintroduction, withdrawn advisories).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/policy/engine_fixture.hpp"

namespace pinset::policy {
namespace {

using test_fixture::Project;
using test_fixture::run;
using V = std::vector<std::string>;

Advisory osv(const std::string& id, const std::string& package, const std::string& events,
             const std::string& extra = "", const std::string& modified = "2026-11-20T08:00:00Z") {
  std::string json = R"({"id": ")" + id + R"(", "modified": ")" + modified + R"(")" + extra +
                     R"(, "affected": [{"package": {"ecosystem": "pinset", "name": ")" + package +
                     R"("}, "ranges": [{"type": "SEMVER", "events": )" + events + "}]}]}";
  auto a = parse_osv(json, id + ".json");
  EXPECT_TRUE(a) << test::error_of(a);
  return a ? *a : Advisory();
}

const char* k_rule = "format: 1\nrules: {advisories: {}}\n";

TEST(PolicyAdvisories, FindingNamesIdAliasesSeverityAndFix) {
  Project p;
  p.ctx.advisories_loaded = true;
  p.ctx.advisories.push_back(osv(
      "PINSET-2026-0001", "netlib",
      R"([{"introduced": "0"}, {"fixed": "1.3.1"}, {"fixed": "1.4.0"}])",
      R"(, "aliases": ["GHSA-aaaa-bbbb-cccc", "CVE-2026-1111"], "summary": "request smuggling",)"
      R"( "database_specific": {"severity": "HIGH"})"));
  EXPECT_EQ(run(p, k_rule),
            V{"error advisories/advisory netlib: netlib 1.3.0 is affected by PINSET-2026-0001 "
              "(CVE-2026-1111), severity HIGH: request smuggling [pinset.lock:16] (app > netlib)"});
  auto report = evaluate(test_fixture::policy_of(k_rule), p.ctx);
  ASSERT_EQ(report.findings.size(), 1u);
  const Finding& f = report.findings[0];
  ASSERT_TRUE(f.advisory);
  EXPECT_EQ(f.advisory->aliases, (V{"GHSA-aaaa-bbbb-cccc", "CVE-2026-1111"}));
  EXPECT_EQ(f.advisory->fixed, (V{"1.3.1", "1.4.0"}));
  EXPECT_EQ(f.hint,
            "upgrade to 1.3.1 or 1.4.0 (ask the set's curators to vet it if the set lacks "
            "it)");
  EXPECT_EQ(f.key, "advisory:PINSET-2026-0001");
}

TEST(PolicyAdvisories, TrickyRangesMatchOnlyWhatTheyShould) {
  Project p;
  p.ctx.advisories_loaded = true;
  // Affected: last_affected 1.3.0 includes 1.3.0 itself.
  p.ctx.advisories.push_back(
      osv("LAST-AFFECTED", "netlib", R"([{"introduced": "1.0.0"}, {"last_affected": "1.3.0"}])"));
  // Not affected: fixed exactly at the locked version.
  p.ctx.advisories.push_back(
      osv("FIXED-AT", "netlib", R"([{"introduced": "0"}, {"fixed": "1.3.0"}])"));
  // Not affected: a limit at the version (limit is exclusive).
  p.ctx.advisories.push_back(
      osv("LIMITED", "netlib", R"([{"introduced": "0"}, {"limit": "1.3.0"}])"));
  // Affected: fixed in 2.0.1, reintroduced in 2.1.0 (libfoo 2.1.0), fixed again in 2.1.5.
  p.ctx.advisories.push_back(osv(
      "REINTRODUCED", "libfoo",
      R"([{"introduced": "2.0.0"}, {"fixed": "2.0.1"}, {"introduced": "2.1.0"}, {"fixed": "2.1.5"}])"));
  // Not affected: withdrawn.
  p.ctx.advisories.push_back(osv("WITHDRAWN", "tinyzip", R"([{"introduced": "0"}])",
                                 R"(, "withdrawn": "2026-11-01T00:00:00Z")"));
  // Not affected: last_affected before the version.
  p.ctx.advisories.push_back(
      osv("LAST-BEFORE", "tinyzip", R"([{"introduced": "0"}, {"last_affected": "1.2.12"}])"));
  EXPECT_EQ(run(p, k_rule),
            (V{"error advisories/advisory libfoo: libfoo 2.1.0 is affected by REINTRODUCED "
               "[pinset.lock:10] (app > netlib > libfoo)",
               "error advisories/advisory netlib: netlib 1.3.0 is affected by LAST-AFFECTED "
               "[pinset.lock:16] (app > netlib)"}));
}

TEST(PolicyAdvisories, OtherEcosystemsMatchOnlyWhenAsked) {
  Project p;
  p.ctx.advisories_loaded = true;
  auto a = parse_osv(R"({"id": "NPM-1", "modified": "2026-11-20T00:00:00Z", "affected": [{
      "package": {"ecosystem": "npm", "name": "tinyzip"},
      "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]})",
                     "npm.json");
  ASSERT_TRUE(a);
  p.ctx.advisories.push_back(*a);
  EXPECT_EQ(run(p, k_rule), V{});
  EXPECT_EQ(run(p, "format: 1\nrules: {advisories: {ecosystems: [npm]}}\n"),
            V{"error advisories/advisory tinyzip: tinyzip 1.2.13 is affected by NPM-1 "
              "[pinset.lock:22] (app > tinyzip)"});
}

TEST(PolicyAdvisories, StaleOrMissingData) {
  Project p;
  EXPECT_EQ(run(p, k_rule),
            V{"warning advisories/advisories-missing: no advisory folder was given, so no "
              "resolved package was checked for known vulnerabilities"});
  EXPECT_EQ(run(p, "format: 1\nrules: {advisories: {max-age-days: 7}}\n"),
            V{"error advisories/advisories-missing: no advisory folder was given, so no resolved "
              "package was checked for known vulnerabilities"});
  p.ctx.advisories_loaded = true;
  p.ctx.advisory_dirs = {"adv"};
  p.ctx.advisories.push_back(
      osv("OLD", "oldssl", R"([{"introduced": "0"}])", "", "2026-11-01T00:00:00Z"));
  p.ctx.advisories.push_back(
      osv("NEWER", "oldssl", R"([{"introduced": "0"}])", "", "2026-11-10T23:59:59Z"));
  EXPECT_EQ(run(p, "format: 1\nrules: {advisories: {max-age-days: 11}}\n"), V{});
  EXPECT_EQ(run(p, "format: 1\nrules: {advisories: {max-age-days: 10}}\n"),
            V{"error advisories/advisories-stale: the newest advisory was modified on "
              "2026-11-10T23:59:59Z, 11 days ago; the policy allows at most 10 days [adv]"});
}

}  // namespace
}  // namespace pinset::policy
