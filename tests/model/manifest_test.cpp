#include <string>

#include <gtest/gtest.h>

#include "tests/support/error_text.hpp"

#include "core/model/manifest.hpp"

namespace pinset::model {
namespace {

using test::error_of;

const std::string k_digest =
    "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

TEST(Manifest, ParsesYaml) {
  auto m = parse_manifest(
      "name: my-app\n"
      "package-set:\n"
      "  url: https://example.org/sets/2024-06.yaml\n"
      "  digest: " +
          k_digest +
          "\n"
          "dependencies:\n"
          "  zlib: ^1.3.0\n"
          "  netlib: 1.2\n"
          "  abc: \">=1.0.0 <2.0.0 || 3.x\"\n",
      "pinset.yaml", doc::Format::yaml);
  ASSERT_TRUE(m) << error_of(m);
  EXPECT_EQ(m->source, "pinset.yaml");
  EXPECT_EQ(m->name, "my-app");
  EXPECT_EQ(m->set_url, "https://example.org/sets/2024-06.yaml");
  EXPECT_EQ(m->set_line, 3);
  ASSERT_TRUE(m->set_digest.has_value());
  EXPECT_EQ(m->set_digest->str(), k_digest);
  ASSERT_EQ(m->dependencies.size(), 3u);
  // In name order, each with the range as written and its line.
  EXPECT_EQ(m->dependencies[0].name, "abc");
  EXPECT_EQ(m->dependencies[0].range.text(), ">=1.0.0 <2.0.0 || 3.x");
  EXPECT_EQ(m->dependencies[0].line, 8);
  EXPECT_EQ(m->dependencies[1].name, "netlib");
  EXPECT_EQ(m->dependencies[1].range.text(), "1.2");  // a YAML number, read as written
  EXPECT_TRUE(m->dependencies[1].range.satisfies(semver::Version(1, 2, 7)));
  EXPECT_FALSE(m->dependencies[1].range.satisfies(semver::Version(1, 3, 0)));
  EXPECT_EQ(m->dependencies[2].name, "zlib");
  EXPECT_EQ(m->dependencies[2].line, 6);
}

TEST(Manifest, ParsesJson) {
  auto m = parse_manifest(
      "{\n"
      "  \"name\": \"my-app\",\n"
      "  \"package-set\": {\"url\": \"sets/main.json\"},\n"
      "  \"dependencies\": {\"zlib\": \"~1.3\", \"a\": \"*\"}\n"
      "}\n",
      "pinset.json", doc::Format::json);
  ASSERT_TRUE(m) << error_of(m);
  EXPECT_EQ(m->name, "my-app");
  EXPECT_EQ(m->set_url, "sets/main.json");
  EXPECT_EQ(m->set_line, 3);
  EXPECT_FALSE(m->set_digest.has_value());
  ASSERT_EQ(m->dependencies.size(), 2u);
  EXPECT_EQ(m->dependencies[0].name, "a");
  EXPECT_EQ(m->dependencies[1].name, "zlib");
  EXPECT_EQ(m->dependencies[1].line, 4);
}

TEST(Manifest, EmptyDependencies) {
  for (const char* deps : {"dependencies: {}\n", "dependencies:\n"}) {
    auto m = parse_manifest(std::string("name: a\npackage-set: {url: s.yaml}\n") + deps,
                            "pinset.yaml", doc::Format::yaml);
    ASSERT_TRUE(m) << error_of(m);
    EXPECT_TRUE(m->dependencies.empty());
  }
}

TEST(Manifest, ReportsEveryProblemInOnePassInDocumentOrder) {
  auto m = parse_manifest(
      "name: [my-app]\n"
      "package-set:\n"
      "  url: sets/main.yaml\n"
      "  digest: sha256:abc\n"
      "  mirror: x\n"
      "dependencies:\n"
      "  _netlib: ^1.0.0\n"
      "  zlib: ^1.x.3-\n"
      "  ok: ^2.0.0\n"
      "  none:\n"
      "dependecies: {}\n",
      "pinset.yaml", doc::Format::yaml);
  EXPECT_EQ(
      error_of(m),
      "invalid-manifest: pinset.yaml is not a valid manifest (7 errors)\n"
      "  pinset.yaml:1:7: name: expected a string, found a list\n"
      "  pinset.yaml:4:11: package-set.digest: invalid checksum \"sha256:abc\": sha256 takes 64 "
      "hex digits, found 3\n"
      "    help: write it as sha256:<64 lowercase hex digits>, sha512:<128 lowercase hex "
      "digits>, or the SRI form sha256-<base64> / sha512-<base64>\n"
      "  pinset.yaml:5:3: package-set.mirror: unknown field \"mirror\"; the known fields are: "
      "url, digest, trust, expiry-warning-days\n"
      "    help: remove it, or fix its name\n"
      "  pinset.yaml:7:3: dependencies._netlib: invalid package name \"_netlib\": it must start "
      "with a letter or digit\n"
      "    help: package names are letters, digits, '.', '_' and '-' in at most 16 '/'-separated "
      "segments, each starting with a letter or digit (the first may start with '@'), and at "
      "most 214 characters\n"
      "  pinset.yaml:8:9: dependencies.zlib: invalid range \"^1.x.3-\": \"^1.x.3-\" is not a "
      "valid comparator: empty prerelease identifier\n"
      "    help: write comparators such as \">=1.2.3 <2.0.0\", \"^1.2.3\", \"~1.2\", \"1.x\" or "
      "\"1.2.3 - 2.3.4\"; separate them with spaces (all must match) or \"||\" (either may "
      "match)\n"
      "  pinset.yaml:10:3: dependencies.none: expected a version range, found null\n"
      "    help: write a range such as \"^1.2.0\", or \"*\" for any version\n"
      "  pinset.yaml:11:1: dependecies: unknown field \"dependecies\"; the known fields are: "
      "name, package-set, dependencies, versioning, install-dir, layout, overlay, mirrors, "
      "multiple-versions\n"
      "    help: did you mean \"dependencies\"?");
  // The range error is the semver module's own, placed at the value.
  const Error& range = m.error().causes[4];
  EXPECT_EQ(range.code, "invalid-range");
  EXPECT_EQ(range.where.line, 8);
  EXPECT_EQ(range.where.column, 9);
}

TEST(Manifest, MissingFieldsSayWhatToWrite) {
  EXPECT_EQ(error_of(parse_manifest("{}", "pinset.yaml", doc::Format::yaml)),
            "invalid-manifest: pinset.yaml is not a valid manifest (3 errors)\n"
            "  pinset.yaml:1:1: name: missing required field \"name\"\n"
            "    help: add the project's name, e.g. name: my-app\n"
            "  pinset.yaml:1:1: package-set: missing required field \"package-set\"\n"
            "    help: name the package set this project uses, e.g. package-set: {url: "
            "https://example.org/sets/main.yaml}\n"
            "  pinset.yaml:1:1: dependencies: missing required field \"dependencies\"\n"
            "    help: list the packages this project uses with their version ranges, e.g. "
            "dependencies: {zlib: ^1.3.0} (or {} for none)");
  EXPECT_EQ(error_of(parse_manifest("{\"name\": \"a\", \"dependencies\": {},\n"
                                    " \"package-set\": {\"digest\": null}}",
                                    "pinset.json", doc::Format::json)),
            "invalid-manifest: pinset.json is not a valid manifest (2 errors)\n"
            "  pinset.json:2:17: package-set.url: missing required field \"url\"\n"
            "    help: add the URL or path of the package set, e.g. \"url\": "
            "\"https://example.org/sets/main.json\"\n"
            "  pinset.json:2:28: package-set.digest: expected a string, found null");
}

TEST(Manifest, SingleProblemIsReportedAlone) {
  EXPECT_EQ(error_of(parse_manifest("name: 42\npackage-set: {url: s.yaml}\ndependencies: {}\n",
                                    "pinset.yaml", doc::Format::yaml)),
            "wrong-type: pinset.yaml:1:7: name: expected a string, found a number 42\n"
            "  help: put it in quotes to write it as a string: \"42\"");
  EXPECT_EQ(error_of(parse_manifest("name: a\npackage-set: s.yaml\ndependencies: {}\n",
                                    "pinset.yaml", doc::Format::yaml)),
            "wrong-type: pinset.yaml:2:14: package-set: expected a mapping with url and digest, "
            "found a string \"s.yaml\"\n"
            "  help: write it as package-set: {url: https://example.org/sets/main.yaml}");
  EXPECT_EQ(error_of(parse_manifest("name: a\npackage-set: {url: s.yaml}\ndependencies: [zlib]\n",
                                    "pinset.yaml", doc::Format::yaml)),
            "wrong-type: pinset.yaml:3:15: dependencies: expected a mapping from package names "
            "to version ranges, found a list\n"
            "  help: write it as dependencies: {zlib: ^1.3.0}");
}

TEST(Manifest, MultipleVersionsIsAnExplicitOptIn) {
  const std::string head = "name: a\npackage-set: {url: s.yaml}\ndependencies: {}\n";
  auto none = parse_manifest(head, "pinset.yaml", doc::Format::yaml);
  ASSERT_TRUE(none) << error_of(none);
  EXPECT_FALSE(none->multiple_versions.has_value());
  auto all = parse_manifest(head + "multiple-versions: major\n", "pinset.yaml", doc::Format::yaml);
  ASSERT_TRUE(all) << error_of(all);
  EXPECT_EQ(all->multiple_versions->rule, "major");
  EXPECT_TRUE(all->multiple_versions->packages.empty());
  auto some = parse_manifest(head + "multiple-versions: {rule: any, packages: [ms, debug, ms]}\n",
                             "pinset.yaml", doc::Format::yaml);
  ASSERT_TRUE(some) << error_of(some);
  EXPECT_EQ(some->multiple_versions->rule, "any");
  EXPECT_EQ(some->multiple_versions->packages, (std::vector<std::string>{"debug", "ms"}));

  const std::string help =
      "  help: write multiple-versions: major (one version per compatibility line), any (npm's "
      "rule), or {rule: major, packages: [debug]}";
  auto error = [&](const std::string& field) {
    return error_of(parse_manifest(head + field, "pinset.yaml", doc::Format::yaml));
  };
  EXPECT_EQ(error("multiple-versions: all\n"),
            "invalid-multiple-versions: pinset.yaml:4:20: multiple-versions: unknown "
            "multiple-versions rule \"all\"\n" +
                help);
  EXPECT_EQ(error("multiple-versions: {packages: [ms]}\n"),
            "missing-field: pinset.yaml:4:20: multiple-versions.rule: missing required field "
            "\"rule\"\n" +
                help);
  EXPECT_EQ(error("multiple-versions: {rule: any, packages: []}\n"),
            "wrong-type: pinset.yaml:4:42: multiple-versions.packages: expected a non-empty list "
            "of package names, found a list\n" +
                help);
  EXPECT_EQ(error("multiple-versions: {rule: any, packages: [_ms]}\n"),
            "invalid-name: pinset.yaml:4:43: multiple-versions.packages[0]: invalid package name "
            "\"_ms\": it must start with a letter or digit\n  help: package names are letters, "
            "digits, '.', '_' and '-' in at most 16 '/'-separated segments, each starting with a "
            "letter or digit (the first may start with '@'), and at most 214 characters");
  EXPECT_EQ(error("multiple-versions: [major]\n"),
            "wrong-type: pinset.yaml:4:20: multiple-versions: expected major, any, or a mapping "
            "{rule, packages}, found a list\n" +
                help);
}

TEST(Manifest, DocumentMustBeAMapping) {
  EXPECT_EQ(error_of(parse_manifest("", "pinset.yaml", doc::Format::yaml)),
            "wrong-type: pinset.yaml:1:1: expected a mapping with name, package-set and "
            "dependencies, found null\n"
            "  help: write the three fields, e.g. name: my-app, package-set: {url: "
            "https://example.org/sets/main.yaml} and dependencies: {zlib: ^1.3.0}");
}

TEST(Manifest, LoaderErrorsPassThrough) {
  EXPECT_EQ(error_of(parse_manifest("name: a\nname: b\n", "pinset.yaml", doc::Format::yaml)),
            "duplicate-key: pinset.yaml:2:1: name: duplicate key \"name\" (first at line 1)\n"
            "  help: remove one of the two entries");
  EXPECT_EQ(error_of(parse_manifest("{\"name\": \"a\",}", "pinset.json", doc::Format::json)),
            "parse: pinset.json:1:14: invalid JSON: syntax error while parsing object key - "
            "unexpected '}'; expected string literal");
}

}  // namespace
}  // namespace pinset::model

namespace pinset::model {
namespace {

TEST(ManifestInstallDir, AcceptsFoldersInsideTheProjectOnly) {
  const std::string head = "name: a\npackage-set:\n  url: s.yaml\ndependencies: {}\n";
  auto ok = parse_manifest(head + "install-dir: vendor/pinset\n", "pinset.yaml", doc::Format::yaml);
  ASSERT_TRUE(ok) << ok.error().render();
  EXPECT_EQ(ok->install_dir, "vendor/pinset");
  for (const char* bad : {"/etc", "../outside", "a/../../b", "."}) {
    auto r = parse_manifest(head + "install-dir: " + bad + "\n", "pinset.yaml", doc::Format::yaml);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "invalid-install-dir");
    EXPECT_EQ(
        r.error().render(),
        "pinset.yaml:5:14: install-dir: install-dir \"" + std::string(bad) +
            "\" must be a folder inside the project: a relative path without \"..\"\n"
            "  help: write e.g. install-dir: vendor/pinset, or pass --prefix for another place");
  }
}

}  // namespace
}  // namespace pinset::model
