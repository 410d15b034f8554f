#include "core/app/resolve_project.hpp"

#include <gtest/gtest.h>

#include "core/crypto/digest.hpp"
#include "core/model/lock.hpp"
#include "tests/support/memory_fs.hpp"

namespace pinset::app {
namespace {

const std::string k_sum = "sha256:" + std::string(64, 'a');
const std::string k_sum2 = "sha256:" + std::string(64, 'b');

std::string set_yaml(int serial, const std::string& netlib_versions) {
  return "format: 1\nname: acme\nserial: " + std::to_string(serial) +
         "\npackages:\n"
         "  netlib:\n" +
         netlib_versions +
         "  libfoo:\n"
         "    - version: 2.1.0\n"
         "      checksum: " +
         k_sum +
         "\n"
         "      url: artifacts/libfoo-2.1.0.tgz\n";
}

std::string netlib(const std::string& version, const std::string& sum = k_sum) {
  return "    - version: " + version + "\n      checksum: " + sum +
         "\n      url: artifacts/netlib-" + version +
         ".tgz\n      dependencies:\n        libfoo: ^2.0.0\n";
}

const char* k_manifest =
    "name: myapp\n"
    "package-set:\n"
    "  url: sets/acme.yaml\n"
    "dependencies:\n"
    "  netlib: ^1.3.0\n";

TEST(ResolveProject, ResolvesWritesLockAndRecordsSet) {
  test::MemoryFileSystem fs;
  fs.files["proj/pinset.yaml"] = k_manifest;
  fs.files["proj/sets/acme.yaml"] = set_yaml(7, netlib("1.3.0") + netlib("1.4.0"));
  auto out = resolve_project(fs, {"proj/pinset.yaml"});
  ASSERT_TRUE(out) << out.error().render();
  ASSERT_FALSE(out->problem);
  ASSERT_EQ(out->lock.packages.size(), 2u);
  EXPECT_EQ(out->lock.packages[0].name, "libfoo");
  EXPECT_EQ(out->lock.packages[1].name, "netlib");
  EXPECT_EQ(out->lock.packages[1].version.str(), "1.4.0");
  EXPECT_EQ(out->lock.packages[1].url, "sets/artifacts/netlib-1.4.0.tgz");
  EXPECT_EQ(out->lock.packages[1].dependencies, std::vector<std::string>{"libfoo"});
  EXPECT_EQ(out->lock.set_serial, 7u);
  EXPECT_EQ(out->lock.set_digest, crypto::sha256(fs.files["proj/sets/acme.yaml"]));
  EXPECT_TRUE(out->lock_written);
  EXPECT_EQ(fs.files["proj/pinset.lock"], model::write_lock(out->lock));
  EXPECT_EQ(out->changes, (std::vector<std::string>{"added libfoo 2.1.0", "added netlib 1.4.0"}));
}

TEST(ResolveProject, KeepsLockedVersionWhileValidAndWritesNothingNew) {
  test::MemoryFileSystem fs;
  fs.files["proj/pinset.yaml"] = k_manifest;
  fs.files["proj/sets/acme.yaml"] = set_yaml(7, netlib("1.3.0"));
  ASSERT_TRUE(resolve_project(fs, {"proj/pinset.yaml"}));
  // The set gains 1.4.0 (new serial); the lock keeps 1.3.0 (conservative update).
  fs.files["proj/sets/acme.yaml"] = set_yaml(8, netlib("1.3.0") + netlib("1.4.0"));
  auto out = resolve_project(fs, {"proj/pinset.yaml"});
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(out->lock.find("netlib")->version.str(), "1.3.0");
  ASSERT_GE(out->changes.size(), 1u);
  EXPECT_EQ(out->changes[0], "package set serial 7 -> 8");
}

TEST(ResolveProject, LockedRefusesStaleLockAndWritesNothing) {
  test::MemoryFileSystem fs;
  fs.files["proj/pinset.yaml"] = k_manifest;
  fs.files["proj/sets/acme.yaml"] = set_yaml(7, netlib("1.3.0"));
  ASSERT_TRUE(resolve_project(fs, {"proj/pinset.yaml"}));
  std::string lock_before = fs.files["proj/pinset.lock"];
  // The set drops 1.3.0: the locked version is no longer valid.
  fs.files["proj/sets/acme.yaml"] = set_yaml(8, netlib("1.4.0"));
  int writes = fs.writes;
  ResolveOptions options{"proj/pinset.yaml"};
  options.locked = true;
  auto out = resolve_project(fs, options);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "lock-stale");
  std::string old_digest = crypto::sha256(set_yaml(7, netlib("1.3.0"))).short_str();
  std::string new_digest = crypto::sha256(fs.files["proj/sets/acme.yaml"]).short_str();
  EXPECT_EQ(
      out.error().render(),
      "proj/pinset.lock: the lock is out of date with proj/pinset.yaml and its package set: "
      "package set serial 7 -> 8\n"
      "  package set digest " +
          old_digest + " -> " + new_digest +
          "\n"
          "  netlib 1.3.0 -> 1.4.0\n"
          "  help: run `pinset resolve` to update the lock, review the change, and commit it");
  EXPECT_EQ(fs.writes, writes);
  EXPECT_EQ(fs.files["proj/pinset.lock"], lock_before);
}

TEST(ResolveProject, LockedWithoutLockIsAnError) {
  test::MemoryFileSystem fs;
  fs.files["pinset.yaml"] = "name: a\npackage-set:\n  url: s.yaml\ndependencies: {}\n";
  ResolveOptions options;
  options.locked = true;
  auto out = resolve_project(fs, options);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().render(),
            "pinset.lock: --locked needs pinset.lock, which does not exist\n"
            "  help: run `pinset resolve` to create it, and commit it with the manifest");
}

TEST(ResolveProject, PinnedSetDigestMismatchIsRefusedBeforeParsing) {
  test::MemoryFileSystem fs;
  fs.files["pinset.yaml"] =
      "name: a\npackage-set:\n  url: s.yaml\n  digest: " + k_sum2 + "\ndependencies: {}\n";
  fs.files["s.yaml"] = "not: [a valid set";
  auto out = resolve_project(fs, {});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "set-digest-mismatch");
  EXPECT_EQ(out.error().render(),
            "pinset.yaml:4: package-set.digest: the package set at \"s.yaml\" does not match the "
            "digest pinned in pinset.yaml: expected " +
                k_sum2 + ", got " + crypto::sha256(fs.files["s.yaml"]).str() +
                "\n  help: if the set was republished on purpose, review it (pinset set diff) and "
                "update package-set.digest; otherwise do not use it");
  EXPECT_FALSE(fs.exists("pinset.lock"));
}

TEST(ResolveProject, UnsatisfiableIsAProblemNotAnError) {
  test::MemoryFileSystem fs;
  fs.files["pinset.yaml"] =
      "name: a\npackage-set:\n  url: s.yaml\ndependencies:\n  netlib: ^9.0.0\n";
  fs.files["s.yaml"] = set_yaml(1, netlib("1.3.0"));
  auto out = resolve_project(fs, {});
  ASSERT_TRUE(out) << out.error().render();
  ASSERT_TRUE(out->problem);
  EXPECT_EQ(out->problem->code, "no-vetted-version");
  EXPECT_FALSE(fs.exists("pinset.lock"));
}

TEST(ResolveProject, MissingManifestSaysWhatToDo) {
  test::MemoryFileSystem fs;
  auto out = resolve_project(fs, {});
  ASSERT_FALSE(out);
  EXPECT_EQ(
      out.error().render(),
      "no pinset.yaml or pinset.json in the current folder\n"
      "  help: run pinset in your project's folder, or name the manifest with --manifest FILE");
}

TEST(ResolveProject, RefusesUnsupportedSetScheme) {
  test::MemoryFileSystem fs;
  fs.files["pinset.yaml"] = "name: a\npackage-set:\n  url: ftp://h/s.yaml\ndependencies: {}\n";
  auto out = resolve_project(fs, {});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "unsupported-scheme");
  EXPECT_EQ(out.error().headline(),
            "pinset.yaml:3: package-set.url: unsupported URL scheme in \"ftp://h/s.yaml\": pinset "
            "reads https, http and file URLs");
}

}  // namespace
}  // namespace pinset::app
