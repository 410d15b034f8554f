// End-to-end: `pinset set import` on real lock files, then `pinset resolve` against the imported
// set gives back exactly the versions the lock pinned.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

std::string lock(const std::string& relative) {
  return data_dir() + "/import/" + relative;
}

TEST(SetImportCli, NpmLockRoundTripsThroughResolve) {
  TempDir dir;
  const std::string file = lock("npm-small/package-lock.json");
  auto r = run_pinset({"set", "import", file, "-o", "set.yaml", "--name", "web", "--vetted-by",
                       "alice@example.com", "--ticket", "SEC-7", "--vetted-on", "2026-12-01"},
                      dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "imported 21 entries of 21 packages from " + file + " (npm) into set.yaml\n");
  EXPECT_EQ(r.err, "");
  const std::string set = dir.read("set.yaml");
  EXPECT_EQ(set.rfind("format: 1\nname: web\nserial: 1\npackages:\n", 0), 0u) << set;
  EXPECT_NE(set.find("      vetted:\n        by: alice@example.com\n        on: 2026-12-01\n"
                     "        ticket: SEC-7\n"),
            std::string::npos);
  EXPECT_EQ(run_pinset({"set", "validate", "set.yaml"}, dir.path()).exit_code, 0);

  // The project's own direct dependencies, as its package.json has them.
  auto package = nlohmann::json::parse(read_file(lock("npm-small/package.json")));
  std::string manifest = "name: roundtrip\npackage-set:\n  url: set.yaml\ndependencies:\n";
  for (const auto& [name, range] : package["dependencies"].items())
    manifest += "  " + name + ": \"" + range.get<std::string>() + "\"\n";
  dir.write("pinset.yaml", manifest);
  auto resolved = run_pinset({"resolve", "--json", "--dry-run"}, dir.path());
  ASSERT_EQ(resolved.exit_code, 0) << resolved.out << resolved.err;
  std::map<std::string, std::string> got;
  const auto resolved_json = nlohmann::json::parse(resolved.out);
  for (const auto& p : resolved_json["packages"])
    got[p["name"]] = p["version"];
  std::map<std::string, std::string> pinned;
  const auto lock_json = nlohmann::json::parse(read_file(file));
  for (const auto& [key, value] : lock_json["packages"].items()) {
    if (!key.empty()) pinned[key.substr(key.rfind("node_modules/") + 13)] = value["version"];
  }
  EXPECT_EQ(got, pinned);
}

// A real npm lock with four names in two versions (debug, ms, encodeurl, glob-parent): with
// `multiple-versions: any` the imported set resolves to every name@version the lock pinned.
TEST(SetImportCli, NpmLockWithTwoVersionsOfANameRoundTripsWithMultipleVersions) {
  TempDir dir;
  const std::string file = lock("npm/package-lock.json");
  auto r = run_pinset({"set", "import", file, "-o", "set.yaml"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto package = nlohmann::json::parse(read_file(lock("npm/package.json")));
  std::string manifest = "name: roundtrip\npackage-set:\n  url: set.yaml\ndependencies:\n";
  for (const auto& [name, range] : package["dependencies"].items())
    manifest += "  " + name + ": \"" + range.get<std::string>() + "\"\n";
  dir.write("pinset.yaml", manifest);
  auto one = run_pinset({"resolve", "--dry-run"}, dir.path());
  EXPECT_EQ(one.exit_code, 1) << one.out << one.err;
  EXPECT_NE(one.err.find("multiple-versions: {rule: "), std::string::npos) << one.err;

  dir.write("pinset.yaml", manifest + "multiple-versions: any\n");
  auto resolved = run_pinset({"resolve", "--json", "--dry-run"}, dir.path());
  ASSERT_EQ(resolved.exit_code, 0) << resolved.out << resolved.err;
  std::set<std::pair<std::string, std::string>> got;
  const auto resolved_json = nlohmann::json::parse(resolved.out);
  for (const auto& p : resolved_json["packages"])
    got.emplace(p["name"], p["version"]);
  std::set<std::pair<std::string, std::string>> pinned;
  const auto lock_json = nlohmann::json::parse(read_file(file));
  for (const auto& [key, value] : lock_json["packages"].items()) {
    if (key.empty() || value.value("optional", false)) continue;  // fsevents: darwin only
    pinned.emplace(key.substr(key.rfind("node_modules/") + 13), value["version"]);
  }
  EXPECT_EQ(got, pinned);
  EXPECT_EQ(got.size(), resolved_json["packages"].size());  // no name@version twice
  std::map<std::string, int> versions;
  for (const auto& [name, version] : got)
    ++versions[name];
  std::size_t doubled = 0;
  for (const auto& [name, n] : versions)
    doubled += n > 1;
  EXPECT_EQ(doubled, 4u);
}

TEST(SetImportCli, WritesTheSetToStdoutAndTheReportToStderr) {
  TempDir dir;
  const std::string file = lock("cargo/Cargo.lock");
  auto r = run_pinset({"set", "import", file, "--partial"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("format: 1\nname: imported\nserial: 1\npackages:\n  adler2:\n", 0), 0u)
      << r.out.substr(0, 200);
  EXPECT_EQ(r.err.rfind("imported ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("skipped  " + file +
                       ":96: alacritty_terminal 0.26.1-dev: a workspace "
                       "member or path dependency\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("refused  " + file + ":2723: entry \"x11-clipboard 0.9.3\": comes from git"),
            std::string::npos)
      << r.err;
}

TEST(SetImportCli, RefusalsExitTwoAndWriteNothing) {
  TempDir dir;
  const std::string file = lock("cargo/Cargo.lock");
  auto r = run_pinset({"set", "import", file, "-o", "rust.yaml"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(
      r.err,
      "error: " + file +
          ":2723: entry \"x11-clipboard 0.9.3\": comes from git "
          "(\"git+https://github.com/quininer/x11-clipboard.git?rev=19ab2163cf0bd0db607e827a5214"
          "571990307866#19ab2163cf0bd0db607e827a5214571990307866\"), not from a registry\n"
          "  help: a set pins archives by checksum; publish the crate to a registry, or add its "
          "archive with `pinset set add`\n");
  EXPECT_FALSE(dir.exists("rust.yaml"));

  dir.write("taken.yaml", "mine\n");
  auto exists = run_pinset({"set", "import", file, "--partial", "-o", "taken.yaml"}, dir.path());
  EXPECT_EQ(exists.exit_code, 2);
  EXPECT_EQ(exists.err,
            "error: taken.yaml: taken.yaml exists already\n"
            "  help: choose another path, or pass --force to replace it\n");
  EXPECT_EQ(dir.read("taken.yaml"), "mine\n");

  dir.write("deps.lock", "");
  auto unknown = run_pinset({"set", "import", "deps.lock"}, dir.path());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err,
            "error: deps.lock: cannot tell the format of \"deps.lock\" from its name\n"
            "  help: name it as its tool does (package-lock.json, Cargo.lock, uv.lock, "
            "pnpm-lock.yaml, yarn.lock, bom.json, x.spdx.json, x.dsc) or pass --format "
            "npm|cargo|uv|pnpm|yarn|cyclonedx|spdx|dsc\n");
}

TEST(SetImportCli, FetchRecordsTheChecksumsTheLockLacks) {
  TempDir dir;
  const std::string artifact = dir.write("artifacts/left-1.0.0.tgz", "not really a tarball\n");
  dir.write("package-lock.json", R"({"lockfileVersion": 3, "packages": {
    "node_modules/left": {"version": "1.0.0", "resolved": "file://)" +
                                     artifact + R"("}}})");
  auto without = run_pinset({"set", "import", "package-lock.json", "-o", "set.yaml"}, dir.path());
  EXPECT_EQ(without.exit_code, 2);
  EXPECT_EQ(
      without.err,
      "error: package-lock.json:2: entry \"node_modules/left\": the file records no sha256 or "
      "sha512 checksum for \"left 1.0.0\"\n"
      "  help: a set pins every artifact by checksum: regenerate the lock file with a current "
      "version of its tool, or pass --fetch to download the artifact and record its sha256\n");
  TempDir cache;
  auto with = run_pinset({"set", "import", "package-lock.json", "-o", "set.yaml", "--fetch"},
                         dir.path(), {{"PINSET_CACHE_DIR", cache.path()}});
  ASSERT_EQ(with.exit_code, 0) << with.err;
  EXPECT_EQ(with.out,
            "imported 1 entry of 1 package from package-lock.json (npm) into set.yaml; "
            "downloaded 1 artifact for its checksum\n");
  auto sum = run_process("sha256sum", {artifact});
  EXPECT_NE(dir.read("set.yaml").find("checksum: sha256:" + sum.out.substr(0, 64) + "\n"),
            std::string::npos)
      << dir.read("set.yaml");
  EXPECT_NE(dir.read("set.yaml").find("size: 21\n"), std::string::npos);
}

// An SBOM pinset wrote (CycloneDX and SPDX) imports back into a set that installs the same trees.
TEST(SetImportCli, SbomsImportBackIntoASetThatInstallsTheSameTrees) {
  TestProject project;
  TempDir cache;
  project.add({"netlib", "1.4.0", {{"README", "netlib 1.4\n"}}, {{"libfoo", "^2.1.0"}}});
  project.add({"libfoo", "2.1.0", {{"foo.h", "#define FOO 1\n"}}});
  project.write({{"netlib", "^1.3.0"}}, 1, "file://" + project.set_dir() + "/set.yaml");
  const std::map<std::string, std::string> env = {{"PINSET_CACHE_DIR", cache.path()}};
  ASSERT_EQ(run_pinset({"install"}, project.app(), env).exit_code, 0);
  for (const std::string format : {"cyclonedx", "spdx"}) {
    SCOPED_TRACE(format);
    const std::string bom = project.root() + "/" + format + ".json";
    auto sbom = run_pinset({"sbom", "--format", format, "--output", bom}, project.app(), env);
    ASSERT_EQ(sbom.exit_code, 0) << sbom.err;
    const std::string back = project.set_dir() + "/back-" + format + ".yaml";
    auto imported = run_pinset(
        {"set", "import", bom, "--format", format, "--strip-components", "1", "-o", back},
        project.root(), env);
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(imported.out.rfind("imported 2 entries of 2 packages from " + bom, 0), 0u)
        << imported.out;
    EXPECT_NE(read_file(back).find("      dependencies:\n        libfoo: \"=2.1.0\"\n"),
              std::string::npos)
        << read_file(back);
    const std::string app2 = project.root() + "/app-" + format;
    project.dir().write("app-" + format + "/pinset.yaml",
                        "name: again\npackage-set:\n  url: ../set/back-" + format +
                            ".yaml\ndependencies:\n  netlib: ^1.3.0\n");
    auto install = run_pinset({"install"}, app2, env);
    ASSERT_EQ(install.exit_code, 0) << install.err;
    EXPECT_EQ(snapshot(app2 + "/pinset_packages/netlib"),
              snapshot(project.app() + "/pinset_packages/netlib"));
    EXPECT_EQ(snapshot(app2 + "/pinset_packages/libfoo"),
              snapshot(project.app() + "/pinset_packages/libfoo"));
  }
}

// A Debian source package made at test time with dpkg-source: its upstream tarball becomes the
// entry, the Debian packaging is listed as skipped, and the set installs.
TEST(SetImportCli, DebianDscImportsTheUpstreamTarball) {
  TempDir dir;
  dir.write("xz-5.4.1/README", "xz\n");
  ASSERT_EQ(run_process("tar", {"-czf", "xz_5.4.1.orig.tar.gz", "xz-5.4.1"}, dir.path()).exit_code,
            0);
  dir.write("xz-5.4.1/debian/changelog",
            "xz (5.4.1-1) unstable; urgency=medium\n\n  * Initial.\n\n -- Alice "
            "<alice@example.com>  Mon, 07 Dec 2026 00:00:00 +0000\n");
  dir.write("xz-5.4.1/debian/control",
            "Source: xz\nSection: utils\nPriority: optional\nMaintainer: Alice "
            "<alice@example.com>\nStandards-Version: 4.6.2\n\nPackage: xz\nArchitecture: "
            "any\nDescription: test\n test\n");
  dir.write("xz-5.4.1/debian/source/format", "3.0 (quilt)\n");
  auto built = run_process("dpkg-source", {"-b", "xz-5.4.1"}, dir.path());
  ASSERT_EQ(built.exit_code, 0) << built.err;

  auto r = run_pinset({"set", "import", "xz_5.4.1-1.dsc", "-o", "set.yaml"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The line dpkg-source wrote the packaging tarball's sha256 on.
  const std::string dsc = dir.read("xz_5.4.1-1.dsc");
  const std::size_t sha256 = dsc.find("Checksums-Sha256:");
  ASSERT_NE(sha256, std::string::npos) << dsc;
  const std::size_t at = dsc.find("xz_5.4.1-1.debian.tar.xz", sha256);
  const auto line = std::count(dsc.begin(), dsc.begin() + static_cast<long>(at), '\n') + 1;
  EXPECT_EQ(r.out,
            "imported 1 entry of 1 package from xz_5.4.1-1.dsc (dsc) into set.yaml\n"
            "skipped  xz_5.4.1-1.dsc:" +
                std::to_string(line) +
                ": xz_5.4.1-1.debian.tar.xz: Debian packaging or a signature, not the "
                "upstream source\n");
  auto sum = run_process("sha256sum", {dir.path() + "/xz_5.4.1.orig.tar.gz"});
  const std::string size =
      std::to_string(std::filesystem::file_size(dir.path() + "/xz_5.4.1.orig.tar.gz"));
  EXPECT_EQ(dir.read("set.yaml"),
            "format: 1\nname: imported\nserial: 1\npackages:\n  xz:\n"
            "    - version: 5.4.1\n      checksum: sha256:" +
                sum.out.substr(0, 64) + "\n      url: xz_5.4.1.orig.tar.gz\n      size: " + size +
                "\n      strip-components: 1\n");
  dir.write("pinset.yaml",
            "name: app\npackage-set:\n  url: set.yaml\ndependencies:\n  xz: ^5.4.0\n");
  TempDir cache;
  auto install = run_pinset({"install"}, dir.path(), {{"PINSET_CACHE_DIR", cache.path()}});
  ASSERT_EQ(install.exit_code, 0) << install.err;
  EXPECT_EQ(read_file(dir.path() + "/pinset_packages/xz/README"), "xz\n");
}

}  // namespace
}  // namespace pinset::test
