#pragma once
// PubGrub's derivation tree of a failure, told as numbered sentences the way pub tells it:
//   1. Because a 1.0.0 depends on c ^1.0.0 and b 1.0.0 depends on c ^2.0.0, a 1.0.0 is
//      incompatible with b 1.0.0.
//   2. And because myapp depends on a ^1.0.0 (pinset.yaml:3) and myapp depends on b ^1.0.0
//      (pinset.yaml:4), version solving failed.
// A conclusion used more than once is explained once and then cited by its number: "(1)".

#include <cstdint>
#include <string>
#include <vector>

#include "core/resolve/incompatibility.hpp"
#include "core/resolve/wording.hpp"

namespace pinset::resolve {

std::vector<std::string> derivation_lines(Wording& wording, const IncompatibilityStore& store,
                                          std::uint32_t failure);

// The external incompatibilities (facts) the derivation of `failure` rests on, each once, in the
// order a depth-first walk from `failure` meets them.
std::vector<std::uint32_t> derivation_facts(const IncompatibilityStore& store,
                                            std::uint32_t failure);

}  // namespace pinset::resolve
