// Inputs that make naive backtracking explode: the resolver must terminate with the right answer.
// (No timing assertions: a benchmark is a program under bench/, never a test.)
#include <gtest/gtest.h>

#include "tests/resolve/resolve_test_util.hpp"

namespace pinset::resolve::test {
namespace {

std::string v(int major, int minor = 0) {
  return std::to_string(major) + "." + std::to_string(minor) + ".0";
}

// Pigeonhole: `pigeons` packages, each with one version per hole; pigeon i in hole h depends on
// every other pigeon being in any hole but h. Unsatisfiable when there are fewer holes than
// pigeons.
model::PackageSet pigeonhole(int pigeons, int holes) {
  SetBuilder b;
  for (int i = 0; i < pigeons; ++i) {
    for (int h = 1; h <= holes; ++h) {
      std::vector<DepSpec> deps;
      for (int j = 0; j < pigeons; ++j) {
        if (j != i) deps.push_back({"pigeon" + std::to_string(j), "<" + v(h) + " || >" + v(h)});
      }
      b.add("pigeon" + std::to_string(i), v(h), deps);
    }
  }
  return b.build();
}

std::vector<RootRequirement> all_pigeons(int pigeons) {
  std::vector<RootSpec> specs;
  for (int i = 0; i < pigeons; ++i)
    specs.push_back({"pigeon" + std::to_string(i), "*"});
  return roots(specs);
}

TEST(HardCases, PigeonholeWithRoomResolves) {
  auto result = resolve(pigeonhole(6, 6), all_pigeons(6));
  const auto& s = std::get<Solution>(result);
  ASSERT_EQ(s.packages.size(), 6u);
  std::vector<std::size_t> holes;
  for (const ResolvedPackage& r : s.packages)
    holes.push_back(r.entry_index);
  std::sort(holes.begin(), holes.end());
  EXPECT_EQ(std::unique(holes.begin(), holes.end()), holes.end()) << "two pigeons share a hole";
}

TEST(HardCases, PigeonholeWithoutRoomTerminates) {
  for (int pigeons = 3; pigeons <= 6; ++pigeons) {
    auto result = resolve(pigeonhole(pigeons, pigeons - 1), all_pigeons(pigeons));
    ASSERT_TRUE(std::holds_alternative<Unsolvable>(result)) << pigeons;
    const auto& u = std::get<Unsolvable>(result);
    EXPECT_EQ(u.code, "conflict") << pigeons;
    EXPECT_TRUE(u.derivation.back().ends_with(", version solving failed.")) << pigeons;
  }
}

TEST(HardCases, ManyVersionsThatAllNeedTheSameMissingRange) {
  // Naive backtracking tries 300 x 300 combinations of a and b; every version of a needs c ^1,
  // every version of b needs c ^2, so nothing works.
  SetBuilder b;
  for (int i = 0; i < 300; ++i) {
    b.add("a", v(1, i), {{"c", "^1.0.0"}});
    b.add("b", v(1, i), {{"c", "^2.0.0"}});
  }
  b.add("c", "1.0.0").add("c", "2.0.0");
  model::PackageSet set = b.build();
  Options o;
  o.root_name = "myapp";
  auto result = resolve(set, roots({{"a", "*"}, {"b", "*"}}), o);
  const auto& u = std::get<Unsolvable>(result);
  EXPECT_EQ(
      to_error(u).render(),
      R"txt(the package set "test-set" has no version of c that satisfies both constraints below (it lists 1.0.0 and 2.0.0)
  every version of a depends on c ^1.0.0
    required by: myapp -> a
  every version of b depends on c ^2.0.0
    required by: myapp -> b
  help: one version per name is the rule; write `multiple-versions: {rule: major, packages: [c]}` in the manifest: the project then resolves with c 1.0.0 and 2.0.0 side by side; or no version of c can satisfy every constraint listed: ask the set's curators for versions of a or b that agree on c (or use a newer set))txt");
}

TEST(HardCases, DeadEndBelowEveryVersionIsLearnedOnce) {
  // a has 200 versions, each pinning its own b; every b needs c ^1 while the root needs c ^2.
  SetBuilder b;
  for (int i = 0; i < 200; ++i) {
    b.add("a", v(1, i), {{"b", v(1, i)}});
    b.add("b", v(1, i), {{"c", "^1.0.0"}});
  }
  b.add("c", "1.0.0").add("c", "2.0.0");
  model::PackageSet set = b.build();
  auto result = resolve(set, roots({{"a", "*"}, {"c", "^2.0.0"}}));
  ASSERT_TRUE(std::holds_alternative<Unsolvable>(result));
  EXPECT_EQ(std::get<Unsolvable>(result).code, "conflict");
}

TEST(HardCases, MoreThan64VersionsSelectTheRightOne) {
  // 130 versions of big (two words of bits); odd minors need dep ^2, even ones dep ^1.
  SetBuilder b;
  for (int i = 0; i < 130; ++i)
    b.add("big", v(1, i), {{"dep", i % 2 ? "^2.0.0" : "^1.0.0"}});
  b.add("dep", "1.0.0").add("dep", "2.0.0");
  model::PackageSet set = b.build();
  EXPECT_EQ(outcome(set, roots({{"big", ">=1.64.0 <1.100.0"}, {"dep", "^1.0.0"}})),
            "big 1.98.0, dep 1.0.0");
  EXPECT_EQ(outcome(set, roots({{"big", ">=1.64.0 <1.100.0"}, {"dep", "^2.0.0"}})),
            "big 1.99.0, dep 2.0.0");
  EXPECT_EQ(outcome(set, roots({{"big", "*"}, {"dep", "^3.0.0"}})),
            "unsolvable: no-vetted-version dep");
}

TEST(HardCases, LongCycleOfManyVersions) {
  // p0 -> p1 -> ... -> p49 -> p0, each with 4 versions; only the 1.x line agrees all the way round.
  SetBuilder b;
  constexpr int k_length = 50;
  for (int i = 0; i < k_length; ++i) {
    std::string next = "p" + std::to_string((i + 1) % k_length);
    b.add("p" + std::to_string(i), "1.0.0", {{next, "^1.0.0"}});
    b.add("p" + std::to_string(i), "1.1.0", {{next, "^1.0.0"}});
    b.add("p" + std::to_string(i), "2.0.0", {{next, "^2.0.0"}});
    b.add("p" + std::to_string(i), "3.0.0", {{next, i == k_length - 1 ? "^1.0.0" : "^3.0.0"}});
  }
  model::PackageSet set = b.build();
  auto result = resolve(set, roots({{"p0", "*"}, {"p25", "<2.0.0 || >=3.0.0"}}));
  const auto& s = std::get<Solution>(result);
  ASSERT_EQ(s.packages.size(), static_cast<std::size_t>(k_length));
  for (const ResolvedPackage& r : s.packages) {
    EXPECT_EQ(set.find(r.name)->entries[r.entry_index].version.str(), "1.1.0")
        << set.name_of(r.name);
  }
}

TEST(HardCases, DeepConflictIsExplainedWithoutRecursion) {
  // A forced chain 3,000 deep whose last link fails for two reasons: the derivation is thousands
  // of steps long; the rendered error shows its start and end.
  SetBuilder b;
  constexpr int k_depth = 3000;
  for (int i = 0; i < k_depth; ++i) {
    b.add("p" + std::to_string(i), "1.0.0", {{"p" + std::to_string(i + 1), "^1.0.0"}});
  }
  std::string last = "p" + std::to_string(k_depth);
  b.add(last, "1.0.0", {{"x", "^2.0.0"}}).add(last, "1.1.0", {{"y", "^2.0.0"}});
  b.add("x", "1.0.0").add("y", "1.0.0");
  model::PackageSet set = b.build();
  Options o;
  o.root_name = "myapp";
  auto result = resolve(set, roots({{"p0", "*"}}), o);
  const auto& u = std::get<Unsolvable>(result);
  ASSERT_EQ(u.code, "conflict");
  ASSERT_EQ(u.derivation.size(), 1502u);
  EXPECT_EQ(u.derivation.front(),
            "1. Because p3000 1.0.0 depends on x ^2.0.0 (the set has only 1.0.0) and p3000 1.1.0 "
            "depends on y ^2.0.0 (the set has only 1.0.0), every version of p3000 is forbidden.");
  EXPECT_EQ(u.derivation[1],
            "2. And because p2999 1.0.0 depends on p3000 ^1.0.0, p2999 1.0.0 is forbidden.");
  EXPECT_EQ(u.derivation.back(),
            "1502. And because myapp depends on p0 (pinset.yaml:5) and p0 1.0.0 depends on p1 "
            "^1.0.0, version solving failed.");
  Error e = to_error(u);
  ASSERT_EQ(e.causes.size(), 101u);
  EXPECT_EQ(e.causes[50].message, "... 1402 more steps (`pinset resolve --json` lists them all)");
  EXPECT_EQ(e.causes[51].message, u.derivation[1452]);
}

}  // namespace
}  // namespace pinset::resolve::test
