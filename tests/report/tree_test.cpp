#include "core/report/tree.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/report/graph_fixture.hpp"

namespace pinset::report {
namespace {

using nlohmann::json;

TEST(Tree, DiamondExpandsEachPackageOnceAndMarksRepeats) {
  test::GraphFixture f = test::diamond();
  EXPECT_EQ(tree_text(f.input()),
            "myapp\n"
            "├── base@1.2.3 (^1.0.0)\n"
            "│   └── leaf@0.1.0 (*)\n"
            "└── top@1.0.0 (^1.0.0)\n"
            "    ├── left@1.0.0 (^1.0.0)\n"
            "    │   └── base@1.2.3 (^1.1.0) (dependencies shown above)\n"
            "    └── right@1.0.0 (^1.0.0)\n"
            "        └── base@1.2.3 (~1.2.0) (dependencies shown above)\n");
}

TEST(Tree, JsonNestsAndMarksRepeats) {
  test::GraphFixture f = test::diamond();
  auto leaf = [](const char* range) {
    return json{{"name", "leaf"},
                {"version", "0.1.0"},
                {"range", range},
                {"origin", "set"},
                {"dependencies", json::array()}};
  };
  auto base_repeat = [](const char* range) {
    return json{{"name", "base"},
                {"version", "1.2.3"},
                {"range", range},
                {"origin", "set"},
                {"repeated", true}};
  };
  json expected = {
      {"project", "myapp"},
      {"dependencies",
       json::array({{{"name", "base"},
                     {"version", "1.2.3"},
                     {"range", "^1.0.0"},
                     {"origin", "set"},
                     {"dependencies", json::array({leaf("*")})}},
                    {{"name", "top"},
                     {"version", "1.0.0"},
                     {"range", "^1.0.0"},
                     {"origin", "set"},
                     {"dependencies",
                      json::array({{{"name", "left"},
                                    {"version", "1.0.0"},
                                    {"range", "^1.0.0"},
                                    {"origin", "set"},
                                    {"dependencies", json::array({base_repeat("^1.1.0")})}},
                                   {{"name", "right"},
                                    {"version", "1.0.0"},
                                    {"range", "^1.0.0"},
                                    {"origin", "set"},
                                    {"dependencies", json::array({base_repeat("~1.2.0")})}}})}}})}};
  std::string text = tree_json(f.input());
  EXPECT_EQ(json::parse(text), expected) << text;
  EXPECT_EQ(text.substr(0, 49), "{\n  \"project\": \"myapp\",\n  \"dependencies\": [\n    {");
}

// tree_json writes its text itself (iteratively); its layout is nlohmann's dump(2), key order
// kept, for every kind of node: expanded, repeated, cut and leaf.
TEST(Tree, JsonLayoutIsNlohmannsDumpOfTheSameDocument) {
  auto check = [](const test::GraphFixture& f) {
    for (std::size_t depth : {std::size_t{1}, std::size_t{2}, std::size_t{100}}) {
      std::string text = tree_json(f.input(), depth);
      EXPECT_EQ(text, nlohmann::ordered_json::parse(text).dump(2) + "\n") << text;
    }
  };
  check(test::diamond());
  check(test::chain(6));
  check(test::GraphFixture({{"a", "^1.0.0"}},
                           {{"a", "1.0.0", {{"b", "^1.0.0"}}}, {"b", "1.0.0", {{"a", "^1.0.0"}}}}));
  check(test::GraphFixture({}, {}));
}

// 2,000 levels: far deeper than nlohmann's recursive dump survived under ASan (500 overflowed
// its stack). The indented text grows with depth squared (about 65 MB here), so not deeper.
TEST(Tree, JsonOfATwoThousandLevelChainIsWrittenWithoutRecursion) {
  test::GraphFixture f = test::chain(2000);
  std::string text = tree_json(f.input(), 2000);
  EXPECT_EQ(std::count(text.begin(), text.end(), '{'), 2001);
  EXPECT_EQ(text.find("\"not-shown\""), std::string::npos);
  EXPECT_EQ(text.substr(text.size() - 13), "\n    }\n  ]\n}\n");
}

TEST(Tree, CycleStopsAtThePackageAlreadyOpen) {
  test::GraphFixture f({{"a", "^1.0.0"}},
                       {{"a", "1.0.0", {{"b", "^1.0.0"}}}, {"b", "1.0.0", {{"a", "^1.0.0"}}}});
  EXPECT_EQ(tree_text(f.input()),
            "myapp\n"
            "└── a@1.0.0 (^1.0.0)\n"
            "    └── b@1.0.0 (^1.0.0)\n"
            "        └── a@1.0.0 (^1.0.0) (dependencies shown above)\n");
}

TEST(Tree, DeepChainIsIndentedAllTheWayDown) {
  // 500 levels: the walk is iterative (no recursion to overflow); the text grows with depth
  // squared, as any indented tree does.
  test::GraphFixture f = test::chain(500);
  std::string text = tree_text(f.input(), 500);
  std::size_t lines = std::count(text.begin(), text.end(), '\n');
  EXPECT_EQ(lines, 501u);
  std::string last = text.substr(text.rfind('\n', text.size() - 2) + 1);
  EXPECT_EQ(last, std::string(499 * 4, ' ') + "└── p499@1.0.0 (^1.0.0)\n");

  json j = json::parse(tree_json(f.input(), 500));
  EXPECT_FALSE(j.contains("not-shown"));
  const json* node = &j["dependencies"][0];
  int depth = 1;
  while (!(*node)["dependencies"].empty()) {
    node = &(*node)["dependencies"][0];
    ++depth;
  }
  EXPECT_EQ(depth, 500);
  EXPECT_EQ((*node)["name"], "p499");
}

TEST(Tree, DepthLimitCutsAndSaysHowManyPackagesAreLeftOut) {
  test::GraphFixture f = test::chain(500);
  std::string text = tree_text(f.input());  // k_default_tree_depth: 100 levels
  std::size_t lines = std::count(text.begin(), text.end(), '\n');
  EXPECT_EQ(lines, 102u);  // the project, 100 levels, the note
  EXPECT_EQ(text.substr(text.rfind('\n', text.size() - 2) + 1),
            "(400 packages deeper than 100 levels not shown; --depth N shows up to N levels)\n");
  std::string cut = std::string(99 * 4, ' ') +
                    "└── p99@1.0.0 (^1.0.0) (dependencies deeper than 100 levels not shown)\n";
  EXPECT_NE(text.find(cut), std::string::npos);

  EXPECT_EQ(tree_text(f.input(), 1),
            "myapp\n"
            "└── p0@1.0.0 (^1.0.0) (dependencies deeper than 1 level not shown)\n"
            "(499 packages deeper than 1 level not shown; --depth N shows up to N levels)\n");
  json j = json::parse(tree_json(f.input(), 2));
  EXPECT_EQ(j["max-depth"], 2);
  EXPECT_EQ(j["not-shown"], 498);
  EXPECT_EQ(j["dependencies"][0]["dependencies"][0], json({{"name", "p1"},
                                                           {"version", "1.0.0"},
                                                           {"range", "^1.0.0"},
                                                           {"origin", "set"},
                                                           {"cut", true}}));
}

TEST(Tree, RangeUnknownWhenTheEntryIsNotInTheSet) {
  test::GraphFixture f = test::diamond();
  f.set = test::SetBuilder("acme").add("leaf", "0.1.0").build();  // the others are gone
  std::string text = tree_text(f.input());
  EXPECT_EQ(text.substr(0, text.find('\n', 40) + 1),
            "myapp\n"
            "├── base@1.2.3 (^1.0.0)\n"
            "│   └── leaf@0.1.0\n");
}

TEST(Tree, EmptyProjectIsJustItsName) {
  test::GraphFixture f({}, {});
  EXPECT_EQ(tree_text(f.input()), "myapp\n");
  EXPECT_EQ(tree_json(f.input()), "{\n  \"project\": \"myapp\",\n  \"dependencies\": []\n}\n");
}

TEST(Tree, OverlayPackagesAreMarked) {
  test::GraphFixture f = test::diamond();
  f.lock.packages[1].origin = "overlay";  // leaf (the lock is in name order)
  std::string text = tree_text(f.input());
  EXPECT_EQ(text.substr(0, text.find("└── top")),
            "myapp\n"
            "├── base@1.2.3 (^1.0.0)\n"
            "│   └── leaf@0.1.0 (*) [overlay]\n");
  json j = json::parse(tree_json(f.input()));
  EXPECT_EQ(j["dependencies"][0]["dependencies"][0]["origin"], "overlay");
  EXPECT_EQ(j["dependencies"][0]["origin"], "set");
}

}  // namespace
}  // namespace pinset::report
