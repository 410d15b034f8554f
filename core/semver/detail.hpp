#pragma once
// Internals of the semver module shared by version.cpp and range.cpp (and the conformance checker).

#include <optional>
#include <string>
#include <string_view>

#include "core/semver/version.hpp"

namespace pinset::semver::detail {

// The largest version number node-semver accepts: Number.MAX_SAFE_INTEGER.
constexpr std::uint64_t k_max_safe_integer = 9007199254740991ULL;
// node-semver's MAX_LENGTH, in UTF-16 code units.
constexpr std::size_t k_max_length = 256;
// node-semver's MAX_SAFE_BUILD_LENGTH: the longest prerelease or build identifier its regular
// expressions read (MAX_LENGTH less the 6 characters of "0.0.0+").
constexpr std::size_t k_max_safe_build_length = k_max_length - 6;

// The outcome of reading a version the way `new SemVer(text)` does.
struct VersionScan {
  std::optional<Version> version;  // set on success
  std::string reason;              // on failure: what is wrong, e.g. "expected MAJOR.MINOR.PATCH"
  bool syntax_ok = false;          // the text matches the version grammar (a number or the length
                                   // may still be out of bounds)
};
VersionScan scan_version(std::string_view text);

// node-semver's SemVer.compare (-1, 0, 1). Equal to SemVer precedence except that numeric
// prerelease identifiers of 2^53-1 and above, which node-semver keeps as strings, are compared as
// JavaScript numbers (doubles), as node-semver does. Range::satisfies uses this to answer exactly
// as node-semver; operator<=> keeps the specification's exact order.
int node_compare(const Version& a, const Version& b);

}  // namespace pinset::semver::detail
