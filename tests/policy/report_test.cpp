// The report writers: text exactly, JSON against its documented schema (policies/
// report.schema.json), SARIF against the published SARIF 2.1.0 schema (every rule linking to its
// section of policies/README.md), JUnit parsed as XML.
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/policy/engine_fixture.hpp"
#include "tests/support/process.hpp"
#include "tests/support/schema_check.hpp"

#include "core/policy/report.hpp"

namespace pinset::policy {
namespace {

using test_fixture::Project;

// A report with an error, a warning, a waived finding, an advisory and an expired waiver.
Report sample_report() {
  Project p;
  p.ctx.advisories_loaded = true;
  p.ctx.advisory_dirs = {"adv"};
  auto a = parse_osv(R"({"id": "PINSET-2026-7", "modified": "2026-11-20T00:00:00Z",
      "aliases": ["CVE-2026-7777"], "summary": "a <crafted> archive & \"quotes\"",
      "database_specific": {"severity": "MODERATE"},
      "affected": [{"package": {"ecosystem": "pinset", "name": "tinyzip"},
                    "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.3.1"}]}]}]})",
                     "adv/PINSET-2026-7.json");
  EXPECT_TRUE(a) << test::error_of(a);
  p.ctx.advisories.push_back(*a);
  p.refresh();
  auto policy = test_fixture::policy_of(R"(format: 1
rules:
  set-pinned: {severity: warning}
  licenses: {deny: [GPL-3.0-only], allow-missing: true}
  advisories: {}
waivers:
  - {rule: licenses, package: libfoo, reason: linked dynamically, expires: 2027-01-01}
  - {rule: vetted, package: netlib, reason: old, expires: 2026-01-01}
)");
  return evaluate(policy, p.ctx);
}

TEST(PolicyReport, TextGroupsByRuleWithLocationsPathsAndHints) {
  EXPECT_EQ(to_text(sample_report()),
            "set-pinned: 1 warning\n"
            "  warning[set-not-pinned]: the manifest does not pin its package set "
            "\"sets/acme.yaml\" with package-set.digest\n"
            "    at pinset.yaml:3\n"
            "    help: add `digest: "
            "sha256:0000000000000000000000000000000000000000000000000000000000000000` "
            "under package-set (the lock records the digest of the set it used)\n"
            "\n"
            "licenses: 1 waived\n"
            "  waived[license-not-allowed]: libfoo 2.1.0 is licensed \"GPL-3.0-only\": "
            "GPL-3.0-only is denied\n"
            "    at pinset.lock:10\n"
            "    via app -> netlib -> libfoo\n"
            "    waived by policy.yaml:7 until 2027-01-01: linked dynamically\n"
            "\n"
            "advisories: 1 error\n"
            "  error[advisory]: tinyzip 1.2.13 is affected by PINSET-2026-7 (CVE-2026-7777), "
            "severity MODERATE: a <crafted> archive & \"quotes\"\n"
            "    at pinset.lock:22\n"
            "    via app -> tinyzip\n"
            "    aliases: CVE-2026-7777\n"
            "    help: upgrade to 1.3.1 (ask the set's curators to vet it if the set lacks it)\n"
            "\n"
            "waivers: 1 error\n"
            "  error[waiver-expired]: the waiver of vetted for netlib expired on 2026-01-01 "
            "(reason: old)\n"
            "    at policy.yaml:8\n"
            "    help: fix what it waived, or renew it with a new expiry date if the reason still "
            "holds\n"
            "\n"
            "policy check failed: 2 errors, 1 warning, 1 waived (4 rules from policy.yaml)\n");
}

TEST(PolicyReport, JsonMatchesItsDocumentedSchema) {
  Report r = sample_report();
  std::string json = to_json(r);
  // The schema lives with the policies it documents (policies/report.schema.json).
  EXPECT_EQ(test::schema_errors("../../../policies/report.schema.json", json), "");
  auto doc = nlohmann::json::parse(json);
  EXPECT_EQ(doc["passed"], false);
  EXPECT_EQ(doc["summary"], nlohmann::json::parse(R"({"errors": 2, "warnings": 1, "waived": 1})"));
  EXPECT_EQ(doc["rules"].size(), 4u);
  EXPECT_EQ(doc["findings"][2]["advisory"],
            nlohmann::json::parse(R"({"id": "PINSET-2026-7", "aliases": ["CVE-2026-7777"],
              "severity": "MODERATE", "summary": "a <crafted> archive & \"quotes\"",
              "fixed": ["1.3.1"]})"));
  EXPECT_EQ(doc["findings"][1]["waived"]["reason"], "linked dynamically");
  EXPECT_EQ(doc["findings"][2]["path"], nlohmann::json::parse(R"(["app", "tinyzip"])"));
  // A schema that checks nothing would pass anything: make sure it refuses a broken report.
  doc["findings"][0]["severity"] = "fatal";
  EXPECT_NE(test::schema_errors("../../../policies/report.schema.json", doc.dump()), "");
}

TEST(PolicyReport, SarifIsValidSarif210) {
  std::string sarif = to_sarif(sample_report());
  EXPECT_EQ(test::schema_errors("sarif-schema-2.1.0.json", sarif), "");
  auto doc = nlohmann::json::parse(sarif);
  const auto& run = doc["runs"][0];
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 4u);
  EXPECT_EQ(run["tool"]["driver"]["rules"][2]["id"], "advisories");
  EXPECT_EQ(run["tool"]["driver"]["rules"][2]["help"]["text"],
            std::string(rule_help("advisories")));
  ASSERT_EQ(run["results"].size(), 4u);
  const auto& adv = run["results"][2];
  EXPECT_EQ(adv["ruleId"], "advisories");
  EXPECT_EQ(adv["ruleIndex"], 2);
  EXPECT_EQ(adv["level"], "error");
  EXPECT_EQ(adv["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "pinset.lock");
  EXPECT_EQ(adv["locations"][0]["physicalLocation"]["region"]["startLine"], 22);
  EXPECT_EQ(run["results"][1]["suppressions"][0]["kind"], "external");
  EXPECT_FALSE(run["results"][2].contains("suppressions"));
}

TEST(PolicyReport, EverySarifResultHasAPhysicalLocation) {
  Report report = sample_report();
  report.project_file = "app/pinset.yaml";
  Finding project_wide;
  project_wide.rule = report.rules.front();
  project_wide.code = "lock-missing";
  project_wide.message = "the project has no lockfile";
  report.findings.push_back(project_wide);
  std::string sarif = to_sarif(report);
  EXPECT_EQ(test::schema_errors("sarif-schema-2.1.0.json", sarif), "");
  auto doc = nlohmann::json::parse(sarif);
  for (const auto& result : doc["runs"][0]["results"]) {
    const auto& physical = result["locations"][0]["physicalLocation"];
    EXPECT_FALSE(physical["artifactLocation"]["uri"].get<std::string>().empty()) << result.dump();
    EXPECT_GE(physical["region"]["startLine"].get<int>(), 1) << result.dump();
  }
  const auto& last = doc["runs"][0]["results"].back()["locations"][0]["physicalLocation"];
  EXPECT_EQ(last["artifactLocation"]["uri"], "app/pinset.yaml");
  EXPECT_EQ(last["region"]["startLine"], 1);
}

// The anchors GitHub gives the headings of a Markdown file (github-slugger): lower case; what is
// not a letter, digit, '_', '-' or space dropped; spaces as '-'; a repeated anchor suffixed -1,
// -2, ... Headings inside fenced code blocks are not headings.
std::set<std::string> heading_anchors(const std::string& markdown) {
  std::set<std::string> out;
  std::map<std::string, int> seen;
  bool fenced = false;
  std::size_t start = 0;
  while (start < markdown.size()) {
    std::size_t end = markdown.find('\n', start);
    if (end == std::string::npos) end = markdown.size();
    std::string line = markdown.substr(start, end - start);
    start = end + 1;
    if (line.starts_with("```")) fenced = !fenced;
    std::size_t hashes = line.find_first_not_of('#');
    if (fenced || hashes == 0 || hashes > 6 || hashes == std::string::npos || line[hashes] != ' ')
      continue;
    std::string slug;
    for (char c : line.substr(hashes + 1)) {
      if (c >= 'A' && c <= 'Z') {
        slug += static_cast<char>(c - 'A' + 'a');
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
        slug += c;
      } else if (c == ' ') {
        slug += '-';
      }
    }
    int n = seen[slug]++;
    out.insert(n == 0 ? slug : slug + "-" + std::to_string(n));
  }
  return out;
}

TEST(PolicyReport, EveryRuleHasASectionInPoliciesReadme) {
  std::string readme = test::read_file(test::source_dir() + "/policies/README.md");
  ASSERT_FALSE(readme.empty());
  std::set<std::string> anchors = heading_anchors(readme);
  const std::string prefix = std::string(k_repository_url) + "/blob/main/policies/README.md#";
  for (std::string_view id : rule_ids()) {
    std::string uri = rule_help_uri(id);
    ASSERT_TRUE(uri.starts_with(prefix)) << uri;
    EXPECT_EQ(anchors.count(uri.substr(prefix.size())), 1u)
        << "policies/README.md has no section for rule " << id << ": add a heading \"### Rule `"
        << id << "`\"";
  }
  // The check can fail: a rule without a section has no anchor; a section's anchor is found.
  EXPECT_EQ(anchors.count(rule_help_uri("no-such-rule").substr(prefix.size())), 0u);
  EXPECT_EQ(anchors.count("output-formats"), 1u);
  // "## Waivers" and "### Rule `waivers`" do not collide.
  EXPECT_EQ(anchors.count("waivers"), 1u);
  EXPECT_EQ(anchors.count("waivers-1"), 0u);
  EXPECT_EQ(heading_anchors("# A `b` (c)\n```\n# not\n```\n## A b c\n"),
            (std::set<std::string>{"a-b-c", "a-b-c-1"}));
}

TEST(PolicyReport, SarifRulesLinkTheirSectionAsHelpUriAndMarkdown) {
  // Every rule id, not just those a sample happens to turn on.
  Report report;
  for (std::string_view id : rule_ids())
    report.rules.emplace_back(id);
  report.project_file = "pinset.yaml";
  std::string sarif = to_sarif(report);
  EXPECT_EQ(test::schema_errors("sarif-schema-2.1.0.json", sarif), "");
  auto rules = nlohmann::json::parse(sarif)["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), rule_ids().size());
  for (const auto& rule : rules) {
    std::string id = rule["id"];
    std::string uri = rule_help_uri(id);
    EXPECT_EQ(rule["helpUri"], uri) << id;
    EXPECT_EQ(rule["help"]["text"], std::string(rule_help(id))) << id;
    EXPECT_EQ(rule["help"]["markdown"], std::string(rule_help(id)) + "\n\n[The `" + id +
                                            "` rule in policies/README.md](" + uri + ")")
        << id;
  }
  EXPECT_EQ(rules[0]["helpUri"],
            "https://github.com/pinset/pinset/blob/main/policies/README.md#rule-lock");
  // The published schema checks helpUri's form: a broken one is refused.
  auto broken = nlohmann::json::parse(sarif);
  broken["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = 7;
  EXPECT_NE(test::schema_errors("sarif-schema-2.1.0.json", broken.dump()), "");
}

// Parses `xml` with Python's xml.etree and prints "tests failures | name:failed ..." per case.
std::string junit_summary(const std::string& xml) {
  test::TempDir dir;
  std::string file = dir.write("junit.xml", xml);
  auto r = test::run_process("/usr/bin/python3",
                             {"-c",
                              "import sys, xml.etree.ElementTree as ET\n"
                              "root = ET.parse(sys.argv[1]).getroot()\n"
                              "suite = root.find('testsuite')\n"
                              "cases = suite.findall('testcase')\n"
                              "assert int(suite.get('tests')) == len(cases), 'tests count'\n"
                              "failed = [c for c in cases if c.find('failure') is not None]\n"
                              "assert int(suite.get('failures')) == len(failed), 'failures count'\n"
                              "print(root.get('tests'), root.get('failures'), '|', ' '.join(\n"
                              "    c.get('name') + ':' + ('F' if c.find('failure') is not None "
                              "else 'ok') for c in cases))\n"
                              "for c in failed: print(c.find('failure').text, end='')\n",
                              file});
  return r.exit_code == 0 ? r.out : "python failed: " + r.err;
}

TEST(PolicyReport, JunitIsWellFormedWithOneCasePerRule) {
  EXPECT_EQ(junit_summary(to_junit(sample_report())),
            "4 2 | set-pinned:ok licenses:ok advisories:F waivers:F\n"
            "error[advisory]: tinyzip 1.2.13 is affected by PINSET-2026-7 (CVE-2026-7777), "
            "severity MODERATE: a <crafted> archive & \"quotes\"\n"
            "  at pinset.lock:22\n"
            "  via app -> tinyzip\n"
            "  help: upgrade to 1.3.1 (ask the set's curators to vet it if the set lacks it)\n"
            "error[waiver-expired]: the waiver of vetted for netlib expired on 2026-01-01 "
            "(reason: old)\n"
            "  at policy.yaml:8\n"
            "  help: fix what it waived, or renew it with a new expiry date if the reason still "
            "holds\n");
}

TEST(PolicyReport, XmlEscapingCoversMarkupControlCharactersAndBadUtf8) {
  EXPECT_EQ(xml_escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
  EXPECT_EQ(xml_escape(std::string("bell\x07 nul") + '\0' + "!"),
            "bell\xEF\xBF\xBD nul\xEF\xBF\xBD!");
  EXPECT_EQ(xml_escape("caf\xC3\xA9 \xE2\x82\xAC"), "caf\xC3\xA9 \xE2\x82\xAC");  // é €
  EXPECT_EQ(xml_escape("\xC0\xAF \xED\xA0\x80 \xFF"),  // overlong, surrogate, invalid byte
            "\xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD");
  // A hostile string survives a round trip through a real XML parser.
  Report r;
  r.policies = {"p.yaml"};
  r.rules = {"denied"};
  Finding f;
  f.rule = "denied";
  f.code = "denied";
  f.message = std::string("]]></failure><x y='\x01'>") + "\xFF";
  r.findings.push_back(f);
  EXPECT_EQ(junit_summary(to_junit(r)),
            "1 1 | denied:F\nerror[denied]: ]]></failure><x y='\xEF\xBF\xBD'>\xEF\xBF\xBD\n");
}

}  // namespace
}  // namespace pinset::policy

namespace pinset::policy {
namespace {

TEST(PolicyReport, GithubAnnotationsOnePerFindingNotWaived) {
  std::string out = to_github(sample_report());
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < out.size();) {
    std::size_t end = out.find('\n', at);
    lines.push_back(out.substr(at, end - at));
    at = end + 1;
  }
  // set-pinned (warning), advisories (tinyzip), waivers (expired); the licenses one is waived.
  ASSERT_EQ(lines.size(), 4u) << out;
  EXPECT_EQ(lines[0],
            "::warning file=pinset.yaml,line=3,title=pinset set-pinned/set-not-pinned::the "
            "manifest does not pin its package set \"sets/acme.yaml\" with package-set.digest%0A"
            "help: add `digest: "
            "sha256:0000000000000000000000000000000000000000000000000000000000000000` under "
            "package-set (the lock records the digest of the set it used)");
  EXPECT_TRUE(
      lines[1].starts_with("::error file=pinset.lock,line=22,title=pinset "
                           "advisories/advisory (tinyzip)::tinyzip 1.2.13 is affected by "
                           "PINSET-2026-7 (CVE-2026-7777)"))
      << lines[1];
  EXPECT_NE(lines[1].find("%0Avia app -> tinyzip%0Ahelp: upgrade to 1.3.1"), std::string::npos)
      << lines[1];
  EXPECT_TRUE(
      lines[2].starts_with("::error file=policy.yaml,line=8,title=pinset "
                           "waivers/waiver-expired (netlib)::the waiver of vetted for "
                           "netlib expired on 2026-01-01"))
      << lines[2];
  EXPECT_EQ(lines[3], "pinset policy check: failed, 2 errors, 1 warning, 1 waived");
}

TEST(PolicyReport, GithubEscapesWhatTheRunnerWouldParse) {
  Report r;
  Finding f;
  f.rule = "licenses";
  f.code = "license-not-allowed";
  f.package = "a,b";
  f.message = "100% bad\r\nline::two";
  f.location = Location{"dir:x/pinset,lock", 0, 0, ""};
  r.findings.push_back(f);
  EXPECT_EQ(to_github(r),
            "::error file=dir%3Ax/pinset%2Clock,title=pinset licenses/license-not-allowed "
            "(a%2Cb)::100%25 bad%0D%0Aline::two\n"
            "pinset policy check: failed, 1 error, 0 warnings, 0 waived\n");
}

}  // namespace
}  // namespace pinset::policy

namespace pinset::policy {
namespace {

TEST(PolicyReport, WaiversListExpiryDaysLeftAndMatches) {
  Report r = sample_report();  // now: 2026-11-21
  EXPECT_EQ(waivers_text(r),
            "2 waivers\n"
            "  licenses for libfoo: expires on 2027-01-01, 41 days left; matches 1 finding\n"
            "    at policy.yaml:7: linked dynamically\n"
            "  vetted for netlib: expired on 2026-01-01, 324 days ago; waives nothing\n"
            "    at policy.yaml:8: old\n");
  EXPECT_EQ(waivers_text(r, 60),
            "2 waivers\n"
            "  licenses for libfoo: expires on 2027-01-01, 41 days left (expires soon); matches 1 "
            "finding\n"
            "    at policy.yaml:7: linked dynamically\n"
            "  vetted for netlib: expired on 2026-01-01, 324 days ago; waives nothing\n"
            "    at policy.yaml:8: old\n");
  auto j = nlohmann::json::parse(waivers_json(r));
  ASSERT_EQ(j["waivers"].size(), 2u);
  EXPECT_EQ(j["waivers"][0], nlohmann::json({{"rule", "licenses"},
                                             {"package", "libfoo"},
                                             {"versions", nullptr},
                                             {"reason", "linked dynamically"},
                                             {"expires", "2027-01-01"},
                                             {"days-left", 41},
                                             {"expired", false},
                                             {"matched", 1},
                                             {"file", "policy.yaml"},
                                             {"line", 7}}));
  EXPECT_EQ(j["waivers"][1]["days-left"], -324);
  EXPECT_EQ(j["waivers"][1]["expired"], true);
}

}  // namespace
}  // namespace pinset::policy
