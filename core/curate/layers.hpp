#pragma once
// Layered sets: a set that `extends` others (by URL and digest), `overrides` some of their
// packages and `removes` packages or versions, flattened into one deterministic flat set. Loading
// the bases (fetching, digests, cycles) is core/app/set_layers.hpp's job; this is the pure part.

#include <string>
#include <vector>

#include "core/model/package_set.hpp"

namespace pinset::curate {

struct Layer {
  const model::PackageSet* set = nullptr;  // a flat set (already flattened if it was layered)
  std::string label;  // recorded in `from` of the entries it gives: "<name>@<serial>"
};

// "<name>@<serial>" of a set, the label flatten and the CLI's merge use.
std::string set_label(const model::PackageSet& set);

// Flattens `top` over `bases` (in the order of top.extends), in this order:
//   1. the bases' packages; a package that two bases list differently must be overridden or
//      removed by `top` ("layer-conflict", naming both bases);
//   2. `removes`: a package, or one version ("name@version"); each must match something
//      ("remove-unknown");
//   3. `overrides`: the package's entries are replaced; it must be in a base ("override-unknown");
//   4. `packages`: new packages, and new versions of base packages; a version a base already has
//      is refused ("layer-duplicate": replace it under overrides instead).
// The result has top's name, serial and published, the earliest expiry of all layers, no layer
// fields, entries in version order. An entry keeps its `from` if it had one, else gets the label
// of the layer it came from (top's own entries: set_label(top)). Artifact URLs of base entries are
// rewritten relative to top.source (rebase_url). Errors: every problem, combined into
// "flatten-failed" when there are several.
Result<model::PackageSet> flatten(const model::PackageSet& top, const std::vector<Layer>& bases);

}  // namespace pinset::curate
