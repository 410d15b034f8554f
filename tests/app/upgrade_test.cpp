// pinset upgrade: the comparison against a new set revision and the in-place manifest edit.
#include "core/app/upgrade.hpp"

#include <gtest/gtest.h>

#include "core/app/resolve_project.hpp"
#include "core/crypto/digest.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/memory_fs.hpp"

namespace pinset::app {
namespace {

using test::error_of;

const std::string k_sum = "sha256:" + std::string(64, 'a');
const std::int64_t k_now = 1795219200;  // 2026-11-21T00:00:00Z

std::string entry(const std::string& name, const std::string& version,
                  const std::string& deps = "") {
  return "    - version: " + version + "\n      checksum: " + k_sum + "\n      url: a/" + name +
         "-" + version + ".tgz\n" + (deps.empty() ? "" : "      dependencies: {" + deps + "}\n");
}

model::Manifest parsed(const std::string& text, const std::string& source = "pinset.yaml") {
  auto m = model::parse_manifest(text, source, doc::format_for(source));
  EXPECT_TRUE(m) << m.error().render();
  return m ? *m : model::Manifest{};
}

const auto k_digest = crypto::Checksum::parse("sha256:" + std::string(64, 'c')).value();
const auto k_digest_old = crypto::Checksum::parse("sha256:" + std::string(64, 'd')).value();

TEST(RewriteManifest, BlockStyleKeepsCommentsAndAddsTheDigest) {
  std::string text =
      "# my app\nname: app\npackage-set:\n  url: sets/acme-3.yaml   # the team's set\n"
      "dependencies:\n  netlib: ^1.0.0\n";
  auto out = rewrite_manifest_set(text, parsed(text), "sets/acme-4.yaml", k_digest);
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(*out,
            "# my app\nname: app\npackage-set:\n  url: sets/acme-4.yaml   # the team's set\n"
            "  digest: " +
                k_digest.str() + "\ndependencies:\n  netlib: ^1.0.0\n");
  out = rewrite_manifest_set(text, parsed(text), "sets/acme-4.yaml", std::nullopt);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out,
            "# my app\nname: app\npackage-set:\n  url: sets/acme-4.yaml   # the team's set\n"
            "dependencies:\n  netlib: ^1.0.0\n");
}

TEST(RewriteManifest, ReplacesOrRemovesAnExistingDigest) {
  std::string text = "name: app\npackage-set:\n  url: \"a.yaml\"\n  digest: " + k_digest_old.str() +
                     "  # pinned\ndependencies: {}\n";
  auto out = rewrite_manifest_set(text, parsed(text), "b.yaml", k_digest);
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(*out, "name: app\npackage-set:\n  url: \"b.yaml\"\n  digest: " + k_digest.str() +
                      "  # pinned\ndependencies: {}\n");
  out = rewrite_manifest_set(text, parsed(text), "b.yaml", std::nullopt);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "name: app\npackage-set:\n  url: \"b.yaml\"\ndependencies: {}\n");
}

TEST(RewriteManifest, FlowStyleAndJson) {
  std::string flow = "name: app\npackage-set: {url: a.yaml}\ndependencies: {}\n";
  auto out = rewrite_manifest_set(flow, parsed(flow), "b.yaml", k_digest);
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(*out, "name: app\npackage-set: {url: b.yaml, digest: " + k_digest.str() +
                      "}\ndependencies: {}\n");
  std::string json =
      "{\n  \"name\": \"app\",\n  \"package-set\": {\"url\": \"a.json\"},\n"
      "  \"dependencies\": {}\n}\n";
  out = rewrite_manifest_set(json, parsed(json, "pinset.json"), "b.json", k_digest);
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(*out,
            "{\n  \"name\": \"app\",\n  \"package-set\": {\"url\": \"b.json\", \"digest\": \"" +
                k_digest.str() + "\"},\n  \"dependencies\": {}\n}\n");
}

TEST(RewriteManifest, RefusesWhatItCannotEditSafely) {
  std::string text = "name: app\npackage-set: {url: a.yaml, digest: " + k_digest_old.str() +
                     "}\ndependencies: {}\n";
  EXPECT_EQ(error_of(rewrite_manifest_set(text, parsed(text), "b.yaml", std::nullopt)),
            "cannot-edit-manifest: pinset.yaml:2: package-set: cannot find a digest line of its "
            "own on line 2 of pinset.yaml to rewrite it\n"
            "  help: edit package-set.url (and digest) by hand, or run with --dry-run to see the "
            "change");
}

class UpgradeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs.files["p/sets/acme-3.yaml"] = "format: 1\nname: acme\nserial: 3\npackages:\n  netlib:\n" +
                                     entry("netlib", "1.3.0", "libfoo: ^2.0.0") + "  libfoo:\n" +
                                     entry("libfoo", "2.1.0") + "  old:\n" + entry("old", "1.0.0") +
                                     "  zlib:\n" + entry("zlib", "1.3.0");
    fs.files["p/sets/acme-4.yaml"] = "format: 1\nname: acme\nserial: 4\npackages:\n  netlib:\n" +
                                     entry("netlib", "1.4.0", "libfoo: ^2.0.0, new: ^1.0.0") +
                                     "  libfoo:\n" + entry("libfoo", "2.0.5") + "  new:\n" +
                                     entry("new", "1.0.0") + "  zlib:\n" + entry("zlib", "1.2.0");
    manifest =
        "name: app\npackage-set:\n  url: sets/acme-3.yaml  # keep me\n"
        "dependencies:\n  netlib: ^1.0.0\n  old: '*'\n";
    fs.files["p/pinset.yaml"] = manifest;
    ResolveOptions r;
    r.manifest_path = "p/pinset.yaml";
    r.now = k_now;
    ASSERT_TRUE(resolve_project(fs, r));
  }
  UpgradeOptions options(const std::string& url, bool dry_run) {
    UpgradeOptions o;
    o.manifest_path = "p/pinset.yaml";
    o.set_url = url;
    o.dry_run = dry_run;
    o.now = k_now;
    return o;
  }
  test::MemoryFileSystem fs;
  std::string manifest;
};

TEST_F(UpgradeTest, DryRunListsChangesAndUnsatisfiableRangesAndWritesNothing) {
  fs.files["p/pinset.yaml"] = manifest + "  zlib: ^1.3.0\n";
  ResolveOptions r;
  r.manifest_path = "p/pinset.yaml";
  ASSERT_TRUE(resolve_project(fs, r));
  std::string lock = fs.files["p/pinset.lock"];
  int writes = fs.writes;
  auto out = upgrade(fs, options("sets/acme-4.yaml", true));
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(fs.writes, writes);
  EXPECT_EQ(fs.files["p/pinset.lock"], lock);
  ASSERT_EQ(out->unsatisfiable.size(), 2u);
  EXPECT_EQ(out->unsatisfiable[0].name, "old");
  EXPECT_TRUE(out->unsatisfiable[0].available.empty());
  EXPECT_EQ(out->unsatisfiable[1].name, "zlib");
  EXPECT_EQ(out->unsatisfiable[1].range, "^1.3.0");
  EXPECT_EQ(out->unsatisfiable[1].line, 7);
  EXPECT_EQ(out->unsatisfiable[1].available, std::vector<std::string>{"1.2.0"});
  ASSERT_TRUE(out->problem);
  EXPECT_FALSE(out->written);
}

TEST_F(UpgradeTest, UpgradeRewritesManifestAndLock) {
  fs.files["p/pinset.yaml"] =
      "name: app\npackage-set:\n  url: sets/acme-3.yaml  # keep me\n"
      "dependencies:\n  netlib: ^1.0.0\n";
  ResolveOptions r;
  r.manifest_path = "p/pinset.yaml";
  ASSERT_TRUE(resolve_project(fs, r));
  auto out = upgrade(fs, options("sets/acme-4.yaml", false));
  ASSERT_TRUE(out) << out.error().render();
  ASSERT_FALSE(out->problem);
  ASSERT_EQ(out->changes.size(), 3u);
  EXPECT_EQ(out->changes[0].name, "libfoo");
  EXPECT_EQ(out->changes[0].kind, PackageChange::Kind::downgraded);
  EXPECT_EQ(out->changes[1].name, "netlib");
  EXPECT_EQ(out->changes[1].kind, PackageChange::Kind::upgraded);
  EXPECT_EQ(out->changes[1].to->str(), "1.4.0");
  EXPECT_EQ(out->changes[2].name, "new");
  EXPECT_EQ(out->changes[2].kind, PackageChange::Kind::added);
  EXPECT_TRUE(out->written);
  EXPECT_EQ(fs.files["p/pinset.yaml"],
            "name: app\npackage-set:\n  url: sets/acme-4.yaml  # keep "
            "me\ndependencies:\n  netlib: ^1.0.0\n");
  EXPECT_EQ(fs.files["p/pinset.lock"], model::write_lock(out->lock));
  EXPECT_EQ(out->lock.set_serial, 4u);
  // The project now resolves against the new set with nothing to change.
  r.locked = true;
  auto again = resolve_project(fs, r);
  ASSERT_TRUE(again) << again.error().render();
}

TEST_F(UpgradeTest, ADigestIsCheckedAndAnOlderSerialIsARollback) {
  auto wrong = crypto::Checksum::parse("sha256:" + std::string(64, 'e')).value();
  auto o = options("sets/acme-4.yaml", false);
  o.digest = wrong;
  auto out = upgrade(fs, o);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "set-digest-mismatch");
  EXPECT_EQ(fs.files["p/pinset.yaml"], manifest);
  fs.files["p/sets/acme-2.yaml"] = "format: 1\nname: acme\nserial: 2\npackages: {}\n";
  EXPECT_EQ(upgrade(fs, options("sets/acme-2.yaml", true)).error().code, "set-rollback");
}

}  // namespace
}  // namespace pinset::app
