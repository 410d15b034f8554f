#pragma once
// How explanations say things: versions, packages with version sets, and the fact each
// incompatibility states ("netlib 1.4.0 depends on libfoo ^1.0.0", "a 1.0.0 is incompatible with
// b 2.0.0"), in the style of pub's error reports.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/resolve/incompatibility.hpp"
#include "core/resolve/universe.hpp"

namespace pinset::resolve {

// "a", "a or b", "a, b or c" (with `last` = " or ") / "a, b and c".
std::string join_list(const std::vector<std::string>& items, std::string_view last);

class Wording {
 public:
  Wording(Universe& universe, const IncompatibilityStore& store)
      : m_universe(universe), m_store(store) {}

  // The package's versions in ascending order, as text.
  std::vector<std::string> versions(PackageId p);
  // The versions of p in `set` as a reader would say them, lowest first: "1.0.0", "1.0.0 or 1.2.0",
  // ">=1.2.0" (a run of three or more, up to the highest), "<=1.1.0", ">=1.0.0 <=1.4.0".
  std::string versions(PackageId p, const VersionSet& set);
  // A package as the subject of a sentence: "myapp", "netlib 1.4.0", "every version of netlib".
  std::string subject(PackageId p, const VersionSet& set);
  // A package as an object: "netlib" (any version) or "netlib 1.4.0 or 1.5.0".
  std::string object(PackageId p, const VersionSet& set);
  // A package in a dependency path: "myapp", "netlib 1.4.0", "libfoo" (not in the set, or any of
  // its versions).
  std::string path_element(PackageId p, const VersionSet& set);

  // What a dependency group states: "myapp depends on b ^1.0.0 (pinset.yaml:4)",
  // "netlib 1.4.0 depends on libfoo ^1.0.0 (not in the set)",
  // "webkit 3.1.0 depends on libpng ^1.6.0 (the set has only 1.5.0 and 2.0.0)".
  std::string dependency(const DependencyGroup& group);
  // Why a range of p matches nothing: "the set has only 1.5.0 and 2.0.0".
  std::string only_versions(PackageId p);
  // The fact an incompatibility states: its dependency for external ones, else its terms.
  std::string fact(std::uint32_t id);
  // Two facts joined by "and", the dependent one first when one leads to the other ("foo 1.0.0
  // depends on a ^1.0.0 and a 1.0.0 depends on b ^2.0.0").
  std::string facts(std::uint32_t first, std::uint32_t second);
  // The terms of an incompatibility as a sentence: "a 1.0.0 requires b 2.0.0", "version solving
  // failed" (nothing, or only the root, can hold).
  std::string terms(std::uint32_t id);

 private:
  Universe& m_universe;
  const IncompatibilityStore& m_store;
};

}  // namespace pinset::resolve
