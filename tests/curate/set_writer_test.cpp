// The deterministic set writer: exact bytes for a small set, and round trips (YAML and JSON) of
// the example set and of a set that uses every field of the format.
#include <gtest/gtest.h>

#include "core/curate/set_compare.hpp"
#include "core/curate/set_writer.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/process.hpp"

namespace pinset::curate {
namespace {

const std::string k_sum_a = "sha256:" + std::string(64, 'a');
const std::string k_sum_b = "sha256:" + std::string(64, 'b');

model::PackageSet parse(const std::string& text, const std::string& source) {
  auto set = model::parse_package_set(text, source, doc::format_for(source));
  if (!set) throw std::runtime_error(test::error_text(set.error()));
  return std::move(*set);
}

// Every field of the format, with strings that cannot be written plain.
const std::string k_full =
    "format: 1\n"
    "name: team\n"
    "serial: 12\n"
    "published: 2026-11-01T09:30:00+01:00\n"
    "expires: 2027-06-30T00:00:00Z\n"
    "extends:\n"
    "  - url: ../base/base.yaml\n"
    "    digest: " +
    k_sum_b +
    "\n"
    "overrides:\n"
    "  libfoo:\n"
    "    - version: 2.2.0\n"
    "      checksum: " +
    k_sum_a +
    "\n"
    "      url: https://mirror.example/libfoo-2.2.0.tgz\n"
    "removes:\n"
    "  - zeta@1.0.0\n"
    "  - alpha\n"
    "packages:\n"
    "  \"123\":\n"
    "    - version: 1.0.0\n"
    "      checksum: sha256-qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqo=\n"
    "      url: a.tgz\n"
    "  netlib:\n"
    "    - version: 1.4.0+build.5\n"
    "      checksum: " +
    k_sum_a +
    "\n"
    "      url: \"artifacts/net#lib,1.tgz\"\n"
    "      dependencies:\n"
    "        tls-shim: ~0.9.4\n"
    "        libfoo: \">=2.0.0 <3.0.0 || 4.x\"\n"
    "        \"123\": \"*\"\n"
    "      license: \"MIT OR (Apache-2.0 WITH LLVM-exception)\"\n"
    "      size: 48213\n"
    "      strip-components: 2\n"
    "      vetted:\n"
    "        by: \"true\"\n"
    "        on: 2026-10-02\n"
    "        criteria: \"safe: to deploy\"\n"
    "        ticket: \"1234\"\n"
    "      from: \"acme \\\"core\\\"\"\n"
    "    - version: 1.3.0-rc.1\n"
    "      checksum: " +
    k_sum_b +
    "\n"
    "      url: file:///srv/netlib-1.3.0-rc.1.tgz\n"
    "      publisher: \"netlib: release bot\"\n"
    "      published-at: 2026-08-30T10:00:00.25-04:00\n"
    "      vetted:\n"
    "        - by: null-checker\n"
    "          on: 2026-09-01\n"
    "        - {by: Dana, on: 2026-09-02, criteria: safe-to-run}\n";

TEST(SetWriter, WritesTheCanonicalYaml) {
  model::PackageSet set = parse(k_full, "team.yaml");
  EXPECT_EQ(write_set_yaml(set),
            "format: 1\n"
            "name: team\n"
            "serial: 12\n"
            "published: 2026-11-01T09:30:00+01:00\n"
            "expires: 2027-06-30T00:00:00Z\n"
            "extends:\n"
            "  - url: ../base/base.yaml\n"
            "    digest: " +
                k_sum_b +
                "\n"
                "overrides:\n"
                "  libfoo:\n"
                "    - version: 2.2.0\n"
                "      checksum: " +
                k_sum_a +
                "\n"
                "      url: https://mirror.example/libfoo-2.2.0.tgz\n"
                "removes:\n"
                "  - alpha\n"
                "  - zeta@1.0.0\n"
                "packages:\n"
                "  \"123\":\n"
                "    - version: 1.0.0\n"
                "      checksum: "
                "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
                "      url: a.tgz\n"
                "  netlib:\n"
                "    - version: 1.3.0-rc.1\n"
                "      checksum: " +
                k_sum_b +
                "\n"
                "      url: file:///srv/netlib-1.3.0-rc.1.tgz\n"
                "      vetted:\n"
                "        - by: null-checker\n"
                "          on: 2026-09-01\n"
                "        - by: Dana\n"
                "          on: 2026-09-02\n"
                "          criteria: safe-to-run\n"
                "      published-at: 2026-08-30T10:00:00.25-04:00\n"
                "      publisher: \"netlib: release bot\"\n"
                "    - version: 1.4.0+build.5\n"
                "      checksum: " +
                k_sum_a +
                "\n"
                "      url: \"artifacts/net#lib,1.tgz\"\n"
                "      dependencies:\n"
                "        \"123\": \"*\"\n"
                "        libfoo: \">=2.0.0 <3.0.0 || 4.x\"\n"
                "        tls-shim: ~0.9.4\n"
                "      license: \"MIT OR (Apache-2.0 WITH LLVM-exception)\"\n"
                "      size: 48213\n"
                "      strip-components: 2\n"
                "      vetted:\n"
                "        by: \"true\"\n"
                "        on: 2026-10-02\n"
                "        criteria: \"safe: to deploy\"\n"
                "        ticket: \"1234\"\n"
                "      from: \"acme \\\"core\\\"\"\n");
}

TEST(SetWriter, WritesTheCanonicalJson) {
  model::PackageSet set = parse(
      "format: 1\nname: s\nserial: 3\npackages:\n  b:\n    - version: 2.0.0\n      checksum: " +
          k_sum_a +
          "\n      url: b.tgz\n      dependencies: {a: ^1.0.0}\n      size: 5\n"
          "  a:\n    - version: 1.0.0\n      checksum: " +
          k_sum_b + "\n      url: a.tgz\n      from: x@1\n",
      "s.yaml");
  EXPECT_EQ(write_set_json(set),
            "{\n"
            "  \"format\": 1,\n"
            "  \"name\": \"s\",\n"
            "  \"serial\": 3,\n"
            "  \"packages\": {\n"
            "    \"a\": [\n"
            "      {\n"
            "        \"version\": \"1.0.0\",\n"
            "        \"checksum\": \"" +
                k_sum_b +
                "\",\n"
                "        \"url\": \"a.tgz\",\n"
                "        \"from\": \"x@1\"\n"
                "      }\n"
                "    ],\n"
                "    \"b\": [\n"
                "      {\n"
                "        \"version\": \"2.0.0\",\n"
                "        \"checksum\": \"" +
                k_sum_a +
                "\",\n"
                "        \"url\": \"b.tgz\",\n"
                "        \"dependencies\": {\n"
                "          \"a\": \"^1.0.0\"\n"
                "        },\n"
                "        \"size\": 5\n"
                "      }\n"
                "    ]\n"
                "  }\n"
                "}\n");
}

TEST(SetWriter, JsonWritesOneReviewAsAnObjectAndSeveralAsAList) {
  model::PackageSet set = parse(
      "format: 1\nname: s\nserial: 3\npackages:\n  a:\n    - version: 1.0.0\n      checksum: " +
          k_sum_b +
          "\n      url: a.tgz\n      vetted: [{by: x, on: 2026-01-02}, {by: y, on: 2026-01-03, "
          "ticket: T-1}]\n      published-at: 2026-01-01T00:00:00Z\n      publisher: x\n"
          "    - version: 1.0.1\n      checksum: " +
          k_sum_a + "\n      url: b.tgz\n      vetted: [{by: x, on: 2026-01-02}]\n",
      "s.yaml");
  EXPECT_EQ(write_set_json(set),
            "{\n"
            "  \"format\": 1,\n"
            "  \"name\": \"s\",\n"
            "  \"serial\": 3,\n"
            "  \"packages\": {\n"
            "    \"a\": [\n"
            "      {\n"
            "        \"version\": \"1.0.0\",\n"
            "        \"checksum\": \"" +
                k_sum_b +
                "\",\n"
                "        \"url\": \"a.tgz\",\n"
                "        \"vetted\": [\n"
                "          {\n"
                "            \"by\": \"x\",\n"
                "            \"on\": \"2026-01-02\"\n"
                "          },\n"
                "          {\n"
                "            \"by\": \"y\",\n"
                "            \"on\": \"2026-01-03\",\n"
                "            \"ticket\": \"T-1\"\n"
                "          }\n"
                "        ],\n"
                "        \"published-at\": \"2026-01-01T00:00:00Z\",\n"
                "        \"publisher\": \"x\"\n"
                "      },\n"
                "      {\n"
                "        \"version\": \"1.0.1\",\n"
                "        \"checksum\": \"" +
                k_sum_a +
                "\",\n"
                "        \"url\": \"b.tgz\",\n"
                "        \"vetted\": {\n"
                "          \"by\": \"x\",\n"
                "          \"on\": \"2026-01-02\"\n"
                "        }\n"
                "      }\n"
                "    ]\n"
                "  }\n"
                "}\n");
}

TEST(SetWriter, JsonStringsAreEscapedAndStayUtf8) {
  model::PackageSet set = parse("format: 1\nname: e\nserial: 0\npackages: {}\n", "e.yaml");
  // A name set in code can hold anything; an invalid UTF-8 byte becomes U+FFFD.
  set.name = "q\"b\\\b\f\n\r\t\x01\x7f caf\xC3\xA9 \xFF!";
  EXPECT_EQ(write_set_json(set),
            "{\n  \"format\": 1,\n  \"name\": \"q\\\"b\\\\\\b\\f\\n\\r\\t\\u0001\x7f caf\xC3\xA9 "
            "\xEF\xBF\xBD!\",\n  \"serial\": 0,\n  \"packages\": {}\n}\n");
}

TEST(SetWriter, EmptySetWritesAnEmptyPackagesMapping) {
  model::PackageSet set = parse("format: 1\nname: e\nserial: 0\npackages: {}\n", "e.yaml");
  EXPECT_EQ(write_set_yaml(set), "format: 1\nname: e\nserial: 0\npackages: {}\n");
  EXPECT_EQ(write_set_json(set),
            "{\n  \"format\": 1,\n  \"name\": \"e\",\n  \"serial\": 0,\n  \"packages\": {}\n}\n");
}

struct RoundTrip {
  std::string label;
  std::string text;
  std::string source;
};

TEST(SetWriter, RoundTripsThroughBothFormats) {
  const RoundTrip cases[] = {
      {"example set", test::read_file(test::source_dir() + "/package-sets/example.yaml"),
       "example.yaml"},
      {"every field", k_full, "team.yaml"},
      {"json good set", test::read_file(test::data_dir() + "/sets/good.json"), "good.json"},
      {"yaml good set", test::read_file(test::data_dir() + "/sets/good.yaml"), "good.yaml"},
      {"awkward strings",
       "format: 1\nname: \"x: y\"\nserial: 1\npackages:\n  a:\n    - version: 1.0.0\n"
       "      checksum: " +
           k_sum_a +
           "\n      url: \"x,y.tgz\"\n      license: \"#hash\\ty\\u0001\"\n"
           "      vetted: {by: \"~\", on: 2026-01-01, criteria: \"null\", ticket: \"- x\"}\n",
       "w.yaml"},
  };
  for (const RoundTrip& c : cases) {
    SCOPED_TRACE(c.label);
    ASSERT_FALSE(c.text.empty());
    model::PackageSet set = parse(c.text, c.source);
    for (doc::Format format : {doc::Format::yaml, doc::Format::json}) {
      std::string written = write_set(set, format);
      std::string name = format == doc::Format::json ? "out.json" : "out.yaml";
      model::PackageSet again = parse(written, name);
      EXPECT_TRUE(same_set(set, again)) << written;
      // Deterministic: writing the re-read set gives the same bytes.
      EXPECT_EQ(write_set(again, format), written);
    }
  }
}

TEST(SetWriter, SameSetNoticesEveryField) {
  model::PackageSet base = parse(k_full, "team.yaml");
  const std::pair<std::string, std::string> edits[] = {
      {"size: 48213", "size: 48214"},
      {"strip-components: 2", "strip-components: 1"},
      {"ticket: \"1234\"", "ticket: \"1235\""},
      {"tls-shim: ~0.9.4", "tls-shim: ~0.9.5"},
      {"from: \"acme", "from: \"acmf"},
      {"published: 2026-11-01T09:30:00+01:00", "published: 2026-11-01T09:30:01+01:00"},
      {"  - zeta@1.0.0", "  - zeta@1.0.1"},
      {"../base/base.yaml", "../base/other.yaml"},
      {"libfoo-2.2.0.tgz", "libfoo-2.2.1.tgz"},
      {"1.4.0+build.5", "1.4.0+build.6"},
      {"T10:00:00.25-04:00", "T10:00:00.26-04:00"},
      {"release bot", "release-bot"},
      {"criteria: safe-to-run", "criteria: safe-to-walk"},
      {"        - {by: Dana", "        - {by: Dan"},
  };
  for (const auto& [from, to] : edits) {
    std::string text = k_full;
    ASSERT_NE(text.find(from), std::string::npos) << from;
    text.replace(text.find(from), from.size(), to);
    EXPECT_FALSE(same_set(base, parse(text, "team.yaml"))) << to;
  }
  EXPECT_TRUE(same_set(base, parse(k_full, "elsewhere/team.yaml")));
}

TEST(SetWriter, TheSplitJsonPathReadsLayerFieldsAfterThePackages) {
  // A set large enough to be cut between two threads, with the layer fields after `packages`.
  std::string text = R"({"format": 1, "name": "big", "serial": 3, "packages": {)";
  for (int i = 0; i < 400; ++i) {
    if (i) text += ", ";
    text += "\"pkg-" + std::to_string(i) + R"(": [{"version": "1.0.0", "checksum": ")" + k_sum_a +
            R"(", "url": "a.tgz", "from": "org@1"}])";
  }
  text += R"(}, "extends": [{"url": "org.json", "digest": ")" + k_sum_a +
          R"("}], "removes": ["zlib@1.0.0"], "overrides": {"zlib": [{"version": "1.0.1", )"
          R"("checksum": ")" +
          k_sum_a + R"(", "url": "z.tgz"}]}, "published": "2026-11-01T00:00:00Z"})";
  model::SetParseOptions one;
  one.threads = 1;
  model::SetParseOptions two;
  two.threads = 2;
  auto a = model::parse_package_set(text, "big.json", doc::Format::json, one);
  auto b = model::parse_package_set(text, "big.json", doc::Format::json, two);
  ASSERT_TRUE(a) << test::error_of(a);
  ASSERT_TRUE(b) << test::error_of(b);
  EXPECT_EQ(b->packages().size(), 400u);
  EXPECT_EQ(b->overrides.size(), 1u);
  EXPECT_EQ(b->removes.at(0).str(), "zlib@1.0.0");
  EXPECT_EQ(write_set_json(*a), write_set_json(*b));
}

}  // namespace
}  // namespace pinset::curate
