#pragma once
// Explains, for an error message, why a comparator of a range is invalid.

#include <string>
#include <string_view>

namespace pinset::semver::diagnose {

// What is wrong with one whitespace-free comparator of a range (e.g. ">=1.2.x.y" gives
// `unexpected ".y" after ">=1.2.x"`), checked against the grammar operator, "v"/"=" prefix, x-range
// or version. Empty if the grammar finds nothing wrong (node-semver's rewriting can still reject
// such a comparator; the caller then says so without a reason).
std::string comparator_problem(std::string_view token);

}  // namespace pinset::semver::diagnose
