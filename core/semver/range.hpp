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

  // node-semver's `satisfies(version, range)` with default options, including the prerelease rule:
  // a prerelease version matches only if some comparator in the matching set names a prerelease of
  // the same major.minor.patch.
  bool satisfies(const Version& v) const;

  // The text as written by the user (for messages) and node-semver's normalized form
  // (`range.range`).
  const std::string& text() const { return m_text; }
  std::string normalized() const;

  // Desugared comparator sets: the range is the union (||) of intersections.
  const std::vector<std::vector<Comparator>>& sets() const { return m_sets; }

 private:
  std::string m_text;
  std::vector<std::vector<Comparator>> m_sets;
};

}  // namespace pinset::semver
