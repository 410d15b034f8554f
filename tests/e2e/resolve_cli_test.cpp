// End-to-end: the pinset binary's resolve and semver commands, stdout, stderr and exit codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/process.hpp"

namespace pinset::test {
namespace {

const std::string k_sum = "sha256:" + std::string(64, 'a');

std::string entry(const std::string& name, const std::string& version,
                  const std::string& deps = "") {
  std::string out = "    - version: " + version + "\n      checksum: " + k_sum + "\n      url: a/" +
                    name + "-" + version + ".tgz\n";
  if (!deps.empty()) out += "      dependencies: {" + deps + "}\n";
  return out;
}

class ResolveCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir.write("set.yaml", "format: 1\nname: acme\nserial: 3\npackages:\n  netlib:\n" +
                              entry("netlib", "1.3.0", "libfoo: ^2.0.0") +
                              entry("netlib", "1.4.0", "libfoo: ^2.1.0") + "  libfoo:\n" +
                              entry("libfoo", "2.0.5") + entry("libfoo", "2.1.0"));
  }
  void manifest(const std::string& deps) {
    dir.write("pinset.yaml", "name: myapp\npackage-set:\n  url: set.yaml\ndependencies:\n" + deps);
  }
  TempDir dir;
};

TEST_F(ResolveCli, ResolvesAndWritesLock) {
  manifest("  netlib: ^1.3.0\n");
  auto r = run_pinset({"resolve"}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "Resolved 2 packages from acme (serial 3)\n"
            "  libfoo  2.1.0  sha256:aaaaaaaa\n"
            "  netlib  1.4.0  sha256:aaaaaaaa\n"
            "Wrote pinset.lock:\n"
            "  added libfoo 2.1.0\n"
            "  added netlib 1.4.0\n");
  EXPECT_TRUE(dir.exists("pinset.lock"));

  // Second run: nothing to change; --locked agrees.
  std::string lock = dir.read("pinset.lock");
  r = run_pinset({"resolve", "--locked"}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("pinset.lock is up to date"), std::string::npos) << r.out;
  EXPECT_EQ(dir.read("pinset.lock"), lock);
}

TEST_F(ResolveCli, JsonOutputIsStable) {
  manifest("  netlib: ~1.3.0\n");
  auto r = run_pinset({"resolve", "--json", "--dry-run"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["package-set"]["name"], "acme");
  EXPECT_EQ(j["package-set"]["serial"], 3);
  ASSERT_EQ(j["packages"].size(), 2u);
  EXPECT_EQ(j["packages"][1]["name"], "netlib");
  EXPECT_EQ(j["packages"][1]["version"], "1.3.0");
  EXPECT_EQ(j["packages"][1]["dependencies"], nlohmann::json::array({"libfoo"}));
  EXPECT_EQ(j["packages"][1]["url"], "a/netlib-1.3.0.tgz");
  EXPECT_EQ(j["lock"]["written"], false);
  EXPECT_FALSE(dir.exists("pinset.lock"));
}

TEST_F(ResolveCli, NotInSetExitsOneWithPath) {
  manifest("  netlib: ^1.3.0\n  ghost: ^1.0.0\n");
  auto r = run_pinset({"resolve"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("ghost"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("help: "), std::string::npos) << r.err;
  EXPECT_FALSE(dir.exists("pinset.lock"));
  auto j = run_pinset({"resolve", "--json"}, dir.path());
  EXPECT_EQ(j.exit_code, 1);
  EXPECT_EQ(nlohmann::json::parse(j.out)["error"]["code"], "not-in-set");
}

TEST_F(ResolveCli, BadManifestExitsTwoNamingLine) {
  manifest("  netlib: ^1.x.y.z\n");
  auto r = run_pinset({"resolve"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("error: pinset.yaml:5:", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("dependencies.netlib"), std::string::npos) << r.err;
}

TEST_F(ResolveCli, TamperedLockIsRefused) {
  manifest("  netlib: ^1.3.0\n");
  ASSERT_EQ(run_pinset({"resolve"}, dir.path()).exit_code, 0);
  std::string lock = dir.read("pinset.lock");
  auto pos = lock.find("\"1.4.0\"");
  ASSERT_NE(pos, std::string::npos);
  lock.replace(pos, 7, "\"1.3.0\"");
  dir.write("pinset.lock", lock);
  auto r = run_pinset({"resolve"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("has been edited or damaged"), std::string::npos) << r.err;
  EXPECT_EQ(dir.read("pinset.lock"), lock);  // left for the user to inspect
}

TEST(SemverCli, SatisfiesExitCodes) {
  auto yes = run_pinset({"semver", "satisfies", "1.4.2", "^1.2.0"});
  EXPECT_EQ(yes.exit_code, 0);
  EXPECT_EQ(yes.out, "true\n");
  auto no = run_pinset({"semver", "satisfies", "2.0.0-rc.1", "^1.2.0"});
  EXPECT_EQ(no.exit_code, 1);
  EXPECT_EQ(no.out, "false\n");
  auto bad = run_pinset({"semver", "satisfies", "1.2", "^1.2.0"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(bad.err.rfind("error: invalid version \"1.2\"", 0), 0u) << bad.err;
}

TEST(Cli, UsageErrorsExitTwo) {
  auto r = run_pinset({"no-such-command"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
  auto none = run_pinset({});
  EXPECT_EQ(none.exit_code, 2);
  auto help = run_pinset({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("resolve"), std::string::npos);
}

}  // namespace
}  // namespace pinset::test
