#include "core/policy/osv.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace pinset::policy {
namespace {

semver::Version v(std::string_view text) {
  auto parsed = semver::Version::parse(text);
  EXPECT_TRUE(parsed) << text;
  return parsed ? *parsed : semver::Version();
}

// One affected entry for pinset package "zstd" with the given ranges and versions (JSON text).
std::string advisory_json(const std::string& ranges, const std::string& versions = "[]",
                          const std::string& ecosystem = "pinset") {
  return R"({"id": "PINSET-2024-1", "modified": "2024-01-01T00:00:00Z", "affected": [{)"
         R"("package": {"ecosystem": ")" +
         ecosystem + R"(", "name": "zstd"}, "ranges": )" + ranges + R"(, "versions": )" + versions +
         "}]}";
}

Advisory parse_ok(const std::string& json) {
  auto adv = parse_osv(json, "a.json");
  EXPECT_TRUE(adv) << (adv ? "" : adv.error().render());
  return adv ? *adv : Advisory();
}

struct RangeCase {
  const char* name;
  std::string ranges;
  std::string versions;
  std::vector<std::pair<const char*, bool>> expected;  // version -> affected
};

TEST(OsvMatch, RangeEvaluationFollowsTheOsvAlgorithm) {
  const std::string zero_fixed = R"([{"type": "SEMVER", "events": [
      {"introduced": "0"}, {"fixed": "1.0.2"}]}])";
  const std::string two_intervals = R"([{"type": "SEMVER", "events": [
      {"introduced": "1.0.0"}, {"fixed": "1.0.2"}, {"introduced": "3.0.0"}, {"fixed": "3.2.5"}]}])";
  const std::string two_intervals_unsorted = R"([{"type": "SEMVER", "events": [
      {"fixed": "3.2.5"}, {"introduced": "3.0.0"}, {"fixed": "1.0.2"}, {"introduced": "1.0.0"}]}])";
  std::vector<RangeCase> cases = {
      {"introduced 0 with fixed",
       zero_fixed,
       "[]",
       {{"0.0.0", true},
        {"0.0.0-alpha", true},
        {"1.0.1", true},
        {"1.0.2-rc.1", true},
        {"1.0.2", false},
        {"1.0.2+build.7", false},
        {"2.0.0", false}}},
      {"prerelease before its release is affected",
       R"([{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.0.0"}]}])",
       "[]",
       {{"1.0.0-rc.1", true}, {"1.0.0-alpha", true}, {"1.0.0", false}, {"1.0.1-rc.1", false}}},
      {"prerelease before introduced is not affected",
       R"([{"type": "SEMVER", "events": [{"introduced": "2.0.0"}]}])",
       "[]",
       {{"2.0.0-rc.1", false}, {"2.0.0", true}, {"9.9.9", true}, {"1.9.9", false}}},
      {"two intervals in one range",
       two_intervals,
       "[]",
       {{"0.9.0", false},
        {"1.0.0-rc.1", false},
        {"1.0.0", true},
        {"1.0.1", true},
        {"1.0.2", false},
        {"2.0.0", false},
        {"3.0.0", true},
        {"3.2.4", true},
        {"3.2.5", false},
        {"4.0.0", false}}},
      {"unsorted events are sorted first",
       two_intervals_unsorted,
       "[]",
       {{"0.9.0", false}, {"1.0.1", true}, {"2.0.0", false}, {"3.1.0", true}, {"3.2.5", false}}},
      {"re-introduced after a fix",
       R"([{"type": "SEMVER", "events": [
           {"introduced": "0"}, {"fixed": "1.0.0"}, {"introduced": "2.0.0"}]}])",
       "[]",
       {{"0.5.0", true}, {"1.5.0", false}, {"2.0.0", true}, {"9.0.0", true}}},
      {"last_affected includes its version",
       R"([{"type": "SEMVER", "events": [{"introduced": "0"}, {"last_affected": "2.1.214"}]}])",
       "[]",
       {{"2.1.214", true}, {"2.1.215-rc.1", false}, {"2.1.215", false}, {"1.0.0", true}}},
      {"fixed excludes its version",
       R"([{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "2.1.214"}]}])",
       "[]",
       {{"2.1.213", true}, {"2.1.214", false}}},
      {"limit bounds the range from above",
       R"([{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"limit": "2.0.0"}]}])",
       "[]",
       {{"0.9.0", false},
        {"1.5.0", true},
        {"2.0.0-rc.1", true},
        {"2.0.0", false},
        {"3.0.0", false}}},
      {"limit after a re-introduction",
       R"([{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.0.0"},
           {"introduced": "2.0.0"}, {"limit": "3.0.0"}]}])",
       "[]",
       {{"0.1.0", true}, {"1.0.0", false}, {"2.5.0", true}, {"3.0.0", false}}},
      {"several limits: below any one of them is enough (BeforeLimits)",
       R"([{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"limit": "1.5.0"},
           {"limit": "3.0.0"}]}])",
       "[]",
       {{"1.2.0", true}, {"2.0.0", true}, {"3.0.0", false}}},
      {"limit * is infinity",
       R"([{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"limit": "*"}]}])",
       "[]",
       {{"0.9.0", false}, {"99.0.0", true}}},
      {"introduced 0 alone: every version",
       R"([{"type": "SEMVER", "events": [{"introduced": "0"}]}])",
       "[]",
       {{"0.0.0-0", true}, {"1.0.0", true}, {"999.0.0", true}}},
      {"a GIT range is ignored for versions",
       R"([{"type": "GIT", "repo": "https://github.com/facebook/zstd", "events": [
           {"introduced": "0"}, {"fixed": "8b1f2c2e9a1d3f4e5a6b7c8d9e0f1a2b3c4d5e6f"}]}])",
       "[]",
       {{"0.0.1", false}, {"1.5.5", false}}},
      {"ECOSYSTEM with SemVer versions compares as SemVer",
       R"([{"type": "ECOSYSTEM", "events": [{"introduced": "1.2.0"}, {"fixed": "1.10.0"}]}])",
       "[]",
       {{"1.1.9", false}, {"1.9.0", true}, {"1.10.0", false}}},
      {"ECOSYSTEM with a non-SemVer version is ignored",
       R"([{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.5"}]}])",
       "[]",
       {{"1.0.0", false}, {"2.0.0", false}}},
      {"several ranges are OR-ed",
       R"([{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"fixed": "1.1.0"}]},
           {"type": "SEMVER", "events": [{"introduced": "2.0.0"}, {"fixed": "2.1.0"}]}])",
       "[]",
       {{"1.0.5", true}, {"1.5.0", false}, {"2.0.5", true}, {"2.1.0", false}}},
      {"versions match exactly, build metadata aside",
       "[]",
       R"(["1.4.0", "1.4.1+deb12", "r1234"])",
       {{"1.4.0", true},
        {"1.4.1", true},
        {"1.4.2", false},
        {"1.4.0-rc.1", false},
        {"1.3.0", false}}},
      {"versions or ranges",
       R"([{"type": "SEMVER", "events": [{"introduced": "2.0.0"}, {"fixed": "2.0.1"}]}])",
       R"(["1.4.0"])",
       {{"1.4.0", true}, {"2.0.0", true}, {"1.5.0", false}}},
  };
  for (const RangeCase& c : cases) {
    Advisory adv = parse_ok(advisory_json(c.ranges, c.versions));
    for (const auto& [version, expected] : c.expected) {
      EXPECT_EQ(affects(adv, "zstd", v(version)), expected) << c.name << ": " << version;
      EXPECT_EQ(match(adv, "zstd", v(version)).has_value(), expected) << c.name << ": " << version;
    }
  }
}

TEST(OsvMatch, EcosystemRangeWithNonSemVerVersionLeavesAWarning) {
  Advisory adv = parse_ok(advisory_json(R"([{"type": "ECOSYSTEM", "events": [
      {"introduced": "0"}, {"fixed": "1.5"}]}])"));
  ASSERT_EQ(adv.warnings.size(), 1u);
  EXPECT_EQ(adv.warnings[0].code, "osv-range-ignored");
  EXPECT_EQ(adv.warnings[0].render(),
            "a.json:2:38: affected[0].ranges[0].events[1].fixed: ECOSYSTEM range ignored: \"1.5\" "
            "is not a SemVer version, and pinset compares versions as SemVer\n"
            "  help: list the affected versions in \"versions\", or use SemVer in the range");
  EXPECT_FALSE(adv.affected[0].ranges[0].comparable);
}

TEST(OsvMatch, MatchNamesTheIntervalAndTheFixesToRecommend) {
  Advisory adv = parse_ok(advisory_json(R"([{"type": "SEMVER", "events": [
      {"introduced": "0"}, {"fixed": "1.0.2"}, {"introduced": "3.0.0"}, {"fixed": "3.2.5"}]}])"));
  auto m = match(adv, "zstd", v("1.0.1"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->affected_index, 0u);
  EXPECT_EQ(m->range_index, std::optional<std::size_t>(0));
  EXPECT_EQ(m->introduced, "0");
  EXPECT_EQ(m->fixed, "1.0.2");
  EXPECT_EQ(m->last_affected, "");
  EXPECT_EQ(m->fixed_versions, (std::vector<semver::Version>{v("1.0.2"), v("3.2.5")}));

  m = match(adv, "zstd", v("3.1.0"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->introduced, "3.0.0");
  EXPECT_EQ(m->fixed, "3.2.5");
  EXPECT_EQ(m->fixed_versions, (std::vector<semver::Version>{v("3.2.5")}));
}

TEST(OsvMatch, FixedVersionThatIsAffectedByAnotherRangeIsNotRecommended) {
  Advisory adv = parse_ok(advisory_json(R"([
      {"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.2.0"}]},
      {"type": "SEMVER", "events": [{"introduced": "1.1.0"}, {"fixed": "1.3.0"}]}])"));
  auto m = match(adv, "zstd", v("1.0.0"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->range_index, std::optional<std::size_t>(0));
  EXPECT_EQ(m->fixed_versions, (std::vector<semver::Version>{v("1.3.0")}));
}

TEST(OsvMatch, LastAffectedAndVersionsRecommendNoFix) {
  Advisory adv = parse_ok(advisory_json(
      R"([{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"last_affected": "1.4.0"}]}])",
      R"(["0.9.0"])"));
  auto m = match(adv, "zstd", v("1.2.0"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->introduced, "1.0.0");
  EXPECT_EQ(m->fixed, "");
  EXPECT_EQ(m->last_affected, "1.4.0");
  EXPECT_TRUE(m->fixed_versions.empty());

  m = match(adv, "zstd", v("0.9.0"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->range_index, std::nullopt);
  EXPECT_EQ(m->introduced, "");
}

TEST(OsvMatch, PackageAndEcosystemMustApply) {
  const std::string ranges = R"([{"type": "SEMVER", "events": [{"introduced": "0"}]}])";
  struct Case {
    std::string ecosystem;
    std::string package;
    MatchOptions options;
    bool expected;
  };
  MatchOptions npm;
  npm.ecosystems = {"npm", "crates.io"};
  MatchOptions any;
  any.any_ecosystem = true;
  std::vector<Case> cases = {
      {"pinset", "zstd", {}, true},   {"pinset:main", "zstd", {}, true},
      {"pinsetx", "zstd", {}, false}, {"npm", "zstd", {}, false},
      {"npm", "zstd", npm, true},     {"crates.io", "zstd", npm, true},
      {"pinset", "zstd", npm, false}, {"Debian:12", "zstd", any, true},
      {"pinset", "Zstd", {}, false},  {"pinset", "zstd-dev", any, false},
  };
  for (const Case& c : cases) {
    Advisory adv = parse_ok(advisory_json(ranges, "[]", c.ecosystem));
    EXPECT_EQ(affects(adv, c.package, v("1.0.0"), c.options), c.expected)
        << c.ecosystem << " " << c.package;
  }
}

TEST(OsvMatch, WithdrawnAdvisoryNeverMatches) {
  Advisory adv = parse_ok(
      R"({"id": "PINSET-2024-2", "modified": "2024-02-01T00:00:00Z",
          "withdrawn": "2024-02-01T00:00:00Z", "affected": [{
          "package": {"ecosystem": "pinset", "name": "zstd"},
          "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]})");
  EXPECT_TRUE(adv.is_withdrawn());
  EXPECT_FALSE(affects(adv, "zstd", v("1.0.0")));
  EXPECT_FALSE(match(adv, "zstd", v("1.0.0")));
}

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(PINSET_TEST_DATA_DIR) + "/osv/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(OsvParse, GhsaAdvisoryEndToEnd) {
  // A GitHub-style advisory (schema-valid against ossf/osv-schema validation/schema.json).
  std::string text = read_fixture("GHSA-4x7p-2m9q-c3vw.json");
  ASSERT_FALSE(text.empty());
  auto parsed = parse_osv(text, "GHSA-4x7p-2m9q-c3vw.json");
  ASSERT_TRUE(parsed) << parsed.error().render();
  const Advisory& adv = *parsed;
  EXPECT_EQ(adv.source, "GHSA-4x7p-2m9q-c3vw.json");
  EXPECT_EQ(adv.id, "GHSA-4x7p-2m9q-c3vw");
  EXPECT_EQ(adv.aliases, (std::vector<std::string>{"CVE-2024-31337"}));
  EXPECT_EQ(adv.cve_ids(), (std::vector<std::string>{"CVE-2024-31337"}));
  EXPECT_EQ(adv.summary,
            "tar-stream-lite writes outside the extraction folder through a crafted symlink");
  EXPECT_EQ(adv.details.substr(0, 17), "A tar archive can");
  EXPECT_EQ(adv.modified, "2024-05-14T09:12:41Z");
  EXPECT_EQ(adv.published, "2024-05-02T18:30:05Z");
  EXPECT_FALSE(adv.is_withdrawn());
  ASSERT_EQ(adv.severity.size(), 1u);
  EXPECT_EQ(adv.severity[0].type, "CVSS_V3");
  EXPECT_EQ(adv.severity[0].score, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N");
  EXPECT_EQ(adv.database_severity, "HIGH");
  ASSERT_EQ(adv.affected.size(), 2u);
  ASSERT_TRUE(adv.affected[0].package);
  EXPECT_EQ(adv.affected[0].package->ecosystem, "npm");
  EXPECT_EQ(adv.affected[0].package->name, "tar-stream-lite");
  EXPECT_EQ(adv.affected[0].package->purl, "pkg:npm/tar-stream-lite");
  ASSERT_EQ(adv.affected[1].ranges.size(), 1u);
  const OsvRange& range = adv.affected[1].ranges[0];
  EXPECT_EQ(range.type, RangeType::ecosystem);
  EXPECT_TRUE(range.comparable);
  ASSERT_EQ(range.events.size(), 2u);
  EXPECT_EQ(range.events[0].kind, EventKind::introduced);
  EXPECT_EQ(range.events[0].version, "3.0.0");
  EXPECT_EQ(range.events[1].kind, EventKind::fixed);
  EXPECT_EQ(range.where.line, 51);
  EXPECT_TRUE(adv.warnings.empty());

  EXPECT_FALSE(affects(adv, "tar-stream-lite", v("2.4.2")));  // ecosystem npm is not pinset's
  MatchOptions npm;
  npm.ecosystems = {"npm"};
  auto m = match(adv, "tar-stream-lite", v("2.4.2"), npm);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->affected_index, 0u);
  EXPECT_EQ(m->fixed, "2.4.3");
  EXPECT_EQ(m->fixed_versions, (std::vector<semver::Version>{v("2.4.3"), v("3.1.2")}));
  m = match(adv, "tar-stream-lite", v("3.1.1"), npm);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->affected_index, 1u);
  EXPECT_EQ(m->fixed_versions, (std::vector<semver::Version>{v("3.1.2")}));
  EXPECT_FALSE(affects(adv, "tar-stream-lite", v("2.4.3"), npm));
  EXPECT_FALSE(affects(adv, "tar-stream-lite", v("3.1.2"), npm));
}

TEST(OsvParse, UnknownFieldsAndNullListsAreAccepted) {
  Advisory adv = parse_ok(R"({"id": "PINSET-1", "modified": "2024-01-01T00:00:00Z",
      "schema_version": "1.6.0", "aliases": null, "severity": null, "affected": null,
      "credits": [{"name": "someone"}], "database_specific": {"severity": {"level": 3}}})");
  EXPECT_EQ(adv.id, "PINSET-1");
  EXPECT_TRUE(adv.aliases.empty());
  EXPECT_TRUE(adv.affected.empty());
  EXPECT_EQ(adv.database_severity, "");
}

struct ErrorCase {
  const char* name;
  std::string json;
  std::string code;
  std::string rendered;
};

TEST(OsvParse, BadAdvisoriesAreLocatedErrors) {
  std::vector<ErrorCase> cases = {
      {"not an object", "[1]", "invalid-advisory",
       "a.json:1:1: expected an OSV advisory (a JSON object), found a list"},
      {"missing id", R"({"modified": "2024-01-01T00:00:00Z"})", "invalid-advisory",
       "a.json:1:1: id: missing required field \"id\"\n"
       "  help: write the advisory's identifier: \"id\": \"GHSA-...\""},
      {"id of the wrong type", R"({"id": 42, "modified": "2024-01-01T00:00:00Z"})",
       "invalid-advisory", "a.json:1:8: id: expected a non-empty string, found a number 42"},
      {"empty id", R"({"id": "", "modified": "2024-01-01T00:00:00Z"})", "invalid-advisory",
       "a.json:1:8: id: expected a non-empty string, found a string \"\""},
      {"aliases not a list", R"({"id": "X-1", "modified": "m", "aliases": "CVE-2024-1"})",
       "invalid-advisory",
       "a.json:1:43: aliases: expected a list or null, found a string \"CVE-2024-1\""},
      {"unknown range type",
       advisory_json(R"([{"type": "semver", "events": [{"introduced": "0"}]}])"),
       "invalid-advisory",
       "a.json:1:147: affected[0].ranges[0].type: expected SEMVER, ECOSYSTEM or GIT, found a "
       "string \"semver\""},
      {"event with two kinds",
       advisory_json(R"([{"type": "SEMVER", "events": [{"introduced": "0", "fixed": "1.0.0"}]}])"),
       "invalid-advisory",
       "a.json:1:168: affected[0].ranges[0].events[0]: an event must have exactly one of "
       "\"introduced\", \"fixed\", \"last_affected\" or \"limit\", found 2\n"
       "  help: write one event per object: [{\"introduced\": \"1.0.0\"}, {\"fixed\": \"1.0.2\"}]"},
      {"event with no kind",
       advisory_json(R"([{"type": "SEMVER", "events": [{"introduced": "0"}, {"fix": "1.0.0"}]}])"),
       "invalid-advisory",
       "a.json:1:189: affected[0].ranges[0].events[1]: an event must have exactly one of "
       "\"introduced\", \"fixed\", \"last_affected\" or \"limit\", found 0\n"
       "  help: write one event per object: [{\"introduced\": \"1.0.0\"}, {\"fixed\": \"1.0.2\"}]"},
      {"SEMVER event that is not SemVer",
       advisory_json(R"([{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.0"}]}])"),
       "invalid-advisory",
       "a.json:1:199: affected[0].ranges[0].events[1].fixed: a SEMVER range needs SemVer 2.0.0 "
       "versions: invalid version \"1.0\": expected MAJOR.MINOR.PATCH\n"
       "  help: write a version like \"1.2.3\" or \"1.0.0-rc.1\", or use type ECOSYSTEM"},
      {"event version not a string",
       advisory_json(R"([{"type": "SEMVER", "events": [{"introduced": 0}]}])"), "invalid-advisory",
       "a.json:1:183: affected[0].ranges[0].events[0].introduced: expected a non-empty string, "
       "found a number 0"},
      {"no introduced event",
       advisory_json(R"([{"type": "SEMVER", "events": [{"fixed": "1.0.0"}]}])"), "invalid-advisory",
       "a.json:1:167: affected[0].ranges[0].events: a range needs at least one \"introduced\" "
       "event\n"
       "  help: add {\"introduced\": \"0\"} if every version before the fix is affected"},
      {"syntax error", R"({"id": "X-1",})", "parse", ""},
  };
  for (const ErrorCase& c : cases) {
    auto adv = parse_osv(c.json, "a.json");
    ASSERT_FALSE(adv) << c.name;
    EXPECT_EQ(adv.error().code, c.code) << c.name;
    if (!c.rendered.empty()) {
      EXPECT_EQ(adv.error().render(), c.rendered) << c.name;
    }
  }
}

TEST(OsvParse, EveryProblemIsReportedInOnePass) {
  std::string json = R"({"id": "PINSET-3",
  "summary": 7,
  "severity": [{"type": "CVSS_V3"}],
  "affected": [{"package": {"ecosystem": "pinset", "name": ["zstd"]},
                "versions": ["1.0.0", false],
                "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "x"}]}]}]
})";
  auto adv = parse_osv(json, "bad.json");
  ASSERT_FALSE(adv);
  EXPECT_EQ(adv.error().code, "invalid-advisory");
  EXPECT_EQ(
      adv.error().render(),
      "bad.json: bad.json is not a valid OSV advisory (6 errors)\n"
      "  bad.json:1:1: modified: missing required field \"modified\"\n"
      "    help: write when the advisory last changed, as RFC 3339: \"modified\": "
      "\"2024-01-31T12:00:00Z\"\n"
      "  bad.json:2:14: summary: expected a string, found a number 7\n"
      "  bad.json:3:16: severity[0].score: missing required field \"score\"\n"
      "    help: write the score or vector\n"
      "  bad.json:4:60: affected[0].package.name: expected a non-empty string, found a list\n"
      "  bad.json:5:39: affected[0].versions[1]: expected a non-empty string, found a boolean "
      "false\n"
      "  bad.json:6:89: affected[0].ranges[0].events[1].fixed: a SEMVER range needs SemVer 2.0.0 "
      "versions: invalid version \"x\": expected a number for the major version, found \"x\"\n"
      "    help: write a version like \"1.2.3\" or \"1.0.0-rc.1\", or use type ECOSYSTEM");
}

}  // namespace
}  // namespace pinset::policy
