// Names one set may not hold together (check_set_names, run by parse_package_set on both paths),
// and namespaced names read from both formats.
#include <gtest/gtest.h>

#include "core/model/package_set.hpp"

namespace pinset::model {
namespace {

const std::string k_sum = "sha256:" + std::string(64, 'a');

std::string entry(const std::string& version = "1.0.0") {
  return "    - version: " + version + "\n      checksum: " + k_sum + "\n      url: a.tgz\n";
}

std::string set_yaml(const std::vector<std::string>& names) {
  std::string out = "format: 1\nname: t\nserial: 1\npackages:\n";
  for (const std::string& n : names)
    out += "  \"" + n + "\":\n" + entry();
  return out;
}

TEST(PackageNames, NamespacedNamesAreReadFromYamlAndJson) {
  std::string yaml = set_yaml({"@babel/core", "@jest/types", "example.com/org/mod", "JSONStream"});
  yaml += "      dependencies: {\"@babel/core\": ^1.0.0}\n";
  auto set = parse_package_set(yaml, "set.yaml", doc::Format::yaml);
  ASSERT_TRUE(set) << set.error().render();
  ASSERT_NE(set->find("@babel/core"), nullptr);
  ASSERT_NE(set->find("example.com/org/mod"), nullptr);
  const Package* upper = set->find("JSONStream");
  ASSERT_NE(upper, nullptr);
  EXPECT_EQ(set->find("jsonstream"), nullptr);  // case-sensitive
  EXPECT_EQ(set->name_of(upper->entries[0].dependencies.at(0).name), "@babel/core");

  std::string json = R"({"format": 1, "name": "t", "serial": 1, "packages": {"@babel/core": [{
    "version": "7.24.0", "checksum": ")" +
                     k_sum + R"(", "url": "a.tgz"}]}})";
  auto from_json = parse_package_set(json, "set.json", doc::Format::json);
  ASSERT_TRUE(from_json) << from_json.error().render();
  EXPECT_NE(from_json->find("@babel/core"), nullptr);
}

TEST(PackageNames, NamesDifferingOnlyByCaseAreRefusedInOneSet) {
  auto set = parse_package_set(set_yaml({"jsonstream", "ok", "JSONStream"}), "set.yaml",
                               doc::Format::yaml);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().code, "name-collision");
  EXPECT_EQ(set.error().render(),
            "set.yaml:14: packages.JSONStream: package \"JSONStream\" differs from \"jsonstream\" "
            "(line 6) only by case\n"
            "  help: rename or remove one of the two packages: each package gets its own folder, "
            "and folders that differ only by case are one folder on a case-insensitive "
            "filesystem");
}

TEST(PackageNames, ANameInsideAnotherNamesFolderIsRefused) {
  auto set = parse_package_set(set_yaml({"a", "a/b", "A/c", "@x/y", "@x/y/z"}), "set.yaml",
                               doc::Format::yaml);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().code, "invalid-set");
  EXPECT_EQ(set.error().render(),
            "set.yaml is not a valid package set (3 errors)\n"
            "  set.yaml:10: packages.a/b: package \"a/b\" would be installed inside the folder "
            "of package \"a\" (line 6)\n"
            "    help: rename or remove one of the two packages: each package gets its own "
            "folder, and folders that differ only by case are one folder on a case-insensitive "
            "filesystem\n"
            "  set.yaml:14: packages.A/c: package \"A/c\" would be installed inside the folder "
            "of package \"a\" (line 6)\n"
            "    help: rename or remove one of the two packages: each package gets its own "
            "folder, and folders that differ only by case are one folder on a case-insensitive "
            "filesystem\n"
            "  set.yaml:22: packages.@x/y/z: package \"@x/y/z\" would be installed inside the "
            "folder of package \"@x/y\" (line 18)\n"
            "    help: rename or remove one of the two packages: each package gets its own "
            "folder, and folders that differ only by case are one folder on a case-insensitive "
            "filesystem");
}

TEST(PackageNames, RemovesOfAScopedNameSplitAtTheVersionsAt) {
  std::string yaml =
      "format: 1\nname: t\nserial: 1\nextends:\n  - url: base.yaml\n    digest: " + k_sum +
      "\nremoves: [\"@babel/core@7.24.0\", \"@jest/types\"]\npackages: {}\n";
  auto set = parse_package_set(yaml, "set.yaml", doc::Format::yaml);
  ASSERT_TRUE(set) << set.error().render();
  ASSERT_EQ(set->removes.size(), 2u);
  EXPECT_EQ(set->removes[0].name, "@babel/core");
  ASSERT_TRUE(set->removes[0].version);
  EXPECT_EQ(set->removes[0].version->str(), "7.24.0");
  EXPECT_EQ(set->removes[1].name, "@jest/types");
  EXPECT_FALSE(set->removes[1].version);
}

TEST(Ecosystems, SetAndEntryFieldsAndPurls) {
  std::string yaml =
      "format: 1\nname: t\nserial: 1\necosystem: npm\npackages:\n  \"@babel/core\":\n" +
      entry("7.24.0") + "  zope.interface:\n" + entry("6.4.0") + "      ecosystem: pypi\n";
  auto set = parse_package_set(yaml, "set.yaml", doc::Format::yaml);
  ASSERT_TRUE(set) << set.error().render();
  EXPECT_EQ(set->ecosystem, Ecosystem::npm);
  const Entry& babel = set->find("@babel/core")->entries[0];
  const Entry& zope = set->find("zope.interface")->entries[0];
  EXPECT_EQ(set->ecosystem_of(babel), Ecosystem::npm);
  EXPECT_EQ(set->ecosystem_of(zope), Ecosystem::pypi);
  EXPECT_EQ(purl_body(Ecosystem::npm, "t", "@babel/core", "7.24.0"), "npm/%40babel/core@7.24.0");
  EXPECT_EQ(purl_body(Ecosystem::pypi, "t", "Zope_Interface", "6.4"), "pypi/zope-interface@6.4");
  EXPECT_EQ(purl_body(Ecosystem::golang, "t", "example.com/org/mod", "1.2.3"),
            "golang/example.com/org/mod@1.2.3");
  EXPECT_EQ(purl_body(Ecosystem::unset, "base set", "@babel/core", "1.0.0+b"),
            "generic/base%20set/%40babel/core@1.0.0%2Bb");
  EXPECT_EQ(purl_body(Ecosystem::generic, "", "zlib", "1.3.1"), "generic/zlib@1.3.1");
  EXPECT_EQ(ecosystem_info(Ecosystem::cargo).osv, "crates.io");

  auto bad = parse_package_set("format: 1\nname: t\nserial: 1\necosystem: npmjs\npackages: {}\n",
                               "set.yaml", doc::Format::yaml);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().render(),
            "set.yaml:4:12: ecosystem: unknown ecosystem \"npmjs\"\n"
            "  help: write one of generic, npm, cargo, pypi, golang, maven, gem, nuget (generic "
            "when none fits)");
}

}  // namespace
}  // namespace pinset::model
