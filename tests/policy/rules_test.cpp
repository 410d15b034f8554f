// One test per rule: each finding shown here appears only because its rule is on (the first test
// runs the same project with no rule and gets nothing).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/policy/engine_fixture.hpp"

namespace pinset::policy {
namespace {

using test_fixture::Project;
using test_fixture::run;
using V = std::vector<std::string>;

TEST(PolicyRules, NoRuleNoFinding) {
  Project p;
  p.ctx.lock_state = LockState::stale;
  EXPECT_EQ(run(p, "format: 1\nrules: {}\n"), V{});
}

TEST(PolicyRules, Lock) {
  Project p;
  EXPECT_EQ(run(p, "format: 1\nrules: {lock: {}}\n"), V{});
  p.ctx.lock_state = LockState::missing;
  p.ctx.lock = nullptr;
  p.ctx.lock_state = LockState::missing;
  auto policy = test_fixture::policy_of("format: 1\nrules: {lock: {}}\n");
  p.ctx.manifest = &p.manifest;
  p.ctx.set = &p.set;
  EXPECT_EQ(test_fixture::lines(evaluate(policy, p.ctx)),
            V{"error lock/lock-missing: the project has no lockfile pinset.lock [pinset.lock]"});
  p.ctx.lock_state = LockState::stale;
  p.ctx.lock_problem = "netlib ^1.3.0 is not satisfied by the lock";
  EXPECT_EQ(run(p, "format: 1\nrules: {lock: {}}\n"),
            V{"error lock/lock-stale: the lockfile is out of sync with the manifest or the "
              "package set: netlib ^1.3.0 is not satisfied by the lock [pinset.lock]"});
  EXPECT_EQ(run(p, "format: 1\nrules: {lock: {require-sync: false}}\n"), V{});
  p.ctx.lock_state = LockState::tampered;
  p.ctx.lock_problem = "its content digest does not match";
  EXPECT_EQ(run(p, "format: 1\nrules: {lock: {severity: warning}}\n"),
            V{"warning lock/lock-tampered: the lockfile pinset.lock cannot be trusted: its "
              "content digest does not match [pinset.lock]"});
}

TEST(PolicyRules, InSet) {
  Project p;
  EXPECT_EQ(run(p, "format: 1\nrules: {in-set: {}}\n"), V{});
  p.lock.packages[2].checksum = p.lock.packages[0].checksum;  // tinyzip with libfoo's checksum
  p.lock_entry("oldssl", "1.0.2", {});
  p.lock.packages[2].version = *semver::Version::parse("1.0.3");  // oldssl 1.0.3: not in the set
  EXPECT_EQ(run(p, "format: 1\nrules: {in-set: {}}\n"),
            (V{"error in-set/not-in-set oldssl: oldssl 1.0.3 is not in the package set "
               "\"acme\" [pinset.lock:22]",
               "error in-set/not-in-set tinyzip: tinyzip 1.2.13 is locked with checksum "
               "sha512:33333333, but the package set lists sha256:44444444 [pinset.lock:28] (app "
               "> tinyzip)"}));
}

TEST(PolicyRules, InSetOverlays) {
  Project p;
  model::OverlayEntry o;
  o.action = model::OverlayAction::add;
  o.name = "patched";
  o.version = *semver::Version::parse("1.0.0");
  o.reason = "hotfix until upstream ships 1.1";
  o.line = 12;
  p.manifest.overlay.push_back(o);
  o.name = "later";
  o.expires = "2027-06-01";
  o.line = 18;
  p.manifest.overlay.push_back(o);
  o.name = "soon";
  o.expires = "2026-12-01";
  o.line = 24;
  p.manifest.overlay.push_back(o);
  EXPECT_EQ(run(p, "format: 1\nrules: {in-set: {}}\n"),
            (V{"error in-set/overlay-forbidden patched: the manifest's overlay changes patched "
               "1.0.0 outside the package set, and the policy allows no overlays [pinset.yaml:12]",
               "error in-set/overlay-forbidden later: the manifest's overlay changes later 1.0.0 "
               "outside the package set, and the policy allows no overlays [pinset.yaml:18]",
               "error in-set/overlay-forbidden soon: the manifest's overlay changes soon 1.0.0 "
               "outside the package set, and the policy allows no overlays [pinset.yaml:24]"}));
  EXPECT_EQ(run(p, "format: 1\nrules: {in-set: {allow-overlays: true, overlay-max-days: 30}}\n"),
            (V{"error in-set/overlay-no-expiry patched: the overlay entry for patched 1.0.0 has no "
               "expiry date [pinset.yaml:12]",
               "error in-set/overlay-expiry-too-far later: the overlay entry for later 1.0.0 "
               "expires on 2027-06-01, further away than the 30 days the policy allows "
               "[pinset.yaml:18]"}));
}

TEST(PolicyRules, Sources) {
  Project p;
  EXPECT_EQ(run(p, "format: 1\nrules: {sources: {}}\n"), V{});
  EXPECT_EQ(run(p, "format: 1\nrules: {sources: {schemes: [https]}}\n"),
            (V{"error sources/source-not-allowed: the package set URL \"sets/acme.yaml\" uses "
               "the scheme file, which the policy does not allow [pinset.yaml:3]",
               "error sources/source-not-allowed libfoo: libfoo 2.1.0 is fetched from "
               "\"sets/artifacts/libfoo-2.1.0.tgz\", which uses the scheme file, which the policy "
               "does not allow [pinset.lock:10] (app > netlib > libfoo)",
               "error sources/source-not-allowed netlib: netlib 1.3.0 is fetched from "
               "\"sets/artifacts/netlib-1.3.0.tgz\", which uses the scheme file, which the policy "
               "does not allow [pinset.lock:16] (app > netlib)"}));
  EXPECT_EQ(run(p,
                "format: 1\nrules: {sources: {allow: [\"file:///p/sets/\", "
                "\"https://mirror.example.com/\"]}}\n"),
            (V{"error sources/source-not-allowed tinyzip: tinyzip 1.2.13 is fetched from "
               "\"https://cdn.example.com/tinyzip-1.2.13.tgz\", which is not under an allowed "
               "prefix (file:///p/sets/, https://mirror.example.com/) [pinset.lock:22] (app > "
               "tinyzip)"}));
  p.lock.packages[2].url = "http://cdn.example.com/tinyzip-1.2.13.tgz";
  EXPECT_EQ(run(p, "format: 1\nrules: {sources: {}}\n"),
            (V{"error sources/source-not-allowed tinyzip: tinyzip 1.2.13 is fetched from "
               "\"http://cdn.example.com/tinyzip-1.2.13.tgz\", which uses the scheme http, which "
               "the policy does not allow [pinset.lock:22] (app > tinyzip)"}));
}

TEST(PolicyRules, Checksums) {
  Project p;
  EXPECT_EQ(run(p, "format: 1\nrules: {checksums: {}}\n"), V{});
  EXPECT_EQ(run(p, "format: 1\nrules: {checksums: {algorithms: [sha512]}}\n"),
            (V{"error checksums/checksum-algorithm netlib: netlib 1.3.0 is pinned with sha256, "
               "which the policy does not allow [pinset.lock:16] (app > netlib)",
               "error checksums/checksum-algorithm tinyzip: tinyzip 1.2.13 is pinned with sha256, "
               "which the policy does not allow [pinset.lock:22] (app > tinyzip)"}));
}

TEST(PolicyRules, SetPinned) {
  Project p;
  EXPECT_EQ(run(p, "format: 1\nrules: {set-pinned: {severity: warning}}\n"),
            V{"warning set-pinned/set-not-pinned: the manifest does not pin its package set "
              "\"sets/acme.yaml\" with package-set.digest [pinset.yaml:3]"});
  p.manifest.set_digest = p.lock.packages[0].checksum;
  EXPECT_EQ(run(p, "format: 1\nrules: {set-pinned: {}}\n"), V{});
}

TEST(PolicyRules, SetExpiryAndAge) {
  Project p;
  EXPECT_EQ(run(p, "format: 1\nrules: {set-expiry: {}, set-age: {max-days: 60}}\n"), V{});
  EXPECT_EQ(run(p, "format: 1\nrules: {set-expiry: {warn-days: 90}, set-age: {max-days: 30}}\n"),
            (V{"warning set-expiry/set-expires-soon: the package set \"acme\" expires on "
               "2027-01-31T00:00:00Z, within 90 days [pinset.yaml:3]",
               "error set-age/set-too-old: the package set \"acme\" was published on "
               "2026-10-01T00:00:00Z, 51 days ago; the policy allows at most 30 days "
               "[pinset.yaml:3]"}));
  p.ctx.now = *dates::parse_timestamp("2027-01-31T00:00:00Z");
  EXPECT_EQ(run(p, "format: 1\nrules: {set-expiry: {}}\n"),
            V{"error set-expiry/set-expired: the package set \"acme\" (serial 3) expired on "
              "2027-01-31T00:00:00Z [pinset.yaml:3]"});
  p.set.expires.reset();
  p.set.published.reset();
  EXPECT_EQ(run(p, "format: 1\nrules: {set-expiry: {}}\n"), V{});
  EXPECT_EQ(run(p, "format: 1\nrules: {set-expiry: {require-expiry: true}, set-age: {}}\n"),
            (V{"error set-expiry/set-no-expiry: the package set \"acme\" has no expiry "
               "(`expires`) [pinset.yaml:3]",
               "error set-age/set-unpublished: the package set \"acme\" does not say when it was "
               "published (`published`), so its age is unknown [pinset.yaml:3]"}));
}

TEST(PolicyRules, Vetted) {
  Project p;
  EXPECT_EQ(run(p, "format: 1\nrules: {vetted: {}}\n"),
            (V{"error vetted/not-vetted netlib: netlib 1.3.0 has no vetting record (`vetted`) in "
               "the package set [pinset.lock:16] (app > netlib)",
               "error vetted/not-vetted tinyzip: tinyzip 1.2.13 has no vetting record (`vetted`) "
               "in the package set [pinset.lock:22] (app > tinyzip)"}));
  EXPECT_EQ(
      run(p, "format: 1\nrules: {vetted: {severity: warning, criteria: [safe-to-deploy]}}\n").at(0),
      "warning vetted/vetting-criteria libfoo: libfoo 2.1.0 was vetted for \"quick-look\"; "
      "the policy requires safe-to-deploy [pinset.lock:10] (app > netlib > libfoo)");
}

TEST(PolicyRules, Denied) {
  Project p;
  EXPECT_EQ(run(p, R"(format: 1
rules:
  denied:
    packages:
      - {name: netlib, versions: ">=1.4.0", reason: not yet reviewed}
)"),
            V{});
  EXPECT_EQ(run(p, R"(format: 1
rules:
  denied:
    packages:
      - {name: netlib, versions: "<1.4.0", reason: CVE-2026-1234, use-instead: netlib2}
      - {name: tinyzip, reason: unmaintained since 2019}
)"),
            (V{"error denied/denied netlib: netlib 1.3.0 is denied (versions <1.4.0): "
               "CVE-2026-1234 (policy.yaml:5) [pinset.lock:16] (app > netlib)",
               "error denied/denied tinyzip: tinyzip 1.2.13 is denied (every version): "
               "unmaintained since 2019 (policy.yaml:6) [pinset.lock:22] (app > tinyzip)"}));
}

TEST(PolicyRules, Licenses) {
  Project p;
  EXPECT_EQ(run(p, "format: 1\nrules: {licenses: {deny: [GPL-3.0-only]}}\n"),
            (V{"error licenses/license-not-allowed libfoo: libfoo 2.1.0 is licensed "
               "\"GPL-3.0-only\": GPL-3.0-only is denied [pinset.lock:10] (app > netlib > libfoo)",
               "error licenses/license-missing tinyzip: tinyzip 1.2.13 has no license in the "
               "package set [pinset.lock:22] (app > tinyzip)"}));
  // netlib is "MIT OR Apache-2.0": acceptable as long as either branch is allowed.
  EXPECT_EQ(run(p,
                "format: 1\nrules: {licenses: {allow: [Apache-2.0, GPL-3.0-only], "
                "allow-missing: true}}\n"),
            V{});
  EXPECT_EQ(run(p, "format: 1\nrules: {licenses: {allow: [BSD-3-Clause], allow-missing: true}}\n"),
            (V{"error licenses/license-not-allowed libfoo: libfoo 2.1.0 is licensed "
               "\"GPL-3.0-only\": GPL-3.0-only is not in the allow list [pinset.lock:10] (app > "
               "netlib > libfoo)",
               "error licenses/license-not-allowed netlib: netlib 1.3.0 is licensed \"MIT OR "
               "Apache-2.0\": MIT is not in the allow list; Apache-2.0 is not in the allow list "
               "[pinset.lock:16] (app > netlib)"}));
}

// The project with libfoo's license written as `license` instead of GPL-3.0-only.
void relicense_libfoo(Project& p, const std::string& license) {
  std::string yaml = test_fixture::k_set_yaml;
  yaml.replace(yaml.find("license: GPL-3.0-only"), 21, "license: " + license);
  auto s = model::parse_package_set(yaml, "/p/sets/acme.yaml", doc::Format::yaml);
  ASSERT_TRUE(s) << test::error_of(s);
  p.set = std::move(*s);
  p.refresh();
}

TEST(PolicyRules, LicensesJudgeDeprecatedIdsAsTheirCurrentForms) {
  Project p;
  relicense_libfoo(p, "AGPL-3.0");
  // The baseline's deny list names only the current ids; AGPL-3.0 used to get past it.
  EXPECT_EQ(run(p,
                "format: 1\nrules: {licenses: {deny: [AGPL-3.0-only, AGPL-3.0-or-later], "
                "allow-missing: true}}\n"),
            (V{"error licenses/license-not-allowed libfoo: libfoo 2.1.0 is licensed "
               "\"AGPL-3.0\": AGPL-3.0-only is denied [pinset.lock:10] (app > netlib > libfoo)"}));
  relicense_libfoo(p, "GPL-2.0+");
  EXPECT_EQ(
      run(p, "format: 1\nrules: {licenses: {deny: [GPL-2.0-or-later], allow-missing: true}}\n"),
      (V{"error licenses/license-not-allowed libfoo: libfoo 2.1.0 is licensed "
         "\"GPL-2.0+\": GPL-2.0-or-later is denied [pinset.lock:10] (app > netlib > "
         "libfoo)"}));
  // A deprecated id in the policy's own list means its current form too.
  EXPECT_EQ(run(p, "format: 1\nrules: {licenses: {deny: [GPL-2.0+], allow-missing: true}}\n"),
            (V{"error licenses/license-not-allowed libfoo: libfoo 2.1.0 is licensed "
               "\"GPL-2.0+\": GPL-2.0-or-later is denied [pinset.lock:10] (app > netlib > "
               "libfoo)"}));
}

TEST(PolicyRules, LicensesRequireKnownIds) {
  Project p;
  relicense_libfoo(p, "AGPLv3 OR LicenseRef-acme");
  const std::string policy =
      "format: 1\nrules: {licenses: {require-known: true, allow-missing: true}}\n";
  EXPECT_EQ(run(p, policy),
            (V{"error licenses/license-unknown libfoo: libfoo 2.1.0 is licensed \"AGPLv3 OR "
               "LicenseRef-acme\": \"AGPLv3\" is not an SPDX license id (did you mean "
               "\"AGPL-3.0-only\"?) [pinset.lock:10] (app > netlib > libfoo)"}));
  // Without require-known the id is judged as written.
  EXPECT_EQ(run(p, "format: 1\nrules: {licenses: {allow-missing: true}}\n"), V{});
}

TEST(PolicyRules, SetSigned) {
  Project p;
  EXPECT_EQ(run(p, "format: 1\nrules: {set-signed: {}}\n"),
            V{"error set-signed/set-trust-missing: no trusted keys are configured for the package "
              "set \"sets/acme.yaml\" [pinset.yaml:3]"});
  p.manifest.trust = model::SetTrust{};
  p.ctx.signatures = SignatureFacts{2, {"alice"}, {"mallory"}, {"0123456789abcdef"}, ""};
  EXPECT_EQ(run(p, "format: 1\nrules: {set-signed: {}}\n"),
            V{"error set-signed/set-signatures: the package set \"sets/acme.yaml\" needs 2 valid "
              "signatures by trusted keys, found 1 valid signature by trusted keys (alice); "
              "invalid: mallory; by untrusted keys: 0123456789abcdef [pinset.yaml:3]"});
  p.ctx.signatures->valid.push_back("bob");
  EXPECT_EQ(run(p, "format: 1\nrules: {set-signed: {}}\n"), V{});
  p.ctx.signatures = SignatureFacts{1, {}, {}, {}, "no signature file sets/acme.yaml.sig"};
  EXPECT_EQ(run(p, "format: 1\nrules: {set-signed: {}}\n"),
            V{"error set-signed/set-unsigned: the package set \"sets/acme.yaml\" is not signed: "
              "no signature file sets/acme.yaml.sig [pinset.yaml:3]"});
}

TEST(PolicyRules, Limits) {
  Project p;
  EXPECT_EQ(run(p, "format: 1\nrules: {limits: {max-packages: 3}}\n"), V{});
  EXPECT_EQ(run(p, "format: 1\nrules: {limits: {max-packages: 2}}\n"),
            V{"error limits/too-many-packages: the project resolves to 3 packages; the policy "
              "allows at most 2 [pinset.lock:1]"});
}

TEST(PolicyRules, LimitsOnVersionsPerName) {
  Project p;
  EXPECT_EQ(run(p, "format: 1\nrules: {limits: {max-versions-per-name: 1}}\n"), V{});
  // With multiple-versions, the project selects netlib twice.
  p.lock_entry("netlib", "1.4.0", {"libfoo"});
  p.refresh();
  EXPECT_EQ(run(p, "format: 1\nrules: {limits: {max-versions-per-name: 2}}\n"), V{});
  EXPECT_EQ(run(p, "format: 1\nrules: {limits: {max-versions-per-name: 1}}\n"),
            V{"error limits/too-many-versions netlib: the project uses netlib in 2 versions "
              "(1.3.0, 1.4.0); the policy allows at most 1 [pinset.lock:22] (app > netlib@1.4.0)"});
}

}  // namespace
}  // namespace pinset::policy
