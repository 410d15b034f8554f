#pragma once
// Builds package sets in code, for tests:
//
//   model::PackageSet set = test::SetBuilder("core")
//                               .add("netlib", "1.4.0", {{"libfoo", "^1.0.0"}})
//                               .add("libfoo", "1.2.0")
//                               .build();
//
// Versions and ranges are parsed with core/semver; an invalid one throws std::invalid_argument
// naming it, which fails the test. A dependency on a name that is never added makes the set mention
// the name without holding it, as a real set can. Entries get a URL and a line number (their order
// of addition, from 1); checksums are left zero.

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/model/package_set.hpp"
#include "core/semver/range.hpp"
#include "core/semver/version.hpp"

namespace pinset::test {

struct DepSpec {
  std::string name;
  std::string range;
};

class SetBuilder {
 public:
  explicit SetBuilder(std::string set_name = "test-set") : m_name(std::move(set_name)) {}

  // Adds one entry: `name` at `version`, depending on `deps` (any order).
  SetBuilder& add(std::string name, std::string version, std::vector<DepSpec> deps = {}) {
    m_entries.push_back(EntrySpec{std::move(name), std::move(version), std::move(deps)});
    return *this;
  }

  model::PackageSet build() const {
    model::PackageSet set;
    set.name = m_name;
    set.source = "https://sets.example/" + m_name + ".json";
    int line = 0;
    for (const EntrySpec& spec : m_entries) {
      model::Entry entry;
      entry.version = parse_version(spec.version);
      entry.url = spec.name + "-" + spec.version + ".tgz";
      entry.line = ++line;
      std::vector<DepSpec> deps = spec.deps;
      std::sort(deps.begin(), deps.end(),
                [](const DepSpec& a, const DepSpec& b) { return a.name < b.name; });
      for (const DepSpec& d : deps) {
        model::DependencyRef ref;
        ref.name = set.intern_name(d.name);
        ref.range = set.intern_range(parse_range(d.range));
        entry.dependencies.push_back(ref);
      }
      model::NameId id = set.intern_name(spec.name);
      set.package(id).entries.push_back(std::move(entry));
    }
    set.finish();
    return set;
  }

  static semver::Version parse_version(const std::string& text) {
    auto v = semver::Version::parse(text);
    if (!v)
      throw std::invalid_argument("SetBuilder: bad version \"" + text + "\": " + v.error().message);
    return *v;
  }

  static semver::Range parse_range(const std::string& text) {
    auto r = semver::Range::parse(text);
    if (!r)
      throw std::invalid_argument("SetBuilder: bad range \"" + text + "\": " + r.error().message);
    return *r;
  }

 private:
  struct EntrySpec {
    std::string name;
    std::string version;
    std::vector<DepSpec> deps;
  };

  std::string m_name;
  std::vector<EntrySpec> m_entries;
};

}  // namespace pinset::test
