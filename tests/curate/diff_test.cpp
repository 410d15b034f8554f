// Set diff: each kind of change, the critical `!` case, and the three renderings.
#include <gtest/gtest.h>

#include "core/curate/diff.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/process.hpp"

namespace pinset::curate {
namespace {

model::PackageSet parse(const std::string& text) {
  auto set = model::parse_package_set(text, "s.yaml", doc::Format::yaml);
  if (!set) throw std::runtime_error(test::error_text(set.error()));
  return std::move(*set);
}

std::string sum(char c) {
  return "sha256:" + std::string(64, c);
}

std::string entry(const std::string& version, char checksum = 'a', const std::string& extra = "") {
  return "    - version: " + version + "\n      checksum: " + sum(checksum) + "\n      url: x-" +
         version + ".tgz\n" + extra;
}

std::string set(const std::string& packages, const std::string& header = "serial: 1\n") {
  return "format: 1\nname: s\n" + header + "packages:\n" + packages;
}

TEST(SetDiff, EachKindOfChange) {
  struct Case {
    std::string label;
    std::string before;
    std::string after;
    std::string text;
  };
  const std::string lib = "  lib:\n" + entry("1.0.0") + entry("1.1.0");
  const Case cases[] = {
      {"identical", set(lib), set(lib), "no differences\n"},
      {"added", set(lib), set(lib + "  new:\n" + entry("0.1.0") + entry("0.2.0")),
       "+ new 0.1.0, 0.2.0\n1 package changed: 1 added\n"},
      {"removed", set(lib + "  old:\n" + entry("3.0.0")), set(lib),
       "- old 3.0.0\n1 package changed: 1 removed\n"},
      {"upgraded: a version came, one went", set(lib),
       set("  lib:\n" + entry("1.1.0") + entry("1.2.0")),
       "^ lib 1.0.0, 1.1.0 -> 1.1.0, 1.2.0\n    + 1.2.0\n    - 1.0.0\n"
       "1 package changed: 1 upgraded\n"},
      {"downgraded", set(lib), set("  lib:\n" + entry("1.0.0")),
       "v lib 1.0.0, 1.1.0 -> 1.0.0\n    - 1.1.0\n1 package changed: 1 downgraded\n"},
      {"an older version added", set(lib),
       set("  lib:\n" + entry("0.9.0") + entry("1.0.0") + entry("1.1.0")),
       "~ lib 1.0.0, 1.1.0 -> 0.9.0, 1.0.0, 1.1.0\n    + 0.9.0\n1 package changed: 1 changed\n"},
      {"critical: same version, other checksum", set(lib),
       set("  lib:\n" + entry("1.0.0") + entry("1.1.0", 'b')),
       "! lib 1.0.0, 1.1.0\n    1.1.0 checksum: " + sum('a') + " -> " + sum('b') +
           " (CRITICAL: same version, different artifact: republished or tampered)\n"
           "1 package changed: 1 critical\n"},
      {"critical outranks an upgrade", set(lib),
       set("  lib:\n" + entry("1.0.0", 'c') + entry("1.1.0") + entry("2.0.0")),
       "! lib 1.0.0, 1.1.0 -> 1.0.0, 1.1.0, 2.0.0\n    + 2.0.0\n    1.0.0 checksum: " + sum('a') +
           " -> " + sum('c') +
           " (CRITICAL: same version, different artifact: republished or tampered)\n"
           "1 package changed: 1 critical\n"},
      {"fields of one version",
       set("  lib:\n" + entry("1.0.0", 'a',
                              "      dependencies: {z: ^1.0.0}\n      license: MIT\n"
                              "      vetted: {by: alice, on: 2026-01-02}\n")),
       set("  lib:\n" +
           entry("1.0.0", 'a',
                 "      dependencies: {z: ^1.1.0, y: '*'}\n      license: MIT OR Apache-2.0\n"
                 "      size: 10\n      strip-components: 1\n"
                 "      vetted: {by: bob, on: 2026-02-03, criteria: safe-to-run, ticket: T-1}\n"
                 "      from: base@3\n")),
       "~ lib 1.0.0\n"
       "    1.0.0 dependencies: z ^1.0.0 -> y *, z ^1.1.0\n"
       "    1.0.0 license: MIT -> MIT OR Apache-2.0\n"
       "    1.0.0 size: none -> 10\n"
       "    1.0.0 strip-components: 0 -> 1\n"
       "    1.0.0 vetted: alice on 2026-01-02 -> bob on 2026-02-03 (safe-to-run, T-1)\n"
       "1 package changed: 1 changed\n"},
      {"provenance: a second review, the publication time and the publisher",
       set("  lib:\n" + entry("1.0.0", 'a', "      vetted: {by: alice, on: 2026-01-02}\n")),
       set("  lib:\n" + entry("1.0.0", 'a',
                              "      vetted:\n        - {by: alice, on: 2026-01-02}\n"
                              "        - {by: carol, on: 2026-01-05, criteria: safe-to-deploy}\n"
                              "      published-at: 2025-12-30T08:00:00Z\n      publisher: dana\n")),
       "~ lib 1.0.0\n"
       "    1.0.0 vetted: alice on 2026-01-02 -> alice on 2026-01-02; carol on 2026-01-05 "
       "(safe-to-deploy)\n"
       "    1.0.0 published-at: none -> 2025-12-30T08:00:00Z\n"
       "    1.0.0 publisher: none -> dana\n"
       "1 package changed: 1 changed\n"},
      {"url and build metadata", set("  lib:\n" + entry("1.0.0+a")),
       set("  lib:\n    - version: 1.0.0+b\n      checksum: " + sum('a') +
           "\n      url: https://mirror.example/lib.tgz\n"),
       "~ lib 1.0.0+a -> 1.0.0+b\n"
       "    1.0.0+b version: 1.0.0+a -> 1.0.0+b\n"
       "    1.0.0+b url: x-1.0.0+a.tgz -> https://mirror.example/lib.tgz\n"
       "1 package changed: 1 changed\n"},
      {"the set's own fields", set(lib, "serial: 7\nexpires: 2027-06-30T00:00:00Z\n"),
       set(lib, "serial: 8\npublished: 2026-11-20T10:00:00Z\n"),
       "set serial: 7 -> 8\n"
       "set published: none -> 2026-11-20T10:00:00Z\n"
       "set expires: 2027-06-30T00:00:00Z -> none\n"
       "0 packages changed\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.label);
    SetDiff d = diff_sets(parse(c.before), parse(c.after));
    EXPECT_EQ(render_text(d), c.text);
    EXPECT_EQ(d.empty(), c.label == "identical");
  }
}

TEST(SetDiff, UrlsAreComparedWhereTheyPoint) {
  auto at = [](const std::string& url, const std::string& source) {
    auto r =
        model::parse_package_set(set("  a:\n    - version: 1.0.0\n      checksum: " + sum('a') +
                                     "\n      url: " + url + "\n"),
                                 source, doc::Format::yaml);
    if (!r) throw std::runtime_error(test::error_text(r.error()));
    return std::move(*r);
  };
  // The same file, written relative to two different set locations.
  EXPECT_TRUE(diff_sets(at("artifacts/a.tgz", "sets/s.yaml"),
                        at("../artifacts/a.tgz", "sets/layers/t.yaml"))
                  .empty());
  EXPECT_EQ(render_text(diff_sets(at("artifacts/a.tgz", "sets/s.yaml"),
                                  at("artifacts/a.tgz", "sets/layers/t.yaml"))),
            "~ a 1.0.0\n    1.0.0 url: sets/artifacts/a.tgz -> sets/layers/artifacts/a.tgz\n"
            "1 package changed: 1 changed\n");
}

class SetDiffRender : public ::testing::Test {
 protected:
  SetDiff diff =
      diff_sets(parse(set("  lib:\n" + entry("1.0.0") + "  net:\n" + entry("2.0.0") + "  gone:\n" +
                              entry("0.1.0"),
                          "serial: 7\n")),
                parse(set("  lib:\n" + entry("1.0.0", 'b') + "  net:\n" +
                              entry("2.1.0", 'a', "      dependencies: {lib: \"1.x || 2.x\"}\n") +
                              "  fresh:\n" + entry("1.0.0"),
                          "serial: 8\n")));
};

TEST_F(SetDiffRender, Markdown) {
  EXPECT_EQ(render_markdown(diff),
            "### Package set diff: `s` serial 7 → `s` serial 8\n"
            "\n"
            "> [!CAUTION]\n"
            "> **1 critical change**: a version kept its number but its checksum changed (a "
            "republished or tampered artifact). Find out why before approving:\n"
            "> - `lib` 1.0.0: `" +
                sum('a') + "` → `" + sum('b') +
                "`\n"
                "\n"
                "| | package | before | after | details |\n"
                "| --- | --- | --- | --- | --- |\n"
                "| `+` added | `fresh` |  | 1.0.0 |  |\n"
                "| `-` removed | `gone` | 0.1.0 |  |  |\n"
                "| `!` critical | `lib` | 1.0.0 | 1.0.0 | 1.0.0 checksum `" +
                sum('a') + "` → `" + sum('b') +
                "` |\n"
                "| `^` upgraded | `net` | 2.0.0 | 2.1.0 | added 2.1.0; removed 2.0.0 |\n"
                "\n"
                "**Set:** serial `7` → `8`\n"
                "\n"
                "**Summary:** 4 packages changed: 1 critical, 1 added, 1 removed, 1 upgraded.\n");
}

TEST_F(SetDiffRender, MarkdownEscapesPipesInCells) {
  SetDiff d = diff_sets(
      parse(set("  a:\n" + entry("1.0.0", 'a', "      dependencies: {b: \"1.x || 2.x\"}\n"))),
      parse(set("  a:\n" + entry("1.0.0", 'a', "      dependencies: {b: \"2.x || 3.x\"}\n"))));
  std::string md = render_markdown(d);
  EXPECT_NE(md.find("| `~` changed | `a` | 1.0.0 | 1.0.0 | 1.0.0 dependencies `b 1.x \\|\\| 2.x` → "
                    "`b 2.x \\|\\| 3.x` |\n"),
            std::string::npos)
      << md;
}

TEST_F(SetDiffRender, Json) {
  EXPECT_EQ(render_json(diff), R"({
  "diff-format": 1,
  "old": {
    "name": "s",
    "serial": 7
  },
  "new": {
    "name": "s",
    "serial": 8
  },
  "identical": false,
  "critical": true,
  "set": [
    {
      "field": "serial",
      "old": "7",
      "new": "8"
    }
  ],
  "packages": [
    {
      "name": "fresh",
      "change": "added",
      "mark": "+",
      "old-versions": [],
      "new-versions": [
        "1.0.0"
      ],
      "added-versions": [
        "1.0.0"
      ],
      "removed-versions": [],
      "changed-versions": []
    },
    {
      "name": "gone",
      "change": "removed",
      "mark": "-",
      "old-versions": [
        "0.1.0"
      ],
      "new-versions": [],
      "added-versions": [],
      "removed-versions": [
        "0.1.0"
      ],
      "changed-versions": []
    },
    {
      "name": "lib",
      "change": "critical",
      "mark": "!",
      "old-versions": [
        "1.0.0"
      ],
      "new-versions": [
        "1.0.0"
      ],
      "added-versions": [],
      "removed-versions": [],
      "changed-versions": [
        {
          "version": "1.0.0",
          "critical": true,
          "fields": [
            {
              "field": "checksum",
              "old": ")" + sum('a') +
                                   R"(",
              "new": ")" + sum('b') +
                                   R"("
            }
          ]
        }
      ]
    },
    {
      "name": "net",
      "change": "upgraded",
      "mark": "^",
      "old-versions": [
        "2.0.0"
      ],
      "new-versions": [
        "2.1.0"
      ],
      "added-versions": [
        "2.1.0"
      ],
      "removed-versions": [
        "2.0.0"
      ],
      "changed-versions": []
    }
  ],
  "summary": {
    "added": 1,
    "removed": 1,
    "upgraded": 1,
    "downgraded": 0,
    "changed": 0,
    "critical": 1
  }
}
)");
}

TEST(SetDiff, EmptyMarkdownAndJson) {
  model::PackageSet s = parse(set("  a:\n" + entry("1.0.0")));
  SetDiff d = diff_sets(s, s);
  EXPECT_EQ(render_markdown(d),
            "### Package set diff: `s` serial 1 → `s` serial 1\n\nNo differences.\n");
  EXPECT_NE(render_json(d).find("\"identical\": true,\n  \"critical\": false,"), std::string::npos);
}

}  // namespace
}  // namespace pinset::curate
