// The GitLab dependency scanning report: valid against GitLab's published schema 15.0.7
// (tests/data/schemas/), every locked package listed, findings mapped (ids, severities,
// identifiers, locations), waived ones left out but said, and the same bytes for the same input.
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/policy/engine_fixture.hpp"
#include "tests/support/schema_check.hpp"

#include "core/policy/report.hpp"

namespace pinset::policy {
namespace {

using Json = nlohmann::json;
using test_fixture::Project;
using V = std::vector<std::string>;

const char* k_schema = "gitlab-dependency-scanning-report-format-15.0.7.json";

const GitlabScan k_scan{"0.1.0", *dates::parse_timestamp("2026-11-21T12:00:00Z"),
                        *dates::parse_timestamp("2026-11-21T12:00:03Z")};

Advisory osv(const std::string& id, const std::string& package, const std::string& fixed,
             const std::string& extra) {
  std::string json = R"({"id": ")" + id + R"(", "modified": "2026-11-20T00:00:00Z")" + extra +
                     R"(, "affected": [{"package": {"ecosystem": "pinset", "name": ")" + package +
                     R"("}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, )"
                     R"({"fixed": ")" +
                     fixed + R"("}]}]}]})";
  auto a = parse_osv(json, "adv/" + id + ".json");
  EXPECT_TRUE(a) << test::error_of(a);
  return a ? *a : Advisory();
}

// netlib locked in two versions (1.3.0 and 1.4.0); an advisory with CVE and GHSA aliases against
// tinyzip, another against both netlibs; findings of vetted, limits and set-pinned (project-wide,
// a warning); libfoo's license finding waived.
const char* k_policy = R"(format: 1
rules:
  set-pinned: {severity: warning}
  vetted: {}
  licenses: {deny: [GPL-3.0-only], allow-missing: true}
  advisories: {}
  limits: {max-versions-per-name: 1}
waivers:
  - {rule: licenses, package: libfoo, reason: linked dynamically, expires: 2027-01-01}
)";

Project sample_project() {
  Project p;
  p.lock_entry("netlib", "1.4.0", {"libfoo"});
  p.ctx.advisories_loaded = true;
  p.ctx.advisory_dirs = {"adv"};
  p.ctx.advisories.push_back(
      osv("PINSET-2026-7", "tinyzip", "1.3.1",
          R"(, "aliases": ["CVE-2026-7777", "GHSA-aaaa-bbbb-cccc"], "summary": "zip slip",)"
          R"( "database_specific": {"severity": "MODERATE"})"));
  p.ctx.advisories.push_back(osv("GHSA-nnnn-eeee-tttt", "netlib", "2.0.0",
                                 R"(, "aliases": ["CVE-2026-8888"], "summary": "smuggling",)"
                                 R"( "database_specific": {"severity": "critical"})"));
  p.refresh();
  return p;
}

Report sample_report() {
  Project p = sample_project();
  return evaluate(test_fixture::policy_of(k_policy), p.ctx);
}

// "<severity> <first identifier value> <package> <version> @ <file>" per vulnerability.
V summary(const Json& doc) {
  V out;
  for (const auto& v : doc["vulnerabilities"]) {
    const auto& dep = v["location"]["dependency"];
    out.push_back(
        v["severity"].get<std::string>() + " " + v["identifiers"][0]["value"].get<std::string>() +
        " " + dep["package"]["name"].get<std::string>() + " " + dep["version"].get<std::string>() +
        " @ " + v["location"]["file"].get<std::string>());
  }
  return out;
}

TEST(GitlabReport, ValidAgainstGitlabSchema15WithEveryFindingMapped) {
  Report report = sample_report();
  ASSERT_EQ(report.waived(), 1u);
  std::string text = to_gitlab(report, k_scan);
  EXPECT_EQ(test::schema_errors(k_schema, text), "");
  Json doc = Json::parse(text);
  EXPECT_EQ(doc["version"], "15.0.7");
  EXPECT_EQ(doc["schema"],
            "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/"
            "v15.0.7/dist/dependency-scanning-report-format.json");
  const Json& scan = doc["scan"];
  EXPECT_EQ(scan["type"], "dependency_scanning");
  EXPECT_EQ(scan["status"], "success");
  EXPECT_EQ(scan["start_time"], "2026-11-21T12:00:00");
  EXPECT_EQ(scan["end_time"], "2026-11-21T12:00:03");
  EXPECT_EQ(scan["scanner"], Json::parse(R"({"id": "pinset", "name": "pinset",
      "url": "https://github.com/pinset/pinset", "version": "0.1.0", "vendor": {"name": "pinset"}})"));
  EXPECT_EQ(scan["analyzer"], scan["scanner"]);

  // Findings in report order; libfoo's waived license finding is not a vulnerability.
  EXPECT_EQ(summary(doc), (V{
                              "Low set-pinned/set-not-pinned app  @ pinset.yaml",
                              "High vetted/not-vetted netlib 1.3.0 @ pinset.lock",
                              "High vetted/not-vetted tinyzip 1.2.13 @ pinset.lock",
                              "Critical GHSA-nnnn-eeee-tttt netlib 1.3.0 @ pinset.lock",
                              "Critical GHSA-nnnn-eeee-tttt netlib 1.4.0 @ pinset.lock",
                              "Medium PINSET-2026-7 tinyzip 1.2.13 @ pinset.lock",
                              "High limits/too-many-versions netlib 1.4.0 @ pinset.lock",
                          }));
  EXPECT_EQ(doc["vulnerabilities"].size(), report.findings.size() - report.waived());

  // The advisory leads with its own id, then its aliases (CVE as "cve"), then the rule.
  const Json& zip = doc["vulnerabilities"][5];
  EXPECT_EQ(zip["identifiers"], Json::parse(R"([
      {"type": "osv", "name": "PINSET-2026-7", "value": "PINSET-2026-7"},
      {"type": "cve", "name": "CVE-2026-7777", "value": "CVE-2026-7777",
       "url": "https://www.cve.org/CVERecord?id=CVE-2026-7777"},
      {"type": "ghsa", "name": "GHSA-aaaa-bbbb-cccc", "value": "GHSA-aaaa-bbbb-cccc",
       "url": "https://github.com/advisories/GHSA-aaaa-bbbb-cccc"},
      {"type": "pinset_rule", "name": "pinset advisories/advisory", "value": "advisories/advisory",
       "url": "https://github.com/pinset/pinset/blob/main/policies/README.md#rule-advisories"}])"));
  EXPECT_EQ(zip["name"], "PINSET-2026-7: zip slip");
  EXPECT_EQ(zip["description"],
            "tinyzip 1.2.13 is affected by PINSET-2026-7 (CVE-2026-7777), severity MODERATE: zip "
            "slip\n\nDependency path: app -> tinyzip");
  EXPECT_EQ(zip["solution"],
            "upgrade to 1.3.1 (ask the set's curators to vet it if the set lacks it)");
  // A rule finding: the rule is the one identifier, linking to its section.
  EXPECT_EQ(doc["vulnerabilities"][1]["identifiers"], Json::parse(R"([
      {"type": "pinset_rule", "name": "pinset vetted/not-vetted", "value": "vetted/not-vetted",
       "url": "https://github.com/pinset/pinset/blob/main/policies/README.md#rule-vetted"}])"));
  EXPECT_EQ(doc["vulnerabilities"][1]["name"], "pinset vetted/not-vetted");

  // Ids: UUID-shaped and distinct, also for one advisory against two versions of a name.
  std::set<std::string> ids;
  const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  for (const auto& v : doc["vulnerabilities"]) {
    std::string id = v["id"];
    EXPECT_TRUE(std::regex_match(id, uuid)) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), doc["vulnerabilities"].size());

  // The waived finding is said in the scan's messages, with the waiver.
  EXPECT_EQ(scan["messages"], Json::parse(R"([
      {"level": "info", "value": "pinset policy check failed: 6 errors, 1 warning, 1 waived"},
      {"level": "info", "value": "waived: licenses/license-not-allowed for libfoo 2.1.0 until 2027-01-01 (policy.yaml:9): linked dynamically"}])"));

  // A schema that checks nothing would pass anything: make sure it refuses broken reports.
  Json zoned = doc;
  zoned["scan"]["start_time"] = "2026-11-21T12:00:00Z";
  EXPECT_NE(test::schema_errors(k_schema, zoned.dump()), "");
  Json nameless = doc;
  nameless["vulnerabilities"][0]["identifiers"] = Json::array();
  EXPECT_NE(test::schema_errors(k_schema, nameless.dump()), "");
  Json loud = doc;
  loud["vulnerabilities"][0]["severity"] = "High!";
  EXPECT_NE(test::schema_errors(k_schema, loud.dump()), "");
}

TEST(GitlabReport, DependencyFilesListEveryLockedPackageOncePerVersion) {
  Report report = sample_report();
  Json doc = Json::parse(to_gitlab(report, k_scan));
  ASSERT_EQ(doc["dependency_files"].size(), 1u);
  const Json& lock = doc["dependency_files"][0];
  EXPECT_EQ(lock["path"], "pinset.lock");
  EXPECT_EQ(lock["package_manager"], "pinset");
  EXPECT_EQ(lock["dependencies"], Json::parse(R"([
      {"package": {"name": "libfoo"}, "version": "2.1.0"},
      {"package": {"name": "netlib"}, "version": "1.3.0"},
      {"package": {"name": "netlib"}, "version": "1.4.0"},
      {"package": {"name": "tinyzip"}, "version": "1.2.13"}])"));
  // The same list as the lock the rules read, whatever the findings.
  Project p = sample_project();
  ASSERT_EQ(lock["dependencies"].size(), p.lock.packages.size());
  for (std::size_t i = 0; i < p.lock.packages.size(); ++i) {
    EXPECT_EQ(lock["dependencies"][i]["package"]["name"], p.lock.packages[i].name);
    EXPECT_EQ(lock["dependencies"][i]["version"], p.lock.packages[i].version.str());
  }
}

// The report of tinyzip's advisory alone. Its id is SHA-256 of the identity and version
// ("advisories\x1ftinyzip\x1fadvisory:PINSET-2026-7\x1f1.2.13", as Python's hashlib computes it)
// shaped as a version-8 UUID: the same finding keeps it from release to release.
const char* k_golden = R"golden({
  "version": "15.0.7",
  "schema": "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v15.0.7/dist/dependency-scanning-report-format.json",
  "scan": {
    "analyzer": {
      "id": "pinset",
      "name": "pinset",
      "url": "https://github.com/pinset/pinset",
      "version": "0.1.0",
      "vendor": {
        "name": "pinset"
      }
    },
    "scanner": {
      "id": "pinset",
      "name": "pinset",
      "url": "https://github.com/pinset/pinset",
      "version": "0.1.0",
      "vendor": {
        "name": "pinset"
      }
    },
    "type": "dependency_scanning",
    "start_time": "2026-11-21T12:00:00",
    "end_time": "2026-11-21T12:00:03",
    "status": "success",
    "messages": [
      {
        "level": "info",
        "value": "pinset policy check failed: 1 error, 0 warnings, 0 waived"
      }
    ]
  },
  "vulnerabilities": [
    {
      "id": "b6c1509c-5bb3-803e-adfd-74686a5ed36e",
      "name": "PINSET-2026-7: zip slip",
      "description": "tinyzip 1.2.13 is affected by PINSET-2026-7 (CVE-2026-7777), severity MODERATE: zip slip\n\nDependency path: app -> tinyzip",
      "severity": "Medium",
      "solution": "upgrade to 1.3.1 (ask the set's curators to vet it if the set lacks it)",
      "identifiers": [
        {
          "type": "osv",
          "name": "PINSET-2026-7",
          "value": "PINSET-2026-7"
        },
        {
          "type": "cve",
          "name": "CVE-2026-7777",
          "value": "CVE-2026-7777",
          "url": "https://www.cve.org/CVERecord?id=CVE-2026-7777"
        },
        {
          "type": "ghsa",
          "name": "GHSA-aaaa-bbbb-cccc",
          "value": "GHSA-aaaa-bbbb-cccc",
          "url": "https://github.com/advisories/GHSA-aaaa-bbbb-cccc"
        },
        {
          "type": "pinset_rule",
          "name": "pinset advisories/advisory",
          "value": "advisories/advisory",
          "url": "https://github.com/pinset/pinset/blob/main/policies/README.md#rule-advisories"
        }
      ],
      "location": {
        "file": "pinset.lock",
        "dependency": {
          "package": {
            "name": "tinyzip"
          },
          "version": "1.2.13"
        }
      }
    }
  ],
  "dependency_files": [
    {
      "path": "pinset.lock",
      "package_manager": "pinset",
      "dependencies": [
        {
          "package": {
            "name": "libfoo"
          },
          "version": "2.1.0"
        },
        {
          "package": {
            "name": "netlib"
          },
          "version": "1.3.0"
        },
        {
          "package": {
            "name": "netlib"
          },
          "version": "1.4.0"
        },
        {
          "package": {
            "name": "tinyzip"
          },
          "version": "1.2.13"
        }
      ]
    }
  ]
}
)golden";

TEST(GitlabReport, SameInputSameBytesAndAFindingKeepsItsId) {
  EXPECT_EQ(to_gitlab(sample_report(), k_scan), to_gitlab(sample_report(), k_scan));
  // The id depends on the finding, not on what else was found or when: tinyzip's advisory has
  // the same id when it is the only finding.
  Project p = sample_project();
  p.ctx.advisories.erase(p.ctx.advisories.begin() + 1);
  Report alone = evaluate(test_fixture::policy_of("format: 1\nrules: {advisories: {}}\n"), p.ctx);
  ASSERT_EQ(alone.findings.size(), 1u);
  GitlabScan later = k_scan;
  later.start_time += 86400;
  later.end_time += 86400;
  Json a = Json::parse(to_gitlab(alone, later));
  Json all = Json::parse(to_gitlab(sample_report(), k_scan));
  EXPECT_EQ(a["vulnerabilities"][0]["id"], all["vulnerabilities"][5]["id"]);
  EXPECT_EQ(a["scan"]["start_time"], "2026-11-22T12:00:00");

  // The whole document for a small report, byte for byte.
  EXPECT_EQ(to_gitlab(alone, k_scan), k_golden);
}

TEST(GitlabReport, SeverityFromTheAdvisoryElseFromTheFinding) {
  Project p;
  p.ctx.advisories_loaded = true;
  const std::pair<const char*, const char*> cases[] = {
      {R"(, "database_specific": {"severity": "CRITICAL"})", "Critical"},
      {R"(, "database_specific": {"severity": "High"})", "High"},
      {R"(, "database_specific": {"severity": "MODERATE"})", "Medium"},
      {R"(, "database_specific": {"severity": "medium"})", "Medium"},
      {R"(, "database_specific": {"severity": "LOW"})", "Low"},
      // A CVSS vector or an unknown word is no level GitLab has: not claimed.
      {R"(, "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}])",
       "Unknown"},
      {R"(, "database_specific": {"severity": "spicy"})", "Unknown"},
      {"", "Unknown"},
  };
  for (const auto& [extra, expected] : cases) {
    p.ctx.advisories = {osv("ADV-1", "tinyzip", "1.3.1", extra)};
    Report r = evaluate(test_fixture::policy_of("format: 1\nrules: {advisories: {}}\n"), p.ctx);
    ASSERT_EQ(r.findings.size(), 1u) << extra;
    Json doc = Json::parse(to_gitlab(r, k_scan));
    EXPECT_EQ(doc["vulnerabilities"][0]["severity"], expected) << extra;
  }
  // Not an advisory: an error fails the check (High), a warning does not (Low).
  Report r = evaluate(test_fixture::policy_of("format: 1\nrules:\n  set-pinned: {}\n  vetted: "
                                              "{severity: warning}\n"),
                      p.ctx);
  Json doc = Json::parse(to_gitlab(r, k_scan));
  EXPECT_EQ(summary(doc), (V{"High set-pinned/set-not-pinned app  @ pinset.yaml",
                             "Low vetted/not-vetted netlib 1.3.0 @ pinset.lock",
                             "Low vetted/not-vetted tinyzip 1.2.13 @ pinset.lock"}));
}

TEST(GitlabReport, WithoutALockTheScanFailedAndListsNoDependencies) {
  Project p;
  p.ctx.lock = nullptr;
  p.ctx.lock_state = LockState::missing;
  Report r = evaluate(test_fixture::policy_of("format: 1\nrules: {lock: {}, vetted: {}}\n"), p.ctx);
  std::string text = to_gitlab(r, k_scan);
  EXPECT_EQ(test::schema_errors(k_schema, text), "");
  Json doc = Json::parse(text);
  EXPECT_EQ(doc["scan"]["status"], "failure");
  EXPECT_EQ(doc["scan"]["messages"][1]["level"], "warn");
  EXPECT_EQ(doc["scan"]["messages"][1]["value"],
            "no lock was read (missing or damaged), so no package was checked; run `pinset "
            "resolve` and commit pinset.lock");
  EXPECT_EQ(doc["dependency_files"], Json::array());
  EXPECT_EQ(summary(doc), (V{"High lock/lock-missing app  @ pinset.lock"}));
}

TEST(GitlabReport, LongTextsAreCutToTheSchemaLimitsAndWaivedMessagesCapped) {
  Report r = sample_report();
  Finding f = r.findings.front();
  f.advisory = AdvisoryFacts{"ADV-2", {}, "LOW", std::string(300, 'x') + "\xc3\xa9", {}};
  f.hint = std::string(6999, 'h') + "\xc3\xa9";  // the cut falls inside the last character
  r.findings.push_back(f);
  Finding waived = r.findings.front();
  waived.waived = Waived{"ok", "2027-01-01", Origin{"policy.yaml", 3}};
  for (int i = 0; i < 150; ++i)
    r.findings.push_back(waived);
  std::string text = to_gitlab(r, k_scan);
  EXPECT_EQ(test::schema_errors(k_schema, text), "");
  Json doc = Json::parse(text);
  const Json& last = doc["vulnerabilities"].back();
  EXPECT_EQ(last["name"], "ADV-2: " + std::string(248, 'x'));
  EXPECT_EQ(last["solution"], std::string(6999, 'h'));
  const Json& messages = doc["scan"]["messages"];
  ASSERT_EQ(messages.size(), 102u);  // the verdict, 100 waived findings, what was left out
  EXPECT_EQ(messages.back()["value"],
            "waived: 51 more (pinset policy check --format json lists them)");
}

}  // namespace
}  // namespace pinset::policy
