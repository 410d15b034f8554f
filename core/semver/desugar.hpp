#pragma once
// The text rewriting node-semver 7.3.5 applies to a range before it reads comparators
// (classes/range.js: the constructor, parseRange, parseComparator and their helpers), done with the
// scanners of grammar.hpp instead of regular expressions. Each function keeps node-semver's name in
// its comment so the two can be read side by side. They work on any text and never fail: what they
// cannot rewrite they leave as is, and the comparator parser rejects it afterwards.

#include <string>
#include <string_view>
#include <vector>

namespace pinset::semver::desugar {

// range.split(/\s*\|\|\s*/), each piece trimmed.
std::vector<std::string_view> split_or(std::string_view text);

// range.replace(re[HYPHENRANGE], hyphenReplace): "1.2 - 3" becomes ">=1.2.0 <4.0.0-0". Sets
// `matched` when the piece is a hyphen range.
std::string replace_hyphen(std::string_view piece, bool& matched);

// range.replace(re[COMPARATORTRIM], '$1$2$3'): "> 1.2.3" becomes ">1.2.3".
std::string trim_comparators(std::string_view text);

// range.replace(re[TILDETRIM], '$1~') and range.replace(re[CARETTRIM], '$1^'): "~ 1" becomes "~1".
std::string trim_tildes(std::string_view text);
std::string trim_carets(std::string_view text);

// parseComparator(token): carets, then tildes, then x-ranges, then stars. The result may hold
// several comparators separated by spaces, or none ("" means any version).
std::string expand(std::string_view token);

// replaceGTE0(comp): ">=0.0.0" (where node-semver's unescaped "." matches any character) becomes
// "".
std::string replace_gte0(std::string_view comp);

}  // namespace pinset::semver::desugar
