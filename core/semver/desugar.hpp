#pragma once
// The text rewriting node-semver 7.8.6 applies to a range before it reads comparators
// (classes/range.js: the constructor, parseRange, parseComparator and their helpers;
// internal/trim-comparator-whitespace.js), done with the scanners of grammar.hpp instead of regular
// expressions. Each function keeps node-semver's name in its comment so the two can be read side by
// side. They work on any text and never fail: what they cannot rewrite they leave as is, and the
// comparator parser rejects it afterwards. Range::parse first reduces each whitespace run of the
// range to one space (js::collapse_space), as node-semver's constructor does; the bounded
// whitespace of the steps below (`\s{0,1}`, `\s{1,1}`) matters where strip_builds leaves several.

#include <string>
#include <string_view>
#include <vector>

namespace pinset::semver::desugar {

// range.split('||'), each piece trimmed.
std::vector<std::string_view> split_or(std::string_view text);

// range.replace(BUILDSTRIPRE, ''): every "+" followed by build identifiers goes, wherever it is
// ("1.2.3+b" becomes "1.2.3", "+b 1.2.3" becomes " 1.2.3"); a "+" alone stays.
std::string strip_builds(std::string_view piece);

// range.replace(re[HYPHENRANGE], hyphenReplace): "1.2 - 3" becomes ">=1.2.0 <4.0.0-0". Sets
// `matched` when the piece is a hyphen range.
std::string replace_hyphen(std::string_view piece, bool& matched);

// trimComparatorWhitespace(range): "> 1.2.3" becomes ">1.2.3".
std::string trim_comparators(std::string_view text);

// range.replace(re[TILDETRIM], '$1~') and range.replace(re[CARETTRIM], '$1^'): "~ 1" becomes "~1".
std::string trim_tildes(std::string_view text);
std::string trim_carets(std::string_view text);

// parseComparator(token): carets, then tildes, then x-ranges (an x followed by a number, as in
// "1.x.3", is left as is), then stars. The result may hold several comparators separated by
// spaces, or none ("" means any version). parseComparator's own removal of the first build is
// left out: after strip_builds there is none.
std::string expand(std::string_view token);

// replaceGTE0(comp): ">=0.0.0" becomes "".
std::string replace_gte0(std::string_view comp);

}  // namespace pinset::semver::desugar
