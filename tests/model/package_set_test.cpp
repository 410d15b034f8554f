// parse_package_set on good sets: both formats, every field, the model they build.
#include <gtest/gtest.h>

#include "core/model/package_set.hpp"
#include "tests/support/process.hpp"

namespace pinset::model {
namespace {

// Every field of the model as text, one line per package, entry and dependency (not Entry::line,
// which differs between formats).
std::string dump(const PackageSet& set) {
  std::string out = "format " + std::to_string(set.format) + ", name " + set.name + ", serial " +
                    std::to_string(set.serial) + ", expires " + set.expires.value_or("-") + "\n";
  for (const Package& p : set.packages()) {
    out += std::string(set.name_of(p.name)) + "\n";
    for (const Entry& e : p.entries) {
      out += "  " + e.version.str() + " " + e.checksum.short_str() + " " + e.url;
      if (!e.license.empty()) out += " license=" + e.license;
      if (e.size) out += " size=" + std::to_string(*e.size);
      if (e.strip_components) out += " strip=" + std::to_string(e.strip_components);
      for (const Vetting& v : e.vetted())
        out += " vetted=" + v.by + "/" + v.on + "/" + v.criteria + "/" + v.ticket;
      if (!e.published_at().empty()) out += " published-at=" + e.published_at();
      if (!e.publisher().empty()) out += " publisher=" + e.publisher();
      out += "\n";
      for (const DependencyRef& d : e.dependencies) {
        out += "    " + std::string(set.name_of(d.name)) + " " + set.range(d.range).text() + "\n";
      }
    }
  }
  return out;
}

std::string fixture_text(const std::string& name) {
  return test::read_file(test::data_dir() + "/sets/" + name);
}

PackageSet load_fixture(const std::string& name) {
  auto set = parse_package_set(fixture_text(name), "sets/" + name, doc::format_for(name));
  EXPECT_TRUE(set) << set.error().render();
  return set ? std::move(*set) : PackageSet{};
}

TEST(PackageSetParse, YamlAndJsonBuildTheSameModel) {
  PackageSet yaml = load_fixture("good.yaml");
  PackageSet json = load_fixture("good.json");
  EXPECT_EQ(dump(yaml), dump(json));
  EXPECT_EQ(dump(yaml),
            "format 1, name acme-core, serial 42, expires 2027-06-30T00:00:00Z\n"
            "libfoo\n"
            "  2.1.0 sha256:b2aef523 file:///srv/artifacts/libfoo-2.1.0.tgz license=BSD-3-Clause\n"
            "  2.2.0-rc.1+build.5 sha256:a7a80b69 artifacts/libfoo-2.2.0-rc.1.tgz "
            "vetted=bob@example.com/2024-02-29//\n"
            "netlib\n"
            "  1.4.0 sha256:5e850347 artifacts/netlib-1.4.0.tgz license=MIT OR Apache-2.0 "
            "size=48213 strip=1 vetted=alice@example.com/2026-10-02/safe-to-deploy/SEC-1234\n"
            "    libfoo ^2.1.0\n"
            "    zlib ^1.3.0\n"
            "  1.3.2 sha512:f0d68312 https://mirror.example.com/netlib/netlib-1.3.2.tgz?mirror=1\n"
            "    libfoo ^2.1.0\n"
            "zlib\n"
            "  1.3.0 sha256:b9421008 ../shared/zlib-1.3.0.tgz\n"
            "    ghost-lib *\n");
}

TEST(PackageSetParse, RecordsEntryLinesInBothFormats) {
  auto lines = [](const PackageSet& set) {
    std::vector<int> out;
    for (const Package& p : set.packages()) {
      for (const Entry& e : p.entries)
        out.push_back(e.line);
    }
    return out;
  };
  // Packages are in name order (libfoo, netlib, zlib), entries in document order.
  EXPECT_EQ(lines(load_fixture("good.yaml")), (std::vector<int>{28, 32, 8, 22, 39}));
  EXPECT_EQ(lines(load_fixture("good.json")), (std::vector<int>{36, 42, 8, 26, 53}));
}

TEST(PackageSetParse, InternsNamesAndRanges) {
  PackageSet set = load_fixture("good.json");
  // Members and dependency targets all have ids; a target outside the set is no member.
  EXPECT_EQ(set.name_count(), 4u);
  ASSERT_TRUE(set.id_of("ghost-lib"));
  EXPECT_EQ(set.find("ghost-lib"), nullptr);
  // "^2.1.0" is written twice but parsed and stored once.
  EXPECT_EQ(set.range_count(), 3u);
  const Package* netlib = set.find("netlib");
  ASSERT_NE(netlib, nullptr);
  ASSERT_EQ(netlib->entries.size(), 2u);
  EXPECT_EQ(netlib->entries[0].dependencies[0].range, netlib->entries[1].dependencies[0].range);
  const semver::Range& caret = set.range(netlib->entries[0].dependencies[0].range);
  EXPECT_TRUE(caret.satisfies(semver::Version(2, 9, 0)));
  EXPECT_FALSE(caret.satisfies(semver::Version(3, 0, 0)));
}

TEST(PackageSetParse, ChecksumsInEitherFormAreTheSameValue) {
  PackageSet set = load_fixture("good.yaml");
  const Entry& e = set.find("netlib")->entries[1];
  EXPECT_EQ(e.checksum.algo(), DigestAlgo::sha512);
  EXPECT_EQ(e.checksum.hex().substr(0, 8), "f0d68312");
}

TEST(PackageSetParse, ResolvesArtifactUrlsAgainstTheSet) {
  PackageSet set = load_fixture("good.yaml");
  EXPECT_EQ(set.artifact_url(set.find("netlib")->entries[0]), "sets/artifacts/netlib-1.4.0.tgz");
  EXPECT_EQ(set.artifact_url(set.find("zlib")->entries[0]), "shared/zlib-1.3.0.tgz");
  EXPECT_EQ(set.artifact_url(set.find("libfoo")->entries[0]),
            "file:///srv/artifacts/libfoo-2.1.0.tgz");
}

TEST(PackageSetParse, EmptyPackagesMapIsAValidSet) {
  for (auto [text, format] :
       {std::pair{"format: 1\nname: empty\nserial: 0\npackages: {}\n", doc::Format::yaml},
        std::pair{R"({"format":1,"name":"empty","serial":0,"packages":{}})", doc::Format::json}}) {
    auto set = parse_package_set(text, "empty", format);
    ASSERT_TRUE(set) << set.error().render();
    EXPECT_TRUE(set->packages().empty());
    EXPECT_EQ(set->name, "empty");
    EXPECT_EQ(set->serial, 0u);
    EXPECT_FALSE(set->expires);
  }
}

TEST(PackageSetParse, JsonEscapesAreDecoded) {
  const char* plain =
      R"({"format":1,"name":"acme","serial":1,"packages":{"abc":[{"version":"1.0.0",)"
      R"("checksum":"sha256:0000000000000000000000000000000000000000000000000000000000000000",)"
      R"("url":"a/b.tgz","dependencies":{"dep":"^1.0.0"}}]}})";
  const char* escaped =
      R"({"form\u0061t":1,"name":"acme","serial":1,"packages":{"\u0061bc":[{"version":"1.0.0",)"
      R"("checksum":"sha256:0000000000000000000000000000000000000000000000000000000000000000",)"
      R"("url":"a\/b.tgz","dependencies":{"d\u0065p":"^1.0\u002e0"}}]}})";
  auto a = parse_package_set(plain, "a.json", doc::Format::json);
  auto b = parse_package_set(escaped, "b.json", doc::Format::json);
  ASSERT_TRUE(a) << a.error().render();
  ASSERT_TRUE(b) << b.error().render();
  EXPECT_EQ(dump(*a), dump(*b));
}

TEST(PackageSetParse, JsonParsesInPlaceWhenTheBufferHasPadding) {
  std::string text = fixture_text("good.json");
  std::size_t size = text.size();
  text.resize(size + k_json_padding, '\0');
  std::string_view view(text.data(), size);
  SetParseOptions options;
  options.capacity = text.size();
  auto in_place = parse_package_set(view, "good.json", doc::Format::json, options);
  ASSERT_TRUE(in_place) << in_place.error().render();
  EXPECT_EQ(dump(*in_place), dump(load_fixture("good.json")));
}

TEST(PackageSetParse, RefusesSetsOverTheSizeLimitBeforeParsing) {
  SetParseOptions options;
  options.max_bytes = 16;
  for (auto format : {doc::Format::yaml, doc::Format::json}) {
    auto set = parse_package_set("format: 1\nname: acme\n", "big.yaml", format, options);
    ASSERT_FALSE(set);
    EXPECT_EQ(set.error().code, "too-large");
    EXPECT_EQ(set.error().render(),
              "big.yaml: the package set is 21 bytes, more than the limit of 16 bytes\n"
              "  help: check that this is the set you meant to load; a set this large needs a "
              "higher limit");
  }
  EXPECT_EQ(k_max_set_bytes, std::size_t{256} << 20);
}

TEST(PackageSetParse, ReadsUnsignedIntegersUpToTheirLimits) {
  std::string text =
      "{\"format\":1,\"name\":\"n\",\"serial\":18446744073709551615,\"packages\":{\"a\":[{"
      "\"version\":\"1.0.0\",\"checksum\":\"sha256:" +
      std::string(64, 'f') + "\",\"url\":\"a.tgz\",\"size\":0,\"strip-components\":64}]}}";
  auto set = parse_package_set(text, "n.json", doc::Format::json);
  ASSERT_TRUE(set) << set.error().render();
  EXPECT_EQ(set->serial, UINT64_MAX);
  EXPECT_EQ(set->find("a")->entries[0].size, 0u);
  EXPECT_EQ(set->find("a")->entries[0].strip_components, 64u);  // detail::k_max_strip_components
}

TEST(PackageSetParse, PlainScalarsReadAsTextInBothFormats) {
  // doc::Reader's typing, in both paths: a plain number or boolean where a string is expected is
  // taken as written.
  std::string sum = "sha256:" + std::string(64, '1');
  auto yaml = parse_package_set(
      "format: 1\nname: true\nserial: 1\npackages:\n  a:\n"
      "    - version: 1.0.0\n      checksum: " +
          sum + "\n      url: a.tgz\n      license: 1234\n",
      "s.yaml", doc::Format::yaml);
  auto json = parse_package_set(R"({"format": 1, "name": true, "serial": 1, "packages": {"a": [)"
                                R"({"version": "1.0.0", "checksum": ")" +
                                    sum + R"(", "url": "a.tgz", "license": 1234}]}})",
                                "s.json", doc::Format::json);
  ASSERT_TRUE(yaml) << yaml.error().render();
  ASSERT_TRUE(json) << json.error().render();
  EXPECT_EQ(yaml->name, "true");
  EXPECT_EQ(json->name, "true");
  EXPECT_EQ(yaml->find("a")->entries[0].license, "1234");
  EXPECT_EQ(json->find("a")->entries[0].license, "1234");
}

TEST(PackageSetParse, SortsDependenciesByNameText) {
  std::string sum = "sha256:" + std::string(64, '1');
  std::string text =
      "format: 1\nname: n\nserial: 1\npackages:\n  app:\n    - version: 1.0.0\n"
      "      checksum: " +
      sum +
      "\n      url: app.tgz\n      dependencies:\n        zeta: '*'\n"
      "        alpha: '>=1'\n        mid.dle: ~1.2\n        mid-dle: 1.x\n";
  auto set = parse_package_set(text, "s.yaml", doc::Format::yaml);
  ASSERT_TRUE(set) << set.error().render();
  std::vector<std::string> names;
  for (const DependencyRef& d : set->find("app")->entries[0].dependencies) {
    names.emplace_back(set->name_of(d.name));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"alpha", "mid-dle", "mid.dle", "zeta"}));
}

// A JSON set of `count` packages of two versions each, with dependencies on earlier packages and,
// at `bad`, an entry with a bad checksum (no error when bad < 0); `tail` goes after "packages".
std::string json_set(int count, int bad = -1, const std::string& tail = "") {
  std::string out = "{\"format\": 1, \"name\": \"gen\", \"packages\": {\n";
  for (int i = 0; i < count; ++i) {
    std::string name = "pkg-" + std::to_string(i);
    out += "  \"" + name + "\": [";
    for (int v = 0; v < 2; ++v) {
      std::string version = "1." + std::to_string(v) + "." + std::to_string(i % 7);
      out +=
          std::string(v ? ", " : "") + "{\"version\": \"" + version + "\", \"checksum\": \"" +
          (i == bad && v == 1 ? std::string("sha256:bad") : "sha256:" + std::string(64, 'a' + v)) +
          "\",\n    \"url\": \"artifacts/" + name + "-" + version + ".tgz\"";
      if (i > 1) {
        out += ", \"dependencies\": {\"pkg-" + std::to_string(i / 3) + "\": \"^1.0.0\", \"pkg-" +
               std::to_string(i - 1) + "\": \"~1." + std::to_string(v) + ".0\"}";
      }
      out += "}";
    }
    out += std::string("]") + (i + 1 < count ? "," : "") + "\n";
  }
  return out + "}, \"serial\": 9" + tail + "}\n";
}

// Parses with one thread and with two (which splits when the text allows it) and expects the same
// outcome: the same model, entry lines included, or the same error.
std::string both_ways(const std::string& text) {
  std::string outcome[2];
  for (unsigned threads : {1u, 2u}) {
    SetParseOptions options;
    options.threads = threads;
    auto set = parse_package_set(text, "gen.json", doc::Format::json, options);
    std::string& out = outcome[threads - 1];
    if (!set) {
      out = set.error().code + ": " + set.error().render();
      continue;
    }
    out = dump(*set);
    for (const Package& p : set->packages()) {
      for (const Entry& e : p.entries)
        out += std::to_string(e.line) + " ";
    }
  }
  EXPECT_EQ(outcome[0], outcome[1]);
  return outcome[0];
}

TEST(PackageSetParse, TwoThreadsReadTheSameSet) {
  std::string result = both_ways(json_set(300));
  EXPECT_EQ(result.rfind("format 1, name gen, serial 9, expires -\npkg-0\n", 0), 0u) << result;
  EXPECT_EQ(both_ways(fixture_text("good.json")), both_ways(fixture_text("good.json")));
}

TEST(PackageSetParse, TwoThreadsReportTheSameErrors) {
  // Errors in both parts and after the packages mapping.
  std::string text = json_set(300, 10, ", \"colour\": \"blue\"");
  const std::string good = "\"pkg-280\": [{\"version\": \"1.0.0\"";
  std::size_t late = text.find(good);
  ASSERT_NE(late, std::string::npos);
  text.replace(late, good.size(), "\"pkg-280\": [{\"version\": \"1.0\"");
  std::string result = both_ways(text);
  EXPECT_EQ(result.rfind("invalid-set: gen.json is not a valid package set (3 errors)\n", 0), 0u)
      << result;
  // Ranges only the second part uses: one valid, one not (every use of it is reported).
  std::string ranges = json_set(300);
  for (int i : {270, 280, 290}) {
    std::string dep = "\"pkg-" + std::to_string(i / 3) + "\": \"^1.0.0\"";
    std::size_t at = ranges.find(dep, ranges.find("\"pkg-" + std::to_string(i) + "\": ["));
    ASSERT_NE(at, std::string::npos);
    ranges.replace(at, dep.size(),
                   "\"pkg-" + std::to_string(i / 3) + "\": \"" +
                       (i == 270 ? ">=1.0.0 <1.9.9" : "^1.x.y") + "\"");
  }
  result = both_ways(ranges);
  EXPECT_EQ(result.rfind("invalid-set: gen.json is not a valid package set (2 errors)\n", 0), 0u)
      << result;
  for (std::size_t at = ranges.find("^1.x.y"); at != std::string::npos; at = ranges.find("^1.x.y"))
    ranges.replace(at, 6, "^1.2.3");
  result = both_ways(ranges);
  EXPECT_NE(result.find("pkg-90 >=1.0.0 <1.9.9\n"), std::string::npos) << result.substr(0, 300);
  // A package listed in both parts.
  std::string dup = json_set(300);
  dup.replace(dup.find("\"pkg-290\": ["), 9, "\"pkg-001\"");
  dup.replace(dup.find("\"pkg-1\": ["), 7, "\"pkg-001\"");
  result = both_ways(dup);
  EXPECT_NE(result.find("duplicate key \"pkg-001\""), std::string::npos) << result;
  // A syntax error in the second part.
  std::string broken = json_set(300);
  broken.replace(broken.find("\"pkg-250\": ["), 11, "\"pkg-250\" [");
  result = both_ways(broken);
  EXPECT_EQ(result.rfind("parse: gen.json:", 0), 0u) << result;
}

TEST(PackageSetParse, LargeSetsDecideTheirThreadsAndReadTheSame) {
  // Past 16 MiB the default (threads = 0) may split, and may take the second part back if it
  // lags: either way the set is the same as on one thread.
  std::string text = json_set(60000);
  ASSERT_GE(text.size(), std::size_t{16} << 20);
  SetParseOptions automatic;
  SetParseOptions alone;
  alone.threads = 1;
  auto a = parse_package_set(text, "big.json", doc::Format::json, automatic);
  auto b = parse_package_set(text, "big.json", doc::Format::json, alone);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(dump(*a), dump(*b));
  EXPECT_EQ(a->packages()[12345].entries[1].line, b->packages()[12345].entries[1].line);
}

TEST(PackageSetParse, TwoThreadsSurviveACutInsideAString) {
  // A license so long that the place where the second part would start, the first `],"` past 50%
  // of the text, is in it: its last characters `],` and its closing quote.
  std::string text = json_set(40);
  std::size_t entry = text.find("\"url\"", text.size() / 2);
  ASSERT_NE(entry, std::string::npos);
  text.insert(entry, "\"license\": \"" + std::string(text.size(), 'x') + " ],\", ");
  std::string result = both_ways(text);
  EXPECT_NE(result.find("xxx ],\n"), std::string::npos) << result.substr(0, 300);
}

}  // namespace
}  // namespace pinset::model
