#include "core/report/why.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/report/graph_fixture.hpp"
#include "tests/support/error_text.hpp"

namespace pinset::report {
namespace {

TEST(Why, DiamondListsEveryPathShortestFirstWithRanges) {
  test::GraphFixture f = test::diamond();
  auto w = why(f.input(), "base", 100, "pinset.lock");
  ASSERT_TRUE(w) << w.error().render();
  EXPECT_EQ(why_text(*w),
            "base@1.2.3 is required by 3 paths from myapp:\n"
            "  myapp -> base@1.2.3 (^1.0.0)\n"
            "  myapp -> top@1.0.0 (^1.0.0) -> left@1.0.0 (^1.0.0) -> base@1.2.3 (^1.1.0)\n"
            "  myapp -> top@1.0.0 (^1.0.0) -> right@1.0.0 (^1.0.0) -> base@1.2.3 (~1.2.0)\n");
  w = why(f.input(), "leaf", 100, "pinset.lock");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->paths.size(), 3u);
  EXPECT_EQ(why_text(*w),
            "leaf@0.1.0 is required by 3 paths from myapp:\n"
            "  myapp -> base@1.2.3 (^1.0.0) -> leaf@0.1.0 (*)\n"
            "  myapp -> top@1.0.0 (^1.0.0) -> left@1.0.0 (^1.0.0) -> base@1.2.3 (^1.1.0) -> "
            "leaf@0.1.0 (*)\n"
            "  myapp -> top@1.0.0 (^1.0.0) -> right@1.0.0 (^1.0.0) -> base@1.2.3 (~1.2.0) -> "
            "leaf@0.1.0 (*)\n");
}

TEST(Why, JsonIsStable) {
  test::GraphFixture f = test::diamond();
  auto w = why(f.input(), "left", 100, "pinset.lock");
  ASSERT_TRUE(w);
  EXPECT_EQ(why_json(*w),
            "{\n"
            "  \"project\": \"myapp\",\n"
            "  \"package\": {\n"
            "    \"name\": \"left\",\n"
            "    \"version\": \"1.0.0\"\n"
            "  },\n"
            "  \"paths\": [\n"
            "    [\n"
            "      {\n"
            "        \"name\": \"top\",\n"
            "        \"version\": \"1.0.0\",\n"
            "        \"range\": \"^1.0.0\",\n"
            "        \"origin\": \"set\"\n"
            "      },\n"
            "      {\n"
            "        \"name\": \"left\",\n"
            "        \"version\": \"1.0.0\",\n"
            "        \"range\": \"^1.0.0\",\n"
            "        \"origin\": \"set\"\n"
            "      }\n"
            "    ]\n"
            "  ],\n"
            "  \"truncated\": false,\n"
            "  \"found\": 1,\n"
            "  \"complete\": true\n"
            "}\n");
}

TEST(Why, LimitCutsAndSaysSo) {
  test::GraphFixture f = test::diamond();
  auto w = why(f.input(), "base", 2, "pinset.lock");
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->truncated);
  EXPECT_EQ(why_text(*w),
            "base@1.2.3 is required by 2 paths from myapp:\n"
            "  myapp -> base@1.2.3 (^1.0.0)\n"
            "  myapp -> top@1.0.0 (^1.0.0) -> left@1.0.0 (^1.0.0) -> base@1.2.3 (^1.1.0)\n"
            "  (1 more path not shown; --limit 3 shows every path)\n");
  EXPECT_EQ(w->found, 3u);
  EXPECT_TRUE(w->complete);
}

TEST(Why, RootHasTheOnePathOfItsOwn) {
  test::GraphFixture f = test::diamond();
  auto w = why(f.input(), "top", 100, "pinset.lock");
  ASSERT_TRUE(w);
  EXPECT_EQ(why_text(*w),
            "top@1.0.0 is required by 1 path from myapp:\n"
            "  myapp -> top@1.0.0 (^1.0.0)\n");
}

TEST(Why, OverlayPackagesAreMarked) {
  test::GraphFixture f = test::diamond();
  f.lock.packages[4].origin = "overlay";  // top (the lock is in name order)
  auto w = why(f.input(), "left", 100, "pinset.lock");
  ASSERT_TRUE(w);
  // Without its overlay entry, what top asks of left is unknown.
  EXPECT_EQ(why_text(*w),
            "left@1.0.0 is required by 1 path from myapp:\n"
            "  myapp -> top@1.0.0 (^1.0.0) [overlay] -> left@1.0.0\n");
  model::OverlayEntry o;
  o.action = model::OverlayAction::replace;
  o.name = "top";
  o.version = test::SetBuilder::parse_version("1.0.0");
  o.dependencies = {{"left", test::SetBuilder::parse_range(">=1.0.0")}};
  o.reason = "patched";
  f.manifest.overlay.push_back(o);
  w = why(f.input(), "left", 100, "pinset.lock");
  ASSERT_TRUE(w);
  EXPECT_EQ(why_text(*w),
            "left@1.0.0 is required by 1 path from myapp:\n"
            "  myapp -> top@1.0.0 (^1.0.0) [overlay] -> left@1.0.0 (>=1.0.0)\n");
  EXPECT_EQ(w->paths[0][0].origin, "overlay");
  EXPECT_EQ(w->paths[0][1].origin, "set");
}

TEST(Why, DeepChainGivesOneLongPath) {
  test::GraphFixture f = test::chain(2000);
  auto w = why(f.input(), "p1999", 100, "pinset.lock");
  ASSERT_TRUE(w) << w.error().render();
  ASSERT_EQ(w->paths.size(), 1u);
  ASSERT_EQ(w->paths[0].size(), 2000u);
  EXPECT_EQ(w->paths[0][0].name, "p0");
  EXPECT_EQ(w->paths[0][1999].name, "p1999");
  EXPECT_EQ(w->paths[0][1999].range, "^1.0.0");
  EXPECT_FALSE(w->truncated);
}

TEST(Why, HundredThousandChainNeedsNoDeepStack) {
  // The recursive path search overflowed the stack here (SIGSEGV); the walk is iterative now.
  test::GraphFixture f = test::chain(100000);
  auto w = why(f.input(), "p99999", 100, "pinset.lock");
  ASSERT_TRUE(w) << w.error().render();
  ASSERT_EQ(w->paths.size(), 1u);
  EXPECT_EQ(w->paths[0].size(), 100000u);
  EXPECT_EQ(w->found, 1u);
  EXPECT_TRUE(w->complete);
  EXPECT_FALSE(w->truncated);
}

TEST(Why, NameInTheSetButNotLockedSaysHowToDependOnIt) {
  test::GraphFixture f = test::diamond();
  f.set = test::SetBuilder("acme").add("base", "1.2.3").add("extra", "1.0.0").build();
  f.set.serial = 3;
  EXPECT_EQ(test::error_of(why(f.input(), "extra", 100, "app/pinset.lock")),
            "not-in-graph: app/pinset.lock: myapp does not depend on \"extra\": it is not in "
            "app/pinset.lock\n"
            "  help: \"extra\" is in the package set acme (serial 3); add it to dependencies in "
            "pinset.yaml if myapp should use it");
}

TEST(Why, TypoSuggestsTheNearestLockedName) {
  test::GraphFixture f = test::diamond();
  EXPECT_EQ(test::error_of(why(f.input(), "bsae", 100, "pinset.lock")),
            "not-in-graph: pinset.lock: myapp does not depend on \"bsae\": it is not in "
            "pinset.lock\n"
            "  help: did you mean \"base\"? `pinset tree` shows every package myapp depends on");
  EXPECT_EQ(test::error_of(why(f.input(), "zzzzzz", 100, "pinset.lock")),
            "not-in-graph: pinset.lock: myapp does not depend on \"zzzzzz\": it is not in "
            "pinset.lock\n"
            "  help: the package set acme has no such package either; `pinset tree` shows every "
            "package myapp depends on");
}

TEST(Why, LockedButUnreachableMeansTheLockIsOutOfSync) {
  test::GraphFixture f = test::diamond();
  f.manifest.dependencies.pop_back();  // drops "top" (dependencies are in name order)
  EXPECT_EQ(test::error_of(why(f.input(), "left", 100, "pinset.lock")),
            "not-in-graph: pinset.lock: \"left\" is in pinset.lock but none of myapp's "
            "dependencies leads to it\n"
            "  help: run `pinset resolve` to bring the lock in sync with pinset.yaml");
}

}  // namespace
}  // namespace pinset::report
