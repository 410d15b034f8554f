// Cargo.lock, uv.lock, pnpm-lock.yaml and yarn.lock: the real files under tests/data/import (see
// its README), each compared with another program's reading of the same file where one exists
// (Python's tomllib for the TOML locks), plus each format's refusals.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "core/import/importer.hpp"
#include "core/import/toml_lite.hpp"
#include "tests/support/process.hpp"

namespace pinset::importer {
namespace {

std::string data(const std::string& relative) {
  return test::data_dir() + "/import/" + relative;
}

// "name version" -> "checksum url strip dependency-count" for every entry of the set.
std::map<std::string, std::string> listing(const model::PackageSet& set) {
  std::map<std::string, std::string> out;
  for (const model::Package& p : set.packages()) {
    for (const model::Entry& e : p.entries) {
      out[std::string(set.name_of(p.name)) + " " + e.version.str()] =
          e.checksum.str() + " " + e.url + " " + std::to_string(e.strip_components) + " " +
          std::to_string(e.dependencies.size());
    }
  }
  return out;
}

// Python's reading of a TOML lock, one "name version -> checksum url strip deps" line per entry
// the import should hold; `select` is a Python expression over `p` giving (sum, url, strip) or
// None.
std::map<std::string, std::string> python_listing(const std::string& file,
                                                  const std::string& select) {
  const std::string script =
      "import sys, tomllib, re\n"
      "d = tomllib.load(open(sys.argv[1], 'rb'))\n"
      "ok = re.compile(r'^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
      "([-+].*)?$')\n"
      "def pick(p):\n    return " +
      select +
      "\n"
      "for p in d['package']:\n"
      "    r = pick(p)\n"
      "    if r is None or not ok.match(p['version']): continue\n"
      "    deps = len({x if isinstance(x, str) else x['name'] for x in "
      "p.get('dependencies', [])})\n"
      "    print(p['name'] + ' ' + p['version'] + '\\t' + r[0] + ' ' + r[1] "
      "+ ' ' + str(r[2]) + ' ' + str(deps))\n";
  test::ProcessResult r = test::run_process("python3", {"-c", script, file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> out;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    auto tab = line.find('\t');
    out[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return out;
}

ImportOptions partial() {
  ImportOptions o;
  o.partial = true;
  return o;
}

TEST(CargoLock, MatchesPythonsReadingOfTheRealLock) {
  const std::string file = data("cargo/Cargo.lock");
  auto result = import_pins(test::read_file(file), file, Format::cargo, partial());
  ASSERT_TRUE(result) << result.error().render();
  auto expected = python_listing(
      file,
      "('sha256:' + p['checksum'], 'https://static.crates.io/crates/' + p['name'] + '/' + "
      "p['name'] + '-' + p['version'] + '.crate', 1) if p.get('source', '').startswith('registry+')"
      " else None");
  // The registry crate that depends on the git-sourced x11-clipboard loses that dependency.
  auto ours = listing(result->set);
  ASSERT_EQ(ours.size(), expected.size());
  std::size_t dropped = 0;
  for (const auto& [key, value] : expected) {
    SCOPED_TRACE(key);
    ASSERT_TRUE(ours.count(key));
    if (ours.at(key) != value) {
      ++dropped;
      EXPECT_EQ(ours.at(key),
                value.substr(0, value.rfind(' ')) + " " +
                    std::to_string(std::stoi(value.substr(value.rfind(' ') + 1)) - 1));
    }
  }
  EXPECT_LE(dropped, 1u);
  EXPECT_GE(ours.size(), 280u);
  ASSERT_EQ(result->refused.size(), 1u);
  const std::string git =
      "git+https://github.com/quininer/"
      "x11-clipboard.git?rev=19ab2163cf0bd0db607e827a5214571990307866"
      "#19ab2163cf0bd0db607e827a5214571990307866";
  EXPECT_EQ(result->refused[0].message,
            "entry \"x11-clipboard 0.9.3\": comes from git (\"" + git + "\"), not from a registry");
  EXPECT_EQ(result->refused[0].where.line, 2723);
  std::set<std::string> skipped;
  for (const Skipped& s : result->skipped) {
    if (s.reason == "a workspace member or path dependency") skipped.insert(s.entry);
  }
  EXPECT_EQ(skipped, (std::set<std::string>{"alacritty 0.18.0-dev", "alacritty_config 0.2.4-dev",
                                            "alacritty_config_derive 0.2.6-dev",
                                            "alacritty_terminal 0.26.1-dev"}));
}

TEST(CargoLock, OtherRegistriesNeedTheirUrlPattern) {
  const std::string lock =
      "version = 4\n\n[[package]]\nname = \"internal\"\nversion = \"1.0.0\"\n"
      "source = \"sparse+https://crates.example.com/index/\"\n"
      "checksum = \"" +
      std::string(64, 'a') + "\"\n";
  auto refused = import_pins(lock, "Cargo.lock", Format::cargo, ImportOptions{});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "entry \"internal 1.0.0\": comes from the registry "
            "\"sparse+https://crates.example.com/index/\"");
  EXPECT_EQ(refused.error().where.line, 3);
  ImportOptions o;
  o.crate_url = "https://crates.example.com/api/v1/crates/{name}/{version}/download";
  o.crate_url_given = true;
  auto ok = import_pins(lock, "Cargo.lock", Format::cargo, o);
  ASSERT_TRUE(ok) << ok.error().render();
  EXPECT_EQ(listing(ok->set).at("internal 1.0.0"),
            "sha256:" + std::string(64, 'a') +
                " https://crates.example.com/api/v1/crates/internal/1.0.0/download 1 0");
}

TEST(CargoLock, BrokenTomlNamesLineAndColumn) {
  auto result = import_pins("version = 4\n[[package]\nname = \"x\"\n", "Cargo.lock", Format::cargo,
                            ImportOptions{});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "parse");
  EXPECT_EQ(result.error().message,
            "invalid TOML: expected \"]]\" after the table name, found the end of the line");
  EXPECT_EQ(result.error().where.line, 2);
  EXPECT_EQ(result.error().where.column, 11);
}

TEST(UvLock, MatchesPythonsReadingOfTheRealLock) {
  const std::string file = data("uv/uv.lock");
  auto result = import_pins(test::read_file(file), file, Format::uv, partial());
  ASSERT_TRUE(result) << result.error().render();
  auto expected = python_listing(
      file,
      "(p['sdist']['hash'], p['sdist']['url'], 1) if 'sdist' in p else next(((w['hash'], "
      "w['url'], 0) for w in p.get('wheels', []) if w['url'].endswith('-none-any.whl')), None)");
  auto ours = listing(result->set);
  EXPECT_GE(ours.size(), 150u);
  std::size_t same = 0;
  for (const auto& [key, value] : expected) {
    SCOPED_TRACE(key);
    ASSERT_TRUE(ours.count(key));
    // Dependencies on versions the set rules refuse today (PEP 440 forms such as 2024.2) are
    // dropped, so only checksum, URL and strip are compared for every entry.
    EXPECT_EQ(ours.at(key).substr(0, ours.at(key).rfind(' ')), value.substr(0, value.rfind(' ')));
    same += ours.at(key) == value;
  }
  EXPECT_EQ(ours.size(), expected.size());
  EXPECT_GT(same, expected.size() / 2);
  std::set<std::string> skipped;
  for (const Skipped& s : result->skipped) {
    if (s.reason.rfind("a workspace member", 0) == 0) skipped.insert(s.entry);
  }
  EXPECT_EQ(skipped, (std::set<std::string>{"pydantic", "pydantic-core"}));
}

TEST(UvLock, KeepsTheUploadTimeOfTheArtifactItPins) {
  // uv 0.6 and later record when each file was uploaded to the index: the entry's published-at,
  // for the policy's min-age cooldown. Python picks the same artifact and reads its time.
  const std::string file = data("uv/uv.lock");
  auto result = import_pins(test::read_file(file), file, Format::uv, partial());
  ASSERT_TRUE(result) << result.error().render();
  auto expected = python_listing(
      file,
      "(p['sdist'].get('upload-time', '-'), '', 1) if 'sdist' in p else next(((w.get("
      "'upload-time', '-'), '', 0) for w in p.get('wheels', []) if "
      "w['url'].endswith('-none-any.whl')), None)");
  std::size_t timed = 0;
  for (const model::Package& p : result->set.packages()) {
    for (const model::Entry& e : p.entries) {
      std::string key = std::string(result->set.name_of(p.name)) + " " + e.version.str();
      SCOPED_TRACE(key);
      ASSERT_TRUE(expected.count(key));
      std::string time = expected.at(key).substr(0, expected.at(key).find(' '));
      EXPECT_EQ(e.published_at().empty() ? "-" : e.published_at(), time);
      timed += !e.published_at().empty();
    }
  }
  EXPECT_GE(timed, 150u);
  const model::Entry& first = result->set.find("aiohappyeyeballs")->entries.at(0);
  EXPECT_EQ(first.published_at(), "2025-03-12T01:42:48.764Z");
}

TEST(PnpmLock, ImportsTheRealLockWithSnapshotsDependencies) {
  const std::string file = data("pnpm/pnpm-lock.yaml");
  auto result = import_pins(test::read_file(file), file, Format::pnpm, partial());
  ASSERT_TRUE(result) << result.error().render();
  auto ours = listing(result->set);
  // 481 packages; 70 only for some os/cpu (esbuild, rollup binaries) are skipped.
  std::size_t platform = 0;
  std::size_t left_out = 0;  // skipped entries, not dropped dependencies
  for (const Skipped& s : result->skipped) {
    platform +=
        s.reason.find("os: ") != std::string::npos || s.reason.find("cpu: ") != std::string::npos;
    left_out += s.reason.rfind("dependency ", 0) != 0;
  }
  EXPECT_EQ(platform, 70u);
  EXPECT_EQ(result->entries + result->refused.size() + left_out, 481u);
  ASSERT_TRUE(ours.count("defu 6.1.4"));
  EXPECT_EQ(ours.at("defu 6.1.4").substr(0, 7), "sha512:");
  EXPECT_NE(ours.at("defu 6.1.4").find(" https://registry.npmjs.org/defu/-/defu-6.1.4.tgz 1 "),
            std::string::npos);
}

TEST(YarnLock, ImportsTheRealV1Lock) {
  const std::string file = data("yarn/yarn.lock");
  auto result = import_pins(test::read_file(file), file, Format::yarn, partial());
  ASSERT_TRUE(result) << result.error().render();
  auto ours = listing(result->set);
  // Refused: scoped names (until the set model takes them), uppercase legacy names (JSONStream)
  // and packages whose only integrity is sha1 (they need --fetch).
  EXPECT_GE(ours.size(), 800u);
  // Every one of the 1276 blocks is imported, refused (with its line) or skipped.
  std::size_t left_out = 0;
  for (const Skipped& s : result->skipped)
    left_out += s.reason.rfind("dependency ", 0) != 0;
  EXPECT_EQ(result->entries + result->refused.size() + left_out, 1276u);
  for (const Error& e : result->refused)
    EXPECT_GT(e.where.line, 0) << e.message;
  ASSERT_TRUE(ours.count("acorn 8.7.1")) << ours.size();
  EXPECT_NE(ours.at("acorn 8.7.1").find(" https://registry.yarnpkg.com/acorn/-/acorn-8.7.1.tgz 1 "),
            std::string::npos)
      << ours.at("acorn 8.7.1");
  // fsevents is reached only through optionalDependencies.
  bool fsevents = false;
  for (const Skipped& s : result->skipped)
    fsevents = fsevents || (s.entry.rfind("fsevents@", 0) == 0 && s.reason == "optional");
  EXPECT_TRUE(fsevents);
}

TEST(YarnLock, RefusesBerryLocks) {
  auto result =
      import_pins("__metadata:\n  version: 6\n", "yarn.lock", Format::yarn, ImportOptions{});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "unsupported-format");
  EXPECT_EQ(result.error().message,
            "this yarn.lock is written by yarn 2 or later (it has __metadata); only yarn 1 lock "
            "files (v1) are supported");
}

TEST(Formats, FromFileNamesAndNames) {
  EXPECT_EQ(detect_format("a/b/package-lock.json"), Format::npm);
  EXPECT_EQ(detect_format("npm-shrinkwrap.json"), Format::npm);
  EXPECT_EQ(detect_format("Cargo.lock"), Format::cargo);
  EXPECT_EQ(detect_format("x/uv.lock"), Format::uv);
  EXPECT_EQ(detect_format("pnpm-lock.yaml"), Format::pnpm);
  EXPECT_EQ(detect_format("yarn.lock"), Format::yarn);
  EXPECT_EQ(detect_format("deps.lock"), std::nullopt);
  auto bad = parse_format("gradle");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "unknown import format \"gradle\"");
  EXPECT_EQ(bad.error().hint,
            "use one of npm, cargo, uv, pnpm, yarn, cyclonedx, spdx, dsc, requirements");
  EXPECT_EQ(detect_format("out/app.cdx.json"), Format::cyclonedx);
  EXPECT_EQ(detect_format("bom.json"), Format::cyclonedx);
  EXPECT_EQ(detect_format("app.spdx.json"), Format::spdx);
  EXPECT_EQ(detect_format(".spdx.json"), std::nullopt);
  EXPECT_EQ(pick_integrity("sha1-abc= sha512-xyz== sha256-def="), "sha512-xyz==");
  EXPECT_EQ(pick_integrity("sha1-abc="), "");
}

TEST(ImportHelpers, LockedDependencyIsExactOrAnyVersionTheLockHolds) {
  const LockedVersions locked = {{"a", {"1.0.0", "2.0.0"}}};
  Pin pin;
  add_locked_dependency(pin, "a", "1.5.0", locked);
  add_locked_dependency(pin, "a", "", locked);
  add_locked_dependency(pin, "b", "", locked);
  using Deps = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(pin.dependencies, (Deps{{"a", "=1.5.0"}, {"a", "=1.0.0 || =2.0.0"}, {"b", ""}}));
}

TEST(ImportHelpers, LoadMappingRefusesAnotherRoot) {
  EXPECT_TRUE(load_mapping("{\"a\": 1}", "x.json", doc::Format::json));
  auto list = load_mapping("[1]", "x.json", doc::Format::json);
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().render(), "x.json:1:1: expected a JSON object, found a list");
  auto scalar = load_mapping("just text\n", "x.yaml", doc::Format::yaml);
  ASSERT_FALSE(scalar);
  EXPECT_EQ(scalar.error().render(),
            "x.yaml:1:1: expected a mapping, found a string \"just text\"");
  doc::Node root = *load_mapping("{a: x, b: [1]}", "x.yaml", doc::Format::yaml);
  EXPECT_EQ(*scalar_at(&root, "a"), "x");
  EXPECT_EQ(scalar_at(&root, "b"), nullptr);
  EXPECT_EQ(scalar_at(&root, "c"), nullptr);
  EXPECT_EQ(scalar_at(nullptr, "a"), nullptr);
}

}  // namespace
}  // namespace pinset::importer
