#include "core/app/report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/app/resolve_project.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/memory_fs.hpp"

namespace pinset::app {
namespace {

const std::string k_sum = "sha256:" + std::string(64, 'a');

std::string set_yaml(int serial) {
  return "format: 1\nname: acme\nserial: " + std::to_string(serial) +
         "\npackages:\n"
         "  netlib:\n"
         "    - version: 1.4.0\n"
         "      checksum: " +
         k_sum +
         "\n"
         "      url: artifacts/netlib-1.4.0.tgz\n"
         "      license: MIT\n"
         "      dependencies: {libfoo: ^2.0.0}\n"
         "  libfoo:\n"
         "    - version: 2.1.0\n"
         "      checksum: " +
         k_sum +
         "\n"
         "      url: artifacts/libfoo-2.1.0.tgz\n";
}

const char* k_manifest =
    "name: myapp\n"
    "package-set:\n"
    "  url: sets/acme.yaml\n"
    "dependencies:\n"
    "  netlib: ^1.3.0\n";

class ReportInputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs.files["proj/pinset.yaml"] = k_manifest;
    fs.files["proj/sets/acme.yaml"] = set_yaml(7);
  }
  void resolve() { ASSERT_TRUE(resolve_project(fs, {"proj/pinset.yaml"})); }
  Result<ReportInputs> load() { return load_report_inputs(fs, {"proj/pinset.yaml", "sbom"}); }
  test::MemoryFileSystem fs;
};

TEST_F(ReportInputsTest, LoadsProjectLockAndSetWithoutWriting) {
  resolve();
  int writes = fs.writes;
  auto inputs = load();
  ASSERT_TRUE(inputs) << inputs.error().render();
  EXPECT_EQ(fs.writes, writes);
  EXPECT_EQ(inputs->project.manifest.name, "myapp");
  EXPECT_EQ(inputs->set.set.name, "acme");
  ASSERT_EQ(inputs->lock.packages.size(), 2u);
  EXPECT_EQ(inputs->lock.packages[1].name, "netlib");
  EXPECT_EQ(inputs->lock.packages[1].url, "sets/artifacts/netlib-1.4.0.tgz");
}

TEST_F(ReportInputsTest, MissingLockSaysToResolve) {
  EXPECT_EQ(test::error_of(load()),
            "lock-missing: proj/pinset.lock: pinset sbom reports on proj/pinset.lock, which does "
            "not exist\n"
            "  help: run `pinset resolve` to create it, and commit it with the manifest");
}

TEST_F(ReportInputsTest, StaleLockSaysToResolve) {
  resolve();
  fs.files["proj/sets/acme.yaml"] = set_yaml(8);
  auto inputs = load();
  ASSERT_FALSE(inputs);
  EXPECT_EQ(inputs.error().code, "lock-stale");
  EXPECT_EQ(inputs.error().message,
            "the lock is out of date with proj/pinset.yaml and its package set: package set serial "
            "7 -> 8");
  EXPECT_EQ(inputs.error().hint,
            "run `pinset resolve` to update the lock, review the change, and commit it");
}

TEST_F(ReportInputsTest, ManifestThatNoLongerResolvesIsAStaleLock) {
  resolve();
  fs.files["proj/pinset.yaml"] = std::string(k_manifest) + "  libfoo: ^3.0.0\n";
  EXPECT_EQ(test::error_of(load()),
            "lock-stale: proj/pinset.lock: proj/pinset.lock is out of date: proj/pinset.yaml no "
            "longer resolves against its package set\n"
            "  help: run `pinset resolve` to see why, fix the manifest, and commit the new lock");
}

TEST_F(ReportInputsTest, SbomCarriesTheInjectedTimeAndSetLicense) {
  resolve();
  auto inputs = load();
  ASSERT_TRUE(inputs) << inputs.error().render();
  auto bom = nlohmann::json::parse(make_sbom(*inputs, SbomFormat::cyclonedx, 1767225600, "9.9.9"));
  EXPECT_EQ(bom["metadata"]["timestamp"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(bom["metadata"]["tools"]["components"][0]["version"], "9.9.9");
  EXPECT_EQ(bom["components"][1]["licenses"][0]["expression"], "MIT");
  auto spdx = nlohmann::json::parse(make_sbom(*inputs, SbomFormat::spdx, 1767225600, "9.9.9"));
  EXPECT_EQ(spdx["creationInfo"]["created"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(spdx["packages"][2]["licenseDeclared"], "MIT");
}

TEST(ReportTime, SourceDateEpochWinsAndIsChecked) {
  EXPECT_EQ(rfc3339_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(rfc3339_utc(1767225599), "2025-12-31T23:59:59Z");
  EXPECT_EQ(*report_time(nullptr, 42), 42);
  EXPECT_EQ(*report_time("1767225600", 42), 1767225600);
  EXPECT_EQ(test::error_of(report_time("2026-01-01", 42)),
            "invalid-source-date-epoch: SOURCE_DATE_EPOCH is \"2026-01-01\", not a number of "
            "seconds since 1970-01-01T00:00:00Z\n"
            "  help: set it to a whole number such as 1767225600, or unset it");
  EXPECT_FALSE(report_time("", 42));
  EXPECT_FALSE(report_time("-5", 42));
}

}  // namespace
}  // namespace pinset::app
