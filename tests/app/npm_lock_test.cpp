// A real npm package-lock (tests/data/npm/express-webpack-eslint-jest, see its README) converted to
// a pinset set by a small converter: the real names (102 scoped), every name@version npm chose,
// their integrity digests and dependency ranges. The set reads, validates, and names its packages
// in npm's purls. npm needs 21 names in two versions at once, so the one-version resolver refuses
// the tree (issue 11 item 3, multiple versions, is what would let it resolve).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "core/curate/validate.hpp"
#include "core/model/package_set.hpp"
#include "core/resolve/resolver.hpp"
#include "tests/support/process.hpp"

namespace pinset {
namespace {

struct Converted {
  std::string set_json;
  std::size_t pairs = 0;
  std::size_t skipped_dependencies = 0;  // on names the lock does not have (optional, other OS)
  nlohmann::json root_dependencies;
};

// package-lock v3 -> a pinset set (JSON): one entry per distinct name@version.
Converted convert(const std::string& lock_text) {
  nlohmann::json lock = nlohmann::json::parse(lock_text);
  const nlohmann::json& packages = lock.at("packages");
  std::set<std::string> names;
  for (const auto& [path, p] : packages.items()) {
    if (!path.empty()) names.insert(path.substr(path.rfind("node_modules/") + 13));
  }
  Converted out;
  std::map<std::string, std::map<std::string, nlohmann::json>> entries;  // name -> version -> entry
  for (const auto& [path, p] : packages.items()) {
    if (path.empty()) {
      out.root_dependencies = p.at("dependencies");
      continue;
    }
    std::string name = path.substr(path.rfind("node_modules/") + 13);
    std::string version = p.at("version");
    nlohmann::json entry = {{"version", version},
                            {"checksum", p.at("integrity")},
                            {"url", "npm/" + name + "-" + version + ".tgz"}};
    if (p.contains("license")) entry["license"] = p["license"];
    nlohmann::json deps = nlohmann::json::object();
    for (const char* field : {"dependencies", "optionalDependencies", "peerDependencies"}) {
      if (!p.contains(field)) continue;
      for (const auto& [dep, range] : p[field].items()) {
        if (names.count(dep)) {
          deps[dep] = range;
        } else {
          ++out.skipped_dependencies;
        }
      }
    }
    if (!deps.empty()) entry["dependencies"] = deps;
    auto [it, added] = entries[name].emplace(version, entry);
    if (added) ++out.pairs;
    EXPECT_EQ(it->second, entry) << name << "@" << version << " differs between its copies";
  }
  nlohmann::json set = {{"format", 1},
                        {"name", "npm-tree"},
                        {"serial", 1},
                        {"ecosystem", "npm"},
                        {"packages", nlohmann::json::object()}};
  for (auto& [name, versions] : entries) {
    for (auto& [version, entry] : versions)
      set["packages"][name].push_back(entry);
  }
  out.set_json = set.dump(1);
  return out;
}

TEST(NpmLock, ConvertsToASetThatReadsAndValidates) {
  std::string dir = test::source_dir() + "/tests/data/npm/express-webpack-eslint-jest";
  Converted c = convert(test::read_file(dir + "/package-lock.json"));
  auto set = model::parse_package_set(c.set_json, "npm-tree.json", doc::Format::json);
  ASSERT_TRUE(set) << set.error().render();
  EXPECT_EQ(c.pairs, 436u);
  EXPECT_EQ(set->packages().size(), 415u);
  std::size_t scoped = 0, several = 0, entries = 0;
  for (const model::Package& p : set->packages()) {
    scoped += set->name_of(p.name).starts_with("@");
    several += p.entries.size() > 1;
    entries += p.entries.size();
  }
  EXPECT_EQ(entries, 436u);
  EXPECT_EQ(scoped, 102u);
  EXPECT_EQ(several, 21u);
  // Every dependency range of every entry is met by a version npm chose.
  curate::Validation v = curate::validate_set(*set);
  EXPECT_TRUE(v.valid()) << (v.errors.empty() ? "" : v.errors.front().render());
  // The ecosystem names them as npm does.
  const model::Package* babel = set->find("@babel/code-frame");
  ASSERT_NE(babel, nullptr);
  EXPECT_EQ(set->ecosystem_of(babel->entries[0]), model::Ecosystem::npm);
  EXPECT_EQ(model::purl_body(model::Ecosystem::npm, set->name, "@babel/code-frame",
                             babel->entries[0].version.str()),
            "npm/%40babel/code-frame@" + babel->entries[0].version.str());
}

TEST(NpmLock, TheOneVersionResolverRefusesATreeThatNeedsTwoVersionsOfAName) {
  std::string dir = test::source_dir() + "/tests/data/npm/express-webpack-eslint-jest";
  Converted c = convert(test::read_file(dir + "/package-lock.json"));
  auto set = model::parse_package_set(c.set_json, "npm-tree.json", doc::Format::json);
  ASSERT_TRUE(set) << set.error().render();
  std::vector<resolve::RootRequirement> roots;
  for (const auto& [name, range] : c.root_dependencies.items()) {
    auto r = semver::Range::parse(range.get<std::string>());
    ASSERT_TRUE(r);
    roots.push_back({name, *r, "package.json"});
  }
  auto result = resolve::resolve(*set, roots);
  EXPECT_TRUE(std::holds_alternative<resolve::Unsolvable>(result));
}

}  // namespace
}  // namespace pinset
