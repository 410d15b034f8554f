// End-to-end: a manifest's overlay installs a package the set lacks, records it in the lock, and
// warns about entries the resolution does not use.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/crypto/digest.hpp"
#include "tests/support/archive_builder.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

class OverlayCli : public ::testing::Test {
 protected:
  void SetUp() override {
    project.add({"netlib", "1.4.0", {{"README", "netlib 1.4\n"}}, {{"zlib", "^1.3.0"}}});
    project.write({{"netlib", "^1.4.0"}});
    zlib = ArchiveBuilder().dir("zlib-1.3.1/").file("zlib-1.3.1/zlib.h", "#define Z 1\n").build();
    project.dir().write("app/vendor/zlib-1.3.1.tgz", zlib);
  }
  void manifest(const std::string& overlay) {
    project.dir().write("app/pinset.yaml",
                        "name: testapp\npackage-set:\n  url: ../set/set.yaml\n"
                        "dependencies:\n  netlib: ^1.4.0\noverlay:\n" +
                            overlay);
  }
  std::string zlib_entry(const std::string& extra = "") {
    return "  - action: add\n    name: zlib\n    version: 1.3.1\n    checksum: " +
           crypto::sha256(zlib).str() +
           "\n    url: vendor/zlib-1.3.1.tgz\n    strip-components: 1\n"
           "    reason: not in the set yet (SEC-12)\n" +
           extra;
  }
  ProcessResult pinset(std::vector<std::string> args) {
    return run_pinset(args, project.app(), {{"PINSET_CACHE_DIR", cache.path()}});
  }
  TestProject project;
  TempDir cache;
  std::string zlib;
};

TEST_F(OverlayCli, AddedPackageIsInstalledAndLockedAsOverlay) {
  // Without the overlay the set cannot satisfy netlib's dependency.
  project.dir().write("app/pinset.yaml",
                      "name: testapp\npackage-set: {url: ../set/set.yaml}\n"
                      "dependencies: {netlib: ^1.4.0}\n");
  EXPECT_EQ(pinset({"resolve"}).exit_code, 1);
  manifest(zlib_entry());
  auto r = pinset({"install", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(read_file(project.app() + "/pinset_packages/zlib/zlib.h"), "#define Z 1\n");
  auto lock = nlohmann::json::parse(read_file(project.app() + "/pinset.lock"));
  EXPECT_EQ(lock["packages"]["zlib"]["origin"], "overlay");
  EXPECT_EQ(lock["packages"]["zlib"]["url"], "vendor/zlib-1.3.1.tgz");
  EXPECT_FALSE(lock["packages"]["netlib"].contains("origin"));
  // The lock is current: ci agrees and reinstalls from it.
  r = pinset({"ci", "--quiet"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(OverlayCli, UnusedEntryIsWarnedAbout) {
  manifest(zlib_entry() + "  - {action: add, name: extra, version: 1.0.0, checksum: " +
           crypto::sha256("x").str() + ", url: vendor/extra.tgz, reason: trying it out}\n");
  auto r = pinset({"resolve"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err,
            "warning: pinset.yaml:14: overlay[1] (add extra 1.0.0) is not used by the resolution "
            "(extra is not needed); remove it if it is no longer needed\n");
}

TEST_F(OverlayCli, ExpiredEntryIsRefused) {
  manifest(zlib_entry("    expires: 2021-03-01\n"));
  auto r = pinset({"install", "--quiet"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: pinset.yaml:7: overlay[0]: this overlay entry (add zlib 1.3.1) expired on "
            "2021-03-01 (reason given: \"not in the set yet (SEC-12)\")\n"
            "  help: check whether the set has caught up and remove the entry, or review it again "
            "and move its expires date\n");
  EXPECT_FALSE(project.dir().exists("app/pinset_packages"));
}

}  // namespace
}  // namespace pinset::test
