// Loading layered sets: bases read and checked against their digests, cycles, missing bases, the
// bundled layered example, bases over HTTPS through the cache, and load_set's flattening hook.
#include "core/app/set_layers.hpp"

#include <gtest/gtest.h>

#include "core/crypto/digest.hpp"
#include "core/curate/set_writer.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/memory_fs.hpp"
#include "tests/support/nginx_fixture.hpp"

namespace pinset::app {
namespace {

const std::string k_sum = "sha256:" + std::string(64, 'a');

std::string entry(const std::string& version) {
  return "    - version: " + version + "\n      checksum: " + k_sum + "\n      url: x-" + version +
         ".tgz\n";
}

std::string base_yaml(const std::string& name) {
  return "format: 1\nname: " + name + "\nserial: 2\npackages:\n  lib:\n" + entry("1.0.0") +
         entry("1.1.0");
}

std::string layer(const std::string& url, const std::string& digest,
                  const std::string& rest = "packages: {}\n") {
  return "format: 1\nname: team\nserial: 4\nextends:\n  - url: " + url + "\n    digest: " + digest +
         "\n" + rest;
}

std::string digest_of(const std::string& text) {
  return crypto::sha256(text).str();
}

// name version from url, one line per entry.
std::string summary(const model::PackageSet& set) {
  std::string out;
  for (const model::Package& p : set.packages()) {
    for (const model::Entry& e : p.entries) {
      out += std::string(set.name_of(p.name)) + " " + e.version.str() + " " + e.from() + " " +
             e.url + "\n";
    }
  }
  return out;
}

TEST(SetLayers, FlattensBasesRelativeToTheLayer) {
  test::MemoryFileSystem fs;
  fs.files["org/base.yaml"] = base_yaml("org");
  fs.files["team/team.yaml"] = layer("../org/base.yaml", digest_of(fs.files["org/base.yaml"]),
                                     "removes: [lib@1.0.0]\npackages:\n  app:\n" + entry("0.1.0"));
  auto flat = read_flat_set(fs, nullptr, "team/team.yaml");
  ASSERT_TRUE(flat) << test::error_of(flat);
  EXPECT_EQ(summary(*flat), "app 0.1.0 team@4 x-0.1.0.tgz\nlib 1.1.0 org@2 ../org/x-1.1.0.tgz\n");
  EXPECT_EQ(flat->source, "team/team.yaml");
}

TEST(SetLayers, RefusesABaseThatDoesNotMatchItsDigest) {
  test::MemoryFileSystem fs;
  fs.files["base.yaml"] = base_yaml("org");
  fs.files["team.yaml"] = layer("base.yaml", k_sum);
  auto flat = read_flat_set(fs, nullptr, "team.yaml");
  EXPECT_EQ(test::error_of(flat),
            "set-digest-mismatch: team.yaml:5: extends[0].digest: the base set base.yaml does not "
            "match the digest team.yaml pins for it: expected " +
                k_sum + ", got " + digest_of(fs.files["base.yaml"]) +
                "\n  help: if the base was republished on purpose, review it (pinset set diff) "
                "and update the digest in team.yaml; otherwise do not use it");
}

TEST(SetLayers, RefusesACycleNamingTheChain) {
  test::MemoryFileSystem fs;
  // b.yaml extends a.yaml, which extends b.yaml: whatever the digests, the chain is refused
  // before the second a.yaml is read.
  fs.files["sets/a.yaml"] = layer("b.yaml", k_sum);
  fs.files["sets/b.yaml"] = layer("a.yaml", k_sum);
  fs.files["sets/a.yaml"] = layer("b.yaml", digest_of(fs.files["sets/b.yaml"]));
  auto flat = read_flat_set(fs, nullptr, "sets/a.yaml");
  EXPECT_EQ(test::error_of(flat),
            "layer-cycle: sets/b.yaml:5: extends[0].url: sets/b.yaml extends sets/a.yaml, which "
            "is already being loaded: sets/a.yaml -> sets/b.yaml -> sets/a.yaml\n"
            "  help: a set cannot extend itself, directly or through other sets");
}

TEST(SetLayers, AMissingBaseNamesTheLayerAndTheItem) {
  test::MemoryFileSystem fs;
  fs.files["team.yaml"] = layer("gone.yaml", k_sum);
  auto flat = read_flat_set(fs, nullptr, "team.yaml");
  EXPECT_EQ(test::error_of(flat),
            "not-found: team.yaml:5: extends[0].url: base set \"gone.yaml\" of team.yaml: cannot "
            "read the package set gone.yaml: No such file or directory\n"
            "  help: check the path");
}

TEST(SetLayers, TheBundledLayeredExampleFlattens) {
  std::string root = test::source_dir() + "/package-sets/";
  // The digest pinned in team.yaml is base.yaml's, byte for byte.
  auto team = read_set_document(fs::real_file_system(), nullptr, root + "layers/team.yaml");
  ASSERT_TRUE(team) << test::error_of(team);
  ASSERT_EQ(team->set.extends.size(), 1u);
  EXPECT_EQ(team->set.extends[0].digest.str(),
            digest_of(test::read_file(root + "layers/base.yaml")));
  auto flat = flatten_layers(fs::real_file_system(), nullptr, std::move(team->set));
  ASSERT_TRUE(flat) << test::error_of(flat);
  std::string text;
  for (const model::Package& p : flat->packages()) {
    text += std::string(flat->name_of(p.name));
    for (const model::Entry& e : p.entries)
      text += " " + e.version.str() + "(" + e.from() + ")";
    text += "\n";
  }
  EXPECT_EQ(text,
            "fmtlite 9.1.0(acme-base@3) 10.2.1(acme-base@3)\n"
            "hashkit 1.0.2(acme-base@3) 1.1.0(acme-base@3)\n"
            "jsonette 3.11.3(acme-team@5)\n"
            "libfoo 2.1.0(acme-team@5)\n"
            "netlib 1.4.0(acme-team@5)\n"
            "tinyzip 1.3.0(acme-base@3) 1.3.1(acme-base@3)\n"
            "tls-shim 0.9.1(acme-base@3) 0.9.4(acme-base@3)\n");
  // Every artifact URL still names the example's archives.
  for (const model::Package& p : flat->packages()) {
    for (const model::Entry& e : p.entries) {
      EXPECT_EQ(e.url.rfind("../artifacts/", 0), 0u) << e.url;
    }
  }
}

TEST(SetLayers, BasesOverHttpsComeThroughTheCache) {
  test::TempDir site, cache, local;
  std::string base = base_yaml("org");
  site.write("sets/base.yaml", base);
  test::NginxFixture nginx(site.path());
  std::string team =
      local.write("team.yaml", layer(nginx.https_url("sets/base.yaml"), digest_of(base)));
  net::FetchOptions options;
  options.ca_file = nginx.ca_file();
  SetAccess access(cache.path(), options, net::make_curl_fetcher);
  auto flat = read_flat_set(fs::real_file_system(), &access, team);
  ASSERT_TRUE(flat) << test::error_of(flat);
  EXPECT_EQ(summary(*flat), "lib 1.0.0 org@2 " + nginx.https_url("sets/x-1.0.0.tgz") +
                                "\nlib 1.1.0 org@2 " + nginx.https_url("sets/x-1.1.0.tgz") + "\n");
  EXPECT_EQ(nginx.access_log(1).size(), 1u);
  // The pinned revision is in the cache now: the second load makes no request.
  SetAccess again(cache.path(), options, net::make_curl_fetcher);
  ASSERT_TRUE(read_flat_set(fs::real_file_system(), &again, team));
  EXPECT_EQ(nginx.access_log().size(), 1u);
}

TEST(SetLayers, LoadSetInstallsFromTheFlatSet) {
  test::TempDir dir;
  std::string base = base_yaml("org");
  dir.write("sets/base.yaml", base);
  dir.write("sets/team.yaml", layer("base.yaml", digest_of(base),
                                    "removes: [lib@1.1.0]\n"
                                    "packages: {}\n"));
  std::string manifest = dir.write(
      "app/pinset.yaml",
      "name: app\npackage-set:\n  url: ../sets/team.yaml\ndependencies:\n  lib: ^1.0.0\n");
  auto project = load_project(fs::real_file_system(), manifest);
  ASSERT_TRUE(project) << test::error_of(project);
  auto loaded = load_set(fs::real_file_system(), *project);
  ASSERT_TRUE(loaded) << test::error_of(loaded);
  EXPECT_FALSE(loaded->set.layered());
  EXPECT_EQ(summary(loaded->set), "lib 1.0.0 org@2 x-1.0.0.tgz\n");
  // Artifact URLs resolve beside the base set.
  EXPECT_EQ(loaded->set.artifact_url(loaded->set.packages()[0].entries[0]),
            dir.path() + "/sets/x-1.0.0.tgz");
}

}  // namespace
}  // namespace pinset::app
