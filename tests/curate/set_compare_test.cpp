// URL rebasing (merge, flatten, relocate) and the canonical orders.
#include <gtest/gtest.h>

#include "core/curate/edit.hpp"
#include "core/curate/set_compare.hpp"
#include "core/curate/set_writer.hpp"
#include "tests/support/error_text.hpp"

namespace pinset::curate {
namespace {

TEST(RebaseUrl, KeepsPointingAtTheSameArtifact) {
  struct Case {
    std::string from, to, url, expected;
  };
  const Case cases[] = {
      {"sets/layers/team.yaml", "flat.yaml", "../artifacts/a.tgz", "sets/artifacts/a.tgz"},
      {"sets/layers/team.yaml", "out/flat.yaml", "../artifacts/a.tgz", "../sets/artifacts/a.tgz"},
      {"sets/a.yaml", "sets/b.yaml", "x/a.tgz", "x/a.tgz"},
      {"a.yaml", "deep/er/b.yaml", "a.tgz", "../../a.tgz"},
      {"/srv/sets/a.yaml", "/tmp/out.yaml", "art/a.tgz", "../srv/sets/art/a.tgz"},
      // Absolute URLs and paths of another kind stay resolved.
      {"sets/a.yaml", "out.yaml", "https://h.example/a.tgz", "https://h.example/a.tgz"},
      {"https://h.example/sets/a.json", "out.yaml", "art/a.tgz",
       "https://h.example/sets/art/a.tgz"},
      {"file:///srv/a.yaml", "out.yaml", "art/a.tgz", "file:///srv/art/a.tgz"},
      {"/srv/a.yaml", "out.yaml", "art/a.tgz", "/srv/art/a.tgz"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(rebase_url(c.from, c.to, c.url), c.expected) << c.from << " -> " << c.to;
  }
}

TEST(Relocate, RewritesPackagesAndOverridesAndKeepsTheRest) {
  std::string sum = "sha256:" + std::string(64, 'a');
  auto set = model::parse_package_set(
      "format: 1\nname: t\nserial: 3\nextends:\n  - url: base.yaml\n    digest: " + sum +
          "\noverrides:\n  b:\n    - version: 1.0.0\n      checksum: " + sum +
          "\n      url: art/b.tgz\npackages:\n  a:\n    - version: 1.0.0\n      checksum: " + sum +
          "\n      url: art/a.tgz\n      dependencies: {b: ^1.0.0}\n",
      "sets/t.yaml", doc::Format::yaml);
  ASSERT_TRUE(set) << test::error_of(set);
  model::PackageSet moved = relocate(*set, "out/t.yaml");
  EXPECT_EQ(moved.source, "out/t.yaml");
  EXPECT_EQ(moved.packages().at(0).entries.at(0).url, "../sets/art/a.tgz");
  EXPECT_EQ(moved.overrides.at(0).entries.at(0).url, "../sets/art/b.tgz");
  EXPECT_EQ(moved.extends.at(0).url, "../sets/base.yaml");
  EXPECT_EQ(moved.serial, 3u);
  EXPECT_EQ(write_set_yaml(moved).find("dependencies:\n        b: ^1.0.0\n") != std::string::npos,
            true);
}

TEST(CanonicalOrder, EntriesByVersionAndRemovalsByNameThenVersion) {
  std::string sum = "sha256:" + std::string(64, 'a');
  auto set = model::parse_package_set(
      "format: 1\nname: t\nserial: 1\nremoves: [b@2.0.0, a, b@1.0.0, b]\npackages:\n  p:\n" +
          std::string("    - {version: 2.0.0, checksum: ") + sum +
          ", url: x}\n    - {version: 1.10.0, checksum: " + sum +
          ", url: x}\n    - {version: 1.9.0-rc.1, checksum: " + sum + ", url: x}\n",
      "t.yaml", doc::Format::yaml);
  ASSERT_TRUE(set) << test::error_of(set);
  std::string versions;
  for (const model::Entry* e : entries_by_version(set->packages().at(0)))
    versions += e->version.str() + " ";
  EXPECT_EQ(versions, "1.9.0-rc.1 1.10.0 2.0.0 ");
  std::string removals;
  for (const model::Removal& r : sorted_removals(set->removes))
    removals += r.str() + " ";
  EXPECT_EQ(removals, "a b b@1.0.0 b@2.0.0 ");
}

}  // namespace
}  // namespace pinset::curate
