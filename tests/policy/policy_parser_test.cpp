#include <string>

#include <gtest/gtest.h>

#include "tests/support/error_text.hpp"
#include "tests/support/process.hpp"

#include "core/policy/policy.hpp"

namespace pinset::policy {
namespace {

using test::error_of;

Policy parse_ok(const std::string& text, const std::string& source = "p.yaml") {
  auto p = parse_policy(text, source);
  EXPECT_TRUE(p) << error_of(p);
  return p ? *p : Policy();
}

TEST(PolicyParser, ReadsEveryRuleAndWaiver) {
  Policy p = parse_ok(R"(format: 1
rules:
  lock: {require-sync: false}
  in-set: {severity: warning, allow-overlays: true, overlay-max-days: 30}
  sources: {schemes: [https], allow: ["https://sets.example.com/", "https://cdn.example.com/a/"]}
  checksums: {algorithms: [sha512]}
  set-pinned:
  set-signed:
    threshold: 2
    keys:
      - {name: alice, public-key: "ed25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}
  set-expiry: {require-expiry: true, warn-days: 10}
  set-age: {max-days: 60}
  vetted: {criteria: [safe-to-deploy]}
  denied:
    packages:
      - {name: netlib, versions: "<1.4.0", reason: CVE-2024-1, use-instead: netlib2}
      - {name: leftpad, reason: unmaintained}
  licenses: {allow: [MIT, Apache-2.0], deny: [GPL-3.0-only], allow-missing: true}
  advisories: {directories: [adv, /abs/adv], max-age-days: 7, ecosystems: [pinset, npm]}
  limits: {max-packages: 50}
waivers:
  - rule: licenses
    package: netlib
    versions: "1.x"
    reason: legal approved
    expires: 2026-12-31
max-waiver-days: 90
)",
                      "conf/p.yaml");
  EXPECT_EQ(p.sources, std::vector<std::string>{"conf/p.yaml"});
  EXPECT_TRUE(p.lock.enabled);
  EXPECT_FALSE(p.lock.settings.require_sync);
  EXPECT_EQ(p.in_set.severity, Severity::warning);
  EXPECT_TRUE(p.in_set.settings.allow_overlays);
  EXPECT_EQ(p.in_set.settings.overlay_max_days, 30u);
  EXPECT_EQ(p.in_set.origin.line, 4);
  EXPECT_EQ(p.sources_rule.settings.schemes, std::vector<std::string>{"https"});
  ASSERT_EQ(p.sources_rule.settings.allow.size(), 1u);
  EXPECT_EQ(p.sources_rule.settings.allow[0].size(), 2u);
  EXPECT_EQ(p.checksums.settings.algorithms, std::vector<std::string>{"sha512"});
  EXPECT_TRUE(p.set_pinned.enabled);
  EXPECT_EQ(p.set_signed.settings.threshold, 2);
  ASSERT_EQ(p.set_signed.settings.keys.size(), 1u);
  EXPECT_EQ(p.set_signed.settings.keys[0].name, "alice");
  EXPECT_TRUE(p.set_expiry.settings.require_expiry);
  EXPECT_EQ(p.set_expiry.settings.warn_days, 10u);
  EXPECT_EQ(p.set_age.settings.max_days, 60u);
  EXPECT_EQ(p.vetted.settings.criteria, std::vector<std::string>{"safe-to-deploy"});
  ASSERT_EQ(p.denied.settings.packages.size(), 2u);
  EXPECT_EQ(p.denied.settings.packages[0].versions.text(), "<1.4.0");
  EXPECT_EQ(p.denied.settings.packages[0].use_instead, "netlib2");
  EXPECT_EQ(p.denied.settings.packages[1].versions.text(), "*");
  EXPECT_EQ(p.licenses.settings.allow, (std::vector<std::string>{"MIT", "Apache-2.0"}));
  EXPECT_TRUE(p.licenses.settings.allow_missing);
  EXPECT_EQ(p.advisories.settings.directories, (std::vector<std::string>{"conf/adv", "/abs/adv"}));
  EXPECT_EQ(p.advisories.settings.max_age_days, 7u);
  EXPECT_EQ(p.limits.settings.max_packages, 50u);
  ASSERT_EQ(p.waivers.size(), 1u);
  EXPECT_EQ(p.waivers[0].rule, "licenses");
  EXPECT_EQ(p.waivers[0].versions->text(), "1.x");
  EXPECT_EQ(p.waivers[0].expires, "2026-12-31");
  EXPECT_EQ(p.waivers[0].origin.line, 23);
  EXPECT_EQ(p.max_waiver_days, 90u);
  EXPECT_FALSE(p.set_age.severity == Severity::warning);
}

TEST(PolicyParser, JsonHasTheSameSchema) {
  Policy p = parse_ok(
      R"({"format": 1, "rules": {"limits": {"max-packages": 3}, "set-pinned": {}}})", "p.json");
  EXPECT_TRUE(p.limits.enabled);
  EXPECT_EQ(p.limits.settings.max_packages, 3u);
  EXPECT_TRUE(p.set_pinned.enabled);
  EXPECT_FALSE(p.licenses.enabled);
}

TEST(PolicyParser, ReportsEveryProblemWithFileLineFieldAndValue) {
  auto p = parse_policy(R"(format: 1
rules:
  licences: {}
  sources: {schemes: [https, ftp]}
  checksums: {algoritms: [sha512]}
  limits: {max-packages: "12"}
  in-set: {severity: fatal}
waivers:
  - {rule: licenses, package: netlib, reason: ok, expires: 2026-02-30}
  - {rule: nope, package: netlib, reason: ok, expires: 2026-01-01}
  - {rule: denied, package: netlib, expires: 2026-01-01, versions: ">>1"}
)",
                        "p.yaml");
  EXPECT_EQ(
      error_of(p),
      "invalid-policy: p.yaml: p.yaml is not a valid policy (9 errors)\n"
      "  p.yaml:3:3: rules.licences: unknown rule \"licences\"; the rules are: lock, in-set, "
      "sources, checksums, set-pinned, set-signed, set-expiry, set-age, vetted, min-age, "
      "denied, "
      "licenses, advisories, limits\n"
      "    help: fix the rule's name (policies/README.md lists every rule)\n"
      "  p.yaml:4:30: rules.sources.schemes[1]: unknown value \"ftp\"; the known values are: "
      "https, http, file\n"
      "    help: use only https, http, file\n"
      "  p.yaml:5:15: rules.checksums.algoritms: unknown field \"algoritms\"; the known "
      "fields are: severity, algorithms\n"
      "    help: did you mean \"algorithms\"?\n"
      "  p.yaml:6:26: rules.limits.max-packages: expected an unsigned integer, found a "
      "string \"12\"\n"
      "    help: see policies/README.md for what rules.limits.max-packages takes\n"
      "  p.yaml:7:22: rules.in-set.severity: unknown severity \"fatal\"\n"
      "    help: write `severity: error` or `severity: warning`\n"
      "  p.yaml:9:60: waivers[0].expires: expiry \"2026-02-30\" is not a date YYYY-MM-DD\n"
      "    help: write a real calendar date, e.g. expires: 2026-12-31\n"
      "  p.yaml:10:12: waivers[1].rule: unknown rule \"nope\"; the rules are: lock, in-set, "
      "sources, checksums, set-pinned, set-signed, set-expiry, set-age, vetted, min-age, "
      "denied, "
      "licenses, advisories, limits\n"
      "    help: fix the rule's name (policies/README.md lists every rule)\n"
      "  p.yaml:11:5: waivers[2].reason: missing required field \"reason\"\n"
      "    help: say why the finding is accepted\n"
      "  p.yaml:11:68: waivers[2].versions: invalid range \">>1\": \">>1\" is not a valid "
      "comparator: expected a version, found \">1\"\n"
      "    help: write comparators such as \">=1.2.3 <2.0.0\", \"^1.2.3\", \"~1.2\", \"1.x\" or "
      "\"1.2.3 - 2.3.4\"; separate them with spaces (all must match) or \"||\" (either may "
      "match)");
}

TEST(PolicyParser, RefusesAnotherFormatAndAnEmptyDocument) {
  EXPECT_EQ(error_of(parse_policy("format: 2\nrules: {}\n", "p.yaml")),
            "unsupported-format: p.yaml:1:9: format: policy format 2 is not supported\n"
            "  help: write `format: 1`, the only policy format this pinset knows");
  EXPECT_EQ(error_of(parse_policy("", "p.yaml")),
            "missing-field: p.yaml:1:1: the policy is empty\n"
            "  help: start it with `format: 1` and a `rules:` mapping (policies/README.md)");
}

TEST(PolicyParser, LicenseEntriesAreSingleTerms) {
  EXPECT_EQ(error_of(parse_policy("format: 1\nrules:\n  licenses:\n    allow: [MIT, \"MIT OR "
                                  "Apache-2.0\"]\n",
                                  "p.yaml")),
            "invalid-license: p.yaml:4:18: rules.licenses.allow[1]: license policy entry \"MIT OR "
            "Apache-2.0\" is an expression; an entry is one license, optionally with \"+\" or "
            "\"WITH <exception>\"\n"
            "  help: list each license as its own entry");
}

TEST(PolicyParser, LicenseEntriesMustBeKnownIds) {
  // A typo in a deny list must not silently deny nothing.
  EXPECT_EQ(
      error_of(parse_policy(
          "format: 1\nrules:\n  licenses:\n    deny: [AGPL-3.0-only, AGPL-3.0-onyl]\n", "p.yaml")),
      "invalid-license: p.yaml:4:27: rules.licenses.deny[1]: license policy entry "
      "\"AGPL-3.0-onyl\": \"AGPL-3.0-onyl\" is not an SPDX license id (did you mean "
      "\"AGPL-3.0-only\"?)\n"
      "  help: write \"AGPL-3.0-only\"");
  // Deprecated ids are kept in their current form; LicenseRefs are accepted.
  auto p = parse_policy(
      "format: 1\nrules:\n  licenses: {deny: [AGPL-3.0, GPL-2.0+], allow: [LicenseRef-x, mit]}\n",
      "p.yaml");
  ASSERT_TRUE(p) << error_of(p);
  EXPECT_EQ(p->licenses.settings.deny,
            (std::vector<std::string>{"AGPL-3.0-only", "GPL-2.0-or-later"}));
  EXPECT_EQ(p->licenses.settings.allow, (std::vector<std::string>{"LicenseRef-x", "MIT"}));
}

TEST(PolicyParser, ListErrorsNameTheRightItem) {
  EXPECT_EQ(test::error_of(parse_policy(
                "format: 1\nrules:\n  sources: {schemes: [[x], ftp], allow: [{}, \"ftp://a/\"]}\n",
                "p.yaml")),
            "invalid-policy: p.yaml: p.yaml is not a valid policy (4 errors)\n"
            "  p.yaml:3:23: rules.sources.schemes[0]: expected a string, found a list\n"
            "    help: see policies/README.md for what rules.sources.schemes[0] takes\n"
            "  p.yaml:3:28: rules.sources.schemes[1]: unknown value \"ftp\"; the known values are: "
            "https, http, file\n"
            "    help: use only https, http, file\n"
            "  p.yaml:3:42: rules.sources.allow[0]: expected a string, found a mapping\n"
            "    help: see policies/README.md for what rules.sources.allow[0] takes\n"
            "  p.yaml:3:46: rules.sources.allow[1]: source prefix \"ftp://a/\" is not an https://, "
            "http:// or file:// URL\n"
            "    help: write a URL prefix such as https://sets.example.com/ or file:///srv/");
}

// denied.packages, min-age.exclude and set-signed.keys are lists of mappings with known keys,
// read by one helper (SettingsReader::mappings) and worded alike.
TEST(PolicyParser, ListsOfMappingsNameTheirKeys) {
  EXPECT_EQ(test::error_of(
                parse_policy("format: 1\nrules:\n"
                             "  denied: {packages: {name: a}}\n"
                             "  min-age: {age: 7d, exclude: [x, {name: a, reason: r, note: n}]}\n"
                             "  set-signed: {keys: [[k]]}\n",
                             "p.yaml")),
            "invalid-policy: p.yaml: p.yaml is not a valid policy (4 errors)\n"
            "  p.yaml:3:22: rules.denied.packages: expected a list of {name, versions, reason}, "
            "found a mapping\n"
            "    help: see policies/README.md for what rules.denied.packages takes\n"
            "  p.yaml:4:32: rules.min-age.exclude[0]: expected a mapping with name and reason, "
            "found a string \"x\"\n"
            "    help: see policies/README.md for what rules.min-age.exclude[0] takes\n"
            "  p.yaml:4:56: rules.min-age.exclude[1].note: unknown field \"note\"; the known "
            "fields are: name, reason\n"
            "    help: did you mean \"name\"?\n"
            "  p.yaml:5:23: rules.set-signed.keys[0]: expected a mapping with name and public-key, "
            "found a list\n"
            "    help: see policies/README.md for what rules.set-signed.keys[0] takes");
}

TEST(PolicyParser, BuiltInBaselineIsPoliciesBaselineYaml) {
  std::string file = test::read_file(test::source_dir() + "/policies/baseline.yaml");
  ASSERT_FALSE(file.empty());
  EXPECT_EQ(std::string(baseline_policy_text()), file);
  parse_ok(std::string(baseline_policy_text()), std::string(k_baseline_source));
}

TEST(PolicyParser, BundledPoliciesParse) {
  for (const char* name : {"baseline.yaml", "strict.yaml"}) {
    std::string path = test::source_dir() + "/policies/" + name;
    auto p = parse_policy(test::read_file(path), path);
    EXPECT_TRUE(p) << name << ": " << error_of(p);
  }
}

}  // namespace
}  // namespace pinset::policy

namespace pinset::policy {
namespace {

// Found by the policy fuzz target (UBSan: reference binding to null pointer): a single source
// prefix written without a list.
TEST(PolicyParser, ASourcePrefixWithoutAListIsOneEntry) {
  auto ok = parse_policy("format: 1\nrules:\n  sources:\n    allow: https://sets.example.com/\n",
                         "p.yaml");
  ASSERT_TRUE(ok) << test::error_of(ok);
  ASSERT_EQ(ok->sources_rule.settings.allow.size(), 1u);
  EXPECT_EQ(ok->sources_rule.settings.allow[0],
            std::vector<std::string>{"https://sets.example.com/"});
  EXPECT_EQ(test::error_of(parse_policy(
                "format: 1\nrules:\n  sources:\n    allow: ftp://sets.example.com/\n", "p.yaml")),
            "invalid-value: p.yaml:4:12: rules.sources.allow: source prefix "
            "\"ftp://sets.example.com/\" is not an https://, http:// or file:// URL\n"
            "  help: write a URL prefix such as https://sets.example.com/ or file:///srv/");
}

}  // namespace
}  // namespace pinset::policy
