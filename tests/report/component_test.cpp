#include "core/report/component.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "tests/report/sbom_fixture.hpp"

namespace pinset::report {
namespace {

TEST(Purl, EncodesEverythingButUnreservedAndColon) {
  EXPECT_EQ(purl_encode("abc-XYZ_0.9~:"), "abc-XYZ_0.9~:");
  EXPECT_EQ(purl_encode("1.0.0+build.5"), "1.0.0%2Bbuild.5");
  EXPECT_EQ(purl_encode("https://h/a b?c=d&e#f"), "https:%2F%2Fh%2Fa%20b%3Fc%3Dd%26e%23f");
  EXPECT_EQ(purl_encode("\xc3\xa9"), "%C3%A9");
}

TEST(Purl, SetPackageIsNamespacedBySetAndOverlayIsNot) {
  model::LockedPackage p = test::locked("netlib", "1.4.0-rc.1", "sha256:" + std::string(64, 'a'),
                                        "file:///srv/a/netlib.tgz", {});
  EXPECT_EQ(purl(p, "acme core"),
            "pkg:generic/acme%20core/netlib@1.4.0-rc.1?checksum=sha256:" + std::string(64, 'a') +
                "&download_url=file:%2F%2F%2Fsrv%2Fa%2Fnetlib.tgz");
  p.origin = "overlay";
  p.url = "../vendor/netlib.tgz";
  EXPECT_EQ(purl(p, "acme"),
            "pkg:generic/netlib@1.4.0-rc.1?checksum=sha256:" + std::string(64, 'a'));
}

TEST(Purl, AbsoluteUrlsHaveASchemeAndTwoSlashes) {
  EXPECT_TRUE(is_absolute_url("https://example.com/x"));
  EXPECT_TRUE(is_absolute_url("file:///srv/x"));
  EXPECT_TRUE(is_absolute_url("git+https://example.com/x"));
  EXPECT_FALSE(is_absolute_url("artifacts/x.tgz"));
  EXPECT_FALSE(is_absolute_url("../x://y"));
  EXPECT_FALSE(is_absolute_url("://x"));
  EXPECT_FALSE(is_absolute_url("/srv/x"));
}

TEST(DerivedUuid, IsAVersion8UuidFixedBySeed) {
  std::string a = derived_uuid("seed");
  EXPECT_TRUE(std::regex_match(
      a, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << a;
  EXPECT_EQ(derived_uuid("seed"), a);
  EXPECT_NE(derived_uuid("seed2"), a);
}

TEST(Components, JoinLockWithSetEntryLicenseAndVetting) {
  test::SbomFixture f;
  std::vector<Component> cs = components(f.input());
  ASSERT_EQ(cs.size(), 3u);
  EXPECT_EQ(cs[0].locked->name, "libfoo");
  EXPECT_EQ(cs[1].locked->name, "netlib");
  ASSERT_NE(cs[1].entry, nullptr);
  // The 1.4.0 entry (MIT OR Apache-2.0), not 1.3.0's GPL-2.0-only.
  EXPECT_EQ(cs[1].license, "MIT OR Apache-2.0");
  ASSERT_NE(cs[1].vetted, nullptr);
  ASSERT_EQ(cs[1].vetted->size(), 1u);
  EXPECT_EQ(cs[1].vetted->front().ticket, "SEC-1234");
  EXPECT_EQ(cs[2].license, "");
  EXPECT_EQ(cs[2].vetted, nullptr);
  EXPECT_EQ(cs[2].overlay, nullptr);
}

}  // namespace
}  // namespace pinset::report
