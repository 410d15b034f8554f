// Waivers (matching by rule, package and version range; expired, unused, too long) and the
// `--since` filter (only_new).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/policy/engine_fixture.hpp"

namespace pinset::policy {
namespace {

using test_fixture::Project;
using test_fixture::run;
using V = std::vector<std::string>;

TEST(PolicyWaivers, AWaiverAcceptsItsFindingUntilItExpires) {
  Project p;
  const std::string policy = R"(format: 1
rules: {licenses: {deny: [GPL-3.0-only], allow-missing: true}}
waivers:
  - {rule: licenses, package: libfoo, versions: "^2.0.0", reason: linked dynamically, expires: 2026-11-21}
)";
  EXPECT_EQ(run(p, policy),
            V{"error licenses/license-not-allowed libfoo: libfoo 2.1.0 is licensed "
              "\"GPL-3.0-only\": GPL-3.0-only is denied [pinset.lock:10] (app > netlib > libfoo) "
              "WAIVED"});
  auto report = evaluate(test_fixture::policy_of(policy), p.ctx);
  EXPECT_TRUE(report.passed());
  EXPECT_EQ(report.waived(), 1u);
  ASSERT_TRUE(report.findings[0].waived);
  EXPECT_EQ(report.findings[0].waived->reason, "linked dynamically");
  EXPECT_EQ(report.findings[0].waived->origin.line, 4);

  p.ctx.now = *dates::parse_timestamp("2026-11-22T00:00:00Z");  // the day after its last day
  EXPECT_EQ(run(p, policy),
            (V{"error licenses/license-not-allowed libfoo: libfoo 2.1.0 is licensed "
               "\"GPL-3.0-only\": GPL-3.0-only is denied [pinset.lock:10] (app > netlib > libfoo)",
               "error waivers/waiver-expired libfoo: the waiver of licenses for libfoo ^2.0.0 "
               "expired on 2026-11-21 (reason: linked dynamically) [policy.yaml:4]"}));
}

TEST(PolicyWaivers, AWaiverOutsideItsVersionRangeIsUnused) {
  Project p;
  const std::string policy = R"(format: 1
rules: {licenses: {deny: [GPL-3.0-only], allow-missing: true}}
waivers:
  - {rule: licenses, package: libfoo, versions: "<2.1.0", reason: old build, expires: 2027-01-01}
  - {rule: denied, package: libfoo, reason: not on the list any more, expires: 2027-01-01}
)";
  EXPECT_EQ(run(p, policy),
            (V{"error licenses/license-not-allowed libfoo: libfoo 2.1.0 is licensed "
               "\"GPL-3.0-only\": GPL-3.0-only is denied [pinset.lock:10] (app > netlib > libfoo)",
               "warning waivers/waiver-unused libfoo: the waiver of licenses for libfoo <2.1.0 "
               "matches no finding [policy.yaml:4]",
               "warning waivers/waiver-unused libfoo: the waiver of denied for libfoo matches no "
               "finding [policy.yaml:5]"}));
}

TEST(PolicyWaivers, AWaiverMayNotRunLongerThanThePolicyAllows) {
  Project p;
  const std::string policy = R"(format: 1
rules: {licenses: {deny: [GPL-3.0-only], allow-missing: true}}
waivers:
  - {rule: licenses, package: libfoo, reason: linked dynamically, expires: 2027-12-31}
max-waiver-days: 30
)";
  EXPECT_EQ(run(p, policy),
            (V{"error licenses/license-not-allowed libfoo: libfoo 2.1.0 is licensed "
               "\"GPL-3.0-only\": GPL-3.0-only is denied [pinset.lock:10] (app > netlib > libfoo) "
               "WAIVED",
               "error waivers/waiver-too-long libfoo: the waiver of licenses for libfoo expires "
               "on 2027-12-31, further away than the 30 days the policy allows "
               "[policy.yaml:4]"}));
}

TEST(PolicyWaivers, AWaiverWithoutPackageIsForProjectWideFindings) {
  Project p;
  const std::string policy = R"(format: 1
rules: {set-pinned: {}, set-age: {max-days: 30}}
waivers:
  - {rule: set-age, reason: the curators publish monthly from January (SET-4), expires: 2027-01-15}
)";
  EXPECT_EQ(run(p, policy),
            (V{"error set-pinned/set-not-pinned: the manifest does not pin its package set "
               "\"sets/acme.yaml\" with package-set.digest [pinset.yaml:3]",
               "error set-age/set-too-old: the package set \"acme\" was published on "
               "2026-10-01T00:00:00Z, 51 days ago; the policy allows at most 30 days "
               "[pinset.yaml:3] WAIVED"}));
  p.ctx.now = *dates::parse_timestamp("2027-01-16T00:00:00Z");
  EXPECT_EQ(run(p, policy).back(),
            "error waivers/waiver-expired: the waiver of set-age for the project expired on "
            "2027-01-15 (reason: the curators publish monthly from January (SET-4)) "
            "[policy.yaml:4]");
}

TEST(PolicySince, OnlyFindingsNewSinceTheOldLockRemain) {
  Project p;
  const std::string policy = "format: 1\nrules: {vetted: {}, licenses: {deny: [GPL-3.0-only]}}\n";
  // The old lock: netlib 1.3.0 and tinyzip, no libfoo.
  Project old_project;
  std::erase_if(old_project.lock.packages, [](const auto& x) { return x.name == "libfoo"; });
  old_project.refresh();
  Report before = evaluate(test_fixture::policy_of(policy), old_project.ctx);
  // The new lock moves netlib to 1.4.0 (vetted) and keeps libfoo and tinyzip.
  p.lock.packages[1] = model::LockedPackage{};
  p.lock.packages.erase(p.lock.packages.begin() + 1);
  p.lock_entry("netlib", "1.4.0", {"libfoo"});
  p.refresh();
  Report now = evaluate(test_fixture::policy_of(policy), p.ctx);
  EXPECT_EQ(test_fixture::lines(now),
            (V{"error vetted/not-vetted tinyzip: tinyzip 1.2.13 has no vetting record (`vetted`) "
               "in the package set [pinset.lock:22] (app > tinyzip)",
               "error licenses/license-not-allowed libfoo: libfoo 2.1.0 is licensed "
               "\"GPL-3.0-only\": GPL-3.0-only is denied [pinset.lock:10] (app > netlib > libfoo)",
               "error licenses/license-missing tinyzip: tinyzip 1.2.13 has no license in the "
               "package set [pinset.lock:22] (app > tinyzip)"}));
  // tinyzip's findings were there before (same rule, package and key): only libfoo's is new.
  EXPECT_EQ(test_fixture::lines(only_new(now, before)),
            V{"error licenses/license-not-allowed libfoo: libfoo 2.1.0 is licensed "
              "\"GPL-3.0-only\": GPL-3.0-only is denied [pinset.lock:10] (app > netlib > libfoo)"});
}

TEST(PolicySince, AVersionChangeKeepsTheIdentity) {
  Finding a;
  a.rule = "advisories";
  a.package = "netlib";
  a.version = "1.3.0";
  a.key = "advisory:X-1";
  Finding b = a;
  b.version = "1.3.1";
  EXPECT_EQ(a.identity(), b.identity());
  b.key = "advisory:X-2";
  EXPECT_NE(a.identity(), b.identity());
}

}  // namespace
}  // namespace pinset::policy
