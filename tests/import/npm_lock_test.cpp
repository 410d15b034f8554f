// npm package-lock.json: the real lock under tests/data/import/npm against an independent reading
// of the same JSON (nlohmann), plus the refusals, each with its whole message.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/crypto/checksum.hpp"
#include "core/import/importer.hpp"
#include "tests/support/process.hpp"

namespace pinset::importer {
namespace {

std::string lock_path() {
  return test::data_dir() + "/import/npm/package-lock.json";
}

// "name version" -> the entry, for every entry of the set.
std::map<std::string, const model::Entry*> entries_of(const model::PackageSet& set) {
  std::map<std::string, const model::Entry*> out;
  for (const model::Package& p : set.packages()) {
    for (const model::Entry& e : p.entries)
      out[std::string(set.name_of(p.name)) + " " + e.version.str()] = &e;
  }
  return out;
}

// Every field of every entry, in the set's order.
std::string dump(const model::PackageSet& set) {
  std::string out;
  for (const model::Package& p : set.packages()) {
    for (const model::Entry& e : p.entries) {
      out += std::string(set.name_of(p.name)) + " " + e.version.str() + " " + e.checksum.str() +
             " " + e.url + " " + e.license + "\n";
      for (const model::DependencyRef& d : e.dependencies)
        out += "  " + std::string(set.name_of(d.name)) + " " + set.range(d.range).text() + "\n";
    }
  }
  return out;
}

TEST(NpmLock, ImportsEveryVersionOfTheRealLockAsNpmRecordsIt) {
  const std::string text = test::read_file(lock_path());
  ImportOptions options;
  options.partial = true;  // names the set rules refuse today are reported, not fatal
  auto result = import_pins(text, lock_path(), Format::npm, options);
  ASSERT_TRUE(result) << result.error().render();
  auto entries = entries_of(result->set);

  // Independently: every node_modules entry that is not optional or platform-bound.
  auto json = nlohmann::json::parse(text);
  std::set<std::string> expected;  // "name version": npm lists one per place it is installed
  std::set<std::string> refused;
  for (const auto& [key, value] : json["packages"].items()) {
    if (key.empty()) continue;
    if (value.value("optional", false) || value.contains("os") || value.contains("cpu")) continue;
    std::string name = key.substr(key.rfind("node_modules/") + 13);
    std::string version = value["version"];
    SCOPED_TRACE(key);
    if (!model::check_package_name(name)) {
      refused.insert(name + " " + version);  // scoped names, until the set model accepts them
      continue;
    }
    expected.insert(name + " " + version);
    auto it = entries.find(name + " " + version);
    ASSERT_NE(it, entries.end());
    const model::Entry& e = *it->second;
    EXPECT_EQ(e.url, value["resolved"].get<std::string>());
    EXPECT_EQ(e.checksum, *crypto::Checksum::parse(value["integrity"].get<std::string>()));
    EXPECT_EQ(e.license, value.value("license", ""));
    EXPECT_EQ(e.strip_components, 1u);
  }
  EXPECT_EQ(result->entries, expected.size());
  EXPECT_EQ(entries.size(), expected.size());
  EXPECT_GE(expected.size(), 180u);
  // Refusals name each place, so a scoped package installed twice is refused twice.
  EXPECT_GE(result->refused.size(), refused.size());
  // Several versions of one name are all there.
  EXPECT_TRUE(entries.count("debug 2.6.9") && entries.count("debug 4.4.3")) << entries.size();
  // Dependencies keep npm's ranges.
  const model::Entry& express = *entries.at("express 4.21.2");
  std::map<std::string, std::string> deps;
  for (const model::DependencyRef& d : express.dependencies)
    deps[std::string(result->set.name_of(d.name))] = result->set.range(d.range).text();
  EXPECT_EQ(deps.at("debug"), "2.6.9");
  EXPECT_EQ(deps.at("accepts"), "~1.3.8");
  // The optional macOS-only package is reported, with its line.
  ASSERT_FALSE(result->skipped.empty());
  bool fsevents = false;
  for (const Skipped& s : result->skipped) {
    if (s.entry == "node_modules/fsevents") {
      fsevents = true;
      EXPECT_EQ(s.reason, "optional (os: darwin)");
      EXPECT_GT(s.line, 0);
    }
  }
  EXPECT_TRUE(fsevents);
  // Deterministic: the same input gives the same bytes.
  auto again = import_pins(text, lock_path(), Format::npm, options);
  ASSERT_TRUE(again);
  EXPECT_EQ(dump(again->set), dump(result->set));
}

constexpr const char* k_small_lock = R"({
  "name": "app",
  "lockfileVersion": 3,
  "packages": {
    "": {"name": "app", "dependencies": {"left": "^1.0.0"}},
    "node_modules/left": {
      "version": "1.0.0",
      "resolved": "https://registry.example/left/-/left-1.0.0.tgz",
      "integrity": "sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA="
    },
    "node_modules/bad name": {
      "version": "1.0.0",
      "resolved": "https://registry.example/x.tgz",
      "integrity": "sha512-7iaw3Ur350mqGo7jwQrpkj9hiYB3Lkc/iBml1JQODbJ6wYX4oOHV+E+IvIh/1nsUNzLDBMxfqa2Ob1f1ACio/w=="
    },
    "packages/tool": {"version": "0.1.0"},
    "node_modules/tool": {"resolved": "packages/tool", "link": true}
  }
})";

TEST(NpmLock, RefusesEveryBadEntryNamingFileLineAndEntry) {
  auto result = import_pins(k_small_lock, "package-lock.json", Format::npm, ImportOptions{});
  ASSERT_FALSE(result);
  const Error& e = result.error();
  EXPECT_EQ(e.code, "import-refused");
  EXPECT_EQ(e.message, "entries of package-lock.json cannot be imported (2 errors)");
  EXPECT_EQ(e.hint, "fix them in the lock file, or pass --partial to import the rest");
  ASSERT_EQ(e.causes.size(), 2u);
  EXPECT_EQ(e.causes[0].code, "import-refused");
  EXPECT_EQ(e.causes[0].message,
            "entry \"node_modules/left\": the file records no sha256 or "
            "sha512 checksum for \"left 1.0.0\"");
  EXPECT_EQ(e.causes[0].where.file, "package-lock.json");
  EXPECT_EQ(e.causes[0].where.line, 6);
  EXPECT_EQ(e.causes[1].where.line, 11);
  EXPECT_EQ(e.causes[1].message, "entry \"node_modules/bad name\": " +
                                     model::check_package_name("bad name").error().message);
}

TEST(NpmLock, PartialWritesTheRestAndDropsDependenciesOnRefusedEntries) {
  ImportOptions options;
  options.partial = true;
  auto result = import_pins(k_small_lock, "package-lock.json", Format::npm, options);
  ASSERT_FALSE(result);  // nothing importable is left
  EXPECT_EQ(result.error().code, "import-empty");
  EXPECT_EQ(result.error().message, "package-lock.json has no entry that can be imported");
}

TEST(NpmLock, RefusesLockfileVersionOne) {
  auto result = import_pins(R"({"lockfileVersion": 1, "dependencies": {}})", "old.json",
                            Format::npm, ImportOptions{});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "unsupported-format");
  EXPECT_EQ(result.error().message,
            "npm lockfile version \"1\" is not supported; versions 2 and 3 are");
  EXPECT_EQ(result.error().where.line, 1);
  EXPECT_EQ(result.error().hint,
            "regenerate the lock with npm 7 or later: npm install --package-lock-only");
}

TEST(NpmLock, MissingResolvedUsesTheRegistryPattern) {
  auto result = import_pins(R"({"lockfileVersion": 3, "packages": {
    "node_modules/@scope/thing": {"version": "2.0.0",
      "integrity": "sha512-7iaw3Ur350mqGo7jwQrpkj9hiYB3Lkc/iBml1JQODbJ6wYX4oOHV+E+IvIh/1nsUNzLDBMxfqa2Ob1f1ACio/w=="},
    "node_modules/plain": {"version": "1.2.3",
      "integrity": "sha512-7iaw3Ur350mqGo7jwQrpkj9hiYB3Lkc/iBml1JQODbJ6wYX4oOHV+E+IvIh/1nsUNzLDBMxfqa2Ob1f1ACio/w=="}}})",
                            "l.json", Format::npm, [] {
                              ImportOptions o;
                              o.partial = true;
                              return o;
                            }());
  ASSERT_TRUE(result) << result.error().render();
  auto entries = entries_of(result->set);
  ASSERT_TRUE(entries.count("plain 1.2.3"));
  EXPECT_EQ(entries.at("plain 1.2.3")->url, "https://registry.npmjs.org/plain/-/plain-1.2.3.tgz");
  EXPECT_EQ(expand_url(k_default_npm_tarball_url, "@scope/thing", "2.0.0"),
            "https://registry.npmjs.org/@scope/thing/-/thing-2.0.0.tgz");
}

}  // namespace
}  // namespace pinset::importer
