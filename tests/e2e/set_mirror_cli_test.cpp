// End-to-end: `pinset set mirror` copies a signed set and its artifacts; a client then installs
// through a mirror mapping while the original server is gone. The lock keeps the original URLs.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "core/crypto/digest.hpp"
#include "tests/support/nginx_fixture.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == '\n')
    s.pop_back();
  return s;
}

class SetMirrorCli : public ::testing::Test {
 protected:
  void SetUp() override {
    project.add({"netlib", "1.4.0", {{"README", "netlib 1.4\n"}}, {{"libfoo", "^2.0.0"}}});
    project.add({"libfoo", "2.1.0", {{"foo.h", "#define FOO 1\n"}}});
    project.write({{"netlib", "^1.4.0"}});
    ASSERT_EQ(run_pinset({"set", "keygen", "-o", "alice.key"}, project.root()).exit_code, 0);
    ASSERT_EQ(
        run_pinset({"set", "sign", "set/set.yaml", "--key", "alice.key"}, project.root()).exit_code,
        0);
    pub = trimmed(project.dir().read("alice.key.pub"));
  }
  ProcessResult pinset(std::vector<std::string> args) {
    return run_pinset(args, project.app(), {{"PINSET_CACHE_DIR", cache.path()}});
  }
  // The app's manifest naming the set at `set_url`, trusting alice, with `extra` fields.
  void manifest(const std::string& set_url, const std::string& extra = "") {
    project.dir().write("app/pinset.yaml",
                        "name: testapp\npackage-set:\n  url: " + set_url +
                            "\n  trust:\n    keys: [{name: alice, public-key: \"" + pub +
                            "\"}]\ndependencies:\n  netlib: ^1.4.0\n" + extra);
  }
  TestProject project;
  TempDir cache;
  TempDir mirror;
  std::string pub;
};

TEST_F(SetMirrorCli, MirrorServedByNginxInstallsWithTheOriginalGone) {
  std::string origin_set;
  std::string origin_folder;
  {
    NginxFixture origin(project.root());
    origin_set = origin.https_url("set/set.yaml");
    origin_folder = origin.https_url("set/");
    auto r = run_pinset(
        {"set", "mirror", origin_set, "--to", mirror.path(), "--cacert", origin.ca_file()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.out, "Mirrored testset (serial 1) into " + mirror.path() +
                         ": 2 artifacts (2 downloaded, 0 already there); set.yaml and set.yaml.sig "
                         "copied byte for byte\n"
                         "Serve " +
                         mirror.path() +
                         " and map the original locations to it (MIRROR: the URL it is served "
                         "at):\n"
                         "  --mirror " +
                         origin_folder + "=MIRROR/\n");
    // A second run finds everything in place.
    r = run_pinset({"set", "mirror", origin_set, "--to", mirror.path(), "--cacert",
                    origin.ca_file(), "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["artifacts"].size(), 2u);
    EXPECT_EQ(j["artifacts"][0]["downloaded"], false);
    EXPECT_EQ(j["artifacts"][0]["path"], "artifacts/libfoo-2.1.0.tgz");
  }
  // Byte for byte: the set, its signatures, the artifacts.
  for (const char* f :
       {"set.yaml", "set.yaml.sig", "artifacts/netlib-1.4.0.tgz", "artifacts/libfoo-2.1.0.tgz"}) {
    EXPECT_EQ(mirror.read(f), project.dir().read(std::string("set/") + f)) << f;
  }
  NginxFixture served(mirror.path());
  manifest(origin_set);
  auto r = pinset({"install", "--quiet", "--cacert", served.ca_file(), "--mirror",
                   origin_folder + "=" + served.https_url("")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(read_file(project.app() + "/pinset_packages/netlib/README"), "netlib 1.4\n");
  auto lock = nlohmann::json::parse(read_file(project.app() + "/pinset.lock"));
  EXPECT_EQ(lock["package-set"]["url"], origin_set);
  EXPECT_EQ(lock["packages"]["netlib"]["url"], origin_folder + "artifacts/netlib-1.4.0.tgz");
  // Without the mapping, the original is unreachable.
  auto direct = pinset({"install", "--quiet", "--refresh", "--cacert", served.ca_file()});
  EXPECT_EQ(direct.exit_code, 2);
  EXPECT_NE(direct.err.find(origin_set), std::string::npos) << direct.err;
}

TEST_F(SetMirrorCli, ManifestMirrorToAFolderAndAWrongArtifactIsRefused) {
  std::string origin = "https://sets.invalid/acme/";
  ASSERT_EQ(run_pinset({"set", "mirror", project.set_dir() + "/set.yaml", "--to", mirror.path()})
                .exit_code,
            0);
  manifest(origin + "set.yaml",
           "mirrors:\n  - {from: \"" + origin + "\", to: \"file://" + mirror.path() + "/\"}\n");
  auto r = pinset({"install", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(project.app() + "/pinset_packages/libfoo/foo.h"), "#define FOO 1\n");
  // A mirror serving other bytes (of the right size) is caught by the checksum.
  std::string good = mirror.read("artifacts/netlib-1.4.0.tgz");
  std::string bad = good;
  bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 1);
  mirror.write("artifacts/netlib-1.4.0.tgz", bad);
  TempDir empty_cache;
  r = run_pinset({"install", "--quiet", "--prefix", "other"}, project.app(),
                 {{"PINSET_CACHE_DIR", empty_cache.path()}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: cannot download netlib 1.4.0 from \"file://" + mirror.path() +
                       "/artifacts/netlib-1.4.0.tgz\": its checksum is " +
                       crypto::sha256(bad).str() + ", not the expected " +
                       crypto::sha256(good).str() +
                       "\n  help: the artifact changed upstream or was tampered with: do not use "
                       "it, and ask the set's curators\n");
}

TEST_F(SetMirrorCli, SignedRemoteSetInstallsOfflineFromTheCache) {
  {
    NginxFixture origin(project.root());
    manifest(origin.https_url("set/set.yaml"));
    auto r = pinset({"install", "--quiet", "--cacert", origin.ca_file()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  auto lock = nlohmann::json::parse(read_file(project.app() + "/pinset.lock"));
  EXPECT_EQ(lock["package-set"]["signatures-digest"],
            crypto::sha256(project.dir().read("set/set.yaml.sig")).str());
  // The server is gone: the locked set, its signatures and the artifacts come from the cache,
  // and the signatures are checked again.
  auto r = pinset({"install", "--frozen", "--quiet", "--prefix", "again"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(project.app() + "/again/netlib/README"), "netlib 1.4\n");
}

TEST_F(SetMirrorCli, BadMirrorArgumentIsAUsageError) {
  manifest("../set/set.yaml");
  auto r = pinset({"install", "--mirror", "https://a.example/"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: --mirror \"https://a.example/\" has no \"=\" between the two prefixes\n"
            "  help: write --mirror ORIGINAL_PREFIX=MIRROR_PREFIX, e.g. --mirror "
            "https://artifacts.example.com/=https://mirror.internal/artifacts/\n");
}

}  // namespace
}  // namespace pinset::test
