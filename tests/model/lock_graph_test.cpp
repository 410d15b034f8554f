#include "core/model/lock_graph.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace pinset::model {
namespace {

using Paths = std::vector<std::vector<std::string>>;
using Names = std::vector<std::string>;

// A lock with `edges` (name -> dependencies) and a manifest with `roots`.
struct Fixture {
  Manifest manifest;
  Lock lock;
  Fixture(const Names& roots, const std::vector<std::pair<std::string, Names>>& edges) {
    for (const std::string& r : roots) {
      manifest.dependencies.push_back(RootDependency{r, *semver::Range::parse("*"), 0});
    }
    for (const auto& [name, deps] : edges) {
      LockedPackage p;
      p.name = name;
      p.version = *semver::Version::parse("1.0.0");
      p.dependencies = deps;
      lock.packages.push_back(p);
    }
    std::sort(lock.packages.begin(), lock.packages.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
  }
};

TEST(LockGraph, DiamondHasTwoPathsShortestFirstThenByName) {
  Fixture f({"app-b", "app-a"}, {{"app-a", {"left", "right"}},
                                 {"app-b", {"base"}},
                                 {"left", {"base"}},
                                 {"right", {"base"}},
                                 {"base", {}}});
  LockGraph g(f.manifest, f.lock);
  EXPECT_EQ(g.roots(), (Names{"app-a", "app-b"}));
  EXPECT_EQ(g.paths_to("base"),
            (Paths{{"app-b", "base"}, {"app-a", "left", "base"}, {"app-a", "right", "base"}}));
  EXPECT_EQ(g.shortest_path("base"), (Names{"app-b", "base"}));
  EXPECT_EQ(g.paths_to("base", 2).size(), 2u);
  EXPECT_EQ(g.dependents_of("base"), (Names{"app-b", "left", "right"}));
  EXPECT_EQ(g.dependencies_of("app-a"), (Names{"left", "right"}));
}

TEST(LockGraph, RootReachesItselfAndUnknownNamesHaveNoPath) {
  Fixture f({"a"}, {{"a", {"b"}}, {"b", {}}});
  LockGraph g(f.manifest, f.lock);
  EXPECT_EQ(g.paths_to("a"), (Paths{{"a"}}));
  EXPECT_TRUE(g.paths_to("nope").empty());
  EXPECT_TRUE(g.shortest_path("nope").empty());
  EXPECT_TRUE(g.dependencies_of("nope").empty());
  EXPECT_FALSE(g.contains("nope"));
  EXPECT_TRUE(g.is_root("a"));
  EXPECT_FALSE(g.is_root("b"));
}

TEST(LockGraph, CyclesStaySimpleAndNamesOutsideTheLockAreLeftOut) {
  // A manifest root the lock lacks and a dependency on a name the lock lacks are ignored.
  Fixture f({"a", "ghost"}, {{"a", {"b", "missing"}}, {"b", {"c"}}, {"c", {"a", "b"}}});
  LockGraph g(f.manifest, f.lock);
  EXPECT_EQ(g.roots(), (Names{"a"}));
  EXPECT_EQ(g.dependencies_of("a"), (Names{"b"}));
  EXPECT_EQ(g.paths_to("c"), (Paths{{"a", "b", "c"}}));
}

TEST(LockGraph, UnreachablePackagesAreListed) {
  Fixture f({"a"}, {{"a", {}}, {"orphan", {"leaf"}}, {"leaf", {}}});
  LockGraph g(f.manifest, f.lock);
  EXPECT_EQ(g.unreachable(), (Names{"leaf", "orphan"}));
  EXPECT_TRUE(g.paths_to("leaf").empty());
}

TEST(LockGraph, DenseGraphIsCutButTheShortestPathLeads) {
  // 14 layers of 3 fully connected nodes: 3^13 paths to the sink, far over the enumeration cap;
  // a direct edge from the root to the sink is the unique shortest path.
  std::vector<std::pair<std::string, Names>> edges;
  Names first;
  for (int i = 0; i < 3; ++i)
    first.push_back("n0-" + std::to_string(i));
  first.push_back("sink");
  edges.push_back({"root", first});
  for (int layer = 0; layer < 14; ++layer) {
    for (int i = 0; i < 3; ++i) {
      Names next;
      if (layer == 13) {
        next.push_back("sink");
      } else {
        for (int j = 0; j < 3; ++j)
          next.push_back("n" + std::to_string(layer + 1) + "-" + std::to_string(j));
      }
      edges.push_back({"n" + std::to_string(layer) + "-" + std::to_string(i), next});
    }
  }
  edges.push_back({"sink", {}});
  Fixture f({"root"}, edges);
  LockGraph g(f.manifest, f.lock);
  Paths paths = g.paths_to("sink", 5);
  ASSERT_EQ(paths.size(), 5u);
  EXPECT_EQ(paths.front(), (Names{"root", "sink"}));
  EXPECT_EQ(g.shortest_path("sink"), (Names{"root", "sink"}));
}

}  // namespace
}  // namespace pinset::model
