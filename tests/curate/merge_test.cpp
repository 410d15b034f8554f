// Merging sets: each strategy, checksum conflicts under every strategy, layered inputs, URLs.
#include <gtest/gtest.h>

#include "core/curate/merge.hpp"
#include "core/curate/set_writer.hpp"
#include "tests/support/error_text.hpp"

namespace pinset::curate {
namespace {

model::PackageSet parse(const std::string& text, const std::string& source) {
  auto set = model::parse_package_set(text, source, doc::Format::yaml);
  if (!set) throw std::runtime_error(test::error_text(set.error()));
  return std::move(*set);
}

std::string entry(const std::string& version, char checksum = 'a', const std::string& extra = "") {
  return "    - version: " + version + "\n      checksum: sha256:" + std::string(64, checksum) +
         "\n      url: art/x-" + version + ".tgz\n" + extra;
}

// name version from, one line per entry of the result.
std::string summary(const model::PackageSet& set) {
  std::string out;
  for (const model::Package& p : set.packages()) {
    for (const model::Entry& e : p.entries) {
      out += std::string(set.name_of(p.name)) + " " + e.version.str() + " " + e.from() + "\n";
    }
  }
  return out;
}

class Merge : public ::testing::Test {
 protected:
  model::PackageSet a = parse(
      "format: 1\nname: a\nserial: 3\nexpires: 2027-06-30T00:00:00Z\n"
      "packages:\n  lib:\n" +
          entry("1.1.0") + entry("1.0.0") + "  net:\n" +
          entry("2.0.0", 'a', "      dependencies: {lib: ^1.0.0}\n") + "  only-a:\n" +
          entry("0.1.0"),
      "sets/a.yaml");
  model::PackageSet b = parse(
      "format: 1\nname: b\nserial: 5\nexpires: 2027-01-01T00:30:00+01:00\n"
      "packages:\n  lib:\n" +
          entry("1.1.0") + entry("1.2.0", 'b') + "  net:\n" + entry("2.0.0") + "  only-b:\n" +
          entry("1.0.0"),
      "other/b.yaml");
  std::vector<MergeInput> inputs{{&a, "a@3"}, {&b, "b@5"}};

  Result<model::PackageSet> merge(MergeStrategy strategy, std::vector<MergeInput> in = {}) {
    MergeOptions options;
    options.strategy = strategy;
    return merge_sets(in.empty() ? inputs : in, options);
  }
};

TEST_F(Merge, EachStrategy) {
  struct Case {
    MergeStrategy strategy;
    std::string lib;
  };
  const Case cases[] = {
      {MergeStrategy::first, "lib 1.0.0 a@3\nlib 1.1.0 a@3\n"},
      {MergeStrategy::last, "lib 1.1.0 b@5\nlib 1.2.0 b@5\n"},
      {MergeStrategy::highest, "lib 1.1.0 b@5\nlib 1.2.0 b@5\n"},
      {MergeStrategy::union_all, "lib 1.0.0 a@3\nlib 1.1.0 a@3\nlib 1.2.0 b@5\n"},
  };
  for (const Case& c : cases) {
    auto out = merge(c.strategy);
    ASSERT_TRUE(out) << test::error_text(out.error());
    // net agrees in both sets: no conflict, taken from the first.
    EXPECT_EQ(summary(*out), c.lib + "net 2.0.0 a@3\nonly-a 0.1.0 a@3\nonly-b 1.0.0 b@5\n");
    EXPECT_EQ(out->name, "a");
    EXPECT_EQ(out->serial, 5u);
    EXPECT_EQ(out->expires, "2027-01-01T00:30:00+01:00");  // the earliest, offsets applied
  }
}

TEST_F(Merge, HighestPicksTheSetWithTheHighestVersion) {
  model::PackageSet c =
      parse("format: 1\nname: c\nserial: 1\npackages:\n  lib:\n" + entry("0.9.0", 'c'), "c.yaml");
  std::vector<MergeInput> in{{&c, "c"}, {&a, "a"}, {&b, "b"}};
  auto out = merge(MergeStrategy::highest, in);
  ASSERT_TRUE(out) << test::error_text(out.error());
  EXPECT_EQ(summary(*out).substr(0, 27), "lib 1.1.0 b\nlib 1.2.0 b\nnet");
}

TEST_F(Merge, FailReportsEveryConflictAndProducesNothing) {
  model::PackageSet c = parse("format: 1\nname: c\nserial: 1\npackages:\n  net:\n" +
                                  entry("2.1.0", 'c') + "  only-a:\n" + entry("0.2.0"),
                              "c.yaml");
  inputs.push_back({&c, "c.yaml"});
  auto out = merge(MergeStrategy::fail);
  ASSERT_FALSE(out);
  EXPECT_EQ(test::error_text(out.error()),
            "merge-failed: cannot merge the sets (3 errors)\n"
            "  other/b.yaml:7: packages.lib: lib is pinned to different versions: 1.0.0, 1.1.0 "
            "in a@3; 1.1.0, 1.2.0 in b@5\n"
            "    help: choose a strategy (--strategy first, last, highest or union), or make the "
            "sets agree\n"
            "  other/b.yaml:14: packages.net: net is pinned to different versions: 2.0.0 in a@3; "
            "2.0.0 in b@5; 2.1.0 in c.yaml\n"
            "    help: choose a strategy (--strategy first, last, highest or union), or make the "
            "sets agree\n"
            "  c.yaml:10: packages.only-a: only-a is pinned to different versions: 0.1.0 in a@3; "
            "0.2.0 in c.yaml\n"
            "    help: choose a strategy (--strategy first, last, highest or union), or make the "
            "sets agree");
}

TEST_F(Merge, ChecksumConflictIsAnErrorWhateverTheStrategy) {
  model::PackageSet c =
      parse("format: 1\nname: c\nserial: 1\npackages:\n  lib:\n" + entry("1.1.0", 'f'), "c.yaml");
  inputs.push_back({&c, "c@1"});
  for (MergeStrategy s : {MergeStrategy::fail, MergeStrategy::first, MergeStrategy::last,
                          MergeStrategy::highest, MergeStrategy::union_all}) {
    auto out = merge(s);
    ASSERT_FALSE(out);
    std::string conflict =
        "checksum-conflict: c.yaml:6: packages.lib[0].checksum: lib 1.1.0 has checksum sha256:" +
        std::string(64, 'a') + " in a@3 but sha256:" + std::string(64, 'f') +
        " in c@1\n  help: the same version must be the same artifact: find out which is right "
        "(one was republished or tampered with) and fix the other";
    if (s == MergeStrategy::fail) {
      EXPECT_NE(test::error_text(out.error()).find("(2 errors)"), std::string::npos);
      EXPECT_EQ(out.error().causes.at(0).code, "checksum-conflict");
    } else {
      EXPECT_EQ(test::error_text(out.error()), conflict);
    }
  }
}

TEST_F(Merge, RefusesLayeredInputs) {
  model::PackageSet layered =
      parse("format: 1\nname: t\nserial: 1\nremoves: [lib]\npackages: {}\n", "t.yaml");
  auto out = merge(MergeStrategy::union_all, {{&a, "a"}, {&layered, "t.yaml"}});
  ASSERT_FALSE(out);
  EXPECT_EQ(test::error_text(out.error()),
            "layered-input: t.yaml: t.yaml is a layered set (it extends, overrides or removes): "
            "merge works on flat sets\n  help: flatten it first: pinset set flatten");
}

TEST_F(Merge, WritesTheResultWithUrlsRelativeToTheOutput) {
  MergeOptions options;
  options.strategy = MergeStrategy::union_all;
  options.name = "merged";
  options.serial = 9;
  options.source = "out/merged.yaml";
  auto out = merge_sets(inputs, options);
  ASSERT_TRUE(out) << test::error_text(out.error());
  std::string sum_a = "sha256:" + std::string(64, 'a');
  std::string sum_b = "sha256:" + std::string(64, 'b');
  EXPECT_EQ(write_set_yaml(*out),
            "format: 1\nname: merged\nserial: 9\nexpires: 2027-01-01T00:30:00+01:00\npackages:\n"
            "  lib:\n"
            "    - version: 1.0.0\n      checksum: " +
                sum_a +
                "\n      url: ../sets/art/x-1.0.0.tgz\n      from: a@3\n"
                "    - version: 1.1.0\n      checksum: " +
                sum_a +
                "\n      url: ../sets/art/x-1.1.0.tgz\n      from: a@3\n"
                "    - version: 1.2.0\n      checksum: " +
                sum_b +
                "\n      url: ../other/art/x-1.2.0.tgz\n      from: b@5\n"
                "  net:\n"
                "    - version: 2.0.0\n      checksum: " +
                sum_a +
                "\n      url: ../sets/art/x-2.0.0.tgz\n      dependencies:\n        lib: ^1.0.0\n"
                "      from: a@3\n"
                "  only-a:\n"
                "    - version: 0.1.0\n      checksum: " +
                sum_a +
                "\n      url: ../sets/art/x-0.1.0.tgz\n      from: a@3\n"
                "  only-b:\n"
                "    - version: 1.0.0\n      checksum: " +
                sum_a + "\n      url: ../other/art/x-1.0.0.tgz\n      from: b@5\n");
}

TEST_F(Merge, ConsumedInputsGiveTheSameResultAndAreEmptied) {
  // For every strategy and output place (URLs rebased or kept), merging inputs given up to the
  // merge writes the same bytes as merging them read-only; the given-up sets keep no entry.
  for (MergeStrategy strategy : {MergeStrategy::first, MergeStrategy::last, MergeStrategy::highest,
                                 MergeStrategy::union_all}) {
    for (const char* output : {"out/merged.yaml", "sets/merged.yaml", ""}) {
      SCOPED_TRACE(std::string(output) + " " + std::to_string(static_cast<int>(strategy)));
      MergeOptions options;
      options.strategy = strategy;
      options.source = output;
      auto read_only = merge_sets(inputs, options);
      ASSERT_TRUE(read_only) << test::error_text(read_only.error());
      model::PackageSet ca = a, cb = b;
      auto consumed = merge_sets({{&ca, "a@3", &ca}, {&cb, "b@5", &cb}}, options);
      ASSERT_TRUE(consumed) << test::error_text(consumed.error());
      EXPECT_EQ(write_set_yaml(*consumed), write_set_yaml(*read_only));
      for (const model::PackageSet* given : {&ca, &cb}) {
        for (const model::Package& p : given->packages())
          EXPECT_TRUE(p.entries.empty());
      }
    }
  }
}

TEST(MergeUrls, InTheSameFolderPlainUrlsStayAndOthersAreRebased) {
  auto with_url = [](const std::string& name, const std::string& url) {
    return "  " + name + ":\n    - version: 1.0.0\n      checksum: sha256:" + std::string(64, 'a') +
           "\n      url: " + url + "\n";
  };
  model::PackageSet a =
      parse("format: 1\nname: a\nserial: 1\npackages:\n" + with_url("dot", "./art/d.tgz") +
                with_url("up", "../art/u.tgz") + with_url("plain", "art/p.tgz") +
                with_url("web", "https://example.org/w.tgz"),
            "sets/a.yaml");
  MergeOptions options;
  options.source = "sets/merged.yaml";
  auto out = merge_sets({{&a, "a"}}, options);
  ASSERT_TRUE(out) << test::error_text(out.error());
  std::vector<std::string> urls;
  for (const model::Package& p : out->packages())
    urls.push_back(std::string(out->name_of(p.name)) + " " + p.entries.at(0).url);
  EXPECT_EQ(urls, (std::vector<std::string>{"dot art/d.tgz", "plain art/p.tgz", "up ../art/u.tgz",
                                            "web https://example.org/w.tgz"}));
  // Written elsewhere, every relative URL is rebased.
  options.source = "out/merged.yaml";
  out = merge_sets({{&a, "a"}}, options);
  ASSERT_TRUE(out) << test::error_text(out.error());
  EXPECT_EQ(out->find("plain")->entries.at(0).url, "../sets/art/p.tgz");
  EXPECT_EQ(out->find("up")->entries.at(0).url, "../art/u.tgz");
}

TEST(MergeStrategyText, ParsesAndRefuses) {
  EXPECT_EQ(*parse_strategy("union"), MergeStrategy::union_all);
  EXPECT_EQ(test::error_of(parse_strategy("newest")),
            "invalid-strategy: unknown merge strategy \"newest\"\n  help: use one of fail, "
            "first, last, highest, union");
}

TEST(Timestamps, ExpiriesCompareAcrossOffsets) {
  EXPECT_FALSE(expires_before("2027-06-30T02:00:00.5+02:00", "2027-06-29T21:30:00-02:30"));
  EXPECT_FALSE(expires_before("2027-06-29T21:30:00-02:30", "2027-06-30T02:00:00.5+02:00"));
  EXPECT_TRUE(expires_before("2027-06-29T23:59:59Z", "2027-06-30T02:00:00.5+02:00"));
  EXPECT_TRUE(expires_before("2027-06-29", "2027-06-29T00:00:01Z"));
  EXPECT_TRUE(expires_before("2027-06-29", "not a date"));
  EXPECT_FALSE(expires_before("not a date", "2027-06-29"));
}

}  // namespace
}  // namespace pinset::curate
