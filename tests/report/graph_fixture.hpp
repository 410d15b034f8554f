#pragma once
// A project whose set, manifest and lock follow a graph given as text, for why/tree tests:
//
//   GraphFixture f({{"top", "^1.0.0"}}, {{"top", "1.0.0", {{"base", "^1.0.0"}}},
//                                        {"base", "1.2.3", {}}});
//
// Every package is in the set (through SetBuilder) and in the lock at the given version, with the
// set entry's checksum, so report code finds the entry and its ranges.

#include <algorithm>
#include <string>
#include <vector>

#include "core/model/lock.hpp"
#include "core/model/manifest.hpp"
#include "core/model/package_set.hpp"
#include "core/report/component.hpp"
#include "tests/support/set_builder.hpp"

namespace pinset::test {

struct GraphPackage {
  std::string name;
  std::string version;
  std::vector<DepSpec> deps;
};

struct GraphFixture {
  model::PackageSet set;
  model::Manifest manifest;
  model::Lock lock;

  GraphFixture(const std::vector<DepSpec>& roots, const std::vector<GraphPackage>& packages) {
    SetBuilder builder("acme");
    for (const GraphPackage& p : packages)
      builder.add(p.name, p.version, p.deps);
    set = builder.build();
    set.serial = 3;
    manifest.source = "pinset.yaml";
    manifest.name = "myapp";
    for (const DepSpec& r : roots)
      manifest.dependencies.push_back({r.name, SetBuilder::parse_range(r.range), 0});
    std::sort(manifest.dependencies.begin(), manifest.dependencies.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    lock.set_name = "acme";
    lock.set_serial = 3;
    for (const GraphPackage& p : packages) {
      model::LockedPackage locked;
      locked.name = p.name;
      locked.version = SetBuilder::parse_version(p.version);
      locked.url = p.name + "-" + p.version + ".tgz";
      for (const DepSpec& d : p.deps)
        locked.dependencies.push_back(d.name);
      std::sort(locked.dependencies.begin(), locked.dependencies.end());
      lock.packages.push_back(std::move(locked));
    }
    std::sort(lock.packages.begin(), lock.packages.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
  }

  report::ReportInput input() const { return {manifest, lock, set}; }
};

// myapp -> base ^1.0.0, top ^1.0.0; top -> left, right; left, right -> base; base -> leaf.
inline GraphFixture diamond() {
  return GraphFixture({{"top", "^1.0.0"}, {"base", "^1.0.0"}},
                      {{"top", "1.0.0", {{"left", "^1.0.0"}, {"right", "^1.0.0"}}},
                       {"left", "1.0.0", {{"base", "^1.1.0"}}},
                       {"right", "1.0.0", {{"base", "~1.2.0"}}},
                       {"base", "1.2.3", {{"leaf", "*"}}},
                       {"leaf", "0.1.0", {}}});
}

// myapp -> p0 -> p1 -> ... -> p<n-1>, each asking for ^1.0.0.
inline GraphFixture chain(int n) {
  std::vector<GraphPackage> packages;
  for (int i = 0; i < n; ++i) {
    GraphPackage p{"p" + std::to_string(i), "1.0.0", {}};
    if (i + 1 < n) p.deps.push_back({"p" + std::to_string(i + 1), "^1.0.0"});
    packages.push_back(p);
  }
  return GraphFixture({{"p0", "^1.0.0"}}, packages);
}

}  // namespace pinset::test
