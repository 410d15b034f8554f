#pragma once
// Small text helpers shared across core.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pinset {

std::string_view trim(std::string_view text);
bool starts_with(std::string_view text, std::string_view prefix);
std::vector<std::string_view> split(std::string_view text, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// "1 package", "2 packages": `n` and `one`, or `many` (default: `one` + "s") unless n is 1.
std::string count_of(std::size_t n, std::string_view one, std::string_view many = {});
// Levenshtein distance between a and b (for "did you mean" hints; cap the inputs' lengths).
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace pinset
