// End-to-end: `pinset policy check --format gitlab` on a resolved project with a name locked in
// two versions, an advisory with a CVE alias, a waiver and a project-wide finding; the report is
// validated against GitLab's published schema 15.0.7 and its dependency list against the lock.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/process.hpp"
#include "tests/support/schema_check.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

using Json = nlohmann::json;

const char* k_schema = "gitlab-dependency-scanning-report-format-15.0.7.json";
// 2026-11-21T08:00:00Z.
const std::map<std::string, std::string> k_fixed_time = {{"SOURCE_DATE_EPOCH", "1795248000"}};

class PolicyGitlabCli : public ::testing::Test {
 protected:
  void SetUp() override {
    project.add({"ms", "1.0.0", {{"index.js", "ms 1\n"}}, {}});
    project.add({"ms", "2.0.0", {{"index.js", "ms 2\n"}}, {}});
    project.add({"web", "1.0.0", {{"index.js", "web\n"}}, {{"ms", "^1.0.0"}}});
    project.add({"tool", "1.0.0", {{"index.js", "tool\n"}}, {}});
    project.write({{"web", "^1.0.0"}, {"ms", "^2.0.0"}, {"tool", "^1.0.0"}});
    // ms is selected in two versions: 1.0.0 for web, 2.0.0 for the project.
    project.dir().write("app/pinset.yaml",
                        project.dir().read("app/pinset.yaml") + "multiple-versions: major\n");
    auto resolved = run_pinset({"resolve"}, project.app());
    ASSERT_EQ(resolved.exit_code, 0) << resolved.out << resolved.err;
    project.dir().write("adv/ADV-1.json", R"({"id": "ADV-1", "modified": "2026-11-20T00:00:00Z",
      "aliases": ["CVE-2026-1234"], "summary": "ms parses durations in quadratic time",
      "database_specific": {"severity": "HIGH"},
      "affected": [{"package": {"ecosystem": "pinset", "name": "ms"},
                    "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "2.0.0"}]}]}]})");
    project.dir().write("policy.yaml", R"(format: 1
rules:
  lock: {}
  set-pinned: {severity: warning}
  vetted: {}
  advisories: {}
waivers:
  - {rule: vetted, package: tool, reason: internal tool, expires: 2027-01-01}
)");
  }

  ProcessResult check(std::vector<std::string> extra = {},
                      const std::map<std::string, std::string>& env = k_fixed_time) {
    std::vector<std::string> args = {"policy",   "check",          "--now",        "2026-11-21",
                                     "--policy", "../policy.yaml", "--advisories", "../adv",
                                     "--format", "gitlab"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_pinset(args, project.app(), env);
  }

  TestProject project;
};

// "<severity> <first identifier> <package> <version>" per vulnerability.
std::vector<std::string> summary(const Json& doc) {
  std::vector<std::string> out;
  for (const auto& v : doc["vulnerabilities"]) {
    const auto& dep = v["location"]["dependency"];
    out.push_back(
        v["severity"].get<std::string>() + " " + v["identifiers"][0]["value"].get<std::string>() +
        " " + dep["package"]["name"].get<std::string>() + " " + dep["version"].get<std::string>());
  }
  return out;
}

TEST_F(PolicyGitlabCli, ReportIsValidAndListsEveryLockedPackage) {
  auto r = check();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(schema_errors(k_schema, r.out), "");
  Json doc = Json::parse(r.out);
  EXPECT_EQ(doc["scan"]["start_time"], "2026-11-21T08:00:00");
  EXPECT_EQ(doc["scan"]["end_time"], "2026-11-21T08:00:00");
  EXPECT_EQ(doc["scan"]["status"], "success");
  EXPECT_EQ(doc["scan"]["scanner"]["version"], "0.1.0");

  // tool's vetted finding is waived: not a vulnerability, but said.
  EXPECT_EQ(summary(doc), (std::vector<std::string>{
                              "Low set-pinned/set-not-pinned testapp ",
                              "High vetted/not-vetted ms 1.0.0",
                              "High vetted/not-vetted ms 2.0.0",
                              "High vetted/not-vetted web 1.0.0",
                              "High ADV-1 ms 1.0.0",
                          }));
  const Json& adv = doc["vulnerabilities"][4];
  EXPECT_EQ(adv["identifiers"][1], Json::parse(R"({"type": "cve", "name": "CVE-2026-1234",
      "value": "CVE-2026-1234", "url": "https://www.cve.org/CVERecord?id=CVE-2026-1234"})"));
  EXPECT_EQ(adv["location"]["file"], "pinset.lock");
  EXPECT_EQ(doc["vulnerabilities"][0]["location"]["file"], "pinset.yaml");
  EXPECT_EQ(doc["scan"]["messages"][1]["value"],
            "waived: vetted/not-vetted for tool 1.0.0 until 2027-01-01 (../policy.yaml:8): "
            "internal tool");

  // dependency_files: the lock, every package it locks (ms twice), as the lock file says.
  ASSERT_EQ(doc["dependency_files"].size(), 1u);
  const Json& file = doc["dependency_files"][0];
  EXPECT_EQ(file["path"], "pinset.lock");
  EXPECT_EQ(file["package_manager"], "pinset");
  Json lock = Json::parse(project.dir().read("app/pinset.lock"));
  std::vector<std::string> locked, listed;
  for (const auto& [key, entry] : lock["packages"].items())
    locked.push_back(key.substr(0, key.find('@')) + " " + entry["version"].get<std::string>());
  for (const auto& d : file["dependencies"])
    listed.push_back(d["package"]["name"].get<std::string>() + " " +
                     d["version"].get<std::string>());
  EXPECT_EQ(listed, locked);
  EXPECT_EQ(listed, (std::vector<std::string>{"ms 1.0.0", "ms 2.0.0", "tool 1.0.0", "web 1.0.0"}));

  // The same project, the same fixed time: the same bytes.
  EXPECT_EQ(check().out, r.out);
}

TEST_F(PolicyGitlabCli, ClockTimesOutputFileAndBadEpoch) {
  // Without SOURCE_DATE_EPOCH the times come from the clock; the schema checks their form.
  auto clock = check({}, {});
  EXPECT_EQ(clock.exit_code, 1) << clock.err;
  EXPECT_EQ(schema_errors(k_schema, clock.out), "");

  auto written = check({"--output", "../gl-dependency-scanning-report.json"});
  EXPECT_EQ(written.exit_code, 1) << written.err;
  EXPECT_EQ(written.out,
            "policy check failed: 4 errors, 1 warning, 1 waived; report written to "
            "../gl-dependency-scanning-report.json\n");
  EXPECT_EQ(project.dir().read("gl-dependency-scanning-report.json"), check().out);

  auto bad = check({}, {{"SOURCE_DATE_EPOCH", "yesterday"}});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(bad.err,
            "error: SOURCE_DATE_EPOCH is \"yesterday\", not a number of seconds since "
            "1970-01-01T00:00:00Z\n"
            "  help: set it to a whole number such as 1767225600, or unset it\n");
  // Only the GitLab report reads it.
  auto text = run_pinset({"policy", "check", "--now", "2026-11-21", "--policy", "../policy.yaml",
                          "--advisories", "../adv"},
                         project.app(), {{"SOURCE_DATE_EPOCH", "yesterday"}});
  EXPECT_EQ(text.exit_code, 1) << text.err;
}

TEST_F(PolicyGitlabCli, WithoutALockTheScanFailed) {
  std::remove((project.app() + "/pinset.lock").c_str());
  auto r = check();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(schema_errors(k_schema, r.out), "");
  Json doc = Json::parse(r.out);
  EXPECT_EQ(doc["scan"]["status"], "failure");
  EXPECT_EQ(doc["dependency_files"], Json::array());
  EXPECT_EQ(summary(doc)[0], "High lock/lock-missing testapp ");
}

}  // namespace
}  // namespace pinset::test
