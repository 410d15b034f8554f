// Resolution scenarios: which versions the resolver picks, table-driven.
#include <gtest/gtest.h>

#include "tests/resolve/resolve_test_util.hpp"

namespace pinset::resolve::test {
namespace {

struct Case {
  const char* name;
  SetBuilder set;
  std::vector<RootSpec> roots;
  std::string expected;  // outcome(): "a 1.0.0, b 1.1.0" or "unsolvable: <code> <package>"
};

std::vector<Case> cases() {
  return {
      {"single package", SetBuilder().add("a", "1.0.0"), {{"a", "^1.0.0"}}, "a 1.0.0"},
      {"no roots select nothing", SetBuilder().add("a", "1.0.0"), {}, ""},
      {"transitive",
       SetBuilder().add("a", "1.0.0", {{"b", "^1.0.0"}}).add("b", "1.0.0").add("b", "1.1.0"),
       {{"a", "*"}},
       "a 1.0.0, b 1.1.0"},
      {"highest allowed, whatever the document order",
       SetBuilder().add("a", "1.1.0").add("a", "2.0.0").add("a", "1.2.0").add("a", "1.0.0"),
       {{"a", "^1.0.0"}},
       "a 1.2.0"},
      {"members outside the closure are not selected",
       SetBuilder().add("a", "1.0.0").add("unused", "1.0.0", {{"missing", "*"}}),
       {{"a", "*"}},
       "a 1.0.0"},
      {"backtracks when the highest version leads to a dead end",
       SetBuilder()
           .add("a", "2.0.0", {{"b", "^2.0.0"}})
           .add("a", "1.0.0", {{"b", "^1.0.0"}})
           .add("b", "2.0.0", {{"c", "^2.0.0"}})
           .add("b", "1.0.0", {{"c", "^1.0.0"}})
           .add("c", "1.0.0")
           .add("c", "2.0.0"),
       {{"a", "*"}, {"c", "^1.0.0"}},
       "a 1.0.0, b 1.0.0, c 1.0.0"},
      {"backtracks over several versions of a dependency",
       SetBuilder()
           .add("app", "1.0.0", {{"lib", ">=1.0.0"}})
           .add("lib", "3.0.0", {{"zlib", "^3.0.0"}})
           .add("lib", "2.0.0", {{"zlib", "^2.0.0"}, {"ssl", "^2.0.0"}})
           .add("lib", "1.0.0", {{"zlib", "^1.0.0"}})
           .add("zlib", "3.0.0", {{"ssl", "^3.0.0"}})
           .add("zlib", "2.0.0")
           .add("zlib", "1.0.0")
           .add("ssl", "1.0.0"),
       {{"app", "*"}},
       "app 1.0.0, lib 1.0.0, zlib 1.0.0"},
      {"diamond picks the highest version both sides accept",
       SetBuilder()
           .add("a", "1.0.0", {{"c", "^1.0.0"}})
           .add("b", "1.0.0", {{"c", "~1.1.0"}})
           .add("c", "1.0.0")
           .add("c", "1.1.0")
           .add("c", "1.1.5")
           .add("c", "1.2.0")
           .add("c", "2.0.0"),
       {{"a", "*"}, {"b", "*"}},
       "a 1.0.0, b 1.0.0, c 1.1.5"},
      {"diamond backtracks one side to agree",
       SetBuilder()
           .add("a", "2.0.0", {{"c", "^2.0.0"}})
           .add("a", "1.0.0", {{"c", "^1.0.0"}})
           .add("b", "1.0.0", {{"c", "^1.0.0"}})
           .add("c", "1.0.0")
           .add("c", "2.0.0"),
       {{"a", "*"}, {"b", "*"}},
       "a 1.0.0, b 1.0.0, c 1.0.0"},
      {"cycle a -> b -> a",
       SetBuilder().add("a", "1.0.0", {{"b", "^1.0.0"}}).add("b", "1.0.0", {{"a", "^1.0.0"}}),
       {{"a", "*"}},
       "a 1.0.0, b 1.0.0"},
      {"cycle through several versions",
       SetBuilder()
           .add("a", "2.0.0", {{"b", "^2.0.0"}})
           .add("a", "1.0.0", {{"b", "^1.0.0"}})
           .add("b", "2.0.0", {{"a", "^1.0.0"}})
           .add("b", "1.0.0", {{"a", "^1.0.0"}}),
       {{"a", "*"}},
       "a 1.0.0, b 1.0.0"},
      {"self-dependency",
       SetBuilder().add("a", "1.0.0", {{"a", "^1.0.0"}}),
       {{"a", "*"}},
       "a 1.0.0"},
      {"self-dependency that excludes its own version",
       SetBuilder().add("a", "2.0.0", {{"a", "^1.0.0"}}).add("a", "1.0.0"),
       {{"a", "*"}},
       "a 1.0.0"},
      {"prerelease excluded by a plain range",
       SetBuilder().add("a", "1.0.0").add("a", "2.0.0-beta.1"),
       {{"a", "*"}},
       "a 1.0.0"},
      {"prerelease allowed when the range names one of that version",
       SetBuilder().add("a", "1.0.0").add("a", "2.0.0-beta.1").add("a", "2.0.0-beta.2"),
       {{"a", ">=2.0.0-beta.1"}},
       "a 2.0.0-beta.2"},
      {"a dependency's range can select a prerelease",
       SetBuilder()
           .add("a", "1.0.0", {{"b", "^3.0.0-rc.1"}})
           .add("b", "2.0.0")
           .add("b", "3.0.0-rc.2"),
       {{"a", "*"}},
       "a 1.0.0, b 3.0.0-rc.2"},
      {"a release beats the prerelease before it",
       SetBuilder().add("a", "2.0.0-rc.1").add("a", "2.0.0"),
       {{"a", ">=2.0.0-rc.1"}},
       "a 2.0.0"},
      {"two roots on the same name both hold",
       SetBuilder().add("a", "1.0.0").add("a", "1.5.0").add("a", "2.0.0"),
       {{"a", "^1.0.0"}, {"a", "<1.5.0"}},
       "a 1.0.0"},
      {"missing package at the root",
       SetBuilder().add("a", "1.0.0"),
       {{"ghost", "^1.0.0"}},
       "unsolvable: not-in-set ghost"},
      {"missing package avoided by an older version",
       SetBuilder().add("a", "2.0.0", {{"ghost", "*"}}).add("a", "1.0.0"),
       {{"a", "*"}},
       "a 1.0.0"},
      {"no version matches",
       SetBuilder().add("a", "1.0.0").add("a", "2.0.0"),
       {{"a", "^3.0.0"}},
       "unsolvable: no-vetted-version a"},
  };
}

TEST(Resolver, Scenarios) {
  for (const Case& c : cases()) {
    model::PackageSet set = c.set.build();
    EXPECT_EQ(outcome(set, roots(c.roots)), c.expected) << c.name;
  }
}

TEST(Resolver, BacktrackingCountsConflicts) {
  model::PackageSet set = SetBuilder()
                              .add("a", "2.0.0", {{"b", "^2.0.0"}})
                              .add("a", "1.0.0", {{"b", "^1.0.0"}})
                              .add("b", "2.0.0", {{"c", "^2.0.0"}})
                              .add("b", "1.0.0", {{"c", "^1.0.0"}})
                              .add("c", "1.0.0")
                              .add("c", "2.0.0")
                              .build();
  auto result = resolve(set, roots({{"a", "*"}, {"c", "^1.0.0"}}));
  const auto& solution = std::get<Solution>(result);
  EXPECT_GE(solution.conflicts, 1u);
  EXPECT_GE(solution.decisions, 3u);
}

TEST(Resolver, ReportsEntryIndicesAndDependencies) {
  model::PackageSet set = SetBuilder()
                              .add("b", "1.0.0")
                              .add("a", "1.0.0", {{"c", "*"}, {"b", "*"}})
                              .add("b", "1.1.0")
                              .add("c", "1.0.0")
                              .build();
  auto result = resolve(set, roots({{"a", "*"}}));
  const auto& s = std::get<Solution>(result);
  ASSERT_EQ(s.packages.size(), 3u);
  const ResolvedPackage& a = s.packages[0];
  EXPECT_EQ(set.name_of(a.name), "a");
  EXPECT_EQ(a.entry_index, 0u);
  ASSERT_EQ(a.dependencies.size(), 2u);
  EXPECT_EQ(set.name_of(a.dependencies[0]), "b");
  EXPECT_EQ(set.name_of(a.dependencies[1]), "c");
  const ResolvedPackage& b = s.packages[1];
  EXPECT_EQ(set.name_of(b.name), "b");
  EXPECT_EQ(set.find(b.name)->entries[b.entry_index].version.str(), "1.1.0");
  EXPECT_TRUE(b.dependencies.empty());
}

TEST(Resolver, DeepChain) {
  SetBuilder builder;
  constexpr int k_depth = 500;
  for (int i = 0; i < k_depth; ++i) {
    std::string name = "p" + std::to_string(i);
    std::vector<DepSpec> deps;
    if (i + 1 < k_depth) deps.push_back({"p" + std::to_string(i + 1), "^1.0.0"});
    builder.add(name, "1.0.0", deps).add(name, "1.1.0", deps).add(name, "2.0.0");
  }
  model::PackageSet set = builder.build();
  auto result = resolve(set, roots({{"p0", "^1.0.0"}}));
  const auto& s = std::get<Solution>(result);
  ASSERT_EQ(s.packages.size(), static_cast<std::size_t>(k_depth));
  for (const ResolvedPackage& r : s.packages) {  // every link is required with ^1.0.0
    EXPECT_EQ(set.find(r.name)->entries[r.entry_index].version.str(), "1.1.0")
        << set.name_of(r.name);
  }
}

TEST(Resolver, DeepChainEndingOutsideTheSet) {
  SetBuilder builder;
  for (int i = 0; i < 300; ++i) {
    builder.add("p" + std::to_string(i), "1.0.0", {{"p" + std::to_string(i + 1), "^1.0.0"}});
  }
  model::PackageSet set = builder.build();  // p300 is mentioned but not a member
  auto result = resolve(set, roots({{"p0", "*"}}));
  const auto& u = std::get<Unsolvable>(result);
  EXPECT_EQ(u.code, "not-in-set");
  EXPECT_EQ(u.package, "p300");
  ASSERT_EQ(u.path.size(), 302u);
  EXPECT_EQ(u.path.front(), "root");
  EXPECT_EQ(u.path[1], "p0 1.0.0");
  EXPECT_EQ(u.path[300], "p299 1.0.0");
  EXPECT_EQ(u.path.back(), "p300");
}

}  // namespace
}  // namespace pinset::resolve::test
