// Explanations of unsolvable resolutions: the kind chosen and the whole text `pinset resolve`
// prints (Error::render of to_error), plus the JSON form.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/resolve/resolve_test_util.hpp"

namespace pinset::resolve::test {
namespace {

Options myapp() {
  Options o;
  o.root_name = "myapp";
  return o;
}

Unsolvable unsolvable(const model::PackageSet& set, const std::vector<RootRequirement>& rs) {
  auto result = resolve(set, rs, myapp());
  EXPECT_TRUE(std::holds_alternative<Unsolvable>(result));
  if (!std::holds_alternative<Unsolvable>(result)) return {};
  return std::get<Unsolvable>(result);
}

TEST(Explanation, NotInSetAtTheRoot) {
  model::PackageSet set = SetBuilder("core").add("netlib", "1.4.0").build();
  Unsolvable u = unsolvable(set, roots({{"netlib", "^1.0.0"}, {"libfoo", "^1.0.0"}}, 6));
  EXPECT_EQ(u.code, "not-in-set");
  EXPECT_EQ(u.path, (std::vector<std::string>{"myapp", "libfoo"}));
  EXPECT_EQ(to_error(u).render(),
            R"txt(libfoo is not in the package set "core"
  required by: myapp -> libfoo
  myapp depends on libfoo ^1.0.0 (pinset.yaml:7)
  help: ask the set's curators to add libfoo or use a newer set that has it, or remove it from the manifest (pinset.yaml:7))txt");
}

TEST(Explanation, NotInSetDeepWithTheFullPath) {
  model::PackageSet set = SetBuilder("core")
                              .add("netlib", "1.3.0")
                              .add("netlib", "1.4.0", {{"http", "^2.0.0"}})
                              .add("http", "2.1.0", {{"libfoo", "^1.0.0"}})
                              .add("http", "1.0.0")
                              .build();
  Unsolvable u = unsolvable(set, roots({{"netlib", "^1.4.0"}}, 3));
  EXPECT_EQ(u.code, "not-in-set");
  EXPECT_EQ(u.path, (std::vector<std::string>{"myapp", "netlib 1.4.0", "http 2.1.0", "libfoo"}));
  EXPECT_EQ(to_error(u).render(),
            R"txt(libfoo is not in the package set "core"
  required by: myapp -> netlib 1.4.0 -> http 2.1.0 -> libfoo
  http 2.1.0 depends on libfoo ^1.0.0
  help: ask the set's curators to add libfoo or use a newer set that has it, or change or drop the requirement netlib ^1.4.0 (pinset.yaml:3), which pulls it in)txt");
}

TEST(Explanation, NoVettedVersionForAManifestRange) {
  model::PackageSet set = SetBuilder("core").add("libpng", "1.5.0").add("libpng", "2.0.0").build();
  Unsolvable u = unsolvable(set, roots({{"libpng", "^3.0.0"}}, 9));
  EXPECT_EQ(u.code, "no-vetted-version");
  EXPECT_EQ(u.versions, (std::vector<std::string>{"1.5.0", "2.0.0"}));
  EXPECT_EQ(
      to_error(u).render(),
      R"txt(the package set "core" has no version of libpng that satisfies ^3.0.0 (it lists 1.5.0 and 2.0.0)
  required by: myapp -> libpng
  myapp depends on libpng ^3.0.0 (pinset.yaml:9)
  help: relax libpng ^3.0.0 (pinset.yaml:9) to allow a listed version; otherwise ask the set's curators for a version of libpng that satisfies ^3.0.0, or use a newer set that has one)txt");
}

TEST(Explanation, NoVettedVersionSaysWhenOnlyThePrereleaseRuleStandsInTheWay) {
  // libevent writes its releases "2.1.12-stable": SemVer reads a prerelease, which >=2.1.0 never
  // allows; widening the range cannot help, so the hint says what can.
  model::PackageSet set = SetBuilder("core").add("libevent", "2.1.12-stable").build();
  Unsolvable u = unsolvable(set, roots({{"libevent", ">=2.1.0"}}, 4));
  EXPECT_EQ(u.code, "no-vetted-version");
  EXPECT_EQ(
      to_error(u).render(),
      R"txt(the package set "core" has no version of libevent that satisfies >=2.1.0 (it lists 2.1.12-stable)
  required by: myapp -> libevent
  myapp depends on libevent >=2.1.0 (pinset.yaml:4)
  help: only prereleases of libevent satisfy >=2.1.0 (2.1.12-stable), and a range allows a prerelease only when one of its comparators names a prerelease of the same major.minor.patch: write it into the range (e.g. ">=2.1.12-stable"), or declare the set's `versioning` if these are not SemVer prereleases ("2.1.12-stable" is a release in the debian scheme))txt");
}

TEST(Explanation, NoVettedVersionForADependentsRange) {
  model::PackageSet set = SetBuilder("core")
                              .add("webkit", "3.1.0", {{"libpng", "^1.6.0"}})
                              .add("webkit", "2.0.0")
                              .add("libpng", "1.5.0")
                              .add("libpng", "2.0.0")
                              .build();
  Unsolvable u = unsolvable(set, roots({{"webkit", "^3.0.0"}}, 3));
  EXPECT_EQ(u.code, "no-vetted-version");
  EXPECT_EQ(u.path, (std::vector<std::string>{"myapp", "webkit 3.1.0", "libpng"}));
  EXPECT_EQ(
      to_error(u).render(),
      R"txt(the package set "core" has no version of libpng that satisfies ^1.6.0 (it lists 1.5.0 and 2.0.0)
  required by: myapp -> webkit 3.1.0 -> libpng
  webkit 3.1.0 depends on libpng ^1.6.0
  help: relax webkit ^3.0.0 (pinset.yaml:3); otherwise ask the set's curators for a version of libpng that satisfies ^1.6.0, or use a newer set that has one)txt");
}

TEST(Explanation, NoVettedVersionListsEveryConstraintWithItsOrigin) {
  // pub's "linear error reporting" example: every choice is forced, so the failure is baz alone.
  model::PackageSet set = SetBuilder("core")
                              .add("foo", "1.0.0", {{"bar", "^2.0.0"}})
                              .add("bar", "2.0.0", {{"baz", "^3.0.0"}})
                              .add("baz", "1.0.0")
                              .add("baz", "3.0.0")
                              .build();
  Unsolvable u = unsolvable(set, roots({{"foo", "^1.0.0"}, {"baz", "^1.0.0"}}, 4));
  EXPECT_EQ(u.code, "no-vetted-version");
  ASSERT_EQ(u.constraints.size(), 2u);
  EXPECT_EQ(
      to_error(u).render(),
      R"txt(the package set "core" has no version of baz that satisfies both constraints below (it lists 1.0.0 and 3.0.0)
  myapp depends on baz ^1.0.0 (pinset.yaml:5)
  bar 2.0.0 depends on baz ^3.0.0
    required by: myapp -> foo 1.0.0 -> bar 2.0.0
  help: one version per name is the rule; write `multiple-versions: {rule: major, packages: [baz]}` in the manifest: the project then resolves with baz 1.0.0 and 3.0.0 side by side; or no version of baz can satisfy every constraint listed: relax baz ^1.0.0 (pinset.yaml:5), or ask the set's curators for versions of bar that agree on baz (or use a newer set))txt");
}

TEST(Explanation, ConflictWithTheDerivation) {
  // pub's "branching error reporting" example: foo's two versions fail for different reasons.
  model::PackageSet set = SetBuilder("core")
                              .add("foo", "1.0.0", {{"a", "^1.0.0"}, {"b", "^1.0.0"}})
                              .add("foo", "1.1.0", {{"x", "^1.0.0"}, {"y", "^1.0.0"}})
                              .add("a", "1.0.0", {{"b", "^2.0.0"}})
                              .add("b", "1.0.0")
                              .add("b", "2.0.0")
                              .add("x", "1.0.0", {{"y", "^2.0.0"}})
                              .add("y", "1.0.0")
                              .add("y", "2.0.0")
                              .build();
  Unsolvable u = unsolvable(set, roots({{"foo", "^1.0.0"}}, 3));
  EXPECT_EQ(u.code, "conflict");
  EXPECT_EQ(
      to_error(u).render(),
      R"txt(no combination of versions in the package set "core" satisfies the requirements of myapp
  1. Because foo 1.0.0 depends on a ^1.0.0 and a 1.0.0 depends on b ^2.0.0, foo 1.0.0 requires b 2.0.0.
  2. And because foo 1.0.0 depends on b ^1.0.0, foo 1.0.0 is forbidden.
  3. Because foo 1.1.0 depends on x ^1.0.0 and x 1.0.0 depends on y ^2.0.0, foo 1.1.0 requires y 2.0.0.
  4. And because foo 1.1.0 depends on y ^1.0.0, foo 1.1.0 is forbidden.
  5. And because foo 1.0.0 is forbidden (2), every version of foo is forbidden.
  6. And because myapp depends on foo ^1.0.0 (pinset.yaml:3), version solving failed.
  help: one version per name is the rule; write `multiple-versions: {rule: major, packages: [b]}` in the manifest: the project then resolves with b 1.0.0 and 2.0.0 side by side; or ask the set's curators for versions that work together, or use a newer set)txt");
}

TEST(Explanation, MissingPackagesOnEveryPathAreAConflict) {
  model::PackageSet set = SetBuilder("core")
                              .add("app", "2.0.0", {{"ghost", "^1.0.0"}})
                              .add("app", "1.0.0", {{"spectre", "*"}})
                              .build();
  Unsolvable u = unsolvable(set, roots({{"app", "*"}}, 3));
  EXPECT_EQ(u.code, "conflict");
  EXPECT_EQ(
      to_error(u).render(),
      R"txt(no combination of versions in the package set "core" satisfies the requirements of myapp
  1. Because app 2.0.0 depends on ghost ^1.0.0 (not in the set) and app 1.0.0 depends on spectre (not in the set), every version of app is forbidden.
  2. And because myapp depends on app (pinset.yaml:3), version solving failed.
  help: ask the set's curators to add ghost and spectre or use a newer set that has them)txt");
}

TEST(Explanation, ConflictNamesRunsOfVersionsAsRanges) {
  SetBuilder b("core");
  for (int i = 0; i < 10; ++i) {
    std::string version = "1." + std::to_string(i) + ".0";
    b.add("a", version, {{"c", i < 5 ? "^1.0.0" : "^2.0.0"}});
    b.add("b", version, {{"c", i < 7 ? "^2.0.0" : "^3.0.0"}, {"d", i < 7 ? "^1.0.0" : "*"}});
  }
  b.add("c", "1.0.0").add("c", "2.0.0").add("c", "3.0.0").add("d", "2.0.0");
  model::PackageSet set = b.build();
  Unsolvable u = unsolvable(set, roots({{"a", "^1.5.0"}, {"b", "*"}, {"c", "<3.0.0"}}, 5));
  EXPECT_EQ(u.code, "conflict");
  EXPECT_EQ(
      to_error(u).render(),
      R"txt(no combination of versions in the package set "core" satisfies the requirements of myapp
  1. Because b >=1.7.0 depends on c ^3.0.0 and b <=1.6.0 depends on d ^1.0.0 (the set has only 2.0.0), every version of b requires c 3.0.0.
  2. And because myapp depends on b (pinset.yaml:6) and myapp depends on c <3.0.0 (pinset.yaml:7), version solving failed.
  help: one version per name is the rule; write `multiple-versions: {rule: major, packages: [c]}` in the manifest: the project then resolves with c 2.0.0 and 3.0.0 side by side; or ask the set's curators for versions that work together, or use a newer set)txt");
}

TEST(Explanation, ManyVersionsAreSummarized) {
  SetBuilder b("core");
  for (int i = 0; i < 12; ++i)
    b.add("libpng", "1." + std::to_string(i) + ".0");
  b.add("webkit", "3.1.0", {{"libpng", "^2.0.0"}});
  model::PackageSet set = b.build();
  Unsolvable u = unsolvable(set, roots({{"webkit", "^3.0.0"}}, 3));
  EXPECT_EQ(
      to_error(u).render(),
      R"txt(the package set "core" has no version of libpng that satisfies ^2.0.0 (it lists 12 versions, 1.0.0 to 1.11.0)
  required by: myapp -> webkit 3.1.0 -> libpng
  webkit 3.1.0 depends on libpng ^2.0.0
  help: ask the set's curators for a version of libpng that satisfies ^2.0.0, or use a newer set that has one)txt");
}

TEST(Explanation, JsonOfAConflict) {
  model::PackageSet set = SetBuilder("core")
                              .add("a", "1.0.0", {{"b", "^1.0.0"}})
                              .add("a", "2.0.0", {{"b", "^2.0.0"}})
                              .add("b", "1.0.0", {{"x", "*"}})
                              .add("b", "2.0.0", {{"c", "^2.0.0"}})
                              .add("c", "1.0.0")
                              .build();
  Unsolvable u = unsolvable(set, roots({{"a", "*"}}, 5));
  nlohmann::json j = to_json(u);
  EXPECT_EQ(j["code"], "conflict");
  EXPECT_EQ(j["package"], "b");
  EXPECT_EQ(j["path"], nlohmann::json::array());
  EXPECT_EQ(j["versions"], nlohmann::json::array());
  EXPECT_EQ(j["hint"], "ask the set's curators to add x or use a newer set that has it");
  EXPECT_EQ(
      j["constraints"].dump(),
      R"txt([{"imposed_by":"a 1.0.0","package":"b","path":["myapp","a 1.0.0"],"range":"^1.0.0"},)txt"
      R"txt({"imposed_by":"a 2.0.0","package":"b","path":["myapp","a 2.0.0"],"range":"^2.0.0"},)txt"
      R"txt({"imposed_by":"b 1.0.0","package":"x","path":["myapp","a 1.0.0","b 1.0.0"],"range":"*"},)txt"
      R"txt({"imposed_by":"pinset.yaml:5","package":"a","path":["myapp"],"range":"*"}])txt");
  EXPECT_EQ(j["derivation"].dump(2), R"txt([
  "1. Because a 1.0.0 depends on b ^1.0.0 and a 2.0.0 depends on b ^2.0.0, every version of a requires b.",
  "2. And because b 1.0.0 depends on x (not in the set), every version of a requires b 2.0.0.",
  "3. And because b 2.0.0 depends on c ^2.0.0 (the set has only 1.0.0) and myapp depends on a (pinset.yaml:5), version solving failed."
])txt");
}

TEST(Explanation, Json) {
  model::PackageSet set = SetBuilder("core")
                              .add("webkit", "3.1.0", {{"libpng", "^1.6.0"}})
                              .add("libpng", "1.5.0")
                              .build();
  Unsolvable u = unsolvable(set, roots({{"webkit", "^3.0.0"}}, 3));
  EXPECT_EQ(to_json(u).dump(2),
            R"txt({
  "also": [],
  "code": "no-vetted-version",
  "constraints": [
    {
      "imposed_by": "webkit 3.1.0",
      "package": "libpng",
      "path": [
        "myapp",
        "webkit 3.1.0"
      ],
      "range": "^1.6.0"
    }
  ],
  "derivation": [],
  "hint": "ask the set's curators for a version of libpng that satisfies ^1.6.0, or use a newer set that has one",
  "message": "the package set \"core\" has no version of libpng that satisfies ^1.6.0 (it lists 1.5.0)",
  "package": "libpng",
  "path": [
    "myapp",
    "webkit 3.1.0",
    "libpng"
  ],
  "set": "core",
  "versions": [
    "1.5.0"
  ]
})txt");
}

TEST(Explanation, EveryIndependentProblemIsReportedInOnePass) {
  // Three problems that have nothing to do with each other, and one dependency that is fine.
  model::PackageSet set = SetBuilder("core")
                              .add("libpng", "1.5.0")
                              .add("webkit", "3.1.0", {{"icu", "^72.0.0"}})
                              .add("a", "1.0.0", {{"c", "^1.0.0"}})
                              .add("b", "1.0.0", {{"c", "^2.0.0"}})
                              .add("c", "1.0.0")
                              .add("c", "2.0.0")
                              .add("zlib", "1.3.1")
                              .build();
  Unsolvable u = unsolvable(
      set,
      roots({{"libpng", "^1.6.0"}, {"webkit", "^3.0.0"}, {"a", "*"}, {"b", "*"}, {"zlib", "*"}},
            3));
  EXPECT_EQ(u.also.size(), 2u);
  std::string text;
  for (const Error& e : to_errors(u))
    text += e.render() + "\n";
  EXPECT_EQ(
      text,
      R"txt(the package set "core" has no version of libpng that satisfies ^1.6.0 (it lists 1.5.0) (problem 1 of 3)
  required by: myapp -> libpng
  myapp depends on libpng ^1.6.0 (pinset.yaml:3)
  help: relax libpng ^1.6.0 (pinset.yaml:3) to allow a listed version; otherwise ask the set's curators for a version of libpng that satisfies ^1.6.0, or use a newer set that has one
icu is not in the package set "core" (problem 2 of 3, independent of those before)
  required by: myapp -> webkit 3.1.0 -> icu
  webkit 3.1.0 depends on icu ^72.0.0
  help: ask the set's curators to add icu or use a newer set that has it, or change or drop the requirement webkit ^3.0.0 (pinset.yaml:4), which pulls it in
the package set "core" has no version of c that satisfies both constraints below (it lists 1.0.0 and 2.0.0) (problem 3 of 3, independent of those before)
  a 1.0.0 depends on c ^1.0.0
    required by: myapp -> a 1.0.0
  b 1.0.0 depends on c ^2.0.0
    required by: myapp -> b 1.0.0
  help: one version per name is the rule; write `multiple-versions: {rule: major, packages: [c]}` in the manifest: the project then resolves with c 1.0.0 and 2.0.0 side by side; or no version of c can satisfy every constraint listed: ask the set's curators for versions of a or b that agree on c (or use a newer set)
)txt");
}

}  // namespace
}  // namespace pinset::resolve::test
