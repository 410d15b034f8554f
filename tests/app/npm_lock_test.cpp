// A real npm package-lock (tests/data/npm/express-webpack-eslint-jest, see its README) converted to
// a pinset set by a small converter: the real names (102 scoped), every name@version npm chose,
// their integrity digests and dependency ranges. The set reads, validates, and names its packages
// in npm's purls. npm needs 21 names in two versions at once, so the one-version resolver refuses
// the tree; with multiple versions (one per compatibility line, the manifest's
// `multiple-versions: major`) it resolves to exactly the versions npm chose, each dependency of
// each package to the very copy Node.js would load from npm's node_modules tree.
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

// The lock's own direct dependencies (package.json's), as root requirements.
std::vector<resolve::RootRequirement> roots_of(const Converted& c) {
  std::vector<resolve::RootRequirement> roots;
  for (const auto& [name, range] : c.root_dependencies.items()) {
    auto r = semver::Range::parse(range.get<std::string>());
    EXPECT_TRUE(r) << name;
    if (r) roots.push_back({name, *r, "package.json"});
  }
  return roots;
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
  std::vector<resolve::RootRequirement> roots = roots_of(c);
  auto result = resolve::resolve(*set, roots);
  EXPECT_TRUE(std::holds_alternative<resolve::Unsolvable>(result));
}

// npm's choice for each dependency of the package at `path`: the nearest node_modules/<dep> up
// the folder tree, as Node.js looks it up.
std::string npm_choice(const nlohmann::json& packages, std::string path, const std::string& dep) {
  for (;;) {
    std::string candidate = (path.empty() ? "" : path + "/") + "node_modules/" + dep;
    if (packages.contains(candidate)) return packages.at(candidate).at("version");
    if (path.empty()) return "";
    std::size_t cut = path.rfind("/node_modules/");
    path = cut == std::string::npos ? "" : path.substr(0, cut);
  }
}

TEST(NpmLock, MultipleVersionsResolveToExactlyNpmsTree) {
  std::string dir = test::source_dir() + "/tests/data/npm/express-webpack-eslint-jest";
  std::string text = test::read_file(dir + "/package-lock.json");
  Converted c = convert(text);
  auto set = model::parse_package_set(c.set_json, "npm-tree.json", doc::Format::json);
  ASSERT_TRUE(set) << set.error().render();
  std::vector<resolve::RootRequirement> roots = roots_of(c);
  resolve::Options options;
  options.multiple_versions.enabled = true;
  options.multiple_versions.rule = resolve::MultipleVersions::Rule::any;
  auto result = resolve::resolve(*set, roots, options);
  ASSERT_TRUE(std::holds_alternative<resolve::Solution>(result))
      << resolve::to_error(std::get<resolve::Unsolvable>(result)).render();
  const auto& solution = std::get<resolve::Solution>(result);
  auto version_of = [&](model::NameId name, std::size_t entry) {
    return set->find(name)->entries[entry].version.str();
  };
  // The same name@version pairs as npm's tree, no more, no fewer.
  std::set<std::string> chosen;
  std::map<std::string, const resolve::ResolvedPackage*> by_pair;
  for (const auto& r : solution.packages) {
    std::string pair = std::string(set->name_of(r.name)) + "@" + version_of(r.name, r.entry_index);
    chosen.insert(pair);
    by_pair[pair] = &r;
  }
  nlohmann::json lock = nlohmann::json::parse(text);
  const nlohmann::json& packages = lock.at("packages");
  std::set<std::string> npm;
  for (const auto& [path, p] : packages.items()) {
    if (!path.empty())
      npm.insert(path.substr(path.rfind("node_modules/") + 13) + "@" +
                 p.at("version").get<std::string>());
  }
  EXPECT_EQ(chosen, npm);
  EXPECT_EQ(chosen.size(), 436u);
  // Every dependency of every copy in npm's tree gets the version npm's layout gives it.
  std::size_t edges = 0;
  for (const auto& [path, p] : packages.items()) {
    if (path.empty()) continue;
    std::string name = path.substr(path.rfind("node_modules/") + 13);
    auto it = by_pair.find(name + "@" + p.at("version").get<std::string>());
    ASSERT_NE(it, by_pair.end()) << path;
    const resolve::ResolvedPackage& r = *it->second;
    for (std::size_t d = 0; d < r.dependencies.size(); ++d) {
      std::string dep(set->name_of(r.dependencies[d]));
      EXPECT_EQ(version_of(r.dependencies[d], r.dependency_entries[d]),
                npm_choice(packages, path, dep))
          << path << " -> " << dep;
      ++edges;
    }
  }
  EXPECT_GT(edges, 700u);
}

}  // namespace
}  // namespace pinset
