// The manifest's package-set.trust, expiry-warning-days, mirrors and overlay.
#include <gtest/gtest.h>

#include "core/model/manifest.hpp"
#include "core/model/package_set.hpp"
#include "tests/support/error_text.hpp"

namespace pinset::model {
namespace {

using test::error_of;

const std::string k_key_a = "ed25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
const std::string k_key_b = "ed25519:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA=";
const std::string k_sum = "sha256:" + std::string(64, 'a');
const std::string k_head = "name: app\ndependencies: {}\n";

Result<Manifest> parse(const std::string& text) {
  return parse_manifest(k_head + text, "pinset.yaml", doc::Format::yaml);
}

TEST(ManifestTrust, KeysThresholdAndWarningWindow) {
  auto m = parse(
      "package-set:\n"
      "  url: s.yaml\n"
      "  expiry-warning-days: 30\n"
      "  trust:\n"
      "    threshold: 2\n"
      "    keys:\n"
      "      - {name: alice, public-key: \"" +
      k_key_a +
      "\"}\n"
      "      - public-key: " +
      k_key_b + "\n");
  ASSERT_TRUE(m) << error_of(m);
  ASSERT_TRUE(m->trust);
  EXPECT_EQ(m->trust->threshold, 2);
  EXPECT_EQ(m->trust->line, 7);
  ASSERT_EQ(m->trust->keys.size(), 2u);
  EXPECT_EQ(m->trust->keys[0].name, "alice");
  EXPECT_EQ(m->trust->keys[0].public_key, k_key_a);
  EXPECT_EQ(m->trust->keys[0].line, 9);
  EXPECT_EQ(m->trust->keys[1].name, "");
  EXPECT_EQ(m->trust->keys[1].public_key, k_key_b);
  EXPECT_EQ(m->expiry_warning_days, 30);
}

TEST(ManifestTrust, DefaultsWithoutTrust) {
  auto m = parse("package-set: {url: s.yaml}\n");
  ASSERT_TRUE(m) << error_of(m);
  EXPECT_FALSE(m->trust);
  EXPECT_EQ(m->expiry_warning_days, 14);
  EXPECT_TRUE(m->mirrors.empty());
  EXPECT_TRUE(m->overlay.empty());
}

TEST(ManifestTrust, EveryProblemIsNamed) {
  EXPECT_EQ(error_of(parse("package-set:\n"
                           "  url: s.yaml\n"
                           "  expiry-warning-days: -1\n"
                           "  trust:\n"
                           "    threshold: 3\n"
                           "    keys:\n"
                           "      - {name: alice, public-key: \"" +
                           k_key_a +
                           "\"}\n"
                           "      - {name: again, public-key: \"" +
                           k_key_a +
                           "\"}\n"
                           "      - {name: rsa, public-key: \"rsa:AAAA\"}\n"
                           "      - {name: short, public-key: \"ed25519:AAAA\"}\n"
                           "      - {name: bob}\n")),
            "invalid-manifest: pinset.yaml is not a valid manifest (5 errors)\n"
            "  pinset.yaml:5:24: package-set.expiry-warning-days: expected an unsigned integer, "
            "found a number -1\n"
            "  pinset.yaml:10:35: package-set.trust.keys[1].public-key: the public key "
            "\"ed25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\" is listed twice (first on "
            "line 9)\n"
            "    help: list each key once: a key counts once toward the threshold\n"
            "  pinset.yaml:11:33: package-set.trust.keys[2].public-key: invalid public key "
            "\"rsa:AAAA\": it must start with \"ed25519:\"\n"
            "    help: write the key as `pinset set keygen` wrote it in KEY.pub\n"
            "  pinset.yaml:12:35: package-set.trust.keys[3].public-key: invalid public key "
            "\"ed25519:AAAA\": an Ed25519 public key is \"ed25519:\" and 44 characters of standard "
            "base64 (32 bytes)\n"
            "    help: write the key as `pinset set keygen` wrote it in KEY.pub\n"
            "  pinset.yaml:13:9: package-set.trust.keys[4].public-key: missing required field "
            "\"public-key\"\n"
            "    help: add the key as `pinset set keygen` wrote it in KEY.pub, e.g. public-key: "
            "\"ed25519:...\"");
}

TEST(ManifestTrust, ThresholdMustBeReachable) {
  EXPECT_EQ(error_of(parse("package-set:\n  url: s.yaml\n  trust:\n    threshold: 2\n"
                           "    keys: [{public-key: \"" +
                           k_key_a + "\"}]\n")),
            "out-of-range: pinset.yaml:6:16: package-set.trust.threshold: threshold 2 must be "
            "between 1 and the 1 keys listed\n"
            "  help: set how many of the listed keys must have signed the set");
  EXPECT_EQ(error_of(parse("package-set:\n  url: s.yaml\n  trust: {keys: []}\n")),
            "wrong-type: pinset.yaml:5:17: package-set.trust.keys: expected a non-empty list of "
            "keys, found a list\n"
            "  help: write it as trust: {threshold: 2, keys: [{name: alice, public-key: "
            "\"ed25519:...\"}, ...]}");
}

TEST(ManifestMirrors, RulesInOrder) {
  auto m = parse(
      "package-set: {url: s.yaml}\n"
      "mirrors:\n"
      "  - from: https://artifacts.example.com/\n"
      "    to: file:///srv/mirror/\n"
      "  - {from: http://old.example/, to: https://new.example/a/}\n");
  ASSERT_TRUE(m) << error_of(m);
  ASSERT_EQ(m->mirrors.size(), 2u);
  EXPECT_EQ(m->mirrors[0].from, "https://artifacts.example.com/");
  EXPECT_EQ(m->mirrors[0].to, "file:///srv/mirror/");
  EXPECT_EQ(m->mirrors[0].line, 5);
  EXPECT_EQ(m->mirrors[1].to, "https://new.example/a/");
}

TEST(ManifestMirrors, PrefixesMustBeAbsoluteUrls) {
  EXPECT_EQ(error_of(parse("package-set: {url: s.yaml}\n"
                           "mirrors:\n"
                           "  - {from: artifacts/, to: https://m.example/}\n"
                           "  - {from: https://a.example/}\n")),
            "invalid-manifest: pinset.yaml is not a valid manifest (2 errors)\n"
            "  pinset.yaml:5:12: mirrors[0].from: mirror prefix \"artifacts/\" must be an "
            "absolute https://, http:// or file:/// URL\n"
            "    help: write e.g. mirrors: [{from: https://artifacts.example.com/, to: "
            "https://mirror.internal/artifacts/}]\n"
            "  pinset.yaml:6:5: mirrors[1].to: missing required field \"to\"\n"
            "    help: add both prefixes, e.g. mirrors: [{from: https://artifacts.example.com/, "
            "to: https://mirror.internal/artifacts/}]");
}

TEST(ManifestOverlay, AddReplaceDrop) {
  auto m = parse(
      "package-set: {url: s.yaml}\n"
      "overlay:\n"
      "  - action: add\n"
      "    name: zlib\n"
      "    version: 1.3.1\n"
      "    checksum: " +
      k_sum +
      "\n"
      "    url: vendor/zlib-1.3.1.tgz\n"
      "    dependencies: {tinyzip: ^1.0.0, abc: '*'}\n"
      "    license: Zlib\n"
      "    size: 1234\n"
      "    strip-components: 1\n"
      "    reason: not in the set yet (SEC-12)\n"
      "    expires: 2027-01-31\n"
      "  - {action: replace, name: netlib, version: 1.4.1, checksum: " +
      k_sum +
      ", url: 'https://x.example/n.tgz', reason: patched}\n"
      "  - {action: drop, name: libfoo, version: 2.0.0, reason: CVE-2026-1}\n"
      "  - {action: drop, name: old, reason: unmaintained}\n");
  ASSERT_TRUE(m) << error_of(m);
  ASSERT_EQ(m->overlay.size(), 4u);
  const OverlayEntry& add = m->overlay[0];
  EXPECT_EQ(add.action, OverlayAction::add);
  EXPECT_EQ(add.name, "zlib");
  EXPECT_EQ(add.version->str(), "1.3.1");
  EXPECT_EQ(add.checksum->str(), k_sum);
  EXPECT_EQ(add.url, "vendor/zlib-1.3.1.tgz");
  ASSERT_EQ(add.dependencies.size(), 2u);
  EXPECT_EQ(add.dependencies[0].name, "abc");
  EXPECT_EQ(add.dependencies[1].range.text(), "^1.0.0");
  EXPECT_EQ(add.license, "Zlib");
  EXPECT_EQ(add.size, 1234u);
  EXPECT_EQ(add.strip_components, 1u);
  EXPECT_EQ(add.reason, "not in the set yet (SEC-12)");
  EXPECT_EQ(add.expires, "2027-01-31");
  EXPECT_EQ(add.line, 5);
  EXPECT_EQ(m->overlay[1].action, OverlayAction::replace);
  EXPECT_EQ(m->overlay[2].action, OverlayAction::drop);
  EXPECT_EQ(m->overlay[2].version->str(), "2.0.0");
  EXPECT_FALSE(m->overlay[3].version);
  EXPECT_FALSE(m->overlay[3].expires);
}

// Overlay versions and ranges are read in the manifest's versioning, like its dependencies.
TEST(ManifestOverlay, VersionsAndRangesFollowTheManifestsVersioning) {
  const std::string overlay =
      "package-set: {url: s.yaml}\n"
      "overlay:\n"
      "  - {action: add, name: tzdata, version: 2026c, checksum: " +
      k_sum +
      ", url: tz.tgz, dependencies: {zlib: '>=1.2.13.dfsg'}, "
      "reason: the fix is not in the set yet}\n";
  auto m = parse("versioning: debian\n" + overlay);
  ASSERT_TRUE(m) << error_of(m);
  ASSERT_EQ(m->overlay.size(), 1u);
  EXPECT_EQ(m->overlay[0].version->str(), "2026c");
  EXPECT_EQ(m->overlay[0].version->scheme(), semver::Scheme::debian);
  EXPECT_EQ(m->overlay[0].dependencies[0].range.text(), ">=1.2.13.dfsg");
  auto semver_manifest = parse(overlay);
  ASSERT_FALSE(semver_manifest);
  EXPECT_NE(error_of(semver_manifest).find("overlay[0].version: invalid version \"2026c\""),
            std::string::npos)
      << error_of(semver_manifest);
}

TEST(ManifestOverlay, EveryProblemIsNamed) {
  EXPECT_EQ(
      error_of(parse("package-set: {url: s.yaml}\n"
                     "overlay:\n"
                     "  - {action: pin, name: a, reason: x}\n"
                     "  - {action: add, name: _zlib, version: 1.3, checksum: sha256:ab, "
                     "url: 'ftp://x/y', reason: x}\n"
                     "  - {action: drop, name: b, url: 'https://x/y'}\n"
                     "  - {action: replace, name: c, checksum: " +
                     k_sum + ", url: c.tgz, reason: x, expires: 2027-02-30}\n")),
      "invalid-manifest: pinset.yaml is not a valid manifest (9 errors)\n"
      "  pinset.yaml:5:14: overlay[0].action: unknown overlay action \"pin\"; the actions "
      "are: add, replace, drop\n"
      "    help: add: a version the set lacks; replace: the set's entries of a package; "
      "drop: a version or a whole package\n"
      "  pinset.yaml:6:25: overlay[1].name: invalid package name \"_zlib\": it must start "
      "with a letter or digit\n"
      "    help: package names are letters, digits, '.', '_' and '-' in at most 16 '/'-separated "
      "segments, each starting with a letter or digit (the first may start with '@'), and at "
      "most 214 characters\n"
      "  pinset.yaml:6:41: overlay[1].version: invalid version \"1.3\": expected "
      "MAJOR.MINOR.PATCH\n"
      "    help: write MAJOR.MINOR.PATCH with optional -prerelease and +build parts, e.g. "
      "\"1.2.3\" or \"2.0.0-rc.1\"\n"
      "  pinset.yaml:6:56: overlay[1].checksum: invalid checksum \"sha256:ab\": sha256 takes "
      "64 hex digits, found 2\n"
      "    help: write it as sha256:<64 lowercase hex digits>, sha512:<128 lowercase hex "
      "digits>, or the SRI form sha256-<base64> / sha512-<base64>\n"
      "  pinset.yaml:6:72: overlay[1].url: invalid url \"ftp://x/y\": the scheme \"ftp\" is "
      "not supported (http, https, file)\n"
      "    help: write an https://, http:// or file:// URL, or a path relative to the set "
      "such as artifacts/netlib-1.4.0.tar.gz\n"
      "  pinset.yaml:7:5: overlay[2].reason: missing required field \"reason\"\n"
      "    help: say why the project departs from its set, e.g. reason: \"CVE-2026-1234 "
      "fixed upstream, not yet in the set (SEC-77)\"\n"
      "  pinset.yaml:7:34: overlay[2].url: field \"url\" is not allowed with action drop, "
      "which only removes entries\n"
      "    help: remove it, or use action: replace to change the package's entries\n"
      "  pinset.yaml:8:5: overlay[3].version: missing required field \"version\"\n"
      "    help: add the exact version, e.g. version: 1.3.1\n"
      "  pinset.yaml:8:147: overlay[3].expires: invalid date \"2027-02-30\": there is no day "
      "30 in February 2027 (it has 28 days)\n"
      "    help: write the date as YYYY-MM-DD, e.g. 2026-10-02");
}

TEST(ManifestSections, JsonHasTheSameSchema) {
  auto m = parse_manifest(
      "{\"name\": \"app\", \"dependencies\": {},\n"
      " \"package-set\": {\"url\": \"s.json\", \"expiry-warning-days\": 7,\n"
      "   \"trust\": {\"keys\": [{\"public-key\": \"" +
          k_key_a +
          "\"}]}},\n"
          " \"mirrors\": [{\"from\": \"https://a.example/\", \"to\": \"file:///srv/m/\"}],\n"
          " \"overlay\": [{\"action\": \"drop\", \"name\": \"zlib\", \"reason\": \"r\",\n"
          "   \"expires\": \"2027-01-01\"}]}\n",
      "pinset.json", doc::Format::json);
  ASSERT_TRUE(m) << error_of(m);
  EXPECT_EQ(m->expiry_warning_days, 7);
  ASSERT_TRUE(m->trust);
  EXPECT_EQ(m->trust->threshold, 1);
  EXPECT_EQ(m->trust->keys[0].line, 3);
  ASSERT_EQ(m->mirrors.size(), 1u);
  EXPECT_EQ(m->mirrors[0].to, "file:///srv/m/");
  ASSERT_EQ(m->overlay.size(), 1u);
  EXPECT_EQ(m->overlay[0].line, 5);
  EXPECT_EQ(m->overlay[0].expires, "2027-01-01");
  // A JSON string is not a number.
  EXPECT_EQ(error_of(parse_manifest("{\"name\": \"app\", \"dependencies\": {},\n"
                                    " \"package-set\": {\"url\": \"s.json\", "
                                    "\"expiry-warning-days\": \"7\"}}\n",
                                    "pinset.json", doc::Format::json)),
            "wrong-type: pinset.json:2:58: package-set.expiry-warning-days: expected an unsigned "
            "integer, found a string \"7\"");
}

// An overlay entry's fields are read by the rules of a set entry's (detail/set_rules.hpp): its
// dependencies give the errors a set gives for the same text, at the same places.
TEST(ManifestOverlay, DependenciesFollowTheSetsRules) {
  const std::vector<std::string> dependencies = {
      "[a]", "null", "{../evil: '*', libfoo: ^2.x.y, b: [1], c: '', ok: ^1.0.0}"};
  std::string overlay = "package-set: {url: s.yaml}\noverlay:\n";
  std::string set = "format: 1\nname: s\nserial: 1\npackages:\n  z:\n";
  for (std::size_t i = 0; i < dependencies.size(); ++i) {
    std::string version = std::to_string(i + 1) + ".0.0";
    overlay += "  - {action: add, name: z, version: " + version + ", checksum: " + k_sum +
               ", url: z.tgz, reason: r, dependencies: " + dependencies[i] + "}\n";
    set += "    - {version: " + version + ", checksum: " + k_sum +
           ", url: z.tgz, dependencies: " + dependencies[i] + "}\n";
  }
  auto m = parse(overlay);
  auto s = parse_package_set(set, "set.yaml", doc::Format::yaml);
  ASSERT_FALSE(m);
  ASSERT_FALSE(s);
  const std::vector<Error>& from_overlay = m.error().causes;
  const std::vector<Error>& from_set = s.error().causes;
  ASSERT_EQ(from_overlay.size(), 6u) << error_of(m);
  ASSERT_EQ(from_set.size(), from_overlay.size()) << error_of(s);
  // The field path after the entry: "dependencies", "dependencies.libfoo".
  auto in_entry = [](const std::string& field) { return field.substr(field.find("].") + 2); };
  for (std::size_t i = 0; i < from_set.size(); ++i) {
    const Error& o = from_overlay[i];
    const Error& e = from_set[i];
    EXPECT_EQ(o.code, e.code) << i;
    EXPECT_EQ(o.message, e.message) << i;
    EXPECT_EQ(o.hint, e.hint) << i;
    EXPECT_EQ(in_entry(o.where.field), in_entry(e.where.field)) << i;
    EXPECT_EQ(o.where.line + 1, e.where.line) << i;  // the set's entries start a line later
  }
  EXPECT_EQ(from_overlay[0].headline(),
            "pinset.yaml:5:164: overlay[0].dependencies: expected a mapping, found a list");
  EXPECT_EQ(from_overlay[2].headline(),
            "pinset.yaml:7:165: overlay[2].dependencies: invalid package name \"../evil\": it "
            "contains the path component \"..\"");
}

}  // namespace
}  // namespace pinset::model
