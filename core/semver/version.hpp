#pragma once
// SemVer 2.0.0 versions, with precedence exactly as the specification (and node-semver) defines.

#include <compare>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/semver/scheme.hpp"
#include "core/util/error.hpp"

namespace pinset::semver {

// One dot-separated prerelease identifier: numeric (compared as a number) or alphanumeric.
struct PrereleaseId {
  std::variant<std::uint64_t, std::string> value;
  bool is_numeric() const { return value.index() == 0; }
  bool operator==(const PrereleaseId&) const = default;
};

// What few versions have: prerelease identifiers, build metadata, and (other schemes) the text
// as written. Kept apart so that a plain version is 48 bytes (a set of 300,000 entries holds one
// per entry).
struct VersionExtra {
  std::vector<PrereleaseId> prerelease;
  std::vector<std::string> build;
  std::string text;  // other schemes: the version as written
};
inline const VersionExtra k_no_version_extra{};

class Version {
 public:
  Version() = default;
  Version(std::uint64_t major, std::uint64_t minor, std::uint64_t patch)
      : m_major(major), m_minor(minor), m_patch(patch) {}

  // Strict SemVer 2.0.0 as node-semver's `new SemVer(v)` with default options accepts it: an
  // optional leading "v" and surrounding whitespace are tolerated (a leading "=" is not:
  // node-semver accepts it in ranges only); numbers have no leading zeros and are at most 2^53-1;
  // at most 256 characters (UTF-16 code units, whitespace included). Errors: code
  // "invalid-version", naming the input and what is wrong.
  static Result<Version> parse(std::string_view text);
  // A version of scheme `scheme` (scheme.hpp): Version::parse(text) for semver; otherwise the
  // text exactly as written (no trimming), checked by check_upstream. Its major(), minor() and
  // patch() are its leading numbers (0 where there are none); it has no prerelease.
  static Result<Version> parse(std::string_view text, Scheme scheme);
  Scheme scheme() const { return m_scheme; }

  std::uint64_t major() const { return m_major; }
  std::uint64_t minor() const { return m_minor; }
  std::uint64_t patch() const { return m_patch; }
  const std::vector<PrereleaseId>& prerelease() const { return extra().prerelease; }
  const std::vector<std::string>& build() const { return extra().build; }
  bool is_prerelease() const { return !extra().prerelease.empty(); }

  // Canonical text: "1.2.3-alpha.1+build.5" (no leading "v"); as written for other schemes.
  std::string str() const;
  // The canonical text without build metadata, "1.2.3-alpha.1": node-semver's `version` property
  // and what `semver.valid()` returns.
  std::string str_without_build() const;

  // SemVer precedence; build metadata is ignored (so 1.0.0+a == 1.0.0+b compare equal). Versions
  // of other schemes in their scheme's order (compare_upstream); versions of two schemes by
  // scheme first (semver, relaxed, date, debian, string), so that any list sorts the same way.
  std::strong_ordering operator<=>(const Version& other) const;
  bool operator==(const Version& other) const { return (*this <=> other) == 0; }

  // For constructing versions in ranges and tests.
  Version& set_prerelease(std::vector<PrereleaseId> pre) {
    VersionExtra e = extra();
    e.prerelease = std::move(pre);
    set_extra(std::move(e));
    return *this;
  }
  Version& set_build(std::vector<std::string> build) {
    VersionExtra e = extra();
    e.build = std::move(build);
    set_extra(std::move(e));
    return *this;
  }

 private:
  const VersionExtra& extra() const { return m_extra ? *m_extra : k_no_version_extra; }
  // Shared by copies and never changed in place: a change makes a new one (none when empty).
  void set_extra(VersionExtra e) {
    if (e.prerelease.empty() && e.build.empty() && e.text.empty()) {
      m_extra.reset();
    } else {
      m_extra = std::make_shared<const VersionExtra>(std::move(e));
    }
  }

  std::uint64_t m_major = 0;
  std::uint64_t m_minor = 0;
  std::uint64_t m_patch = 0;
  std::shared_ptr<const VersionExtra> m_extra;  // null: no prerelease, build or text
  Scheme m_scheme = Scheme::semver;
};

// The version's compatibility line, Cargo's rule for which versions can stand in for each other:
// its major number, or 0.minor below 1.0.0, or 0.0.patch below 0.1.0 ("2.x", "0.3.x", "0.0.5").
// Other schemes apply the same rule to their leading numbers (72.1 -> "72.x", 2026b ->
// "2026.x"); a `string` version is its own line. A manifest's `multiple-versions: major` lets
// one version per line of a name be selected.
std::string compatibility_line(const Version& v);

}  // namespace pinset::semver
