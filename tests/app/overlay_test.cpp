// The manifest's overlay: applied to the set before resolving, recorded in the lock.
#include "core/app/overlay.hpp"

#include <gtest/gtest.h>

#include "core/app/resolve_project.hpp"
#include "core/model/manifest.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/memory_fs.hpp"

namespace pinset::app {
namespace {

using test::error_of;

const std::string k_sum = "sha256:" + std::string(64, 'a');
const std::string k_sum_b = "sha256:" + std::string(64, 'b');
const std::int64_t k_now = 1795219200;  // 2026-11-21T00:00:00Z

std::string entry(const std::string& name, const std::string& version,
                  const std::string& deps = "") {
  return "    - version: " + version + "\n      checksum: " + k_sum + "\n      url: artifacts/" +
         name + "-" + version + ".tgz\n" +
         (deps.empty() ? "" : "      dependencies: {" + deps + "}\n");
}

const std::string k_set = "format: 1\nname: acme\nserial: 4\npackages:\n  netlib:\n" +
                          entry("netlib", "1.3.0", "libfoo: ^2.0.0") +
                          entry("netlib", "1.4.0", "libfoo: ^2.1.0") + "  libfoo:\n" +
                          entry("libfoo", "2.0.5") + entry("libfoo", "2.1.0") + "  old:\n" +
                          entry("old", "0.1.0");

class OverlayTest : public ::testing::Test {
 protected:
  void SetUp() override { fs.files["p/sets/acme.yaml"] = k_set; }
  void manifest(const std::string& deps, const std::string& overlay) {
    fs.files["p/pinset.yaml"] = "name: app\npackage-set: {url: sets/acme.yaml}\ndependencies: {" +
                                deps + "}\noverlay:\n" + overlay;
  }
  Result<ResolveOutcome> resolve() {
    ResolveOptions options;
    options.manifest_path = "p/pinset.yaml";
    options.now = k_now;
    return resolve_project(fs, options);
  }
  test::MemoryFileSystem fs;
};

TEST_F(OverlayTest, AddGivesANewVersionRecordedAsOverlay) {
  manifest("netlib: ^1.5.0",
           "  - {action: add, name: netlib, version: 1.5.0, checksum: " + k_sum_b +
               ", url: vendor/netlib-1.5.0.tgz, dependencies: {libfoo: '^2.0.0'}, size: 12, "
               "reason: 'needs the TLS fix, SEC-9', expires: 2026-12-31}\n");
  auto out = resolve();
  ASSERT_TRUE(out) << out.error().render();
  ASSERT_FALSE(out->problem) << resolve::to_error(*out->problem).render();
  const model::LockedPackage* netlib = out->lock.find("netlib");
  ASSERT_NE(netlib, nullptr);
  EXPECT_EQ(netlib->version.str(), "1.5.0");
  EXPECT_EQ(netlib->origin, "overlay");
  EXPECT_EQ(netlib->url, "vendor/netlib-1.5.0.tgz");  // relative to the manifest's folder
  EXPECT_EQ(netlib->checksum.str(), k_sum_b);
  EXPECT_EQ(netlib->dependencies, std::vector<std::string>{"libfoo"});
  EXPECT_EQ(out->lock.find("libfoo")->origin, "set");
  EXPECT_EQ(out->lock.find("libfoo")->url, "sets/artifacts/libfoo-2.1.0.tgz");
  EXPECT_TRUE(out->warnings.empty());
  // The lock written records the origin.
  EXPECT_NE(fs.files["p/pinset.lock"].find("\"origin\": \"overlay\""), std::string::npos);
  // The set the install plans from has the overlay's entry with its size.
  const model::Package* pkg = out->set.set.find("netlib");
  ASSERT_NE(pkg, nullptr);
  ASSERT_EQ(pkg->entries.size(), 3u);
  EXPECT_EQ(pkg->entries[2].size, 12u);
}

TEST_F(OverlayTest, ReplaceSwapsAllEntriesOfAPackage) {
  manifest("netlib: '*'",
           "  - {action: replace, name: libfoo, version: 2.0.6, checksum: " + k_sum_b +
               ", url: 'https://patched.example/libfoo-2.0.6.tgz', reason: patched}\n");
  auto out = resolve();
  ASSERT_TRUE(out) << out.error().render();
  ASSERT_FALSE(out->problem) << resolve::to_error(*out->problem).render();
  // netlib 1.4.0 needs libfoo ^2.1.0, which is gone: 1.3.0 is chosen.
  EXPECT_EQ(out->lock.find("netlib")->version.str(), "1.3.0");
  EXPECT_EQ(out->lock.find("libfoo")->version.str(), "2.0.6");
  EXPECT_EQ(out->lock.find("libfoo")->origin, "overlay");
  EXPECT_EQ(out->lock.find("libfoo")->url, "https://patched.example/libfoo-2.0.6.tgz");
  EXPECT_EQ(out->set.set.find("libfoo")->entries.size(), 1u);
}

TEST_F(OverlayTest, DropRemovesAVersionOrAPackage) {
  manifest("netlib: '*', old: '*'",
           "  - {action: drop, name: netlib, version: 1.4.0, reason: CVE-2026-1}\n"
           "  - {action: drop, name: old, reason: unmaintained}\n");
  auto out = resolve();
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(out->set.set.find("netlib")->entries.size(), 1u);
  EXPECT_EQ(out->set.set.find("old"), nullptr);
  // `old` is required by the manifest but dropped: the resolution explains it is not in the set.
  ASSERT_TRUE(out->problem);
  EXPECT_EQ(resolve::to_error(*out->problem).code, "not-in-set");
}

TEST_F(OverlayTest, TheOverlaidSetKeepsTheSetsVersioningAndEcosystem) {
  // tzdata's `2026b` is a debian-scheme version: with any overlay entry, the overlaid set must
  // still read it so (it used to fall back to SemVer and refuse the range "2026b").
  fs.files["p/sets/acme.yaml"] =
      "format: 1\nname: acme\nserial: 4\nversioning: debian\necosystem: generic\npackages:\n"
      "  tzdata:\n" +
      entry("tzdata", "2026a") + entry("tzdata", "2026b") + "  old:\n" + entry("old", "0.1.0");
  fs.files["p/pinset.yaml"] =
      "name: app\npackage-set: {url: sets/acme.yaml}\nversioning: debian\n"
      "dependencies: {tzdata: '2026b'}\noverlay:\n"
      "  - {action: drop, name: old, reason: unmaintained}\n";
  auto out = resolve();
  ASSERT_TRUE(out) << out.error().render();
  ASSERT_FALSE(out->problem) << resolve::to_error(*out->problem).render();
  EXPECT_EQ(out->lock.find("tzdata")->version.str(), "2026b");
  EXPECT_EQ(out->set.set.versioning, semver::Scheme::debian);
  EXPECT_EQ(out->set.set.ecosystem, model::Ecosystem::generic);
  EXPECT_EQ(out->set.set.find("old"), nullptr);
}

TEST_F(OverlayTest, ExpiredEntryIsRefused) {
  manifest("netlib: '*'",
           "  - {action: drop, name: netlib, version: 1.4.0, reason: 'CVE-2026-1, until 1.4.1',"
           " expires: 2026-11-20}\n");
  EXPECT_EQ(error_of(resolve()),
            "overlay-expired: p/pinset.yaml:5: overlay[0]: this overlay entry (drop netlib 1.4.0) "
            "expired on 2026-11-20 (reason given: \"CVE-2026-1, until 1.4.1\")\n"
            "  help: check whether the set has caught up and remove the entry, or review it again "
            "and move its expires date");
  // Valid through the whole of its expiry day.
  manifest("netlib: '*'",
           "  - {action: drop, name: netlib, version: 1.4.0, reason: x, expires: 2026-11-21}\n");
  EXPECT_TRUE(resolve());
}

TEST_F(OverlayTest, UnusedAndUnmatchedEntriesAreWarnings) {
  manifest("netlib: '*'", "  - {action: add, name: zlib, version: 1.3.1, checksum: " + k_sum_b +
                              ", url: z.tgz, reason: for later}\n"
                              "  - {action: drop, name: netlib, version: 9.9.9, reason: gone}\n");
  auto out = resolve();
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(out->warnings,
            (std::vector<std::string>{
                "p/pinset.yaml:6: overlay[1] (drop netlib 9.9.9) matches nothing in the set; "
                "remove the entry",
                "p/pinset.yaml:5: overlay[0] (add zlib 1.3.1) is not used by the resolution (zlib "
                "is not needed); remove it if it is no longer needed"}));
}

TEST_F(OverlayTest, ConflictsAreErrors) {
  manifest("netlib: '*'", "  - {action: add, name: netlib, version: 1.4.0, checksum: " + k_sum_b +
                              ", url: n.tgz, reason: mine}\n"
                              "  - {action: replace, name: zlib, version: 1.0.0, checksum: " +
                              k_sum_b + ", url: z.tgz, reason: mine}\n");
  EXPECT_EQ(error_of(resolve()),
            "invalid-overlay: the overlay in p/pinset.yaml cannot be applied (2 errors)\n"
            "  p/pinset.yaml:5: overlay[0]: cannot add netlib 1.4.0: the set already has netlib "
            "1.4.0 (p/sets/acme.yaml:10)\n"
            "    help: use action: replace to swap the set's entries of netlib for yours, or "
            "remove the overlay entry\n"
            "  p/pinset.yaml:6: overlay[1]: cannot replace zlib: the set has no package \"zlib\"\n"
            "    help: use action: add for a package the set lacks");
}

}  // namespace
}  // namespace pinset::app
