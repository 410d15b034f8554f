// The policy check use case on real files: a copy of the example project in a temp folder.
#include <gtest/gtest.h>

#include "tests/support/error_text.hpp"
#include "tests/support/process.hpp"

#include "core/app/policy_check.hpp"
#include "core/model/lock_graph.hpp"
#include "core/policy/report.hpp"
#include "core/util/dates.hpp"

namespace pinset::app {
namespace {

using test::error_of;

class PolicyCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    dir.write("example.yaml", test::read_file(test::source_dir() + "/package-sets/example.yaml"));
    dir.write("app/pinset.yaml",
              test::read_file(test::source_dir() + "/package-sets/example-app/pinset.yaml"));
    dir.write("app/pinset.lock", lock_text());
    options.manifest_path = dir.path() + "/app/pinset.yaml";
    options.now = *dates::parse_date("2026-11-21") * 86400;
  }
  static std::string lock_text() {
    return test::read_file(test::source_dir() + "/package-sets/example-app/pinset.lock");
  }
  std::vector<std::string> codes(const policy::Report& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings)
      out.push_back(f.rule + "/" + f.code + (f.package.empty() ? "" : " " + f.package));
    return out;
  }
  test::TempDir dir;
  PolicyCheckOptions options;
};

TEST_F(PolicyCheck, LockLinesPointAtEachPackageBlock) {
  auto lines = lock_package_lines(lock_text());
  ASSERT_EQ(lines.size(), 9u);
  EXPECT_EQ(lines["argparse-c"], 11);
  EXPECT_EQ(lines["tls-shim"], 67);
  // The package-set block's keys are not packages.
  EXPECT_EQ(lines.count("digest"), 0u);
}

TEST_F(PolicyCheck, PathsAreLockGraphsShortestPaths) {
  auto manifest =
      model::parse_manifest(dir.read("app/pinset.yaml"), "pinset.yaml", doc::Format::yaml);
  auto lock = model::parse_lock(lock_text(), "pinset.lock");
  ASSERT_TRUE(manifest && lock);
  // A diamond and a longer way round: fmtlite is reached through logline only.
  auto paths = shortest_paths(*manifest, *lock);
  model::LockGraph graph(*manifest, *lock);
  ASSERT_EQ(paths.size(), lock->packages.size());
  for (const auto& p : lock->packages) {
    auto expected = graph.shortest_path(p.name);
    expected.insert(expected.begin(), "example-app");
    EXPECT_EQ(paths[p.name].names, expected) << p.name;
    EXPECT_EQ(paths[p.name].omitted, 0u) << p.name;
  }
  EXPECT_EQ(paths["hashkit"].names,
            (std::vector<std::string>{"example-app", "netlib", "tls-shim", "hashkit"}));
}

TEST_F(PolicyCheck, BaselinePassesAndLocatesFindings) {
  auto r = check_policy(fs::real_file_system(), options);
  ASSERT_TRUE(r) << error_of(r);
  EXPECT_TRUE(r->passed());
  EXPECT_EQ(codes(*r), (std::vector<std::string>{"set-pinned/set-not-pinned",
                                                 "advisories/advisories-missing"}));
  EXPECT_EQ(r->findings[0].location.file, dir.path() + "/app/pinset.yaml");
  EXPECT_EQ(r->findings[0].location.line, 5);
}

TEST_F(PolicyCheck, AdvisoryFoldersAreRelativeToThePolicyFile) {
  dir.write("policy/adv/a.json",
            test::read_file(test::data_dir() + "/advisories/PINSET-2026-0002.json"));
  dir.write("policy/p.yaml", "format: 1\nrules:\n  advisories: {directories: [adv]}\n");
  options.policy_files = {dir.path() + "/policy/p.yaml"};
  auto r = check_policy(fs::real_file_system(), options);
  ASSERT_TRUE(r) << error_of(r);
  EXPECT_EQ(codes(*r), (std::vector<std::string>{"advisories/advisory logline"}));
  EXPECT_EQ(r->findings[0].path, (std::vector<std::string>{"example-app", "logline"}));
  EXPECT_EQ(r->findings[0].location.line, 43);
}

TEST_F(PolicyCheck, ATamperedLockIsAFindingNotAnError) {
  std::string lock = lock_text();
  lock.replace(lock.find("\"version\": \"2.4.1\""), 18, "\"version\": \"2.4.2\"");
  dir.write("app/pinset.lock", lock);
  auto r = check_policy(fs::real_file_system(), options);
  ASSERT_TRUE(r) << error_of(r);
  ASSERT_FALSE(r->findings.empty());
  EXPECT_EQ(r->findings[0].code, "lock-tampered");
  EXPECT_FALSE(r->passed());
}

TEST_F(PolicyCheck, BadInputsAreErrors) {
  dir.write("p.yaml", "format: 1\nrules: {limits: {max-packages: many}}\n");
  options.policy_files = {dir.path() + "/p.yaml"};
  EXPECT_EQ(error_of(check_policy(fs::real_file_system(), options)),
            "wrong-type: " + dir.path() +
                "/p.yaml:2:32: rules.limits.max-packages: expected an "
                "unsigned integer, found a string \"many\"\n"
                "  help: see policies/README.md for what rules.limits.max-packages takes");
  options.policy_files.clear();
  dir.write("adv/broken.json", "{\"id\": \"X\"}");
  options.advisory_dirs = {dir.path() + "/adv"};
  auto r = check_policy(fs::real_file_system(), options);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "invalid-advisory");
  EXPECT_EQ(r.error().where.file, dir.path() + "/adv/broken.json");
  options.advisory_dirs.clear();
  dir.write("old.lock", "{}");
  options.since_lock = dir.path() + "/old.lock";
  auto since = check_policy(fs::real_file_system(), options);
  ASSERT_FALSE(since);
  EXPECT_EQ(since.error().where.file, dir.path() + "/old.lock");
}

}  // namespace
}  // namespace pinset::app
