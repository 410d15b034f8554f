#pragma once
// Helpers shared by the resolver tests: root requirements from short specs and a one-line text of
// a resolution's outcome, so table rows can state their expectation as a string.

#include <string>
#include <variant>
#include <vector>

#include "core/resolve/resolver.hpp"
#include "tests/support/set_builder.hpp"

namespace pinset::resolve::test {

using pinset::test::DepSpec;
using pinset::test::SetBuilder;

struct RootSpec {
  std::string name;
  std::string range;
};

// Root requirements written on consecutive manifest lines, from `first_line`: origins
// "pinset.yaml:<line>".
inline std::vector<RootRequirement> roots(const std::vector<RootSpec>& specs, int first_line = 5) {
  std::vector<RootRequirement> out;
  for (const RootSpec& s : specs) {
    out.push_back(RootRequirement{s.name, SetBuilder::parse_range(s.range),
                                  "pinset.yaml:" + std::to_string(first_line++)});
  }
  return out;
}

// "a 1.0.0, b 2.0.0": the chosen packages and versions, in name order.
inline std::string chosen(const model::PackageSet& set, const Solution& solution) {
  std::string out;
  for (const ResolvedPackage& r : solution.packages) {
    if (!out.empty()) out += ", ";
    out += std::string(set.name_of(r.name)) + " " +
           set.find(r.name)->entries[r.entry_index].version.str();
  }
  return out;
}

// chosen(...) for a solution, "unsolvable: <code> <package>" otherwise.
inline std::string outcome(const model::PackageSet& set, const std::vector<RootRequirement>& rs,
                           const Options& options = {}) {
  auto result = resolve(set, rs, options);
  if (auto* s = std::get_if<Solution>(&result)) return chosen(set, *s);
  const auto& u = std::get<Unsolvable>(result);
  return "unsolvable: " + u.code + " " + u.package;
}

// The whole text `pinset resolve` would print for an unsolvable resolution (or "solved: ...").
inline std::string rendered(const model::PackageSet& set, const std::vector<RootRequirement>& rs,
                            const Options& options = {}) {
  auto result = resolve(set, rs, options);
  if (auto* s = std::get_if<Solution>(&result)) return "solved: " + chosen(set, *s);
  return to_error(std::get<Unsolvable>(result)).render();
}

}  // namespace pinset::resolve::test
