// The set fields for layers and provenance: published, extends, overrides, removes, entry from.
#include <gtest/gtest.h>

#include "core/model/package_set.hpp"
#include "tests/support/error_text.hpp"

namespace pinset::model {
namespace {

const std::string k_sum = "sha256:" + std::string(64, 'a');

Result<PackageSet> yaml(const std::string& text) {
  return parse_package_set(text, "set.yaml", doc::Format::yaml);
}
Result<PackageSet> json(const std::string& text) {
  return parse_package_set(text, "set.json", doc::Format::json);
}

TEST(SetLayerFields, ReadsEveryFieldInBothFormats) {
  auto y = yaml(
      "format: 1\nname: team\nserial: 2\npublished: 2026-11-01T00:00:00Z\n"
      "extends:\n  - url: ../org/base.yaml\n    digest: " +
      k_sum + "\noverrides:\n  libfoo:\n    - version: 2.2.0\n      checksum: " + k_sum +
      "\n      url: libfoo.tgz\n      dependencies: {tinyzip: ^1.0.0}\n"
      "removes:\n  - tinyzip@1.2.13\n  - hashkit\npackages:\n  app:\n"
      "    - version: 1.0.0\n      checksum: " +
      k_sum + "\n      url: app.tgz\n      from: org@3\n");
  auto j = json(R"({"format": 1, "name": "team", "serial": 2, "published": "2026-11-01T00:00:00Z",
    "extends": [{"url": "../org/base.yaml", "digest": ")" +
                k_sum + R"("}],
    "overrides": {"libfoo": [{"version": "2.2.0", "checksum": ")" +
                k_sum + R"(", "url": "libfoo.tgz", "dependencies": {"tinyzip": "^1.0.0"}}]},
    "removes": ["tinyzip@1.2.13", "hashkit"],
    "packages": {"app": [{"version": "1.0.0", "checksum": ")" +
                k_sum + R"(", "url": "app.tgz", "from": "org@3"}]}})");
  for (const Result<PackageSet>* r : {&y, &j}) {
    ASSERT_TRUE(*r) << test::error_of(*r);
    const PackageSet& s = **r;
    EXPECT_EQ(s.published, "2026-11-01T00:00:00Z");
    ASSERT_EQ(s.extends.size(), 1u);
    EXPECT_EQ(s.extends[0].url, "../org/base.yaml");
    EXPECT_EQ(s.extends[0].digest.str(), k_sum);
    ASSERT_EQ(s.overrides.size(), 1u);
    EXPECT_EQ(s.name_of(s.overrides[0].name), "libfoo");
    ASSERT_EQ(s.overrides[0].entries.at(0).dependencies.size(), 1u);
    EXPECT_EQ(s.name_of(s.overrides[0].entries[0].dependencies[0].name), "tinyzip");
    EXPECT_EQ(s.find("libfoo"), nullptr);  // an override is not a package of this layer
    ASSERT_EQ(s.removes.size(), 2u);
    EXPECT_EQ(s.removes[0].str(), "tinyzip@1.2.13");
    EXPECT_EQ(s.removes[1].str(), "hashkit");
    EXPECT_EQ(s.find("app")->entries.at(0).from(), "org@3");
    EXPECT_TRUE(s.layered());
  }
}

TEST(SetLayerFields, ReportsEveryProblem) {
  auto r = yaml(
      "format: 1\nname: team\nserial: 2\npublished: 2026-13-01T00:00:00Z\n"
      "extends:\n  - url: https://\n    digest: sha256:abc\n  - url: a.yaml\n"
      "overrides:\n  libfoo: []\n"
      "removes:\n  - _tinyzip\n  - hashkit@1.x\n  - zlib\n  - zlib\n"
      "packages: {}\n");
  EXPECT_EQ(test::error_of(r),
            "invalid-set: set.yaml is not a valid package set (8 errors)\n"
            "  set.yaml:4:12: published: invalid timestamp \"2026-13-01T00:00:00Z\": there is no "
            "month 13\n"
            "    help: write an RFC 3339 timestamp such as 2027-06-30T00:00:00Z or "
            "2027-06-30T08:00:00+02:00\n"
            "  set.yaml:6:10: extends[0].url: invalid url \"https://\": it has no host\n"
            "    help: write an https://, http:// or file:// URL, or a path relative to the set "
            "such as artifacts/netlib-1.4.0.tar.gz\n"
            "  set.yaml:7:13: extends[0].digest: invalid checksum \"sha256:abc\": sha256 takes "
            "64 hex digits, found 3\n"
            "    help: write it as sha256:<64 lowercase hex digits>, sha512:<128 lowercase hex "
            "digits>, or the SRI form sha256-<base64> / sha512-<base64>\n"
            "  set.yaml:8:5: extends[1].digest: missing required field \"digest\"\n"
            "    help: each set in extends needs its url and the digest of its exact bytes "
            "(sha256:<64 hex digits>)\n"
            "  set.yaml:10:11: overrides.libfoo: package \"libfoo\" lists no versions\n"
            "    help: list at least one entry (version, checksum, url), or remove the package\n"
            "  set.yaml:12:5: removes[0]: invalid package name \"_tinyzip\": it must start with a "
            "letter or digit\n"
            "    help: write a package name (\"tinyzip\") or one version of it "
            "(\"tinyzip@1.2.13\")\n"
            "  set.yaml:13:5: removes[1]: invalid version \"1.x\": expected a number for the "
            "minor version, found \"x\"\n"
            "    help: write MAJOR.MINOR.PATCH with optional -prerelease and +build parts, e.g. "
            "\"1.2.3\" or \"2.0.0-rc.1\"\n"
            "  set.yaml:15:5: removes[3]: removes lists \"zlib\" twice (first at line 14)\n"
            "    help: list each removal once");
}

TEST(SetLayerFields, DuplicateOverrideKeysInJson) {
  std::string e = R"([{"version": "1.0.0", "checksum": ")" + k_sum + R"(", "url": "a.tgz"}])";
  auto r = json(R"({"format": 1, "name": "t", "serial": 1, "overrides": {"a": )" + e +
                R"(, "a": )" + e + R"(}, "packages": {}})");
  EXPECT_EQ(test::error_of(r),
            "duplicate-key: set.json:1:187: overrides.a: duplicate key \"a\" (first at line 1)\n"
            "  help: remove one of the two entries");
}

}  // namespace
}  // namespace pinset::model
