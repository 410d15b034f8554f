#pragma once
// Version ranges with node-semver's grammar and semantics under default options (not loose, no
// includePrerelease): comparators, ^, ~, x-ranges and *, hyphen ranges, ||, and its prerelease
// rule.

#include <string>
#include <string_view>
#include <vector>

#include "core/semver/version.hpp"
#include "core/util/error.hpp"

namespace pinset::semver {

enum class Op { eq, lt, le, gt, ge };

// One primitive comparator after desugaring (e.g. "^1.2.3" becomes ">=1.2.3 <2.0.0-0").
// `any` matches every version (node-semver's empty comparator, from "*" or "").
struct Comparator {
  Op op = Op::eq;
  Version version;
  bool any = false;
};

class Range {
 public:
  // Parses like node-semver's `new Range(text)`. Errors: code "invalid-range", naming the input and
  // the part that is wrong. Never throws.
  static Result<Range> parse(std::string_view text);
  // A range over versions of scheme `scheme`: parse(text) for semver. Otherwise (see
  // package-sets/README.md, "Versioning schemes"): `*` or empty for any version; alternatives
  // separated by "||", each comparators separated by spaces that must all match; a comparator is
  // a version (exactly it), or one after =, <, <=, >, >=, or ^v (>=v, below the first number plus
  // one: ^10.42 is >=10.42 <11) or ~v (>=v, below the second number plus one: ~1.2 is >=1.2
  // <1.3), or "a - b" (>=a <=b). ^ and ~ are for relaxed and debian versions, comparisons are not
  // for string versions. Errors: code "invalid-range", naming the input and the scheme.
  static Result<Range> parse(std::string_view text, Scheme scheme);
  Scheme scheme() const { return m_scheme; }

  // node-semver's `satisfies(version, range)` with default options, including the prerelease rule:
  // a prerelease version matches only if some comparator in the matching set names a prerelease of
  // the same major.minor.patch. A version of another scheme than the range's never matches.
  bool satisfies(const Version& v) const;
  // As node-semver's `satisfies(v, range, {includePrerelease: true})`: the prerelease rule off.
  // Used to tell a user that only that rule stands between a range and a listed version.
  bool satisfies_including_prerelease(const Version& v) const;

  // The text as written by the user (for messages) and node-semver's normalized form
  // (`range.range`).
  const std::string& text() const { return m_text; }
  std::string normalized() const;

  // Desugared comparator sets: the range is the union (||) of intersections.
  const std::vector<std::vector<Comparator>>& sets() const { return m_sets; }

 private:
  std::string m_text;
  std::vector<std::vector<Comparator>> m_sets;
  Scheme m_scheme = Scheme::semver;
};

}  // namespace pinset::semver
