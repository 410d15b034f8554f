#pragma once
// `pinset tree`: the resolved graph as an indented tree from the project's dependencies, each
// package with its locked version and the range its parent asked for. A package whose
// dependencies were already shown is marked, not expanded again (so cycles and diamonds stay
// finite).

#include <string>

#include "core/report/component.hpp"

namespace pinset::report {

// myapp
// ├── libfoo@2.1.0 (>=2.1 <3)
// └── netlib@1.4.0 (^1.3.0)
//     ├── libfoo@2.1.0 (^2.1.0)
//     └── tls-shim@0.9.4 (~0.9.4) (dependencies shown above)
std::string tree_text(const ReportInput& input);

// {"project", "dependencies": [{"name", "version", "range", "origin", "dependencies": [...]}]}
// ("origin": "set" or "overlay"; an overlay package is marked "[overlay]" in text); a package
// already expanded elsewhere has "repeated": true instead of "dependencies". Two-space indented,
// ending with a newline; stable for machines.
std::string tree_json(const ReportInput& input);

}  // namespace pinset::report
