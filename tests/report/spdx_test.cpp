#include "core/report/spdx.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/report/sbom_fixture.hpp"
#include "tests/support/schema_check.hpp"

namespace pinset::report {
namespace {

using nlohmann::json;

json package(const json& doc, const std::string& name) {
  for (const json& p : doc["packages"])
    if (p["name"] == name) return p;
  return nullptr;
}

const std::string k_set_source =
    "pinset package set acme-core, serial 42, digest " + test::k_set_digest;

TEST(Spdx, ValidAgainstThePublishedSchema) {
  test::SbomFixture f;
  EXPECT_EQ(test::schema_errors("spdx-2.3-schema.json", write_spdx(f.input(), f.options())), "");
}

TEST(Spdx, PackageHasChecksumPurlDeclaredLicenseSetSourceAndReview) {
  test::SbomFixture f;
  json doc = json::parse(write_spdx(f.input(), f.options()));
  json expected = {
      {"SPDXID", "SPDXRef-Package-netlib"},
      {"name", "netlib"},
      {"versionInfo", "1.4.0"},
      {"downloadLocation", "https://mirror.example.com/netlib/netlib-1.4.0.tar.gz"},
      {"filesAnalyzed", false},
      {"checksums",
       json::array({{{"algorithm", "SHA256"}, {"checksumValue", std::string(64, 'a')}}})},
      {"licenseConcluded", "NOASSERTION"},
      {"licenseDeclared", "MIT OR Apache-2.0"},
      {"copyrightText", "NOASSERTION"},
      {"externalRefs",
       json::array({{{"referenceCategory", "PACKAGE-MANAGER"},
                     {"referenceType", "purl"},
                     {"referenceLocator",
                      "pkg:generic/acme-core/netlib@1.4.0?checksum=sha256:" + std::string(64, 'a') +
                          "&download_url=https:%2F%2Fmirror.example.com%2Fnetlib%2Fnetlib-1.4.0."
                          "tar.gz"}}})},
      {"sourceInfo", k_set_source},
      {"primaryPackagePurpose", "LIBRARY"},
      {"annotations", json::array({{{"annotationDate", "2026-10-02T00:00:00Z"},
                                    {"annotationType", "REVIEW"},
                                    {"annotator", "Person: alice@example.com"},
                                    {"comment", "vetted: safe-to-deploy, ticket SEC-1234"}}})}};
  EXPECT_EQ(package(doc, "netlib"), expected) << package(doc, "netlib").dump(2);
}

TEST(Spdx, MissingLicenseIsNoAssertionAndRelativeUrlGoesToSourceInfo) {
  test::SbomFixture f;
  json doc = json::parse(write_spdx(f.input(), f.options()));
  json tls = package(doc, "tls-shim");
  EXPECT_EQ(tls["licenseDeclared"], "NOASSERTION");
  EXPECT_EQ(tls["checksums"],
            json::array({{{"algorithm", "SHA512"}, {"checksumValue", std::string(128, 'c')}}}));
  EXPECT_FALSE(tls.contains("annotations"));
  json libfoo = package(doc, "libfoo");
  EXPECT_EQ(libfoo["downloadLocation"], "NOASSERTION");
  EXPECT_EQ(
      libfoo["sourceInfo"],
      k_set_source + "; artifact sets/artifacts/libfoo-2.1.0.tar.gz (relative to the project)");
  EXPECT_EQ(libfoo["annotations"][0]["comment"], "vetted");
  EXPECT_EQ(libfoo["licenseDeclared"], "MIT");
}

TEST(Spdx, DocumentHeaderAndProjectPackage) {
  test::SbomFixture f;
  json doc = json::parse(write_spdx(f.input(), f.options()));
  EXPECT_EQ(doc["spdxVersion"], "SPDX-2.3");
  EXPECT_EQ(doc["dataLicense"], "CC0-1.0");
  EXPECT_EQ(doc["SPDXID"], "SPDXRef-DOCUMENT");
  EXPECT_EQ(doc["name"], "myapp");
  EXPECT_EQ(doc["documentNamespace"],
            "https://spdx.org/spdxdocs/pinset-myapp-" +
                derived_uuid(document_seed("spdx", f.input(), f.options())));
  EXPECT_EQ(doc["creationInfo"], json({{"created", "2026-11-21T08:00:00Z"},
                                       {"creators", {"Tool: pinset-0.1.0"}},
                                       {"comment", "From the lock of pinset.yaml, resolved from " +
                                                       k_set_source + " (sets/acme.yaml)"}}));
  EXPECT_EQ(doc["packages"][0], json({{"SPDXID", "SPDXRef-Project"},
                                      {"name", "myapp"},
                                      {"downloadLocation", "NOASSERTION"},
                                      {"filesAnalyzed", false},
                                      {"licenseConcluded", "NOASSERTION"},
                                      {"licenseDeclared", "NOASSERTION"},
                                      {"copyrightText", "NOASSERTION"},
                                      {"primaryPackagePurpose", "APPLICATION"}}));
  EXPECT_EQ(doc["packages"].size(), 4u);
}

TEST(Spdx, RelationshipsDescribeTheProjectAndEveryEdge) {
  test::SbomFixture f;
  json doc = json::parse(write_spdx(f.input(), f.options()));
  auto rel = [](const char* a, const char* type, const char* b) {
    return json{{"spdxElementId", a}, {"relationshipType", type}, {"relatedSpdxElement", b}};
  };
  json expected = json::array({
      rel("SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Project"),
      rel("SPDXRef-Project", "DEPENDS_ON", "SPDXRef-Package-libfoo"),
      rel("SPDXRef-Project", "DEPENDS_ON", "SPDXRef-Package-netlib"),
      rel("SPDXRef-Package-netlib", "DEPENDS_ON", "SPDXRef-Package-libfoo"),
      rel("SPDXRef-Package-netlib", "DEPENDS_ON", "SPDXRef-Package-tls-shim"),
      rel("SPDXRef-Package-tls-shim", "DEPENDS_ON", "SPDXRef-Package-libfoo"),
  });
  EXPECT_EQ(doc["relationships"], expected) << doc["relationships"].dump(2);
}

TEST(Spdx, IdentifiersStayValidAndDistinctForEveryName) {
  EXPECT_EQ(spdx_package_id("tls-shim.v2"), "SPDXRef-Package-tls-shim.v2");
  EXPECT_EQ(spdx_package_id("a_b"), "SPDXRef-Package-aX5Fb");
  EXPECT_NE(spdx_package_id("a_b"), spdx_package_id("a-b"));
  EXPECT_EQ(spdx_package_id("X"), "SPDXRef-Package-X58");
}

TEST(Spdx, OverlayPackageNamesTheManifestAndItsReason) {
  test::SbomFixture f;
  model::OverlayEntry o;
  o.name = "hot_fix";
  o.version = *semver::Version::parse("0.1.0");
  o.reason = "urgent fix";
  o.expires = "2026-12-31";
  f.manifest.overlay.push_back(o);
  model::LockedPackage p = test::locked("hot_fix", "0.1.0", "sha256:" + std::string(64, 'e'),
                                        "vendor/hot_fix-0.1.0.tgz", {});
  p.origin = "overlay";
  f.lock.packages.insert(f.lock.packages.begin(), p);
  f.lock.packages[2].dependencies.insert(f.lock.packages[2].dependencies.begin(), "hot_fix");
  std::string text = write_spdx(f.input(), f.options());
  EXPECT_EQ(test::schema_errors("spdx-2.3-schema.json", text), "");
  json doc = json::parse(text);
  json hot = package(doc, "hot_fix");
  EXPECT_EQ(hot["SPDXID"], "SPDXRef-Package-hotX5Ffix");
  EXPECT_EQ(hot["sourceInfo"],
            "pinset overlay in pinset.yaml: urgent fix (expires 2026-12-31); artifact "
            "vendor/hot_fix-0.1.0.tgz (relative to the project)");
  EXPECT_EQ(hot["externalRefs"][0]["referenceLocator"],
            "pkg:generic/hot_fix@0.1.0?checksum=sha256:" + std::string(64, 'e'));
  EXPECT_EQ(doc["relationships"][3], json({{"spdxElementId", "SPDXRef-Package-netlib"},
                                           {"relationshipType", "DEPENDS_ON"},
                                           {"relatedSpdxElement", "SPDXRef-Package-hotX5Ffix"}}));
}

TEST(Spdx, LicenseIsCanonicalLicenseRefsAreDefinedAndAnInvalidOneIsExplained) {
  test::SbomFixture f;
  f.set_license("libfoo", "mit or (apache-2.0  AND  LicenseRef-acme)");
  f.set_license("netlib", "LicenseRef-acme OR LicenseRef-Other-1.0");
  f.set_license("tls-shim", "MIT/BSD");
  std::string text = write_spdx(f.input(), f.options());
  EXPECT_EQ(test::schema_errors("spdx-2.3-schema.json", text), "");
  json doc = json::parse(text);
  EXPECT_EQ(package(doc, "libfoo")["licenseDeclared"], "mit OR apache-2.0 AND LicenseRef-acme");
  EXPECT_FALSE(package(doc, "libfoo").contains("licenseComments"));
  json tls = package(doc, "tls-shim");
  EXPECT_EQ(tls["licenseDeclared"], "NOASSERTION");
  EXPECT_EQ(tls["licenseComments"],
            "declared as \"MIT/BSD\", which is not a valid SPDX license expression");
  auto info = [](const char* id, const char* name) {
    return json{{"licenseId", id},
                {"extractedText", "NOASSERTION"},
                {"name", name},
                {"comment", "named by the package set or overlay; its text is not recorded"}};
  };
  EXPECT_EQ(
      doc["hasExtractedLicensingInfos"],
      json::array({info("LicenseRef-Other-1.0", "Other-1.0"), info("LicenseRef-acme", "acme")}));
}

TEST(Spdx, NoLicenseRefsNoExtractedLicensingInfos) {
  test::SbomFixture f;
  EXPECT_FALSE(
      json::parse(write_spdx(f.input(), f.options())).contains("hasExtractedLicensingInfos"));
}

TEST(Spdx, MergedSetEntryNamesItsInputSet) {
  test::SbomFixture f;
  f.set.package(*f.set.id_of("tls-shim")).entries[0].edit_extra().from = "team-extras";
  json doc = json::parse(write_spdx(f.input(), f.options()));
  EXPECT_EQ(package(doc, "tls-shim")["sourceInfo"], k_set_source + ", from team-extras");
}

TEST(Spdx, SameInputSameBytes) {
  test::SbomFixture f;
  EXPECT_EQ(write_spdx(f.input(), f.options()), write_spdx(f.input(), f.options()));
}

TEST(Spdx, ProjectWithoutDependenciesIsStillValid) {
  test::SbomFixture f;
  f.lock.packages.clear();
  f.manifest.dependencies.clear();
  EXPECT_EQ(test::schema_errors("spdx-2.3-schema.json", write_spdx(f.input(), f.options())), "");
}

}  // namespace
}  // namespace pinset::report
