// End-to-end: pinset set validate / diff / merge / flatten / add / remove through the binary, on
// copies of the bundled sets (package-sets/example.yaml, package-sets/layers/), over file:// and
// over HTTPS from nginx on loopback. Merge and flatten outputs are compared byte for byte with
// tests/data/curate/.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/crypto/digest.hpp"
#include "tests/support/nginx_fixture.hpp"
#include "tests/support/process.hpp"

namespace pinset::test {
namespace {

namespace stdfs = std::filesystem;

class SetCurateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string from = source_dir() + "/package-sets/";
    stdfs::create_directories(work.path() + "/sets/layers");
    stdfs::copy(from + "example.yaml", work.path() + "/sets/example.yaml");
    stdfs::copy(from + "layers/base.yaml", work.path() + "/sets/layers/base.yaml");
    stdfs::copy(from + "layers/team.yaml", work.path() + "/sets/layers/team.yaml");
    stdfs::copy(from + "artifacts", work.path() + "/sets/artifacts");
  }
  ProcessResult pinset(std::vector<std::string> args) {
    return run_pinset(args, work.path(), {{"PINSET_CACHE_DIR", cache.path()}});
  }
  std::string expected(const std::string& name) {
    return read_file(data_dir() + "/curate/" + name);
  }

  TempDir work;
  TempDir cache;
};

TEST_F(SetCurateCli, ValidateExitCodes) {
  auto ok = pinset({"set", "validate", "sets/example.yaml"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, "sets/example.yaml: valid (10 packages, 19 entries)\n");
  EXPECT_EQ(ok.err, "");

  work.write("sets/bad.yaml",
             "format: 1\nname: bad\nserial: 1\npackages:\n  a:\n"
             "    - version: 1.0.0\n      checksum: sha256:" +
                 std::string(64, 'a') +
                 "\n      url: a.tgz\n      dependencies: {b: ^2.0.0, a: '*'}\n");
  auto bad = pinset({"set", "validate", "sets/bad.yaml"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.out, "sets/bad.yaml: invalid, 1 problem\n");
  EXPECT_EQ(bad.err,
            "warning: sets/bad.yaml:6: packages.a: dependency cycle: a -> a\n"
            "  help: packages in a cycle can only be upgraded together; break the cycle if you "
            "can\n"
            "error: sets/bad.yaml:6: packages.a[0].dependencies.b: a 1.0.0 depends on b ^2.0.0, "
            "but the set has no b\n"
            "  help: add b to the set, or remove the dependency\n");

  auto json = pinset({"set", "validate", "sets/bad.yaml", "--json"});
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_EQ(json.out, R"({
  "set": "sets/bad.yaml",
  "valid": false,
  "packages": 1,
  "entries": 1,
  "problems": 1,
  "errors": [
    {
      "code": "unsatisfied-dependency",
      "message": "a 1.0.0 depends on b ^2.0.0, but the set has no b",
      "file": "sets/bad.yaml",
      "line": 6,
      "field": "packages.a[0].dependencies.b",
      "hint": "add b to the set, or remove the dependency"
    }
  ],
  "warnings": [
    {
      "code": "dependency-cycle",
      "message": "dependency cycle: a -> a",
      "file": "sets/bad.yaml",
      "line": 6,
      "field": "packages.a",
      "hint": "packages in a cycle can only be upgraded together; break the cycle if you can"
    }
  ]
}
)");

  work.write("sets/broken.yaml", "format: 1\nname: [\n");
  auto unreadable = pinset({"set", "validate", "sets/broken.yaml"});
  EXPECT_EQ(unreadable.exit_code, 2);
  EXPECT_EQ(unreadable.out, "");
  EXPECT_EQ(unreadable.err.rfind("error: sets/broken.yaml:", 0), 0u) << unreadable.err;
  auto missing = pinset({"set", "validate", "sets/none.yaml"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err,
            "error: cannot read the package set sets/none.yaml: No such file or directory\n"
            "  help: check the path\n");
}

TEST_F(SetCurateCli, ValidateCountsEveryProblemEvenWhenItListsTheFirstHundred) {
  std::string text = "format: 1\nname: bad\nserial: 1\npackages:\n";
  for (int i = 0; i < 383; ++i) {
    text += "  p" + std::to_string(i) + ":\n    - version: 1.0." + std::to_string(i) +
            "x!\n      checksum: sha256:" + std::string(64, 'a') + "\n      url: a.tgz\n";
  }
  work.write("sets/many.yaml", text);
  auto bad = pinset({"set", "validate", "sets/many.yaml"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.out, "sets/many.yaml: invalid, 383 problems (the first 100 shown)\n");
  std::size_t shown = 0;
  for (std::size_t at = bad.err.find("error: "); at != std::string::npos;
       at = bad.err.find("error: ", at + 1))
    ++shown;
  EXPECT_EQ(shown, 100u);
  auto json = nlohmann::json::parse(pinset({"set", "validate", "sets/many.yaml", "--json"}).out);
  EXPECT_EQ(json["problems"], 383);
  EXPECT_EQ(json["valid"], false);
  EXPECT_EQ(json["errors"].size(), 100u);
}

TEST_F(SetCurateCli, ValidateFetchOverFileAndHttps) {
  auto local = pinset({"set", "validate", "sets/layers/team.yaml", "--fetch"});
  EXPECT_EQ(local.exit_code, 0) << local.err;
  EXPECT_EQ(local.out,
            "sets/layers/team.yaml: valid (7 packages, 11 entries; 11 artifacts checked (0 from "
            "the cache))\n");

  NginxFixture nginx(work.path() + "/sets");
  std::string url = nginx.https_url("example.yaml");
  auto https = pinset({"set", "validate", url, "--fetch", "--cacert", nginx.ca_file()});
  EXPECT_EQ(https.exit_code, 0) << https.err;
  // The 11 artifacts of the layered set are in the cache already; the 8 others are downloaded.
  EXPECT_EQ(https.out, url +
                           ": valid (10 packages, 19 entries; 19 artifacts checked (11 from "
                           "the cache))\n");
  EXPECT_EQ(nginx.access_log(9).size(), 9u);  // the set and 8 artifacts

  // A republished artifact behind the same URL.
  work.write("sets/artifacts/jsonette-3.11.3.tar.gz", "not the vetted archive");
  TempDir fresh_cache;
  auto tampered = run_pinset({"set", "validate", url, "--fetch", "--cacert", nginx.ca_file()},
                             work.path(), {{"PINSET_CACHE_DIR", fresh_cache.path()}});
  EXPECT_EQ(tampered.exit_code, 1);
  EXPECT_EQ(tampered.out, url + ": invalid, 1 problem; 19 artifacts checked (0 from the cache)\n");
  EXPECT_EQ(tampered.err, "error: cannot download jsonette 3.11.3 from \"" +
                              nginx.https_url("artifacts/jsonette-3.11.3.tar.gz") +
                              "\": the body is 22 bytes, not the expected 414\n  help: the "
                              "artifact changed upstream or the server is misbehaving: ask the "
                              "set's curators\n");
}

TEST_F(SetCurateCli, DiffFormatsAndExitCodes) {
  auto same = pinset({"set", "diff", "sets/example.yaml", "sets/example.yaml"});
  EXPECT_EQ(same.exit_code, 0);
  EXPECT_EQ(same.out, "no differences\n");

  std::string text = read_file(work.path() + "/sets/example.yaml");
  auto edit = [&](const std::string& from, const std::string& to) {
    std::size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  edit("serial: 7", "serial: 8");
  // A republished jsonette 3.11.3 (critical), a new libfoo, a dropped argparse-c.
  edit("sha256:16c6f0517fee8d61dfea87089ea9dc7879b9d6111fe8793d40ba739290dd6ccb",
       "sha256:" + std::string(64, 'e'));
  edit("  argparse-c:\n    - version: 2.4.1\n", "  argparse-c:\n    - version: 2.5.0\n");
  work.write("sets/new.yaml", text);
  auto diff = pinset({"set", "diff", "sets/example.yaml", "sets/new.yaml"});
  EXPECT_EQ(diff.exit_code, 1) << diff.err;
  EXPECT_EQ(diff.out,
            "set serial: 7 -> 8\n"
            "^ argparse-c 2.4.1 -> 2.5.0\n"
            "    + 2.5.0\n"
            "    - 2.4.1\n"
            "! jsonette 3.11.3\n"
            "    3.11.3 checksum: "
            "sha256:16c6f0517fee8d61dfea87089ea9dc7879b9d6111fe8793d40ba739290dd6ccb -> sha256:" +
                std::string(64, 'e') +
                " (CRITICAL: same version, different artifact: republished or tampered)\n"
                "2 packages changed: 1 critical, 1 upgraded\n");
  auto md = pinset({"set", "diff", "sets/example.yaml", "sets/new.yaml", "--format", "markdown"});
  EXPECT_EQ(md.exit_code, 1);
  EXPECT_EQ(md.out.rfind("### Package set diff: `example` serial 7 → `example` serial 8\n\n"
                         "> [!CAUTION]\n",
                         0),
            0u)
      << md.out;
  auto json = pinset({"set", "diff", "sets/example.yaml", "sets/new.yaml", "--format", "json"});
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_NE(json.out.find("\"critical\": true,"), std::string::npos) << json.out;

  auto bad = pinset({"set", "diff", "sets/example.yaml", "sets/none.yaml"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err,
            "error: cannot read the package set sets/none.yaml: No such file or directory\n"
            "  help: check the path\n");
  auto format = pinset({"set", "diff", "a", "b", "--format", "html"});
  EXPECT_EQ(format.exit_code, 2);
}

TEST_F(SetCurateCli, MergeOutputsMatchTheExpectedFiles) {
  auto conflict =
      pinset({"set", "merge", "sets/example.yaml", "sets/layers/team.yaml", "-o", "merged.yaml"});
  EXPECT_EQ(conflict.exit_code, 1);
  EXPECT_EQ(conflict.err,
            "error: cannot merge the sets (3 errors)\n"
            "  sets/layers/team.yaml: packages.libfoo: libfoo is pinned to different versions: "
            "2.0.0, 2.1.0 in example@7; 2.1.0 in acme-team@5\n"
            "    help: choose a strategy (--strategy first, last, highest or union), or make the "
            "sets agree\n"
            "  sets/layers/team.yaml: packages.netlib: netlib is pinned to different versions: "
            "1.3.0, 1.4.0 in example@7; 1.4.0 in acme-team@5\n"
            "    help: choose a strategy (--strategy first, last, highest or union), or make the "
            "sets agree\n"
            "  sets/layers/team.yaml: packages.tinyzip: tinyzip is pinned to different versions: "
            "1.2.13, 1.3.0, 1.3.1 in example@7; 1.3.0, 1.3.1 in acme-team@5\n"
            "    help: choose a strategy (--strategy first, last, highest or union), or make the "
            "sets agree\n");
  EXPECT_FALSE(work.exists("merged.yaml"));

  auto u = pinset({"set", "merge", "sets/example.yaml", "sets/layers/team.yaml", "--strategy",
                   "union", "-o", "merged-union.yaml"});
  EXPECT_EQ(u.exit_code, 0) << u.err;
  EXPECT_EQ(u.out,
            "wrote merged-union.yaml: 10 packages, 19 entries from 2 sets (strategy union)\n");
  EXPECT_EQ(work.read("merged-union.yaml"), expected("merged-union.yaml"));

  auto h = pinset({"set", "merge", "sets/layers/team.yaml", "sets/example.yaml", "--strategy",
                   "highest", "--name", "acme-all", "--serial", "12", "-o", "merged-highest.json"});
  EXPECT_EQ(h.exit_code, 0) << h.err;
  EXPECT_EQ(work.read("merged-highest.json"), expected("merged-highest.json"));
  // The merged set is a valid set whose artifacts are where it says.
  auto valid = pinset({"set", "validate", "merged-highest.json", "--fetch"});
  EXPECT_EQ(valid.exit_code, 0) << valid.err;

  // The same version with another checksum is refused whatever the strategy.
  std::string text = read_file(work.path() + "/sets/example.yaml");
  std::string sum = "sha256:16c6f0517fee8d61dfea87089ea9dc7879b9d6111fe8793d40ba739290dd6ccb";
  text.replace(text.find(sum), sum.size(), "sha256:" + std::string(64, 'e'));
  work.write("sets/tampered.yaml", text);
  auto tampered = pinset({"set", "merge", "sets/layers/team.yaml", "sets/tampered.yaml",
                          "--strategy", "last", "-o", "never.yaml"});
  EXPECT_EQ(tampered.exit_code, 1);
  EXPECT_EQ(tampered.err,
            "error: sets/tampered.yaml:145: packages.jsonette[0].checksum: jsonette 3.11.3 has "
            "checksum sha256:16c6f0517fee8d61dfea87089ea9dc7879b9d6111fe8793d40ba739290dd6ccb in "
            "acme-team@5 but sha256:" +
                std::string(64, 'e') +
                " in example@7\n  help: the same version must be the same artifact: find out "
                "which is right (one was republished or tampered with) and fix the other\n");
  EXPECT_FALSE(work.exists("never.yaml"));
  auto strategy = pinset({"set", "merge", "a", "b", "--strategy", "newest", "-o", "x.yaml"});
  EXPECT_EQ(strategy.exit_code, 2);
  EXPECT_EQ(strategy.err,
            "error: unknown merge strategy \"newest\"\n  help: use one of fail, first, last, "
            "highest, union\n");
}

TEST_F(SetCurateCli, FlattenMatchesTheExpectedFile) {
  auto r = pinset({"set", "flatten", "sets/layers/team.yaml", "-o", "team-flat.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "wrote team-flat.yaml: 7 packages, 11 entries (1 base set)\n");
  EXPECT_EQ(work.read("team-flat.yaml"), expected("team-flat.yaml"));

  // A base that changed after the layer pinned it.
  work.write("sets/layers/base.yaml", read_file(work.path() + "/sets/layers/base.yaml") + "\n");
  auto changed = pinset({"set", "flatten", "sets/layers/team.yaml", "-o", "again.yaml"});
  EXPECT_EQ(changed.exit_code, 1);
  std::string actual = crypto::sha256(read_file(work.path() + "/sets/layers/base.yaml")).str();
  std::string pinned =
      crypto::sha256(read_file(source_dir() + "/package-sets/layers/base.yaml")).str();
  EXPECT_EQ(changed.err,
            "error: sets/layers/team.yaml:10: extends[0].digest: the base set "
            "sets/layers/base.yaml does not match the digest sets/layers/team.yaml pins for it: "
            "expected " +
                pinned + ", got " + actual +
                "\n  help: if the base was republished on purpose, review it (pinset set diff) "
                "and update the digest in sets/layers/team.yaml; otherwise do not use it\n");
  EXPECT_FALSE(work.exists("again.yaml"));

  // Two sets that extend each other.
  work.write("sets/a.yaml",
             "format: 1\nname: a\nserial: 1\nextends:\n  - url: b.yaml\n"
             "    digest: sha256:" +
                 std::string(64, '0') + "\npackages: {}\n");
  work.write("sets/b.yaml",
             "format: 1\nname: b\nserial: 1\nextends:\n  - url: a.yaml\n"
             "    digest: sha256:" +
                 std::string(64, '0') + "\npackages: {}\n");
  auto cycle = pinset({"set", "flatten", "sets/a.yaml", "-o", "cycle.yaml"});
  EXPECT_EQ(cycle.exit_code, 1);
  EXPECT_EQ(cycle.err,
            "error: sets/a.yaml cannot be flattened (2 errors)\n"
            "  sets/a.yaml:5: extends[0].digest: the base set sets/b.yaml does not match the "
            "digest sets/a.yaml pins for it: expected sha256:" +
                std::string(64, '0') + ", got " +
                crypto::sha256(read_file(work.path() + "/sets/b.yaml")).str() +
                "\n    help: if the base was republished on purpose, review it (pinset set diff) "
                "and update the digest in sets/a.yaml; otherwise do not use it\n"
                "  sets/b.yaml:5: extends[0].url: sets/b.yaml extends sets/a.yaml, which is "
                "already being loaded: sets/a.yaml -> sets/b.yaml -> sets/a.yaml\n"
                "    help: a set cannot extend itself, directly or through other sets\n");
}

TEST_F(SetCurateCli, AddAndRemoveOverFileAndHttps) {
  work.write("sets/original.yaml", read_file(work.path() + "/sets/example.yaml"));
  TempDir site;
  site.write("zlib-1.3.1.tgz", "zlib 1.3.1 archive");
  NginxFixture nginx(site.path());
  auto add = pinset({"set",
                     "add",
                     "sets/example.yaml",
                     "zlib",
                     "1.3.1",
                     nginx.https_url("zlib-1.3.1.tgz"),
                     "--cacert",
                     nginx.ca_file(),
                     "--dep",
                     "tinyzip=^1.3.0",
                     "--license",
                     "Zlib",
                     "--vetted-by",
                     "alice@example.com",
                     "--ticket",
                     "SEC-1400",
                     "--criteria",
                     "safe-to-deploy",
                     "--vetted-on",
                     "2026-11-21",
                     "--strip-components",
                     "1"});
  EXPECT_EQ(add.exit_code, 0) << add.err;
  std::string sum = crypto::sha256("zlib 1.3.1 archive").str();
  EXPECT_EQ(add.out, "added zlib 1.3.1 (" + sum + ", 18 bytes) to sets/example.yaml; serial 8\n");
  std::string set = work.read("sets/example.yaml");
  EXPECT_NE(set.find("  zlib:\n    - version: 1.3.1\n      checksum: " + sum +
                     "\n      url: " + nginx.https_url("zlib-1.3.1.tgz") +
                     "\n      dependencies:\n        tinyzip: ^1.3.0\n      license: Zlib\n"
                     "      size: 18\n      strip-components: 1\n      vetted:\n"
                     "        by: alice@example.com\n        on: 2026-11-21\n"
                     "        criteria: safe-to-deploy\n        ticket: SEC-1400\n"),
            std::string::npos)
      << set;
  EXPECT_EQ(set.rfind("format: 1\nname: example\nserial: 8\n", 0), 0u);

  auto dup = pinset({"set", "add", "sets/example.yaml", "zlib", "1.3.1",
                     nginx.https_url("zlib-1.3.1.tgz"), "--cacert", nginx.ca_file()});
  EXPECT_EQ(dup.exit_code, 2);
  EXPECT_EQ(dup.err,
            "error: zlib 1.3.1 is already in sets/example.yaml (line 168)\n  help: remove it first "
            "(pinset set remove sets/example.yaml zlib 1.3.1), or add another version\n");

  std::string file_url = "file://" + work.path() + "/sets/artifacts/netlib-1.4.0.tar.gz";
  auto local = pinset({"set", "add", "sets/example.yaml", "netlib", "1.4.1", file_url});
  EXPECT_EQ(local.exit_code, 0) << local.err;
  EXPECT_EQ(local.out,
            "added netlib 1.4.1 (sha256:6e958f2314cda3c1aab7df1060b0e86380ae6153102a1"
            "4edd672ed1861729b14, 426 bytes) to sets/example.yaml; serial 9\n");

  auto rm = pinset({"set", "remove", "sets/example.yaml", "netlib", "1.3.0"});
  EXPECT_EQ(rm.exit_code, 0) << rm.err;
  EXPECT_EQ(rm.out, "removed netlib 1.3.0 from sets/example.yaml; serial 10\n");
  auto rm_all = pinset({"set", "remove", "sets/example.yaml", "zlib"});
  EXPECT_EQ(rm_all.exit_code, 0) << rm_all.err;
  auto diff = pinset({"set", "diff", "sets/original.yaml", "sets/example.yaml"});
  EXPECT_EQ(diff.out,
            "set serial: 7 -> 11\n"
            "^ netlib 1.3.0, 1.4.0 -> 1.4.0, 1.4.1\n"
            "    + 1.4.1\n"
            "    - 1.3.0\n"
            "1 package changed: 1 upgraded\n");
  auto missing = pinset({"set", "remove", "sets/example.yaml", "zlib"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err,
            "error: sets/example.yaml has no package \"zlib\"\n  help: check the name (pinset set "
            "diff and the set itself list its packages)\n");
}

TEST_F(SetCurateCli, AProjectInstallsFromALayeredSet) {
  work.write("app/pinset.yaml",
             "name: app\npackage-set:\n  url: ../sets/layers/team.yaml\n"
             "dependencies:\n  netlib: ^1.4.0\n  tinyzip: '*'\n");
  auto r = run_pinset({"install"}, work.path() + "/app", {{"PINSET_CACHE_DIR", cache.path()}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string lock = work.read("app/pinset.lock");
  // The team layer's packages and the base's, with the base's artifact URLs made relative to
  // the project; tinyzip 1.2.13 is removed by the layer, so 1.3.1 is the newest allowed.
  EXPECT_NE(lock.find("\"url\": \"../sets/artifacts/netlib-1.4.0.tar.gz\",\n      \"version\": "
                      "\"1.4.0\""),
            std::string::npos)
      << lock;
  EXPECT_NE(lock.find("\"url\": \"../sets/artifacts/tinyzip-1.3.1.tar.gz\""), std::string::npos)
      << lock;
  EXPECT_NE(lock.find("\"name\": \"acme-team\""), std::string::npos) << lock;
  for (const char* name : {"netlib", "libfoo", "tls-shim", "hashkit", "jsonette", "tinyzip"}) {
    EXPECT_TRUE(stdfs::is_directory(work.path() + "/app/pinset_packages/" + name)) << name;
  }
}

}  // namespace
}  // namespace pinset::test
