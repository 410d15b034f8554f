#pragma once
// `pinset tree`: the resolved graph as an indented tree from the project's dependencies, each
// package with its locked version and the range its parent asked for. A package whose
// dependencies were already shown is marked, not expanded again (so cycles and diamonds stay
// finite).

#include <cstddef>
#include <string>

#include "core/report/component.hpp"

namespace pinset::report {

// How deep `pinset tree` goes unless told (--depth): each level indents every line below it, so
// an uncapped tree of a 10,000-package chain is hundreds of megabytes.
inline constexpr std::size_t k_default_tree_depth = 100;

// myapp
// ├── libfoo@2.1.0 (>=2.1 <3)
// └── netlib@1.4.0 (^1.3.0)
//     ├── libfoo@2.1.0 (^2.1.0)
//     └── tls-shim@0.9.4 (~0.9.4) (dependencies shown above)
// At most `max_depth` levels (at least 1): a package on the last level whose dependencies are cut
// is marked "(dependencies deeper than N levels not shown)", and a last line says how many
// packages the tree leaves out. Time and memory are linear in the size of the graph.
std::string tree_text(const ReportInput& input, std::size_t max_depth = k_default_tree_depth);

// {"project", "dependencies": [{"name", "version", "range", "origin", "dependencies": [...]}]}
// ("origin": "set" or "overlay"; an overlay package is marked "[overlay]" in text); a package
// already expanded elsewhere has "repeated": true instead of "dependencies", and one whose
// dependencies are cut by `max_depth` has "cut": true; the top level then also has "max-depth"
// and "not-shown" (the number of packages left out). Two-space indented, ending with a newline;
// stable for machines.
std::string tree_json(const ReportInput& input, std::size_t max_depth = k_default_tree_depth);

}  // namespace pinset::report
