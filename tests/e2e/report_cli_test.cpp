// End-to-end: pinset sbom, why and tree on the bundled example project (package-sets/example-app),
// and their errors on projects without an up-to-date lock.
#include <unistd.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/nginx_fixture.hpp"
#include "tests/support/process.hpp"
#include "tests/support/schema_check.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

using nlohmann::json;

std::string example_app() {
  return source_dir() + "/package-sets/example-app";
}

const std::map<std::string, std::string> k_fixed_time = {{"SOURCE_DATE_EPOCH", "1767225600"}};

TEST(ReportCli, TreeOfTheExample) {
  auto r = run_pinset({"tree"}, example_app());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "example-app\n"
            "├── argparse-c@2.4.1 (~2.4.0)\n"
            "├── logline@1.13.0 (^1.12.0)\n"
            "│   └── fmtlite@10.2.1 (>=10.0.0 <11.0.0)\n"
            "└── netlib@1.4.0 (^1.3.0)\n"
            "    ├── jsonette@3.11.3 (~3.11.0)\n"
            "    ├── libfoo@2.1.0 (^2.1.0)\n"
            "    │   └── tinyzip@1.3.1 (^1.3.0)\n"
            "    └── tls-shim@0.9.4 (~0.9.4)\n"
            "        └── hashkit@1.1.0 (^1.1.0)\n");
  r = run_pinset({"tree", "--json"}, example_app());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["project"], "example-app");
  ASSERT_EQ(j["dependencies"].size(), 3u);
  EXPECT_EQ(j["dependencies"][2]["dependencies"][2], json({{"name", "tls-shim"},
                                                           {"version", "0.9.4"},
                                                           {"range", "~0.9.4"},
                                                           {"origin", "set"},
                                                           {"dependencies",
                                                            {{{"name", "hashkit"},
                                                              {"version", "1.1.0"},
                                                              {"range", "^1.1.0"},
                                                              {"origin", "set"},
                                                              {"dependencies", json::array()}}}}}));
}

TEST(ReportCli, WhyShowsThePathAndExitsOneForAPackageNotInTheGraph) {
  auto r = run_pinset({"why", "hashkit"}, example_app());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "hashkit@1.1.0 is required by 1 path from example-app:\n"
            "  example-app -> netlib@1.4.0 (^1.3.0) -> tls-shim@0.9.4 (~0.9.4) -> hashkit@1.1.0 "
            "(^1.1.0)\n");
  r = run_pinset({"why", "hashkit", "--json"}, example_app());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["package"], json({{"name", "hashkit"}, {"version", "1.1.0"}}));
  EXPECT_EQ(
      j["paths"][0][1],
      json({{"name", "tls-shim"}, {"version", "0.9.4"}, {"range", "~0.9.4"}, {"origin", "set"}}));

  r = run_pinset({"why", "base64x"}, example_app());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "error: pinset.lock: example-app does not depend on \"base64x\": it is not in "
            "pinset.lock\n"
            "  help: \"base64x\" is in the package set example (serial 7); add it to dependencies "
            "in pinset.yaml if example-app should use it\n");
  r = run_pinset({"why", "base64x", "--json"}, example_app());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(json::parse(r.out)["error"]["code"], "not-in-graph");
}

TEST(ReportCli, CycloneDxOfTheExampleIsValidAndReproducible) {
  auto r = run_pinset({"sbom"}, example_app(), k_fixed_time);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(schema_errors("bom-1.5.schema.json", r.out), "");
  EXPECT_EQ(run_pinset({"sbom"}, example_app(), k_fixed_time).out, r.out);
  json bom = json::parse(r.out);
  EXPECT_EQ(bom["metadata"]["timestamp"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(bom["metadata"]["component"]["name"], "example-app");
  ASSERT_EQ(bom["components"].size(), 9u);
  json netlib = bom["components"][6];
  EXPECT_EQ(netlib["name"], "netlib");
  EXPECT_EQ(netlib["purl"],
            "pkg:generic/example/netlib@1.4.0?checksum=sha256:"
            "6e958f2314cda3c1aab7df1060b0e86380ae6153102a14edd672ed1861729b14");
  EXPECT_EQ(netlib["licenses"], json::array({{{"expression", "MIT OR Apache-2.0"}}}));
  EXPECT_EQ(
      netlib["properties"][3],
      json({{"name", "pinset:set:digest"},
            {"value", "sha256:85a3a548d6f5fca1587fb8ab941018265c51dd4135990ac736e6e91ab89dd1bd"}}));
  EXPECT_EQ(netlib["properties"][4],
            json({{"name", "pinset:vetted:by"}, {"value", "alice@example.com"}}));
}

TEST(ReportCli, SpdxToAFile) {
  TempDir out;
  std::string file = out.path() + "/bom.spdx.json";
  auto r = run_pinset({"sbom", "--format", "spdx", "--output", file}, example_app(), k_fixed_time);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Wrote " + file + ": SPDX 2.3, 9 packages from example (serial 7)\n");
  std::string doc = read_file(file);
  EXPECT_EQ(schema_errors("spdx-2.3-schema.json", doc), "");
  json j = json::parse(doc);
  EXPECT_EQ(j["packages"].size(), 10u);  // the project and its 9 packages
  EXPECT_EQ(j["creationInfo"]["created"], "2026-01-01T00:00:00Z");
}

class ReportCliLock : public ::testing::Test {
 protected:
  void SetUp() override { manifest("  netlib: ^1.3.0\n"); }
  void manifest(const std::string& deps) {
    dir.write("pinset.yaml", "name: demo\npackage-set:\n  url: " + source_dir() +
                                 "/package-sets/example.yaml\ndependencies:\n" + deps);
  }
  TempDir dir;
};

TEST_F(ReportCliLock, MissingLockSaysToResolve) {
  for (const char* command : {"sbom", "tree"}) {
    auto r = run_pinset({command}, dir.path());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, std::string("error: pinset.lock: pinset ") + command +
                         " reports on pinset.lock, which does not exist\n"
                         "  help: run `pinset resolve` to create it, and commit it with the "
                         "manifest\n");
  }
}

TEST_F(ReportCliLock, StaleLockSaysToResolve) {
  ASSERT_EQ(run_pinset({"resolve"}, dir.path()).exit_code, 0);
  EXPECT_EQ(run_pinset({"why", "hashkit"}, dir.path()).exit_code, 0);
  manifest("  netlib: ^1.3.0\n  argparse-c: ~2.4.0\n");
  auto r = run_pinset({"why", "hashkit"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: pinset.lock: the lock is out of date with pinset.yaml and its package set: "
            "added argparse-c 2.4.1\n"
            "  help: run `pinset resolve` to update the lock, review the change, and commit it\n");
  EXPECT_EQ(run_pinset({"sbom"}, dir.path()).exit_code, 2);
}

TEST_F(ReportCliLock, BadSourceDateEpochAndFormatAreUsageErrors) {
  auto r = run_pinset({"sbom"}, example_app(), {{"SOURCE_DATE_EPOCH", "yesterday"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: SOURCE_DATE_EPOCH is \"yesterday\", not a number of seconds since "
            "1970-01-01T00:00:00Z\n"
            "  help: set it to a whole number such as 1767225600, or unset it\n");
  r = run_pinset({"sbom", "--format", "xml"}, example_app());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
}

TEST(ReportCliRemote, HttpsSetComesFromTheCacheOrTheNetwork) {
  TestProject project;
  project.add({"netlib", "1.4.0", {{"README", "netlib 1.4\n"}}, {}});
  project.write({{"netlib", "^1.0.0"}});
  NginxFixture nginx(project.set_dir());
  project.write({{"netlib", "^1.0.0"}}, 1, nginx.https_url("set.yaml"));
  TempDir cache;
  std::map<std::string, std::string> env{{"PINSET_CACHE_DIR", cache.path()},
                                         {"PINSET_CA_BUNDLE", nginx.ca_file()}};
  ASSERT_EQ(run_pinset({"install"}, project.app(), env).exit_code, 0);
  std::size_t requests = nginx.access_log(2).size();

  // The set revision the lock records is in the cache: no request, not even a CA needed.
  auto r = run_pinset({"sbom"}, project.app(), {{"PINSET_CACHE_DIR", cache.path()}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(schema_errors("bom-1.5.schema.json", r.out), "");
  json bom = json::parse(r.out);
  std::string purl = bom["components"][0]["purl"];
  std::string url = nginx.https_url("artifacts/netlib-1.4.0.tgz");
  EXPECT_NE(purl.find("&download_url=https:%2F%2F127.0.0.1:"), std::string::npos) << purl;
  EXPECT_EQ(bom["components"][0]["externalReferences"][0]["url"], url);
  ::usleep(200000);
  EXPECT_EQ(nginx.access_log().size(), requests);

  // An empty cache: the set is downloaded (one request) and checked against the lock.
  TempDir empty;
  env["PINSET_CACHE_DIR"] = empty.path();
  r = run_pinset({"tree"}, project.app(), env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "testapp\n└── netlib@1.4.0 (^1.0.0)\n");
  auto log = nginx.access_log(requests + 1);
  ASSERT_EQ(log.size(), requests + 1);
  EXPECT_EQ(log.back().uri, "/set.yaml");
}

}  // namespace
}  // namespace pinset::test
