// End-to-end: hostile metadata through `pinset install`: a package set, manifest or lock that is
// malformed, deeply nested, huge, or names hostile checksums, names and URLs. Each case starts from
// an installed project, replaces one file, and expects exit 2 with the exact error naming the
// place, the previous install and lock byte-identical, and nothing new in the project folder.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <functional>
#include <string>

#include "core/crypto/digest.hpp"
#include "core/model/package_set.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

const std::string k_sum = "sha256:" + std::string(64, 'a');

// A set whose one package, libfoo 2.1.0, has the entry text `entry` (indented under the list).
std::string set_with(const std::string& entry) {
  return "format: 1\nname: testset\nserial: 2\npackages:\n  libfoo:\n    - " + entry;
}

std::string nested(std::size_t depth, const std::string& open, const std::string& close) {
  std::string out;
  out.reserve(depth * (open.size() + close.size()));
  for (std::size_t i = 0; i < depth; ++i)
    out += open;
  for (std::size_t i = 0; i < depth; ++i)
    out += close;
  return out;
}

struct MetadataCase {
  const char* name;
  const char* file;  // relative to the project root
  std::function<std::string()> content;
  std::string error;              // the whole of stderr, with the project root written as <root>
  std::uint64_t sparse_size = 0;  // when set, the file is made this big with a hole instead
};

void PrintTo(const MetadataCase& c, std::ostream* os) {
  *os << c.name;
}

const MetadataCase k_cases[] = {
    {"SetInvalidYaml", "set/set.yaml", [] { return "format: 1\npackages: [unclosed\n"; },
     "error: ../set/set.yaml:3:1: invalid YAML: did not find expected ',' or ']' (while parsing a "
     "flow sequence at line 2, column 11)\n"
     "  help: fix the YAML syntax here (a value that holds \": \" or starts with a special "
     "character needs quotes)\n"},
    {"SetDuplicateKey", "set/set.yaml",
     [] { return "format: 1\nname: a\nname: b\nserial: 1\npackages: {}\n"; },
     "error: ../set/set.yaml:3:1: name: duplicate key \"name\" (first at line 2)\n"
     "  help: remove one of the two entries\n"},
    {"SetWrongTypes", "set/set.yaml",
     [] { return "format: 1\nname: [a]\nserial: \"42\"\npackages: {libfoo: 3}\n"; },
     "error: ../set/set.yaml is not a valid package set (3 errors)\n"
     "  ../set/set.yaml:2:7: name: expected a string, found a list\n"
     "  ../set/set.yaml:3:9: serial: expected an unsigned integer, found a string \"42\"\n"
     "  ../set/set.yaml:4:20: packages.libfoo: expected a list of entries, found a number 3\n"},
    {"SetNestedHundredThousandDeep", "set/set.yaml",
     [] { return "format: 1\npackages: " + nested(100'000, "[", "]") + "\n"; },
     "error: ../set/set.yaml:2:74: lists and mappings nest more than 64 levels deep\n"
     "  help: pinset documents are never this deep; check that this is the right file\n"},
    {"SetNestedHundredThousandDeepBlock", "set/set.yaml",
     [] {
       std::string text = "format: 1\npackages:\n";
       for (int i = 0; i < 100'000; ++i)
         text += "- ";
       return text + "x\n";
     },
     "error: ../set/set.yaml:3:127: lists and mappings nest more than 64 levels deep\n"
     "  help: pinset documents are never this deep; check that this is the right file\n"},
    {"SetOneGigabyte", "set/set.yaml", [] { return std::string(); },
     "error: pinset.yaml:3: package-set.url: cannot read the package set: ../set/set.yaml is "
     "larger than the limit of 268435456 bytes\n"
     "  help: check that this is the file you meant\n",
     1ull << 30},
    {"ChecksumWrongLength", "set/set.yaml",
     [] { return set_with("version: 2.1.0\n      checksum: sha256:abc\n      url: a.tgz\n"); },
     "error: ../set/set.yaml:7:17: packages.libfoo[0].checksum: invalid checksum \"sha256:abc\": "
     "sha256 takes 64 hex digits, found 3\n"
     "  help: write it as sha256:<64 lowercase hex digits>, sha512:<128 lowercase hex digits>, or "
     "the SRI form sha256-<base64> / sha512-<base64>\n"},
    {"ChecksumWrongAlphabet", "set/set.yaml",
     [] {
       return set_with("version: 2.1.0\n      checksum: sha256:" + std::string(64, 'z') +
                       "\n      url: a.tgz\n");
     },
     "error: ../set/set.yaml:7:17: packages.libfoo[0].checksum: invalid checksum "
     "\"sha256:zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\": not a hex "
     "digit: \"z\"\n"
     "  help: write it as sha256:<64 lowercase hex digits>, sha512:<128 lowercase hex digits>, or "
     "the SRI form sha256-<base64> / sha512-<base64>\n"},
    {"ChecksumUnknownAlgorithm", "set/set.yaml",
     [] {
       return set_with("version: 2.1.0\n      checksum: md5:" + std::string(32, 'a') +
                       "\n      url: a.tgz\n");
     },
     "error: ../set/set.yaml:7:17: packages.libfoo[0].checksum: invalid checksum "
     "\"md5:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": unknown algorithm \"md5\" (supported: sha256, "
     "sha512)\n"
     "  help: write it as sha256:<64 lowercase hex digits>, sha512:<128 lowercase hex digits>, or "
     "the SRI form sha256-<base64> / sha512-<base64>\n"},
    {"NameWithSeparator", "set/set.yaml",
     [] {
       return "format: 1\nname: t\nserial: 1\npackages:\n  ../../etc:\n    - version: 1.0.0\n"
              "      checksum: " +
              k_sum +
              "\n      url: a.tgz\n  a/./b:\n    - version: 1.0.0\n      checksum: " + k_sum +
              "\n      url: a.tgz\n      dependencies: {\"..\": \"*\"}\n";
     },
     "error: ../set/set.yaml is not a valid package set (3 errors)\n"
     "  ../set/set.yaml:5:3: packages: invalid package name \"../../etc\": it contains the path "
     "component \"..\"\n"
     "    help: package names are letters, digits, '.', '_' and '-' in at most 16 '/'-separated "
     "segments, each starting with a letter or digit (the first may start with '@'), and at "
     "most 214 characters\n"
     "  ../set/set.yaml:9:3: packages: invalid package name \"a/./b\": it contains the path "
     "component \".\"\n"
     "    help: package names are letters, digits, '.', '_' and '-' in at most 16 '/'-separated "
     "segments, each starting with a letter or digit (the first may start with '@'), and at "
     "most 214 characters\n"
     "  ../set/set.yaml:13:22: packages.a/./b[0].dependencies: invalid package name \"..\": it is "
     "a "
     "path component\n"
     "    help: package names are letters, digits, '.', '_' and '-' in at most 16 '/'-separated "
     "segments, each starting with a letter or digit (the first may start with '@'), and at "
     "most 214 characters\n"},
    {"UrlSchemes", "set/set.yaml",
     [] {
       std::string text = "format: 1\nname: t\nserial: 1\npackages:\n  libfoo:\n";
       int minor = 0;
       for (const char* url :
            {"ftp://example.com/a.tgz", "javascript:alert(1)", "data:application/gzip;base64,AAAA",
             "//evil.example/a.tgz", "file:/etc/passwd", "https:///nohost.tgz"}) {
         text += "    - version: 1." + std::to_string(minor++) + ".0\n      checksum: " + k_sum +
                 "\n      url: \"" + url + "\"\n";
       }
       return text;
     },
     "error: ../set/set.yaml is not a valid package set (6 errors)\n"
     "  ../set/set.yaml:8:12: packages.libfoo[0].url: invalid url \"ftp://example.com/a.tgz\": the "
     "scheme \"ftp\" is not supported (http, https, file)\n"
     "    help: write an https://, http:// or file:// URL, or a path relative to the set such as "
     "artifacts/netlib-1.4.0.tar.gz\n"
     "  ../set/set.yaml:11:12: packages.libfoo[1].url: invalid url \"javascript:alert(1)\": the "
     "scheme \"javascript\" is not supported (http, https, file)\n"
     "    help: write an https://, http:// or file:// URL, or a path relative to the set such as "
     "artifacts/netlib-1.4.0.tar.gz\n"
     "  ../set/set.yaml:14:12: packages.libfoo[2].url: invalid url "
     "\"data:application/gzip;base64,AAAA\": the scheme \"data\" is not supported (http, https, "
     "file)\n"
     "    help: write an https://, http:// or file:// URL, or a path relative to the set such as "
     "artifacts/netlib-1.4.0.tar.gz\n"
     "  ../set/set.yaml:17:12: packages.libfoo[3].url: invalid url \"//evil.example/a.tgz\": it "
     "starts with \"//\" but has no scheme\n"
     "    help: write an https://, http:// or file:// URL, or a path relative to the set such as "
     "artifacts/netlib-1.4.0.tar.gz\n"
     "  ../set/set.yaml:20:12: packages.libfoo[4].url: invalid url \"file:/etc/passwd\": it needs "
     "\"//\" after \"file:\"\n"
     "    help: write an https://, http:// or file:// URL, or a path relative to the set such as "
     "artifacts/netlib-1.4.0.tar.gz\n"
     "  ../set/set.yaml:23:12: packages.libfoo[5].url: invalid url \"https:///nohost.tgz\": it has "
     "no host\n"
     "    help: write an https://, http:// or file:// URL, or a path relative to the set such as "
     "artifacts/netlib-1.4.0.tar.gz\n"},
    {"SetJsonInvalid", "set/set.json", [] { return "{\"format\": 1, \"packages\": {\"a\": [}"; },
     "error: ../set/set.json:1:34: invalid JSON: syntax error while parsing value - unexpected "
     "'}'; expected '[', '{', or a literal\n"},
    {"SetJsonDeep", "set/set.json",
     [] { return "{\"format\": 1, \"packages\": " + nested(100'000, "[", "]") + "}"; },
     "error: ../set/set.json is not a valid package set (3 errors)\n"
     "  ../set/set.json:1:1: name: missing required field \"name\"\n"
     "    help: a package set needs format, name, serial and packages\n"
     "  ../set/set.json:1:1: serial: missing required field \"serial\"\n"
     "    help: a package set needs format, name, serial and packages\n"
     "  ../set/set.json:1:27: packages: expected a mapping, found a list\n"},
    {"ManifestInvalidYaml", "app/pinset.yaml", [] { return "name: app\ndependencies: {a: }}\n"; },
     "error: pinset.yaml:2:20: invalid YAML: did not find expected key (while parsing a block "
     "mapping at line 1, column 1)\n"
     "  help: fix the YAML syntax here (a value that holds \": \" or starts with a special "
     "character needs quotes)\n"},
    {"ManifestDeep", "app/pinset.yaml",
     [] { return "name: app\ndependencies: " + nested(100'000, "{a: ", "}") + "\n"; },
     "error: pinset.yaml:2:267: lists and mappings nest more than 64 levels deep\n"
     "  help: pinset documents are never this deep; check that this is the right file\n"},
    {"ManifestOneGigabyte", "app/pinset.yaml", [] { return std::string(); },
     "error: pinset.yaml: pinset.yaml is larger than the limit of 4194304 bytes\n"
     "  help: check that this is the file you meant\n",
     1ull << 30},
    {"ManifestHostileName", "app/pinset.yaml",
     [] {
       return "name: app\npackage-set:\n  url: ../set/set.yaml\ndependencies:\n  ../libfoo: "
              "^2.1.0\n";
     },
     "error: pinset.yaml:5:3: dependencies.../libfoo: invalid package name \"../libfoo\": it "
     "contains the path component \"..\"\n"
     "  help: package names are letters, digits, '.', '_' and '-' in at most 16 '/'-separated "
     "segments, each starting with a letter or digit (the first may start with '@'), and at "
     "most 214 characters\n"},
    {"LockDeep", "app/pinset.lock", [] { return nested(100'000, "[", "]"); },
     "error: pinset.lock:1:65: lists and mappings nest more than 64 levels deep\n"
     "  help: pinset documents are never this deep; check that this is the right file\n"},
    {"LockOneGigabyte", "app/pinset.lock", [] { return std::string(); },
     "error: pinset.lock: pinset.lock is larger than the limit of 268435456 bytes\n"
     "  help: check that this is the file you meant\n",
     1ull << 30},
};

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

class HostileMetadata : public ::testing::TestWithParam<MetadataCase> {
 protected:
  ProcessResult pinset(std::vector<std::string> args) {
    return run_pinset(args, project.app(), {{"PINSET_CACHE_DIR", cache.path()}});
  }

  TestProject project;
  TempDir cache;
};

TEST_P(HostileMetadata, IsRefusedNamingThePlace) {
  const MetadataCase& c = GetParam();
  project.add({"libfoo", "2.1.0", {{"foo.h", "#define FOO 1\n"}}});
  project.write({{"libfoo", "^2.1.0"}});
  auto first = pinset({"install"});
  ASSERT_EQ(first.exit_code, 0) << first.err;

  const std::string path = project.root() + "/" + c.file;
  if (c.sparse_size > 0) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::ftruncate(fd, static_cast<off_t>(c.sparse_size)), 0);
    ::close(fd);
  } else {
    project.dir().write(c.file, c.content());
  }
  if (std::string(c.file) == "set/set.json") {
    project.dir().write("app/pinset.yaml",
                        "name: testapp\npackage-set:\n  url: ../set/set.json\ndependencies:\n"
                        "  libfoo: ^2.1.0\n");
  }
  const auto installed = snapshot(project.app() + "/pinset_packages");
  // Reading every file of the project is fine, but not the 1 GB one.
  const bool huge = c.sparse_size > 0;
  const std::string lock = huge ? "" : read_file(project.app() + "/pinset.lock");
  const auto app = huge ? decltype(snapshot("")){} : snapshot(project.app());

  auto r = pinset({"install"});
  EXPECT_EQ(replace_all(r.err, project.root(), "<root>"), c.error);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(snapshot(project.app() + "/pinset_packages"), installed);
  if (!huge) {
    EXPECT_EQ(read_file(project.app() + "/pinset.lock"), lock);
    EXPECT_EQ(snapshot(project.app()), app);
  }
}

INSTANTIATE_TEST_SUITE_P(Metadata, HostileMetadata, ::testing::ValuesIn(k_cases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

// Found by the set_json fuzz target: this set has field errors and then a JSON syntax error at
// 1:312 (`"checksum":"..." :"a@b"`). Read on one thread, the report used to list the 5 field
// errors and never say the JSON is broken, although the missing "url" is a consequence of it;
// split between two threads (as large sets are), or through doc::load_json, it said "invalid
// JSON: syntax error ... at 1:312". The same document must give the same report whatever the
// thread count.
TEST(HostileMetadataFuzzFinding, JsonSyntaxErrorAfterFieldErrorsIsReportedOnOneThreadToo) {
  const std::string text =
      R"({"format":1,"name":"x","serial":1,"packages":{"a":[{"version":"0.0.0","checksum":"sha256-zlmO8YOI4a8'NVL7FKdDKiGupmaMbEPovpDtaOFNtP94=","url":"a.tgz","dependencies":{"b":"^0"}}],"b":[{"versilicenseon":"1.0.0","checksum":"sha256:5e8503471cf96439483880a1ac4d9f5c303a74f0d5753006a705c303a74f0d5753006a70c440e68066":"a@b","on":"2026-01-02"}}]}})";
  model::SetParseOptions one;
  one.threads = 1;
  model::SetParseOptions two;
  two.threads = 2;
  auto on_one = model::parse_package_set(text, "set.json", doc::Format::json, one);
  auto on_two = model::parse_package_set(text, "set.json", doc::Format::json, two);
  ASSERT_FALSE(on_one);
  ASSERT_FALSE(on_two);
  EXPECT_EQ(on_one.error().render(), on_two.error().render());
  EXPECT_NE(on_one.error().render().find("set.json:1:312: invalid JSON"), std::string::npos)
      << on_one.error().render();
}

// Found by the set_json fuzz target: line 11 is `"url": "artif!cts/netlib---...cies": {`, a
// string value followed by ':', which is not JSON (doc::load_json: "11:77: invalid JSON: syntax
// error while parsing object - unexpected ':'; expected '}'"). The simdjson fast path used to
// accept it (one thread and two): a value read from its raw token was never consumed, and
// simdjson skips an unconsumed value by counting brackets only. A set that one JSON parser reads
// and another refuses is a parser differential an attacker could use against tools that check
// sets with another parser.
TEST(HostileMetadataFuzzFinding, InvalidJsonSetIsRefusedByTheFastPath) {
  const std::string text =
      R"({
  "format": 1,
  "name": "acme-core",
  "serial": 42,
  "expires": "2027-06-30T00:00:00Z",
  "packages": {
    "netlib": [
      {
        "version": "1.4.0",
        "checksum": "sha256:5e8503471cf96439483880a1ac4d9f5c303a74f0d5753006a70c440e68066e4f",
        "url": "artif!cts/netlib---------------------------------------cies": {
          "zlib": "^1.3.0",
          "libfoo": "^2.1.0"
        },
        "license": "MIT OR Apache-2.0",
        "st-lib": "*"
        }
      }
    ]
  }
}
)";
  for (unsigned threads : {1u, 2u}) {
    model::SetParseOptions options;
    options.threads = threads;
    auto set = model::parse_package_set(text, "set.json", doc::Format::json, options);
    ASSERT_FALSE(set) << "accepted on " << threads << " thread(s)";
    EXPECT_NE(set.error().render().find("set.json:11:77: invalid JSON"), std::string::npos)
        << set.error().render();
  }
}

}  // namespace
}  // namespace pinset::test
