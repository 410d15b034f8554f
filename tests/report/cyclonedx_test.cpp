#include "core/report/cyclonedx.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/report/sbom_fixture.hpp"
#include "tests/support/schema_check.hpp"

namespace pinset::report {
namespace {

using nlohmann::json;

const std::string k_netlib_purl =
    "pkg:generic/acme-core/netlib@1.4.0?checksum=sha256:" + std::string(64, 'a') +
    "&download_url=https:%2F%2Fmirror.example.com%2Fnetlib%2Fnetlib-1.4.0.tar.gz";

json component(const json& bom, const std::string& name) {
  for (const json& c : bom["components"])
    if (c["name"] == name) return c;
  return nullptr;
}

std::vector<std::string> property_names(const json& c) {
  std::vector<std::string> out;
  for (const json& p : c["properties"])
    out.push_back(p["name"]);
  return out;
}

TEST(CycloneDx, ValidAgainstThePublishedSchema) {
  test::SbomFixture f;
  EXPECT_EQ(test::schema_errors("bom-1.5.schema.json", write_cyclonedx(f.input(), f.options())),
            "");
}

TEST(CycloneDx, ComponentHasHashPurlLicenseSetAndVettingProperties) {
  test::SbomFixture f;
  json bom = json::parse(write_cyclonedx(f.input(), f.options()));
  json hashes = json::array({{{"alg", "SHA-256"}, {"content", std::string(64, 'a')}}});
  json expected = {
      {"type", "library"},
      {"bom-ref", "netlib@1.4.0"},
      {"name", "netlib"},
      {"version", "1.4.0"},
      {"hashes", hashes},
      {"licenses", json::array({{{"expression", "MIT OR Apache-2.0"}}})},
      {"purl", k_netlib_purl},
      {"externalReferences",
       json::array({{{"type", "distribution"},
                     {"url", "https://mirror.example.com/netlib/netlib-1.4.0.tar.gz"},
                     {"hashes", hashes}}})},
      {"properties", json::array({
                         {{"name", "pinset:origin"}, {"value", "set"}},
                         {{"name", "pinset:set:name"}, {"value", "acme-core"}},
                         {{"name", "pinset:set:serial"}, {"value", "42"}},
                         {{"name", "pinset:set:digest"}, {"value", test::k_set_digest}},
                         {{"name", "pinset:vetted:by"}, {"value", "alice@example.com"}},
                         {{"name", "pinset:vetted:on"}, {"value", "2026-10-02"}},
                         {{"name", "pinset:vetted:criteria"}, {"value", "safe-to-deploy"}},
                         {{"name", "pinset:vetted:ticket"}, {"value", "SEC-1234"}},
                     })}};
  EXPECT_EQ(component(bom, "netlib"), expected) << component(bom, "netlib").dump(2);
}

TEST(CycloneDx, Sha512MissingLicenseRelativeUrlAndBuildMetadata) {
  test::SbomFixture f;
  json bom = json::parse(write_cyclonedx(f.input(), f.options()));
  json tls = component(bom, "tls-shim");
  EXPECT_EQ(tls["hashes"], json::array({{{"alg", "SHA-512"}, {"content", std::string(128, 'c')}}}));
  EXPECT_FALSE(tls.contains("licenses"));  // unknown: left out, as CycloneDX wants
  EXPECT_EQ(tls["version"], "0.9.4+build.5");
  EXPECT_EQ(
      tls["purl"],
      "pkg:generic/acme-core/tls-shim@0.9.4%2Bbuild.5?checksum=sha512:" + std::string(128, 'c') +
          "&download_url=https:%2F%2Fmirror.example.com%2Ftls-shim-0.9.4.tar.gz");
  EXPECT_EQ(property_names(tls),
            (std::vector<std::string>{"pinset:origin", "pinset:set:name", "pinset:set:serial",
                                      "pinset:set:digest"}));
  json libfoo = component(bom, "libfoo");
  // A relative URL means nothing outside the project: no download_url in the purl.
  EXPECT_EQ(libfoo["purl"],
            "pkg:generic/acme-core/libfoo@2.1.0?checksum=sha256:" + std::string(64, 'b'));
  EXPECT_EQ(libfoo["externalReferences"][0]["url"], "sets/artifacts/libfoo-2.1.0.tar.gz");
  EXPECT_EQ(libfoo["licenses"], json::array({{{"expression", "MIT"}}}));
  EXPECT_EQ(
      property_names(libfoo),
      (std::vector<std::string>{"pinset:origin", "pinset:set:name", "pinset:set:serial",
                                "pinset:set:digest", "pinset:vetted:by", "pinset:vetted:on"}));
}

TEST(CycloneDx, MetadataNamesToolProjectAndSet) {
  test::SbomFixture f;
  json bom = json::parse(write_cyclonedx(f.input(), f.options()));
  EXPECT_EQ(bom["bomFormat"], "CycloneDX");
  EXPECT_EQ(bom["specVersion"], "1.5");
  EXPECT_EQ(bom["version"], 1);
  json expected = {
      {"timestamp", "2026-11-21T08:00:00Z"},
      {"tools",
       {{"components",
         json::array({{{"type", "application"}, {"name", "pinset"}, {"version", "0.1.0"}}})}}},
      {"component", {{"type", "application"}, {"bom-ref", "myapp"}, {"name", "myapp"}}},
      {"properties", json::array({
                         {{"name", "pinset:set:name"}, {"value", "acme-core"}},
                         {{"name", "pinset:set:serial"}, {"value", "42"}},
                         {{"name", "pinset:set:digest"}, {"value", test::k_set_digest}},
                         {{"name", "pinset:set:url"}, {"value", "sets/acme.yaml"}},
                         {{"name", "pinset:set:expires"}, {"value", "2027-06-30T00:00:00Z"}},
                     })}};
  EXPECT_EQ(bom["metadata"], expected) << bom["metadata"].dump(2);
}

TEST(CycloneDx, DependenciesFollowTheLockFromTheProject) {
  test::SbomFixture f;
  json bom = json::parse(write_cyclonedx(f.input(), f.options()));
  json expected = json::array({
      {{"ref", "myapp"}, {"dependsOn", {"libfoo@2.1.0", "netlib@1.4.0"}}},
      {{"ref", "libfoo@2.1.0"}, {"dependsOn", json::array()}},
      {{"ref", "netlib@1.4.0"}, {"dependsOn", {"libfoo@2.1.0", "tls-shim@0.9.4+build.5"}}},
      {{"ref", "tls-shim@0.9.4+build.5"}, {"dependsOn", {"libfoo@2.1.0"}}},
  });
  EXPECT_EQ(bom["dependencies"], expected) << bom["dependencies"].dump(2);
}

TEST(CycloneDx, SameInputSameBytesAndTheSerialFollowsTimeAndLock) {
  test::SbomFixture f;
  std::string a = write_cyclonedx(f.input(), f.options());
  EXPECT_EQ(write_cyclonedx(f.input(), f.options()), a);
  std::string serial = json::parse(a)["serialNumber"];
  EXPECT_EQ(serial, "urn:uuid:" + derived_uuid(document_seed("cyclonedx", f.input(), f.options())));

  SbomOptions later = f.options();
  later.timestamp = "2026-11-22T08:00:00Z";
  EXPECT_NE(json::parse(write_cyclonedx(f.input(), later))["serialNumber"], serial);
  f.lock.packages[0].version = *semver::Version::parse("2.1.1");
  EXPECT_NE(json::parse(write_cyclonedx(f.input(), f.options()))["serialNumber"], serial);
}

TEST(CycloneDx, OverlayPackageHasNoSetNamespaceAndCarriesItsReason) {
  test::SbomFixture f;
  model::OverlayEntry o;
  o.action = model::OverlayAction::add;
  o.name = "hotfix";
  o.version = *semver::Version::parse("0.1.0");
  o.license = "BSD-3-Clause";
  o.reason = "upstream fix for CVE-2026-1234 not in the set yet";
  o.expires = "2026-12-31";
  f.manifest.overlay.push_back(o);
  model::LockedPackage p = test::locked("hotfix", "0.1.0", "sha256:" + std::string(64, 'e'),
                                        "https://example.com/hotfix-0.1.0.tgz", {});
  p.origin = "overlay";
  f.lock.packages.insert(f.lock.packages.begin(), p);
  std::string text = write_cyclonedx(f.input(), f.options());
  EXPECT_EQ(test::schema_errors("bom-1.5.schema.json", text), "");
  json c = component(json::parse(text), "hotfix");
  EXPECT_EQ(c["purl"], "pkg:generic/hotfix@0.1.0?checksum=sha256:" + std::string(64, 'e') +
                           "&download_url=https:%2F%2Fexample.com%2Fhotfix-0.1.0.tgz");
  EXPECT_EQ(c["licenses"], json::array({{{"expression", "BSD-3-Clause"}}}));
  EXPECT_EQ(c["properties"],
            json::array({{{"name", "pinset:origin"}, {"value", "overlay"}},
                         {{"name", "pinset:overlay:reason"},
                          {"value", "upstream fix for CVE-2026-1234 not in the set yet"}},
                         {{"name", "pinset:overlay:expires"}, {"value", "2026-12-31"}}}));
}

TEST(CycloneDx, LockedPackageMissingFromTheSetKeepsWhatTheLockSays) {
  // The checksum differs from the set's entry: the entry is not used (no license, no vetting).
  test::SbomFixture f;
  f.lock.packages[1].checksum = *crypto::Checksum::parse("sha256:" + std::string(64, 'f'));
  json c = component(json::parse(write_cyclonedx(f.input(), f.options())), "netlib");
  EXPECT_FALSE(c.contains("licenses"));
  EXPECT_EQ(property_names(c),
            (std::vector<std::string>{"pinset:origin", "pinset:set:name", "pinset:set:serial",
                                      "pinset:set:digest"}));
  EXPECT_EQ(c["hashes"][0]["content"], std::string(64, 'f'));
}

TEST(CycloneDx, LicenseIsCanonicalAndAnInvalidOneIsKeptAsAName) {
  test::SbomFixture f;
  f.set_license("libfoo", "mit or (apache-2.0  AND  LicenseRef-acme)");
  f.set_license("tls-shim", "MIT/BSD");
  std::string text = write_cyclonedx(f.input(), f.options());
  EXPECT_EQ(test::schema_errors("bom-1.5.schema.json", text), "");
  json bom = json::parse(text);
  EXPECT_EQ(component(bom, "libfoo")["licenses"],
            json::array({{{"expression", "mit OR apache-2.0 AND LicenseRef-acme"}}}));
  EXPECT_EQ(component(bom, "tls-shim")["licenses"],
            json::array({{{"license", {{"name", "MIT/BSD"}}}}}));
}

TEST(CycloneDx, ProjectWithoutDependenciesIsStillValid) {
  test::SbomFixture f;
  f.lock.packages.clear();
  f.manifest.dependencies.clear();
  EXPECT_EQ(test::schema_errors("bom-1.5.schema.json", write_cyclonedx(f.input(), f.options())),
            "");
}

TEST(CycloneDx, MergedSetEntryNamesItsInputSetAndPublishedTimeIsInMetadata) {
  test::SbomFixture f;
  f.set.package(*f.set.id_of("libfoo")).entries[0].edit_extra().from = "team-extras";
  f.set.published = "2026-10-01T12:00:00Z";
  json bom = json::parse(write_cyclonedx(f.input(), f.options()));
  EXPECT_EQ(component(bom, "libfoo")["properties"][4],
            json({{"name", "pinset:set:from"}, {"value", "team-extras"}}));
  EXPECT_EQ(bom["metadata"]["properties"].back(),
            json({{"name", "pinset:set:published"}, {"value", "2026-10-01T12:00:00Z"}}));
  EXPECT_EQ(property_names(component(bom, "netlib"))[4], "pinset:vetted:by");
}

}  // namespace
}  // namespace pinset::report
