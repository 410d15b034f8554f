#include "core/resolve/resolver.hpp"

#include "core/resolve/explain.hpp"
#include "core/resolve/solver.hpp"
#include "core/resolve/universe.hpp"

namespace pinset::resolve {

std::variant<Solution, Unsolvable> resolve(const model::PackageSet& set,
                                           const std::vector<RootRequirement>& roots,
                                           const Options& options) {
  Universe universe(set, roots, options);
  Solver solver(universe);
  if (solver.run()) return solver.solution();
  return explain(universe, solver.store(), solver.failure());
}

}  // namespace pinset::resolve
