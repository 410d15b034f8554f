#pragma once
// Turns a failed search into an Unsolvable: picks the kind of explanation that tells the truth most
// simply, from the facts the derivation rests on.
//   not-in-set         the facts are one chain of dependencies from the root to a name the set
//                      lacks, each link forced (every allowed version of a link needs the next);
//   no-vetted-version  the facts are constraints on one package of the set, each imposed by the
//                      root or by a package whose version was forced the same way;
//   conflict           anything else: the full derivation, numbered.

#include <cstdint>
#include <functional>

#include "core/resolve/incompatibility.hpp"
#include "core/resolve/resolver.hpp"
#include "core/resolve/universe.hpp"

namespace pinset::resolve {

// Whether relaxing root requirement `index` (to any version) would let the project resolve: a
// hint suggests relaxing a requirement only when this says so (the resolver checks it by
// resolving again).
using RelaxCheck = std::function<bool(std::size_t index)>;

Unsolvable explain(Universe& universe, const IncompatibilityStore& store, std::uint32_t failure,
                   const RelaxCheck& relaxing_helps);

}  // namespace pinset::resolve
