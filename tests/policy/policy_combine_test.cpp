#include <string>

#include <gtest/gtest.h>

#include "tests/support/error_text.hpp"

#include "core/policy/policy.hpp"

namespace pinset::policy {
namespace {

Policy parse_ok(const std::string& text, const std::string& source) {
  auto p = parse_policy(text, source);
  EXPECT_TRUE(p) << test::error_of(p);
  return p ? *p : Policy();
}

TEST(PolicyCombine, LaterPoliciesOnlyTighten) {
  Policy first = parse_ok(R"(format: 1
rules:
  in-set: {severity: warning, allow-overlays: true, overlay-max-days: 90}
  sources: {schemes: [https, http, file], allow: ["https://a.example/"]}
  checksums: {algorithms: [sha256, sha512]}
  licenses: {allow: [MIT, GPL-2.0-only, Apache-2.0], deny: [AGPL-3.0-only], allow-missing: true}
  set-age: {max-days: 365}
  set-expiry: {warn-days: 7}
  advisories: {max-age-days: 30, ecosystems: [pinset]}
  limits: {max-packages: 100}
  set-signed: {threshold: 1}
waivers:
  - {rule: licenses, package: a, reason: r, expires: 2027-01-01}
max-waiver-days: 365
)",
                          "base.yaml");
  Policy second = parse_ok(R"(format: 1
rules:
  in-set: {severity: error, allow-overlays: true, overlay-max-days: 30}
  sources: {schemes: [https, file], allow: ["https://a.example/sets/", "https://b.example/"]}
  checksums: {algorithms: [sha512]}
  licenses: {allow: [MIT, "GPL-2.0-only WITH Classpath-exception-2.0", ISC], deny: [SSPL-1.0]}
  set-age: {max-days: 400}
  set-expiry: {warn-days: 30}
  advisories: {max-age-days: 60, ecosystems: [npm]}
  limits: {max-packages: 10}
  set-signed: {threshold: 2}
  vetted: {}
waivers:
  - {rule: denied, package: b, reason: r, expires: 2027-01-01}
max-waiver-days: 30
)",
                           "strict.yaml");
  Policy p = combine({first, second});
  EXPECT_EQ(p.sources, (std::vector<std::string>{"base.yaml", "strict.yaml"}));
  EXPECT_EQ(p.in_set.severity, Severity::error);
  EXPECT_TRUE(p.in_set.settings.allow_overlays);
  EXPECT_EQ(p.in_set.settings.overlay_max_days, 30u);
  EXPECT_EQ(p.sources_rule.settings.schemes, (std::vector<std::string>{"https", "file"}));
  EXPECT_EQ(p.sources_rule.settings.allow.size(), 2u);  // a URL must pass both lists
  EXPECT_EQ(p.checksums.settings.algorithms, std::vector<std::string>{"sha512"});
  // MIT in both; the bare GPL-2.0-only covers only its WITH form in the second list; ISC and
  // Apache-2.0 are each in one list only.
  EXPECT_EQ(p.licenses.settings.allow,
            (std::vector<std::string>{"MIT", "GPL-2.0-only WITH Classpath-exception-2.0"}));
  EXPECT_EQ(p.licenses.settings.deny, (std::vector<std::string>{"AGPL-3.0-only", "SSPL-1.0"}));
  EXPECT_FALSE(p.licenses.settings.allow_missing);
  EXPECT_EQ(p.set_age.settings.max_days, 365u);
  EXPECT_EQ(p.set_expiry.settings.warn_days, 30u);
  EXPECT_EQ(p.advisories.settings.max_age_days, 30u);
  EXPECT_EQ(p.advisories.settings.ecosystems, (std::vector<std::string>{"pinset", "npm"}));
  EXPECT_EQ(p.limits.settings.max_packages, 10u);
  EXPECT_EQ(p.set_signed.settings.threshold, 2);
  EXPECT_TRUE(p.vetted.enabled);
  EXPECT_EQ(p.waivers.size(), 2u);
  EXPECT_EQ(p.max_waiver_days, 30u);
}

TEST(PolicyCombine, ALaterPolicyCannotLoosen) {
  Policy strict = parse_ok(
      "format: 1\nrules:\n  in-set: {allow-overlays: false}\n  licenses: {allow: [MIT]}\n"
      "  lock: {}\n",
      "strict.yaml");
  Policy loose = parse_ok(
      "format: 1\nrules:\n  in-set: {severity: warning, allow-overlays: true}\n"
      "  licenses: {allow: [MIT, GPL-3.0-only]}\n  lock: {require-sync: false}\n",
      "loose.yaml");
  Policy p = combine({strict, loose});
  EXPECT_EQ(p.in_set.severity, Severity::error);
  EXPECT_FALSE(p.in_set.settings.allow_overlays);
  EXPECT_EQ(p.licenses.settings.allow, std::vector<std::string>{"MIT"});
  EXPECT_TRUE(p.lock.settings.require_sync);
}

}  // namespace
}  // namespace pinset::policy
