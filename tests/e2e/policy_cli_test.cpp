// End-to-end: `pinset policy check` on the bundled example project and policies as they are, and
// on copies of it changed to fail in particular ways.
#include <unistd.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/nginx_fixture.hpp"
#include "tests/support/process.hpp"
#include "tests/support/schema_check.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

std::string example_app() {
  return source_dir() + "/package-sets/example-app";
}
std::string policy(const std::string& name) {
  return source_dir() + "/policies/" + name;
}
std::string advisories() {
  return data_dir() + "/advisories";
}

const char* k_now = "2026-11-21";

TEST(PolicyCli, BuiltInBaselinePassesTheExampleWithWarnings) {
  auto r = run_pinset({"policy", "check", "--now", k_now}, example_app());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "set-pinned: 1 warning\n"
            "  warning[set-not-pinned]: the manifest does not pin its package set "
            "\"../example.yaml\" with package-set.digest\n"
            "    at pinset.yaml:5\n"
            "    help: add `digest: "
            "sha256:85a3a548d6f5fca1587fb8ab941018265c51dd4135990ac736e6e91ab89dd1bd` under "
            "package-set (the lock records the digest of the set it used)\n"
            "\n"
            "advisories: 1 warning\n"
            "  warning[advisories-missing]: no advisory folder was given, so no resolved package "
            "was checked for known vulnerabilities\n"
            "    help: pass --advisories DIR (a folder of OSV JSON files) or set "
            "rules.advisories.directories\n"
            "\n"
            "passed: lock, in-set, sources, checksums, set-expiry, licenses, waivers\n"
            "policy check passed: 0 errors, 2 warnings, 0 waived (9 rules from <built-in "
            "baseline>)\n");
  // The built-in baseline is policies/baseline.yaml: naming the file gives the same verdicts.
  auto named = run_pinset(
      {"policy", "check", "--now", k_now, "--policy", policy("baseline.yaml"), "--format", "json"},
      example_app());
  EXPECT_EQ(named.exit_code, 0) << named.err;
  auto builtin = run_pinset({"policy", "check", "--now", k_now, "--format", "json"}, example_app());
  auto a = nlohmann::json::parse(named.out), b = nlohmann::json::parse(builtin.out);
  EXPECT_EQ(a["findings"], b["findings"]);
  EXPECT_EQ(a["rules"], b["rules"]);
}

TEST(PolicyCli, AdvisoriesFailTheBuildWithTrickyRangesRight) {
  auto r = run_pinset(
      {"policy", "check", "--now", k_now, "--advisories", advisories(), "--format", "json"},
      example_app());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(schema_errors("../../../policies/report.schema.json", r.out), "");
  auto doc = nlohmann::json::parse(r.out);
  std::vector<std::string> ids;
  for (const auto& f : doc["findings"]) {
    if (f["code"] == "advisory") {
      ids.push_back(f["package"].get<std::string>() + " " + f["version"].get<std::string>() + " " +
                    f["advisory"]["id"].get<std::string>());
    }
  }
  // tinyzip 1.3.1 is the fixed version, hashkit 1.1.0 is at the limit, jsonette's advisory is
  // withdrawn and tls-shim's is about an npm package: none of them match.
  EXPECT_EQ(ids, (std::vector<std::string>{"fmtlite 10.2.1 PINSET-2026-0005",
                                           "logline 1.13.0 PINSET-2026-0002"}));
  EXPECT_EQ(doc["summary"], nlohmann::json::parse(R"({"errors": 2, "warnings": 1, "waived": 0})"));
}

TEST(PolicyCli, StrictOnTopOfBaselineReportsEveryGap) {
  TempDir out;
  auto r = run_pinset({"policy", "check", "--now", k_now, "--policy", policy("baseline.yaml"),
                       "--policy", policy("strict.yaml"), "--advisories", advisories(), "--format",
                       "sarif", "--output", out.path() + "/policy.sarif"},
                      example_app());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "policy check failed: 12 errors, 0 warnings, 0 waived; report written to " +
                       out.path() + "/policy.sarif\n");
  std::string sarif = out.read("policy.sarif");
  EXPECT_EQ(schema_errors("sarif-schema-2.1.0.json", sarif), "");
  auto doc = nlohmann::json::parse(sarif);
  std::map<std::string, int> per_rule;
  for (const auto& result : doc["runs"][0]["results"])
    ++per_rule[result["ruleId"].get<std::string>()];
  EXPECT_EQ(
      per_rule,
      (std::map<std::string, int>{
          {"advisories", 2}, {"set-age", 1}, {"set-pinned", 1}, {"set-signed", 1}, {"vetted", 7}}));
  EXPECT_EQ(doc["runs"][0]["tool"]["driver"]["rules"].size(), 13u);  // all but denied
}

TEST(PolicyCli, JunitHasOneCasePerRule) {
  auto r = run_pinset(
      {"policy", "check", "--now", k_now, "--advisories", advisories(), "--format", "junit"},
      example_app());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  TempDir dir;
  std::string file = dir.write("junit.xml", r.out);
  auto py = run_process("/usr/bin/python3",
                        {"-c",
                         "import sys, xml.etree.ElementTree as ET\n"
                         "s = ET.parse(sys.argv[1]).getroot().find('testsuite')\n"
                         "print(s.get('tests'), s.get('failures'), [c.get('name') for c in "
                         "s.findall('testcase') if c.find('failure') is not None])\n",
                         file});
  EXPECT_EQ(py.out, "9 1 ['advisories']\n") << py.err;
}

TEST(PolicyCliRemote, HttpsSetIsCheckedFromTheCacheAgainstTheSourcesRule) {
  TestProject project;
  project.add({"netlib", "1.4.0", {{"README", "netlib 1.4\n"}}, {}});
  project.write({{"netlib", "^1.0.0"}});
  NginxFixture nginx(project.set_dir());
  project.write({{"netlib", "^1.0.0"}}, 1, nginx.https_url("set.yaml"));
  TempDir cache;
  ASSERT_EQ(run_pinset({"install"}, project.app(),
                       {{"PINSET_CACHE_DIR", cache.path()}, {"PINSET_CA_BUNDLE", nginx.ca_file()}})
                .exit_code,
            0);
  std::size_t requests = nginx.access_log(2).size();  // the set and the artifact
  project.dir().write("p.yaml",
                      "format: 1\nrules:\n  lock: {}\n  sources: {allow: "
                      "[\"https://sets.example.com/\"]}\n");
  // The set revision the lock records is in the cache: no request, no CA needed.
  auto r = run_pinset({"policy", "check", "--now", k_now, "--policy", "../p.yaml"}, project.app(),
                      {{"PINSET_CACHE_DIR", cache.path()}});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  std::string set_url = nginx.https_url("set.yaml");
  std::string artifact = nginx.https_url("artifacts/netlib-1.4.0.tgz");
  std::string origin = set_url.substr(0, set_url.find('/', 8));
  EXPECT_EQ(r.out,
            "sources: 2 errors\n"
            "  error[source-not-allowed]: the package set URL \"" +
                set_url +
                "\" is not under an allowed prefix (https://sets.example.com/)\n"
                "    at pinset.yaml:3\n"
                "    help: fetch it from an allowed location, or add the location to "
                "rules.sources.allow\n"
                "  error[source-not-allowed]: netlib 1.4.0 is fetched from \"" +
                artifact +
                "\", which is not under an allowed prefix (https://sets.example.com/)\n"
                "    at pinset.lock:11\n"
                "    via testapp -> netlib\n"
                "    help: fetch it from an allowed location, or add the location to "
                "rules.sources.allow\n"
                "\n"
                "passed: lock, waivers\n"
                "policy check failed: 2 errors, 0 warnings, 0 waived (3 rules from ../p.yaml)\n");
  project.dir().write("ok.yaml",
                      "format: 1\nrules:\n  lock: {}\n  sources: {allow: [\"" + origin + "/\"]}\n");
  auto ok = run_pinset({"policy", "check", "--now", k_now, "--policy", "../ok.yaml"}, project.app(),
                       {{"PINSET_CACHE_DIR", cache.path()}});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  ::usleep(200000);
  EXPECT_EQ(nginx.access_log().size(), requests);
}

// A copy of the example project (the set beside it, as ../example.yaml) in a temp folder.
class PolicyCliCopy : public ::testing::Test {
 protected:
  void SetUp() override {
    dir.write("example.yaml", read_file(source_dir() + "/package-sets/example.yaml"));
    dir.write("app/pinset.yaml", read_file(example_app() + "/pinset.yaml"));
    dir.write("app/pinset.lock", read_file(example_app() + "/pinset.lock"));
  }
  ProcessResult check(std::vector<std::string> args) {
    std::vector<std::string> all = {"policy", "check", "--now", k_now};
    all.insert(all.end(), args.begin(), args.end());
    return run_pinset(all, app());
  }
  std::string app() const { return dir.path() + "/app"; }
  TempDir dir;
};

TEST_F(PolicyCliCopy, SinceReportsOnlyNewFindings) {
  // The old lock: logline 1.12.0, which pulls fmtlite 9.1.0 (not affected by PINSET-2026-0005).
  std::string manifest = dir.read("app/pinset.yaml");
  std::string old = manifest;
  old.replace(old.find("logline: ^1.12.0"), 16, "logline: ~1.12.0");
  dir.write("app/pinset.yaml", old);
  dir.write("app/pinset.lock", "");
  std::remove((app() + "/pinset.lock").c_str());
  auto resolved = run_pinset({"resolve"}, app());
  ASSERT_EQ(resolved.exit_code, 0) << resolved.err;
  dir.write("old.lock", dir.read("app/pinset.lock"));
  dir.write("app/pinset.yaml", manifest);
  dir.write("app/pinset.lock", read_file(example_app() + "/pinset.lock"));

  auto all = check({"--advisories", advisories()});
  EXPECT_EQ(all.exit_code, 1);
  auto since = check({"--advisories", advisories(), "--since", "../old.lock"});
  EXPECT_EQ(since.exit_code, 1) << since.err;
  // logline's advisory covers 1.12.0 too (same rule, package and advisory): not new.
  EXPECT_EQ(since.out,
            "advisories: 1 error\n"
            "  error[advisory]: fmtlite 10.2.1 is affected by PINSET-2026-0005 (CVE-2026-40005), "
            "severity CRITICAL: fmtlite overflows its buffer on very wide padding\n"
            "    at pinset.lock:17\n"
            "    via example-app -> logline -> fmtlite\n"
            "    aliases: CVE-2026-40005\n"
            "    help: upgrade to 10.2.2 or 11.0.3 (ask the set's curators to vet it if the set "
            "lacks it)\n"
            "\n"
            "passed: lock, in-set, sources, checksums, set-pinned, set-expiry, licenses, "
            "waivers\n"
            "policy check failed: 1 error, 0 warnings, 0 waived (9 rules from <built-in "
            "baseline>)\n");
  // With the old lock as the current one, nothing is new.
  auto same = check({"--advisories", advisories(), "--since", "pinset.lock"});
  EXPECT_EQ(same.exit_code, 0) << same.out;
}

TEST_F(PolicyCliCopy, WaiversAcceptFindingsAndExpire) {
  dir.write("waivers.yaml", R"(format: 1
waivers:
  - rule: advisories
    package: logline
    versions: "~1.13.0"
    reason: format strings are never user input in this app (SEC-88)
    expires: 2026-12-31
  - rule: advisories
    package: fmtlite
    reason: padding width is fixed at compile time
    expires: 2026-11-20
)");
  auto r = check({"--advisories", advisories(), "--policy", policy("baseline.yaml"), "--policy",
                  "../waivers.yaml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("advisories: 1 error, 1 waived\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    waived by ../waivers.yaml:3 until 2026-12-31: format strings are "
                       "never user input in this app (SEC-88)\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  error[waiver-expired]: the waiver of advisories for fmtlite expired on "
                       "2026-11-20 (reason: padding width is fixed at compile time)\n"
                       "    at ../waivers.yaml:8\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("policy check failed: 2 errors, 1 warning, 1 waived"), std::string::npos)
      << r.out;
}

TEST_F(PolicyCliCopy, MissingOrStaleLockIsAFinding) {
  dir.write("app/pinset.yaml",
            "name: example-app\npackage-set:\n  url: ../example.yaml\ndependencies:\n"
            "  netlib: ^1.3.0\n  logline: ~1.12.0\n  argparse-c: ~2.4.0\n");
  auto stale = check({"--format", "json"});
  EXPECT_EQ(stale.exit_code, 1) << stale.err;
  auto doc = nlohmann::json::parse(stale.out);
  ASSERT_GE(doc["findings"].size(), 1u);
  EXPECT_EQ(doc["findings"][0]["code"], "lock-stale");
  EXPECT_EQ(doc["findings"][0]["message"],
            "the lockfile is out of sync with the manifest or the package set: fmtlite 10.2.1 -> "
            "9.1.0");
  std::remove((app() + "/pinset.lock").c_str());
  auto missing = check({});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("lock: 1 error\n  error[lock-missing]: the project has no lockfile "
                             "pinset.lock\n"),
            std::string::npos)
      << missing.out;
}

TEST_F(PolicyCliCopy, SetSignedByEnoughTrustedKeys) {
  ASSERT_EQ(run_pinset({"set", "keygen", "-o", "alice.key"}, dir.path()).exit_code, 0);
  std::string key = dir.read("alice.key.pub");
  key.erase(key.find_last_not_of('\n') + 1);
  dir.write("signed.yaml",
            "format: 1\nrules:\n  set-signed:\n    keys:\n      - {name: alice, "
            "public-key: \"" +
                key + "\"}\n");
  auto unsigned_set = check({"--policy", "../signed.yaml"});
  EXPECT_EQ(unsigned_set.exit_code, 1) << unsigned_set.err;
  EXPECT_EQ(unsigned_set.out,
            "set-signed: 1 error\n"
            "  error[set-signatures]: the package set \"../example.yaml\" needs 1 valid signature "
            "by trusted keys, found 0 valid signatures by trusted keys\n"
            "    at pinset.yaml:5\n"
            "    help: have enough trusted key holders sign this exact revision of the set\n"
            "\n"
            "passed: waivers\n"
            "policy check failed: 1 error, 0 warnings, 0 waived (2 rules from ../signed.yaml)\n");
  auto signed_run = run_pinset({"set", "sign", "example.yaml", "--key", "alice.key"}, dir.path());
  ASSERT_EQ(signed_run.exit_code, 0) << signed_run.err;
  auto ok = check({"--policy", "../signed.yaml"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  // Two signatures required: the policy raises the threshold.
  dir.write("two.yaml", "format: 1\nrules:\n  set-signed: {threshold: 2}\n");
  auto two = check({"--policy", "../signed.yaml", "--policy", "../two.yaml", "--format", "json"});
  EXPECT_EQ(two.exit_code, 1);
  EXPECT_EQ(nlohmann::json::parse(two.out)["findings"][0]["message"],
            "the package set \"../example.yaml\" needs 2 valid signatures by trusted keys, found "
            "1 valid signature by trusted keys (alice)");
}

TEST_F(PolicyCliCopy, OverlaysNeedPermissionAReasonAndANearExpiry) {
  std::string manifest = dir.read("app/pinset.yaml");
  dir.write("app/pinset.yaml",
            manifest + "overlay:\n  - {action: drop, name: base64x, reason: \"unused, SEC-77\"}\n");
  auto baseline = check({"--policy", policy("baseline.yaml")});
  EXPECT_EQ(baseline.exit_code, 1) << baseline.err;
  EXPECT_NE(baseline.out.find("in-set: 1 error\n"
                              "  error[overlay-no-expiry]: the overlay entry for base64x has no "
                              "expiry date\n"
                              "    at pinset.yaml:11\n"
                              "    help: add `expires: 2027-02-19` (at most 90 days away)\n"),
            std::string::npos)
      << baseline.out;
  dir.write("app/pinset.yaml", manifest +
                                   "overlay:\n  - {action: drop, name: base64x, reason: \"unused, "
                                   "SEC-77\", expires: 2026-12-31}\n");
  auto with_expiry = check({"--policy", policy("baseline.yaml"), "--format", "json"});
  EXPECT_EQ(with_expiry.exit_code, 0) << with_expiry.out;
  auto strict = check({"--policy", policy("strict.yaml"), "--format", "json"});
  EXPECT_EQ(strict.exit_code, 1);
  auto doc = nlohmann::json::parse(strict.out);
  std::vector<std::string> in_set;
  for (const auto& f : doc["findings"]) {
    if (f["rule"] == "in-set") in_set.push_back(f["message"]);
  }
  EXPECT_EQ(in_set, std::vector<std::string>{"the manifest's overlay changes base64x outside the "
                                             "package set, and the policy allows no overlays"});
}

TEST_F(PolicyCliCopy, BadInputIsExitTwo) {
  dir.write("bad.yaml", "format: 1\nrules:\n  licenses: {allow: MIT OR Apache-2.0}\n");
  auto bad = check({"--policy", "../bad.yaml"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(bad.err,
            "error: ../bad.yaml:3:21: rules.licenses.allow: license policy entry \"MIT OR "
            "Apache-2.0\" is an expression; an entry is one license, optionally with \"+\" or "
            "\"WITH <exception>\"\n"
            "  help: list each license as its own entry\n");
  auto format = check({"--format", "xml"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_EQ(format.err,
            "error: unknown report format \"xml\"\n"
            "  help: use --format text, json, sarif, junit, github or gitlab\n");
  auto no_dir = check({"--advisories", "../nowhere"});
  EXPECT_EQ(no_dir.exit_code, 2);
  EXPECT_EQ(no_dir.err,
            "error: ../nowhere: advisory folder \"../nowhere\" does not exist\n"
            "  help: pass --advisories with a folder of OSV JSON files (e.g. a copy "
            "of an OSV database export)\n");
}

}  // namespace
}  // namespace pinset::test

namespace pinset::test {
namespace {

TEST(PolicyCli, GithubFormatAnnotatesTheManifestLine) {
  auto r = run_pinset({"policy", "check", "--now", "2026-11-21", "--format", "github"},
                      source_dir() + "/package-sets/example-app");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "::warning file=pinset.yaml,line=5,title=pinset set-pinned/set-not-pinned::the "
            "manifest does not pin its package set \"../example.yaml\" with "
            "package-set.digest%0Ahelp: add `digest: "
            "sha256:85a3a548d6f5fca1587fb8ab941018265c51dd4135990ac736e6e91ab89dd1bd` under "
            "package-set (the lock records the digest of the set it used)\n"
            "::warning title=pinset advisories/advisories-missing::no advisory folder was given, "
            "so no resolved package was checked for known vulnerabilities%0Ahelp: pass "
            "--advisories DIR (a folder of OSV JSON files) or set rules.advisories.directories\n"
            "pinset policy check: passed, 0 errors, 2 warnings, 0 waived\n");
}

TEST(PolicyCli, WaiversListsEachWaiverOfThePolicies) {
  TempDir dir;
  dir.write("team.yaml",
            "format: 1\nrules:\n  set-pinned: {}\nwaivers:\n"
            "  - {rule: set-pinned, reason: pinned by the release job, expires: 2026-12-01}\n"
            "  - {rule: licenses, package: libfoo, reason: gone, expires: 2026-11-01}\n");
  auto r = run_pinset(
      {"policy", "waivers", "--now", "2026-11-21", "--policy", dir.path() + "/team.yaml"},
      source_dir() + "/package-sets/example-app");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "2 waivers\n"
            "  set-pinned for the project: expires on 2026-12-01, 10 days left (expires soon); "
            "matches 1 finding\n"
            "    at " +
                dir.path() +
                "/team.yaml:5: pinned by the release job\n"
                "  licenses for libfoo: expired on 2026-11-01, 20 days ago; waives nothing\n"
                "    at " +
                dir.path() + "/team.yaml:6: gone\n");
}

}  // namespace
}  // namespace pinset::test

namespace pinset::test {
namespace {

TEST_F(PolicyCliCopy, MinAgeRefusesAVersionPublishedTooRecently) {
  // netlib 1.4.0 was published 40 hours before the check's "now" (2026-11-21T00:00:00Z); the set
  // records no publication time for the other locked packages, which the policy allows.
  std::string set = dir.read("example.yaml");
  const std::string url = "      url: artifacts/netlib-1.4.0.tar.gz\n";
  ASSERT_NE(set.find(url), std::string::npos);
  set.insert(set.find(url) + url.size(), "      published-at: 2026-11-19T08:00:00Z\n");
  dir.write("example.yaml", set);
  dir.write("cooldown.yaml", "format: 1\nrules:\n  min-age: {age: 7d, allow-unknown: true}\n");
  auto r = check({"--policy", "../cooldown.yaml"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "min-age: 1 error\n"
            "  error[too-new]: netlib 1.4.0 was published at 2026-11-19T08:00:00Z (40 hours "
            "ago), less than the policy's min-age of 7d ago\n"
            "    at pinset.lock:51\n"
            "    via example-app -> netlib\n"
            "    help: wait until 2026-11-26T08:00:00Z, or pin an older version; exclude the "
            "package in the policy with a reason only if you must take it now\n"
            "\n"
            "passed: waivers\n"
            "policy check failed: 1 error, 0 warnings, 0 waived (2 rules from ../cooldown.yaml)\n");
  dir.write("cooldown.yaml",
            "format: 1\nrules:\n  min-age:\n    age: 36h\n    allow-unknown: true\n");
  EXPECT_EQ(check({"--policy", "../cooldown.yaml"}).exit_code, 0);
}

}  // namespace
}  // namespace pinset::test
