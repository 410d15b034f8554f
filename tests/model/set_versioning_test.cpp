// A set's `versioning`: versions and ranges read in its scheme on every path (YAML, JSON with the
// field before or after the packages, JSON split between two threads).
#include <gtest/gtest.h>

#include "core/model/package_set.hpp"

namespace pinset::model {
namespace {

const std::string k_sum = "sha256:" + std::string(64, 'a');

std::string json_package(const std::string& name, const std::string& version,
                         const std::string& deps = "") {
  return "\"" + name + "\": [{\"version\": \"" + version + "\", \"checksum\": \"" + k_sum +
         "\", \"url\": \"a.tgz\"" + (deps.empty() ? "" : ", \"dependencies\": {" + deps + "}") +
         "}]";
}

void expect_debian_set(const Result<PackageSet>& set) {
  ASSERT_TRUE(set) << set.error().render();
  EXPECT_EQ(set->versioning, semver::Scheme::debian);
  const Package* tz = set->find("tzdata");
  ASSERT_NE(tz, nullptr);
  EXPECT_EQ(tz->entries[0].version.str(), "2026b");
  EXPECT_EQ(tz->entries[0].version.scheme(), semver::Scheme::debian);
  const Entry& app = set->find("app")->entries[0];
  const semver::Range& r = set->range(app.dependencies.at(0).range);
  EXPECT_EQ(r.scheme(), semver::Scheme::debian);
  EXPECT_TRUE(r.satisfies(tz->entries[0].version));
}

TEST(SetVersioning, JsonWithTheFieldBeforeOrAfterThePackages) {
  std::string packages = "\"packages\": {" + json_package("app", "1.0", "\"tzdata\": \"2026b\"") +
                         ", " + json_package("tzdata", "2026b") + "}";
  std::string head = "{\"format\": 1, \"name\": \"t\", \"serial\": 1, ";
  expect_debian_set(parse_package_set(head + "\"versioning\": \"debian\", " + packages + "}",
                                      "set.json", doc::Format::json));
  expect_debian_set(parse_package_set(head + packages + ", \"versioning\": \"debian\"}", "set.json",
                                      doc::Format::json));
  SetParseOptions two;
  two.threads = 2;
  std::string many;
  for (int i = 0; i < 200; ++i)
    many += json_package("p" + std::to_string(i), "1.0." + std::to_string(i) + "a") + ", ";
  expect_debian_set(parse_package_set(head + "\"versioning\": \"debian\", \"packages\": {" + many +
                                          json_package("app", "1.0", "\"tzdata\": \"2026b\"") +
                                          ", " + json_package("tzdata", "2026b") + "}}",
                                      "set.json", doc::Format::json, two));
}

TEST(SetVersioning, YamlWithTheFieldAfterThePackages) {
  std::string yaml =
      "format: 1\nname: t\nserial: 1\npackages:\n  app:\n    - version: \"1.0\"\n"
      "      checksum: " +
      k_sum +
      "\n      url: a.tgz\n      dependencies: "
      "{tzdata: \"2026b\"}\n  tzdata:\n    - version: 2026b\n      checksum: " +
      k_sum + "\n      url: a.tgz\nversioning: debian\n";
  expect_debian_set(parse_package_set(yaml, "set.yaml", doc::Format::yaml));
}

TEST(SetVersioning, AnUnknownSchemeIsReported) {
  auto set = parse_package_set("format: 1\nname: t\nserial: 1\nversioning: dpkg\npackages: {}\n",
                               "set.yaml", doc::Format::yaml);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().render(),
            "set.yaml:4:13: versioning: unknown versioning scheme \"dpkg\"\n"
            "  help: write one of semver, relaxed, date, debian, string (package-sets/README.md, "
            "\"Versioning schemes\")");
}

}  // namespace
}  // namespace pinset::model
