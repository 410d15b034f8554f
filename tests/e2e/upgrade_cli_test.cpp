// End-to-end: pinset upgrade --set NEW [--dry-run].
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/crypto/digest.hpp"
#include "tests/support/process.hpp"

namespace pinset::test {
namespace {

const std::string k_sum = "sha256:" + std::string(64, 'a');

std::string entry(const std::string& name, const std::string& version,
                  const std::string& deps = "") {
  return "    - version: " + version + "\n      checksum: " + k_sum + "\n      url: a/" + name +
         "-" + version + ".tgz\n" + (deps.empty() ? "" : "      dependencies: {" + deps + "}\n");
}

class UpgradeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir.write("acme-3.yaml", "format: 1\nname: acme\nserial: 3\npackages:\n  netlib:\n" +
                                 entry("netlib", "1.3.0", "libfoo: ^2.0.0") + "  libfoo:\n" +
                                 entry("libfoo", "2.1.0") + "  zlib:\n" + entry("zlib", "1.3.0"));
    dir.write("acme-4.yaml", "format: 1\nname: acme\nserial: 4\npackages:\n  netlib:\n" +
                                 entry("netlib", "1.4.0", "libfoo: ^2.0.0") + "  libfoo:\n" +
                                 entry("libfoo", "2.0.5") + "  zlib:\n" + entry("zlib", "1.2.0"));
    manifest =
        "name: app\npackage-set:\n  url: acme-3.yaml  # reviewed in SEC-1\n"
        "dependencies:\n  netlib: ^1.0.0\n";
    dir.write("pinset.yaml", manifest);
    ASSERT_EQ(run_pinset({"resolve"}, dir.path()).exit_code, 0);
  }
  TempDir dir;
  std::string manifest;
};

TEST_F(UpgradeCli, DryRunShowsTheChangesAndWritesNothing) {
  std::string lock = dir.read("pinset.lock");
  auto r = run_pinset({"upgrade", "--set", "acme-4.yaml", "--dry-run"}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "Upgrade from acme serial 3 to acme serial 4 (acme-4.yaml):\n"
            "  v libfoo 2.1.0 -> 2.0.5\n"
            "  ^ netlib 1.3.0 -> 1.4.0\n"
            "Dry run: nothing written\n");
  EXPECT_EQ(dir.read("pinset.lock"), lock);
  EXPECT_EQ(dir.read("pinset.yaml"), manifest);
}

TEST_F(UpgradeCli, UpgradeEditsTheManifestInPlaceAndWritesTheLock) {
  std::string digest = crypto::sha256(dir.read("acme-4.yaml")).str();
  auto r = run_pinset({"upgrade", "--set", "acme-4.yaml", "--digest", digest}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Upgrade from acme serial 3 to acme serial 4 (acme-4.yaml):\n"
            "  v libfoo 2.1.0 -> 2.0.5\n"
            "  ^ netlib 1.3.0 -> 1.4.0\n"
            "Wrote pinset.yaml and pinset.lock\n");
  EXPECT_EQ(dir.read("pinset.yaml"),
            "name: app\npackage-set:\n  url: acme-4.yaml  # reviewed in SEC-1\n  digest: " +
                digest + "\ndependencies:\n  netlib: ^1.0.0\n");
  auto lock = nlohmann::json::parse(dir.read("pinset.lock"));
  EXPECT_EQ(lock["package-set"]["serial"], 4);
  EXPECT_EQ(lock["packages"]["netlib"]["version"], "1.4.0");
  r = run_pinset({"resolve", "--locked"}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(UpgradeCli, RangesTheNewSetCannotSatisfyFailWithExit1) {
  manifest += "  zlib: ^1.3.0\n";
  dir.write("pinset.yaml", manifest);
  ASSERT_EQ(run_pinset({"resolve"}, dir.path()).exit_code, 0);
  auto r = run_pinset({"upgrade", "--set", "acme-4.yaml"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out,
            "Upgrade from acme serial 3 to acme serial 4 (acme-4.yaml): the new set cannot satisfy "
            "pinset.yaml\n"
            "No longer satisfiable by the new set:\n"
            "  zlib ^1.3.0 (line 6): the new set has only 1.2.0\n");
  EXPECT_EQ(r.err,
            "error: the package set \"acme\" has no version of zlib that satisfies ^1.3.0 (it "
            "lists 1.2.0)\n"
            "  required by: app -> zlib\n"
            "  app depends on zlib ^1.3.0 (pinset.yaml:6)\n"
            "  help: relax zlib ^1.3.0 (pinset.yaml:6) to allow a listed version; otherwise ask "
            "the set's curators for a version of zlib that satisfies ^1.3.0, or use a newer set "
            "that has one\n");
  EXPECT_EQ(dir.read("pinset.yaml"), manifest);
}

TEST_F(UpgradeCli, JsonIsStable) {
  auto r = run_pinset({"upgrade", "--set", "acme-4.yaml", "--dry-run", "--json"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["from"]["serial"], 3);
  EXPECT_EQ(j["to"]["serial"], 4);
  EXPECT_EQ(j["changes"].dump(),
            "[{\"from\":\"2.1.0\",\"kind\":\"downgrade\",\"name\":\"libfoo\",\"to\":\"2.0.5\"},"
            "{\"from\":\"1.3.0\",\"kind\":\"upgrade\",\"name\":\"netlib\",\"to\":\"1.4.0\"}]");
  EXPECT_EQ(j["unsatisfiable"].size(), 0u);
  EXPECT_EQ(j["written"], false);
}

}  // namespace
}  // namespace pinset::test
