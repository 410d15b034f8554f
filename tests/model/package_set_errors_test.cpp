// parse_package_set on bad sets: every error is checked whole (code and rendered text), in YAML
// and, for the rules the fast path implements itself, in JSON.
#include <gtest/gtest.h>

#include "core/model/package_set.hpp"

namespace pinset::model {
namespace {

const std::string k_sum = "sha256:" + std::string(64, 'a');

struct Failure {
  std::string code;
  std::string text;
};

Failure failure(const std::string& text, const std::string& source) {
  auto set = parse_package_set(text, source, doc::format_for(source));
  if (set) return {"ok", ""};
  return {set.error().code, set.error().render()};
}

Failure yaml(const std::string& text) {
  return failure(text, "set.yaml");
}
Failure json(const std::string& text) {
  return failure(text, "set.json");
}

// A valid YAML set whose single entry gets `fields` after its version line.
std::string yaml_entry(const std::string& fields, const std::string& version = "1.4.0") {
  return "format: 1\nname: acme\nserial: 3\npackages:\n  netlib:\n    - version: " + version +
         "\n" + fields;
}

std::string yaml_entry_ok(const std::string& extra) {
  return yaml_entry("      checksum: " + k_sum + "\n      url: a.tgz\n" + extra);
}

TEST(PackageSetErrors, WrongTypesAreAllReported) {
  Failure f = yaml(
      "format: \"1\"\n"
      "name: [acme]\n"
      "serial: -3\n"
      "packages:\n"
      "  netlib:\n"
      "    version: 1.4.0\n"
      "  libfoo:\n"
      "    - 1.0.0\n"
      "  zlib:\n"
      "    - version: 1.3.0\n"
      "      checksum: " +
      k_sum +
      "\n"
      "      url: z.tgz\n"
      "      dependencies: [libfoo]\n"
      "      size: 1.5\n"
      "      vetted: yes\n"
      "      license: ''\n"
      "      strip-components: true\n");
  EXPECT_EQ(f.code, "invalid-set");
  EXPECT_EQ(
      f.text,
      "set.yaml is not a valid package set (10 errors)\n"
      "  set.yaml:1:9: format: expected an unsigned integer, found a string \"1\"\n"
      "  set.yaml:2:7: name: expected a string, found a list\n"
      "  set.yaml:3:9: serial: expected an unsigned integer, found a number -3\n"
      "  set.yaml:6:5: packages.netlib: expected a list of entries, found a mapping\n"
      "  set.yaml:8:7: packages.libfoo[0]: expected a mapping, found a string \"1.0.0\"\n"
      "  set.yaml:13:21: packages.zlib[0].dependencies: expected a mapping, found a list\n"
      "  set.yaml:14:13: packages.zlib[0].size: expected an unsigned integer, found a number "
      "1.5\n"
      "  set.yaml:15:15: packages.zlib[0].vetted: expected a mapping, found a string \"yes\"\n"
      "  set.yaml:16:16: packages.zlib[0].license: expected a non-empty string, found a "
      "string \"\"\n"
      "  set.yaml:17:25: packages.zlib[0].strip-components: expected an unsigned integer, "
      "found a boolean true");
}

TEST(PackageSetErrors, WrongTypesInJsonReadTheSameAsInYaml) {
  Failure f = json(R"({"format": "1", "name": ["acme"], "serial": -3, "packages": {
  "netlib": {"version": "1.4.0"},
  "libfoo": ["1.0.0"],
  "zlib": [{"version": "1.3.0", "checksum": ")" +
                   k_sum + R"(", "url": "z.tgz",
            "dependencies": ["libfoo"], "size": 1.5, "vetted": "yes", "license": "",
            "strip-components": true}]}})");
  EXPECT_EQ(f.code, "invalid-set");
  EXPECT_EQ(f.text,
            "set.json is not a valid package set (10 errors)\n"
            "  set.json:1:12: format: expected an unsigned integer, found a string \"1\"\n"
            "  set.json:1:25: name: expected a string, found a list\n"
            "  set.json:1:45: serial: expected an unsigned integer, found a number -3\n"
            "  set.json:2:13: packages.netlib: expected a list of entries, found a mapping\n"
            "  set.json:3:14: packages.libfoo[0]: expected a mapping, found a string \"1.0.0\"\n"
            "  set.json:5:29: packages.zlib[0].dependencies: expected a mapping, found a list\n"
            "  set.json:5:49: packages.zlib[0].size: expected an unsigned integer, found a number "
            "1.5\n"
            "  set.json:5:64: packages.zlib[0].vetted: expected a mapping, found a string \"yes\"\n"
            "  set.json:5:82: packages.zlib[0].license: expected a non-empty string, found a "
            "string \"\"\n"
            "  set.json:6:33: packages.zlib[0].strip-components: expected an unsigned integer, "
            "found a boolean true");
}

TEST(PackageSetErrors, RootMustBeAMapping) {
  EXPECT_EQ(yaml("- a\n- b\n").text, "set.yaml:1:1: expected a mapping, found a list");
  EXPECT_EQ(json("[1, 2]").text, "set.json:1:1: expected a mapping, found a list");
  EXPECT_EQ(json("42").text, "set.json:1:1: expected a mapping, found a number 42");
  EXPECT_EQ(yaml("").code, "wrong-type");
  EXPECT_EQ(yaml("").text, "set.yaml:1:1: expected a mapping, found null");
}

TEST(PackageSetErrors, MissingFieldsAtEveryLevel) {
  Failure f = yaml(
      "name: acme\n"
      "packages:\n"
      "  netlib:\n"
      "    - version: 1.4.0\n"
      "      vetted:\n"
      "        by: alice@example.com\n");
  EXPECT_EQ(f.code, "invalid-set");
  EXPECT_EQ(f.text,
            "set.yaml is not a valid package set (5 errors)\n"
            "  set.yaml:1:1: format: missing required field \"format\"\n"
            "    help: a package set needs format, name, serial and packages\n"
            "  set.yaml:1:1: serial: missing required field \"serial\"\n"
            "    help: a package set needs format, name, serial and packages\n"
            "  set.yaml:4:7: packages.netlib[0].checksum: missing required field \"checksum\"\n"
            "    help: every entry needs a version, a checksum and a url\n"
            "  set.yaml:4:7: packages.netlib[0].url: missing required field \"url\"\n"
            "    help: every entry needs a version, a checksum and a url\n"
            "  set.yaml:6:9: packages.netlib[0].vetted.on: missing required field \"on\"\n"
            "    help: vetted needs by (who vouched for the artifact) and on (the date, "
            "YYYY-MM-DD)");
}

TEST(PackageSetErrors, UnknownFieldsAtEveryLevel) {
  Failure f = yaml(
      "format: 1\n"
      "name: acme\n"
      "serial: 3\n"
      "maintainer: me\n"
      "packages:\n"
      "  netlib:\n"
      "    - version: 1.4.0\n"
      "      checksum: " +
      k_sum +
      "\n"
      "      url: a.tgz\n"
      "      chekcsum: " +
      k_sum +
      "\n"
      "      vetted:\n"
      "        by: alice@example.com\n"
      "        on: 2026-10-02\n"
      "        reviewer: bob\n");
  EXPECT_EQ(f.code, "invalid-set");
  EXPECT_EQ(f.text,
            "set.yaml is not a valid package set (3 errors)\n"
            "  set.yaml:4:1: maintainer: unknown field \"maintainer\"; the known fields are: "
            "format, name, serial, published, expires, extends, overrides, removes, packages, "
            "ecosystem, versioning\n"
            "    help: remove it, or fix its name\n"
            "  set.yaml:10:7: packages.netlib[0].chekcsum: unknown field \"chekcsum\"; the known "
            "fields are: version, checksum, url, dependencies, license, size, strip-components, "
            "vetted, from, ecosystem, published-at, publisher\n"
            "    help: did you mean \"checksum\"?\n"
            "  set.yaml:14:9: packages.netlib[0].vetted.reviewer: unknown field \"reviewer\"; the "
            "known fields are: by, on, criteria, ticket\n"
            "    help: remove it, or fix its name");
  // The same in JSON, where a misspelled key must not slip through either.
  Failure g = json(R"({"format": 1, "name": "acme", "serial": 3, "packages": {"netlib": [
    {"version": "1.4.0", "checksum": ")" +
                   k_sum + R"(", "url": "a.tgz", "sizes": 3}]}})");
  EXPECT_EQ(g.code, "unknown-field");
  EXPECT_EQ(g.text,
            "set.json:2:129: packages.netlib[0].sizes: unknown field \"sizes\"; the known fields "
            "are: version, checksum, url, dependencies, license, size, strip-components, vetted, "
            "from, ecosystem, published-at, publisher\n"
            "  help: did you mean \"size\"?");
}

TEST(PackageSetErrors, DuplicateVersionsOfAPackage) {
  std::string entry = "      checksum: " + k_sum + "\n      url: a.tgz\n";
  Failure f = yaml(
      "format: 1\nname: acme\nserial: 3\npackages:\n  netlib:\n"
      "    - version: 1.0.0+a\n" +
      entry + "    - version: 2.0.0\n" + entry + "    - version: 1.0.0+b\n" + entry +
      "    - version: 2.0.0\n" + entry);
  EXPECT_EQ(f.code, "invalid-set");
  EXPECT_EQ(f.text,
            "set.yaml is not a valid package set (2 errors)\n"
            "  set.yaml:12:16: packages.netlib[2].version: duplicate version \"1.0.0+b\": "
            "packages.netlib[0] (line 6) lists \"1.0.0+a\", which is the same version\n"
            "    help: list each version of a package once; build metadata (+...) does not make "
            "versions distinct\n"
            "  set.yaml:15:16: packages.netlib[3].version: duplicate version \"2.0.0\": "
            "packages.netlib[1] (line 9) lists it already\n"
            "    help: list each version of a package once; build metadata (+...) does not make "
            "versions distinct");
}

TEST(PackageSetErrors, DuplicateKeysInJsonAtEveryLevel) {
  Failure f = json(R"({"format": 1, "name": "acme", "serial": 3, "name": "again",
"packages": {
  "netlib": [{"version": "1.4.0", "checksum": ")" +
                   k_sum + R"(", "url": "a.tgz",
              "url": "b.tgz",
              "dependencies": {"libfoo": "^1.0.0", "zlib": "*", "libfoo": "^2.0.0"},
              "vetted": {"by": "alice", "on": "2026-10-02", "by": "bob"}}],
  "netlib": []
}})");
  EXPECT_EQ(f.code, "invalid-set");
  EXPECT_EQ(f.text,
            "set.json is not a valid package set (5 errors)\n"
            "  set.json:1:44: name: duplicate key \"name\" (first at line 1)\n"
            "    help: remove one of the two entries\n"
            "  set.json:4:15: packages.netlib[0].url: duplicate key \"url\" (first at line 3)\n"
            "    help: remove one of the two entries\n"
            "  set.json:5:65: packages.netlib[0].dependencies.libfoo: duplicate key \"libfoo\" "
            "(first at line 5)\n"
            "    help: remove one of the two entries\n"
            "  set.json:6:61: packages.netlib[0].vetted.by: duplicate key \"by\" (first at line "
            "6)\n"
            "    help: remove one of the two entries\n"
            "  set.json:7:3: packages.netlib: duplicate key \"netlib\" (first at line 3)\n"
            "    help: remove one of the two entries");
}

TEST(PackageSetErrors, DuplicateKeysInYamlAreTheLoadersError) {
  Failure f = yaml(yaml_entry_ok("      url: b.tgz\n"));
  EXPECT_EQ(f.code, "duplicate-key");
  EXPECT_EQ(f.text,
            "set.yaml:9:7: packages.netlib[0].url: duplicate key \"url\" (first at line 8)\n"
            "  help: remove one of the two entries");
}

TEST(PackageSetErrors, BadChecksums) {
  std::string entry = "      url: a.tgz\n";
  Failure f = yaml(
      "format: 1\nname: acme\nserial: 3\npackages:\n  netlib:\n"
      "    - version: 1.0.0\n      checksum: sha256:abc\n" +
      entry + "    - version: 1.0.1\n      checksum: sha256:" + std::string(63, 'a') + "g\n" +
      entry + "    - version: 1.0.2\n      checksum: md5:d41d8cd98f00b204e9800998ecf8427e\n" +
      entry + "    - version: 1.0.3\n      checksum: sha256:" + std::string(64, 'A') + "\n" +
      entry + "    - version: 1.0.4\n      checksum: sha512-AAAA\n" + entry);
  const std::string hint =
      "    help: write it as sha256:<64 lowercase hex digits>, sha512:<128 lowercase hex "
      "digits>, or the SRI form sha256-<base64> / sha512-<base64>\n";
  EXPECT_EQ(f.code, "invalid-set");
  EXPECT_EQ(f.text + "\n",
            "set.yaml is not a valid package set (5 errors)\n"
            "  set.yaml:7:17: packages.netlib[0].checksum: invalid checksum \"sha256:abc\": sha256 "
            "takes 64 hex digits, found 3\n" +
                hint + "  set.yaml:10:17: packages.netlib[1].checksum: invalid checksum \"sha256:" +
                std::string(63, 'a') + "g\": not a hex digit: \"g\"\n" + hint +
                "  set.yaml:13:17: packages.netlib[2].checksum: invalid checksum "
                "\"md5:d41d8cd98f00b204e9800998ecf8427e\": unknown algorithm \"md5\" (supported: "
                "sha256, sha512)\n" +
                hint + "  set.yaml:16:17: packages.netlib[3].checksum: invalid checksum \"sha256:" +
                std::string(64, 'A') + "\": hex digits must be lowercase\n" + hint +
                "  set.yaml:19:17: packages.netlib[4].checksum: invalid checksum \"sha512-AAAA\": "
                "sha512 digests are 64 bytes, this decodes to 3\n" +
                hint);
}

TEST(PackageSetErrors, BadNamesOfPackagesAndDependencies) {
  std::string entry = "    - version: 1.0.0\n      checksum: " + k_sum + "\n      url: a.tgz\n";
  Failure f = yaml(
      "format: 1\nname: acme\nserial: 3\npackages:\n"
      "  net//lib:\n" +
      entry + "  '..':\n" + entry + "  net\\lib:\n" + entry + "  " + std::string(215, 'n') + ":\n" +
      entry + "  ok:\n" + entry + "      dependencies:\n        ../evil: '*'\n");
  const std::string hint =
      "    help: package names are letters, digits, '.', '_' and '-' in at most 16 '/'-separated "
      "segments, each starting with a letter or digit (the first may start with '@'), and at "
      "most 214 characters\n";
  EXPECT_EQ(f.code, "invalid-set");
  EXPECT_EQ(
      f.text + "\n",
      "set.yaml is not a valid package set (5 errors)\n"
      "  set.yaml:5:3: packages: invalid package name \"net//lib\": it has an empty segment\n" +
          hint + "  set.yaml:9:3: packages: invalid package name \"..\": it is a path component\n" +
          hint +
          "  set.yaml:13:3: packages: invalid package name \"net\\\\lib\": it contains a "
          "backslash\n" +
          hint + "  set.yaml:17:3: packages: invalid package name \"" + std::string(80, 'n') +
          "...\": it is longer than 214 characters\n" + hint +
          "  set.yaml:26:9: packages.ok[0].dependencies: invalid package name \"../evil\": it "
          "contains the path component \"..\"\n" +
          hint);
}

TEST(PackageSetErrors, BadUrls) {
  std::string head = "format: 1\nname: acme\nserial: 3\npackages:\n  netlib:\n";
  std::string text = head;
  const char* urls[] = {"ftp://mirror.example.com/a.tgz",
                        "'artifacts/a b.tgz'",
                        "https:///a.tgz",
                        "//mirror.example.com/a.tgz",
                        "file:/srv/a.tgz",
                        "\"a\\x01.tgz\"",
                        "c:/artifacts/a.tgz"};
  int patch = 0;
  for (const char* url : urls) {
    text += "    - version: 1.0." + std::to_string(patch++) + "\n      checksum: " + k_sum +
            "\n      url: " + url + "\n";
  }
  const std::string hint =
      "    help: write an https://, http:// or file:// URL, or a path relative to the set such "
      "as artifacts/netlib-1.4.0.tar.gz\n";
  Failure f = yaml(text);
  EXPECT_EQ(f.code, "invalid-set");
  EXPECT_EQ(
      f.text + "\n",
      "set.yaml is not a valid package set (7 errors)\n"
      "  set.yaml:8:12: packages.netlib[0].url: invalid url "
      "\"ftp://mirror.example.com/a.tgz\": the scheme \"ftp\" is not supported (http, "
      "https, file)\n" +
          hint +
          "  set.yaml:11:12: packages.netlib[1].url: invalid url \"artifacts/a b.tgz\": it "
          "contains whitespace\n" +
          hint +
          "  set.yaml:14:12: packages.netlib[2].url: invalid url \"https:///a.tgz\": it has no "
          "host\n" +
          hint +
          "  set.yaml:17:12: packages.netlib[3].url: invalid url "
          "\"//mirror.example.com/a.tgz\": it starts with \"//\" but has no scheme\n" +
          hint +
          "  set.yaml:20:12: packages.netlib[4].url: invalid url \"file:/srv/a.tgz\": it needs "
          "\"//\" after \"file:\"\n" +
          hint +
          "  set.yaml:23:12: packages.netlib[5].url: invalid url \"a\\x01.tgz\": it contains a "
          "control character\n" +
          hint +
          "  set.yaml:26:12: packages.netlib[6].url: invalid url \"c:/artifacts/a.tgz\": the "
          "scheme \"c\" is not supported (http, https, file)\n" +
          hint);
}

TEST(PackageSetErrors, UrlCharactersAreCheckedAtAnyPosition) {
  // Long URLs are scanned eight bytes at a time: put the bad byte in every lane of a word.
  const std::string url = "https://mirror.example.com/artifacts/netlib/netlib-1.4.0.tar.gz";
  struct Bad {
    const char* yaml_escape;  // in a double-quoted YAML scalar
    const char* shown;        // as quote() shows it
    const char* why;
  };
  const Bad bads[] = {{"\\t", "\\x09", "it contains whitespace"},
                      {" ", " ", "it contains whitespace"},
                      {"\\x7F", "\\x7f", "it contains a control character"}};
  for (std::size_t at = 8; at < 16; ++at) {
    for (const Bad& bad : bads) {
      std::string written = url.substr(0, at) + bad.yaml_escape + url.substr(at + 1);
      std::string shown = url.substr(0, at) + bad.shown + url.substr(at + 1);
      Failure f =
          yaml(yaml_entry("      checksum: " + k_sum + "\n      url: \"" + written + "\"\n"));
      EXPECT_EQ(f.code, "invalid-url") << written;
      EXPECT_EQ(f.text, "set.yaml:8:12: packages.netlib[0].url: invalid url \"" + shown +
                            "\": " + bad.why +
                            "\n  help: write an https://, http:// or file:// URL, or a path "
                            "relative to the set such as artifacts/netlib-1.4.0.tar.gz");
    }
  }
  // The bytes of UTF-8 text are allowed.
  auto set = parse_package_set(yaml_entry("      checksum: " + k_sum +
                                          "\n      url: https://mirror.example.com/caf\xc3\xa9/"
                                          "netlib-1.4.0.tar.gz\n"),
                               "set.yaml", doc::Format::yaml);
  EXPECT_TRUE(set) << set.error().render();
}

TEST(PackageSetErrors, BadTimestampsAndDates) {
  struct Case {
    std::string expires;
    std::string why;
  };
  const Case cases[] = {
      {"2027-06-30", "it is not in the form YYYY-MM-DDTHH:MM:SS plus a zone"},
      {"2027-06-30T00:00:00", "it has no time zone: end it with Z or an offset such as +02:00"},
      {"2027-02-29T00:00:00Z", "there is no day 29 in February 2027 (it has 28 days)"},
      {"2027-13-01T00:00:00Z", "there is no month 13"},
      {"2027-06-30T24:00:00Z", "hour 24 is not 0-23"},
      {"2027-06-30T23:60:00Z", "minute 60 is not 0-59"},
      {"2027-06-30T23:59:61Z", "second 61 is not 0-60"},
      {"2027-06-30T00:00:00.Z", "the fraction of a second after \".\" has no digits"},
      {"2027-06-30T00:00:00+0200", "the time zone \"+0200\" is not Z or an offset such as +02:00"},
      {"2027-06-30T00:00:00+24:00", "the offset \"+24:00\" is out of range"},
  };
  for (const Case& c : cases) {
    Failure f =
        yaml("format: 1\nname: acme\nserial: 3\nexpires: '" + c.expires + "'\npackages: {}\n");
    EXPECT_EQ(f.code, "invalid-timestamp") << c.expires;
    EXPECT_EQ(f.text, "set.yaml:4:10: expires: invalid timestamp \"" + c.expires + "\": " + c.why +
                          "\n  help: write an RFC 3339 timestamp such as 2027-06-30T00:00:00Z or "
                          "2027-06-30T08:00:00+02:00")
        << c.expires;
  }
  for (const char* good :
       {"2027-06-30T00:00:00Z", "2028-02-29t12:30:59.123+05:30", "2016-12-31T23:59:60-08:00"}) {
    auto set = parse_package_set(
        std::string("format: 1\nname: a\nserial: 1\nexpires: ") + good + "\npackages: {}\n",
        "set.yaml", doc::Format::yaml);
    ASSERT_TRUE(set) << set.error().render();
    EXPECT_EQ(set->expires, good);
  }
  Failure f = yaml(yaml_entry_ok("      vetted:\n        by: alice\n        on: 2026-02-30\n") +
                   "    - version: 1.5.0\n      checksum: " + k_sum +
                   "\n      url: b.tgz\n      vetted:\n        by: bob\n        on: 26-10-2\n");
  EXPECT_EQ(f.code, "invalid-set");
  EXPECT_EQ(f.text,
            "set.yaml is not a valid package set (2 errors)\n"
            "  set.yaml:11:13: packages.netlib[0].vetted.on: invalid date \"2026-02-30\": there is "
            "no day 30 in February 2026 (it has 28 days)\n"
            "    help: write the date as YYYY-MM-DD, e.g. 2026-10-02\n"
            "  set.yaml:17:13: packages.netlib[1].vetted.on: invalid date \"26-10-2\": it is not "
            "in the form YYYY-MM-DD\n"
            "    help: write the date as YYYY-MM-DD, e.g. 2026-10-02");
}

TEST(PackageSetErrors, BadVersionsAndRanges) {
  Failure f =
      yaml(yaml_entry("      checksum: " + k_sum +
                          "\n      url: a.tgz\n      dependencies:\n        libfoo: ^2.x.y\n",
                      "'1.4'"));
  EXPECT_EQ(f.code, "invalid-set");
  EXPECT_EQ(f.text,
            "set.yaml is not a valid package set (2 errors)\n"
            "  set.yaml:6:16: packages.netlib[0].version: invalid version \"1.4\": expected "
            "MAJOR.MINOR.PATCH\n"
            "    help: write MAJOR.MINOR.PATCH with optional -prerelease and +build parts, e.g. "
            "\"1.2.3\" or \"2.0.0-rc.1\"\n"
            "  set.yaml:10:17: packages.netlib[0].dependencies.libfoo: invalid range \"^2.x.y\": "
            "\"^2.x.y\" is not a valid comparator: expected a number or \"x\" after \"^2.x.\", "
            "found \"y\"\n"
            "    help: write comparators such as \">=1.2.3 <2.0.0\", \"^1.2.3\", \"~1.2\", \"1.x\" "
            "or \"1.2.3 - 2.3.4\"; separate them with spaces (all must match) or \"||\" (either "
            "may match)");
}

TEST(PackageSetErrors, FormatStripComponentsAndEmptyPackages) {
  Failure f = yaml(
      "format: 2\nname: acme\nserial: 3\npackages:\n  empty: []\n  netlib:\n"
      "    - version: 1.0.0\n      checksum: " +
      k_sum + "\n      url: a.tgz\n      strip-components: 65\n");
  EXPECT_EQ(f.code, "invalid-set");
  EXPECT_EQ(f.text,
            "set.yaml is not a valid package set (3 errors)\n"
            "  set.yaml:1:9: format: unsupported format 2: this version of pinset reads format 1\n"
            "    help: write `format: 1`, or use a pinset that knows the newer format\n"
            "  set.yaml:5:10: packages.empty: package \"empty\" lists no versions\n"
            "    help: list at least one entry (version, checksum, url), or remove the package\n"
            "  set.yaml:10:25: packages.netlib[0].strip-components: strip-components 65 is "
            "more than 64\n"
            "    help: strip-components is the number of leading folders to drop from the "
            "archive's paths, usually 0 or 1");
  // 64 is the largest accepted (the manifest's overlay entries have the same rule).
  Failure big = yaml(
      "format: 1\nname: acme\nserial: 3\npackages:\n  netlib:\n"
      "    - version: 1.0.0\n      checksum: " +
      k_sum + "\n      url: a.tgz\n      strip-components: 64\n");
  EXPECT_EQ(big.code, "ok") << big.text;
}

TEST(PackageSetErrors, ManyErrorsAreCappedAndCounted) {
  std::string text =
      "{\"format\": 1, \"name\": \"acme\", \"serial\": 3, \"packages\": {\"netlib\": [";
  for (int i = 0; i < 150; ++i) {
    text += std::string(i ? "," : "") + "\n{\"version\": \"1.0." + std::to_string(i) +
            "\", \"checksum\": \"sha256:abc\", \"url\": \"a.tgz\"}";
  }
  text += "]}}";
  auto set = parse_package_set(text, "set.json", doc::Format::json);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().code, "invalid-set");
  EXPECT_EQ(set.error().message,
            "set.json is not a valid package set (150 errors, the first 100 shown)");
  ASSERT_EQ(set.error().causes.size(), 100u);
  EXPECT_EQ(set.error().causes.back().headline(),
            "set.json:101:35: packages.netlib[99].checksum: invalid checksum \"sha256:abc\": "
            "sha256 takes 64 hex digits, found 3");
}

TEST(PackageSetErrors, JsonSyntaxErrorsAreLocatedByTheLoader) {
  struct Case {
    std::string text;
    std::string error;
  };
  const Case cases[] = {
      {"{\"format\": 1,\n \"name\": \"acme\",\n \"serial\": 3,}",
       "set.json:3:14: invalid JSON: syntax error while parsing object key - unexpected '}'; "
       "expected string literal"},
      {"{\"format\": 1, \"name\": \"a\", \"serial\": 1, \"packages\": {}} []",
       "set.json:1:57: invalid JSON: syntax error while parsing value - unexpected '['; expected "
       "end of input"},
      {"{\"format\": 01, \"name\": \"a\", \"serial\": 1, \"packages\": {}}",
       "set.json:1:13: invalid JSON: syntax error while parsing object - unexpected number "
       "literal; expected '}'"},
      {"",
       "set.json:1:1: invalid JSON: syntax error while parsing value - unexpected end of input; "
       "expected '[', '{', or a literal"},
      {"{\"name\": \"abc",
       "set.json:1:14: invalid JSON: syntax error while parsing value - invalid string: missing "
       "closing quote; last read: '\"abc'"},
  };
  for (const Case& c : cases) {
    Failure f = json(c.text);
    EXPECT_EQ(f.code, "parse") << c.text;
    EXPECT_EQ(f.text, c.error) << c.text;
  }
}

TEST(PackageSetErrors, HostileInputFailsCleanly) {
  // Deep nesting in an unknown field, a huge key, NUL bytes, invalid UTF-8, an unclosed string.
  std::string deep =
      "{\"format\": 1, \"x\": " + std::string(5000, '[') + std::string(5000, ']') + "}";
  EXPECT_NE(json(deep).code, "ok");
  std::string long_key = "{\"" + std::string(1 << 20, 'k') + "\": 1}";
  Failure f = json(long_key);
  EXPECT_EQ(f.code, "invalid-set");
  EXPECT_LT(f.text.size(), 2000u);
  EXPECT_EQ(json(std::string("{\"format\": 1\0}", 15)).code, "parse");
  Failure utf8 = json("{\"name\": \"\xff\xfe\"}");
  EXPECT_EQ(utf8.code, "parse");
  EXPECT_EQ(
      utf8.text,
      "set.json:1:11: the text is not valid UTF-8 (byte 0xff)\n  help: save the file as UTF-8");
  Failure alias = yaml("packages: {a: [{version: *x}]}");
  EXPECT_EQ(alias.code, "parse");
  EXPECT_EQ(alias.text,
            "set.yaml:1:26: packages.a[0].version: the alias *x refers to no anchor written before "
            "it\n  help: write the anchor (&x) on the node to repeat, above this alias");
}

}  // namespace
}  // namespace pinset::model
