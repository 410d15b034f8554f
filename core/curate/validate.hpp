#pragma once
// Set-level checks, beyond what the parser checks entry by entry (`pinset set validate`).

#include <vector>

#include "core/model/package_set.hpp"

namespace pinset::curate {

struct Validation {
  // "unsatisfied-dependency": an entry depends on a range no version in the set satisfies (or on a
  // package the set does not have); names the entry, the range and the versions the set has.
  std::vector<Error> errors;
  // "dependency-cycle": packages that depend on each other in a ring, as "a -> b -> a".
  std::vector<Error> warnings;
  bool valid() const { return errors.empty(); }
};

// Checks a (flat) set: every dependency range of every entry is satisfied by at least one member
// of the set; dependency cycles between packages are warnings. Errors come in package name order,
// then entry and dependency order; each names set.source, the entry's line and its field path.
Validation validate_set(const model::PackageSet& set);

}  // namespace pinset::curate
