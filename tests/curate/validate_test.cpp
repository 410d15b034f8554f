// Set-level validation: unsatisfied dependency ranges and dependency cycles.
#include <gtest/gtest.h>

#include <algorithm>

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

namespace pinset::curate {
namespace {

// Issue 11's upstream releases (its 55 versions and more, from 52 projects), listed as upstream
// writes them in a `versioning: debian` set: the set reads and validates (as `pinset set
// validate` does), every version keeps its text, each project lists its versions in ascending
// debian order, and every natural range of `app` is satisfied by exactly the versions the
// debian order puts in it.
TEST(Validate, UpstreamReleasesInTheDebianScheme) {
  auto text = test::read_file(test::source_dir() + "/tests/data/sets/upstream-releases.yaml");
  auto set = model::parse_package_set(text, "upstream-releases.yaml", doc::Format::yaml);
  ASSERT_TRUE(set) << test::error_text(set.error());
  EXPECT_EQ(set->versioning, semver::Scheme::debian);
  EXPECT_EQ(set->find("libevent")->entries[0].version.str(), "2.1.12-stable");
  EXPECT_EQ(set->find("zlib")->entries[0].version.str(), "1.2.13.dfsg");
  EXPECT_EQ(set->find("re2")->entries[1].version.str(), "2024-02-01");
  EXPECT_EQ(set->find("openssh")->entries[1].version.str(), "9.6p1");
  EXPECT_EQ(set->find("jpeg")->entries[1].version.str(), "9f");
  Validation v = validate_set(*set);
  EXPECT_EQ(texts(v.errors), "");
  EXPECT_EQ(texts(v.warnings), "");
  EXPECT_TRUE(v.valid());

  std::size_t versions = 0;
  for (const model::Package& p : set->packages()) {
    if (set->name_of(p.name) == "app") continue;
    versions += p.entries.size();
    for (std::size_t i = 1; i < p.entries.size(); ++i) {
      EXPECT_TRUE(p.entries[i - 1].version < p.entries[i].version)
          << set->name_of(p.name) << ": " << p.entries[i - 1].version.str() << " is not below "
          << p.entries[i].version.str();
    }
  }
  EXPECT_GE(versions, 55u);

  struct Case {
    const char* package;
    const char* allowed;  // the versions app's range on it allows, ascending, space-separated
  };
  const Case cases[] = {
      {"abseil-cpp", "20230802.1 20240116.2"},
      {"icu", "72.1 74.2"},
      {"pcre2", "10.42 10.43"},
      {"tzdata", "2026b"},
      {"zlib", "1.2.13.dfsg 1.3.1"},
      {"libevent", "2.1.12-stable"},
      {"gettext", "0.21"},
      {"ncurses", "6.4"},
      {"release-1-23", "1.23"},
      {"release-1-13", "1.13"},
      {"release-6-8", "6.8"},
      {"repack-20220601", "20220601+dfsg"},
      {"boost", "1.84.0 1.85.0"},
      {"curl", "8.8.0"},
      {"openssl", "3.0.13 3.3.1"},  // not 1.1.1w
      {"sqlite", "3.45.1"},
      {"libpng", "1.6.42 1.6.43"},
      {"re2", "2024-02-01"},
      {"fmt", "10.2.1"},
      {"yaml-cpp", "0.7.0 0.8.0"},  // ^0.7 is >=0.7 <1 in the debian scheme
      {"protobuf", "25.2"},
      {"zstd", "1.5.5 1.5.6"},
      {"xz", "5.4.6"},
      {"gmp", "6.2.1 6.3.0"},
      {"bash", "5.2.21"},
      {"perl", "5.36.3 5.38.2"},
      {"python", "3.12.2"},
      {"e2fsprogs", "1.46.5 1.47.0"},
      {"openssh", "9.6p1 9.7p1"},
      {"jpeg", "9e 9f"},
  };
  const model::Entry& app = set->find("app")->entries.at(0);
  ASSERT_EQ(app.dependencies.size(), std::size(cases));
  for (const Case& c : cases) {
    auto dep = std::find_if(
        app.dependencies.begin(), app.dependencies.end(),
        [&](const model::DependencyRef& d) { return set->name_of(d.name) == c.package; });
    ASSERT_NE(dep, app.dependencies.end()) << c.package;
    std::string allowed;
    for (const model::Entry& e : set->find(c.package)->entries) {
      if (set->range(dep->range).satisfies(e.version))
        allowed += (allowed.empty() ? "" : " ") + e.version.str();
    }
    EXPECT_EQ(allowed, c.allowed) << c.package << " " << set->range(dep->range).text();
  }
}

TEST(Validate, AVersionOfAnotherSchemeIsRefusedWithTheScheme) {
  auto set = model::parse_package_set(
      "format: 1\nname: t\nserial: 1\nversioning: relaxed\npackages:\n  pcre2:\n" +
          entry("10.42-rc1"),
      "s.yaml", doc::Format::yaml);
  ASSERT_FALSE(set);
  EXPECT_EQ(test::error_text(set.error()),
            "invalid-version: s.yaml:7:16: packages.pcre2[0].version: invalid relaxed version "
            "\"10.42-rc1\": "
            "unexpected \"-rc1\" (relaxed versions are numbers and dots with an optional +build; "
            "the debian scheme orders suffixes)\n"
            "  help: write a relaxed version such as \"72.1\", or declare the scheme these "
            "versions follow (`versioning`)");
}

}  // namespace
}  // namespace pinset::curate
