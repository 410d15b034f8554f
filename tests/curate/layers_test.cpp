// Flattening layered sets (the pure part): bases, removes, overrides, additions, conflicts.
#include <gtest/gtest.h>

#include "core/curate/layers.hpp"
#include "core/curate/set_writer.hpp"
#include "tests/support/error_text.hpp"

namespace pinset::curate {
namespace {

model::PackageSet parse(const std::string& text, const std::string& source) {
  auto set = model::parse_package_set(text, source, doc::Format::yaml);
  if (!set) throw std::runtime_error(test::error_text(set.error()));
  return std::move(*set);
}

std::string entry(const std::string& version, char checksum = 'a') {
  return "    - version: " + version + "\n      checksum: sha256:" + std::string(64, checksum) +
         "\n      url: art/x-" + version + ".tgz\n";
}

std::string digest() {
  return "sha256:" + std::string(64, '0');
}

// name version from url, one line per entry.
std::string summary(const model::PackageSet& set) {
  std::string out;
  for (const model::Package& p : set.packages()) {
    for (const model::Entry& e : p.entries) {
      out += std::string(set.name_of(p.name)) + " " + e.version.str() + " " + e.from() + " " +
             e.url + "\n";
    }
  }
  return out;
}

class Layers : public ::testing::Test {
 protected:
  model::PackageSet org = parse(
      "format: 1\nname: org\nserial: 4\nexpires: 2027-03-01T00:00:00Z\n"
      "packages:\n  lib:\n" +
          entry("1.0.0") + entry("1.1.0") + "  net:\n" + entry("2.0.0") + "  old:\n" +
          entry("0.1.0"),
      "base/org.yaml");
  model::PackageSet tools = parse("format: 1\nname: tools\nserial: 2\npackages:\n  fmt:\n" +
                                      entry("9.0.0") + "  net:\n" + entry("2.0.0"),
                                  "https://sets.example/tools.json");
  std::vector<Layer> bases{{&org, "org@4"}, {&tools, "tools@2"}};

  std::string team(const std::string& layers, const std::string& packages = " {}\n") {
    return "format: 1\nname: team\nserial: 9\nexpires: 2027-06-30T00:00:00Z\nextends:\n"
           "  - url: ../base/org.yaml\n    digest: " +
           digest() + "\n  - url: https://sets.example/tools.json\n    digest: " + digest() + "\n" +
           layers + "packages:" + packages;
  }
};

TEST_F(Layers, BasesRemovesOverridesAndAdditions) {
  model::PackageSet top =
      parse(team("removes:\n  - old\n  - lib@1.0.0\noverrides:\n  net:\n" + entry("2.0.1", 'b'),
                 "\n  lib:\n" + entry("1.2.0", 'c') + "  app:\n" + entry("0.1.0")),
            "team/team.yaml");
  auto flat = flatten(top, bases);
  ASSERT_TRUE(flat) << test::error_text(flat.error());
  EXPECT_EQ(summary(*flat),
            "app 0.1.0 team@9 art/x-0.1.0.tgz\n"
            "fmt 9.0.0 tools@2 https://sets.example/art/x-9.0.0.tgz\n"
            "lib 1.1.0 org@4 ../base/art/x-1.1.0.tgz\n"
            "lib 1.2.0 team@9 art/x-1.2.0.tgz\n"
            "net 2.0.1 team@9 art/x-2.0.1.tgz\n");
  EXPECT_FALSE(flat->layered());
  EXPECT_EQ(flat->name, "team");
  EXPECT_EQ(flat->serial, 9u);
  EXPECT_EQ(flat->expires, "2027-03-01T00:00:00Z");  // the org base expires first
  // Deterministic: the same layers give the same bytes.
  auto again = flatten(top, bases);
  EXPECT_EQ(write_set_yaml(*again), write_set_yaml(*flat));
}

TEST_F(Layers, EveryProblemIsReported) {
  model::PackageSet other = parse(
      "format: 1\nname: other\nserial: 1\npackages:\n  fmt:\n" + entry("10.0.0"), "other.yaml");
  bases.push_back({&other, "other@1"});
  model::PackageSet top =
      parse(team("removes:\n  - ghost\n  - lib@3.0.0\noverrides:\n  nope:\n" + entry("1.0.0"),
                 "\n  lib:\n" + entry("1.1.0")),
            "team.yaml");
  auto flat = flatten(top, bases);
  ASSERT_FALSE(flat);
  EXPECT_EQ(test::error_text(flat.error()),
            "flatten-failed: team.yaml cannot be flattened (5 errors)\n"
            "  team.yaml: extends[2]: fmt is in two base sets with different pins: 9.0.0 in "
            "tools@2, 10.0.0 in other@1\n"
            "    help: say which to use: list fmt under overrides, or remove it (removes: [fmt])\n"
            "  team.yaml:11: removes[0]: removes lists \"ghost\", but no base set has ghost\n"
            "    help: check the name, or drop it from removes\n"
            "  team.yaml:12: removes[1]: removes lists \"lib@3.0.0\", but the base sets have lib "
            "1.0.0, 1.1.0 only\n"
            "    help: check the version, or drop it from removes\n"
            "  team.yaml:15: overrides.nope: overrides replaces nope, but no base set has it\n"
            "    help: list a new package under packages instead\n"
            "  team.yaml:20: packages.lib[0].version: lib 1.1.0 is already in the base set org@4\n"
            "    help: to replace the base's entry, list lib under overrides instead");
}

TEST_F(Layers, ARemovedOrOverriddenPackageResolvesABaseConflict) {
  model::PackageSet other = parse(
      "format: 1\nname: other\nserial: 1\npackages:\n  fmt:\n" + entry("10.0.0"), "other.yaml");
  bases.push_back({&other, "other@1"});
  for (const std::string& layer :
       {std::string("removes: [fmt]\n"), "overrides:\n  fmt:\n" + entry("10.0.1")}) {
    auto flat = flatten(parse(team(layer), "team.yaml"), bases);
    ASSERT_TRUE(flat) << test::error_text(flat.error());
  }
}

TEST_F(Layers, EntriesKeepTheirOrigin) {
  // A base that was itself flattened (or merged) says where its entries came from.
  model::PackageSet flat_base = parse("format: 1\nname: mid\nserial: 1\npackages:\n  lib:\n" +
                                          entry("1.0.0") + "      from: org@4\n",
                                      "mid.yaml");
  model::PackageSet top =
      parse("format: 1\nname: t\nserial: 1\nextends:\n  - url: mid.yaml\n    digest: " + digest() +
                "\npackages: {}\n",
            "t.yaml");
  auto flat = flatten(top, {{&flat_base, "mid@1"}});
  ASSERT_TRUE(flat) << test::error_text(flat.error());
  EXPECT_EQ(summary(*flat), "lib 1.0.0 org@4 art/x-1.0.0.tgz\n");
}

}  // namespace
}  // namespace pinset::curate
