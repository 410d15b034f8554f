// Set-level validation: unsatisfied dependency ranges and dependency cycles.
#include <gtest/gtest.h>

#include "core/curate/validate.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/process.hpp"

namespace pinset::curate {
namespace {

model::PackageSet parse(const std::string& text) {
  auto set = model::parse_package_set(text, "s.yaml", doc::Format::yaml);
  if (!set) throw std::runtime_error(test::error_text(set.error()));
  return std::move(*set);
}

// An entry of `version` with the given dependencies ("a: ^1.0.0" lines).
std::string entry(const std::string& version, const std::vector<std::string>& deps = {}) {
  std::string out = "    - version: " + version +
                    "\n      checksum: sha256:" + std::string(64, 'a') + "\n      url: x.tgz\n";
  if (!deps.empty()) out += "      dependencies:\n";
  for (const std::string& d : deps)
    out += "        " + d + "\n";
  return out;
}

std::string texts(const std::vector<Error>& errors) {
  std::string out;
  for (const Error& e : errors)
    out += test::error_text(e) + "\n";
  return out;
}

TEST(Validate, TheExampleSetIsValid) {
  auto text = test::read_file(test::source_dir() + "/package-sets/example.yaml");
  Validation v = validate_set(parse(text));
  EXPECT_EQ(texts(v.errors), "");
  EXPECT_EQ(texts(v.warnings), "");
  EXPECT_TRUE(v.valid());
}

TEST(Validate, NamesEachUnsatisfiedRangeAndWhatTheSetHas) {
  Validation v = validate_set(
      parse("format: 1\nname: s\nserial: 1\npackages:\n  app:\n" + entry("1.0.0", {"lib: ^2.0.0"}) +
            entry("1.1.0", {"lib: \">=1.5.0 <1.9.0\"", "ghost: '*'", "util: ~1.0.0"}) + "  lib:\n" +
            entry("1.2.0") + entry("1.9.0") + "  util:\n" + entry("1.0.3")));
  EXPECT_FALSE(v.valid());
  EXPECT_EQ(texts(v.errors),
            "unsatisfied-dependency: s.yaml:6: packages.app[0].dependencies.lib: app 1.0.0 "
            "depends on lib ^2.0.0, but no version of lib in the set satisfies it (the set has "
            "1.2.0, 1.9.0)\n"
            "  help: add a version of lib that satisfies ^2.0.0 to the set, or widen the range\n"
            "unsatisfied-dependency: s.yaml:11: packages.app[1].dependencies.ghost: app 1.1.0 "
            "depends on ghost *, but the set has no ghost\n"
            "  help: add ghost to the set, or remove the dependency\n"
            "unsatisfied-dependency: s.yaml:11: packages.app[1].dependencies.lib: app 1.1.0 "
            "depends on lib >=1.5.0 <1.9.0, but no version of lib in the set satisfies it (the "
            "set has 1.2.0, 1.9.0)\n"
            "  help: add a version of lib that satisfies >=1.5.0 <1.9.0 to the set, or widen the "
            "range\n");
  EXPECT_EQ(texts(v.warnings), "");
}

TEST(Validate, PrereleasesFollowTheRangeRules) {
  // ^1.0.0 does not admit 1.1.0-rc.1 (node-semver's prerelease rule).
  Validation v =
      validate_set(parse("format: 1\nname: s\nserial: 1\npackages:\n  a:\n" +
                         entry("1.0.0", {"b: ^1.0.0"}) + "  b:\n" + entry("1.1.0-rc.1")));
  ASSERT_EQ(v.errors.size(), 1u);
  EXPECT_EQ(v.errors[0].message,
            "a 1.0.0 depends on b ^1.0.0, but no version of b in the set satisfies it (the set "
            "has 1.1.0-rc.1)");
}

TEST(Validate, CyclesAreWarnings) {
  struct Case {
    std::string label;
    std::string packages;
    std::string warnings;
  };
  const Case cases[] = {
      {"none", "  a:\n" + entry("1.0.0", {"b: '*'"}) + "  b:\n" + entry("1.0.0"), ""},
      {"two", "  a:\n" + entry("1.0.0", {"b: '*'"}) + "  b:\n" + entry("1.0.0", {"a: '*'"}),
       "dependency-cycle: s.yaml:6: packages.a: dependency cycle: a -> b -> a\n"
       "  help: packages in a cycle can only be upgraded together; break the cycle if you can\n"},
      {"self", "  a:\n" + entry("1.0.0", {"a: '*'"}),
       "dependency-cycle: s.yaml:6: packages.a: dependency cycle: a -> a\n"
       "  help: packages in a cycle can only be upgraded together; break the cycle if you can\n"},
      {"two rings, shortest path, through other versions",
       "  a:\n" + entry("1.0.0", {"b: '*'"}) + "  b:\n" + entry("1.0.0", {"c: '*'"}) +
           entry("2.0.0", {"a: '*'"}) + "  c:\n" + entry("1.0.0", {"a: '*'"}) + "  x:\n" +
           entry("1.0.0", {"y: '*'"}) + "  y:\n" + entry("1.0.0", {"x: '*'"}),
       "dependency-cycle: s.yaml:6: packages.a: dependency cycle: a -> b -> a\n"
       "  help: packages in a cycle can only be upgraded together; break the cycle if you can\n"
       "dependency-cycle: s.yaml:29: packages.x: dependency cycle: x -> y -> x\n"
       "  help: packages in a cycle can only be upgraded together; break the cycle if you can\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.label);
    Validation v = validate_set(parse("format: 1\nname: s\nserial: 1\npackages:\n" + c.packages));
    EXPECT_EQ(texts(v.warnings), c.warnings);
    EXPECT_TRUE(v.valid());
  }
}

TEST(Validate, LongChainsDoNotOverflowTheStack) {
  std::string packages;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    packages += "  p" + std::to_string(i) + ":\n" +
                entry("1.0.0", {"p" + std::to_string((i + 1) % n) + ": '*'"});
  }
  Validation v = validate_set(parse("format: 1\nname: s\nserial: 1\npackages:\n" + packages));
  ASSERT_EQ(v.warnings.size(), 1u);
  EXPECT_EQ(v.warnings[0].message.substr(0, 40), "dependency cycle: p0 -> p1 -> p2 -> p3 -");
}

}  // namespace
}  // namespace pinset::curate
