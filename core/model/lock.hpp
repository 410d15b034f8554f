#pragma once
// The lockfile, pinset.lock: JSON with sorted keys and entries, and a digest of its own content so
// a hand-edited or mangled lock is refused rather than trusted.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto/checksum.hpp"
#include "core/semver/version.hpp"
#include "core/util/error.hpp"

namespace pinset::model {

using crypto::Checksum;
using crypto::DigestAlgo;

inline constexpr int k_lock_version = 1;

struct LockedPackage {
  std::string name;
  semver::Version version;
  Checksum checksum;
  std::string url;                        // absolute artifact URL
  std::vector<std::string> dependencies;  // names, sorted
  std::string origin = "set";             // "set", or "overlay" (the manifest's overlay)
  bool operator==(const LockedPackage&) const = default;
};

struct Lock {
  int lock_version = k_lock_version;
  std::string set_name;
  std::string set_url;  // as the manifest names it
  Checksum set_digest;  // sha256 of the set's bytes as fetched
  std::uint64_t set_serial = 0;
  // The set's `versioning`: the scheme of the versions of packages from the set (overlay
  // packages are SemVer). Written only when not semver, so SemVer locks keep their bytes.
  semver::Scheme set_versioning = semver::Scheme::semver;
  // sha256 of the set's signature file (<set>.sig) as fetched, for a remote set checked against
  // the manifest's trusted keys: lets an offline install use the cached copy of that file.
  std::optional<Checksum> set_signatures_digest;
  std::vector<LockedPackage> packages;  // sorted by name

  const LockedPackage* find(std::string_view name) const;
  bool operator==(const Lock&) const = default;
};

// Deterministic text: same Lock, same bytes. Ends with a newline. Includes "content-digest".
std::string write_lock(const Lock& lock);

// Errors: "parse" (with line/column), "wrong-type"/"missing-field"/"unknown-field", "lock-version"
// (a newer format), "lock-tampered" (content digest does not match: edited by hand or mangled),
// each saying to re-run `pinset resolve` (or install) to regenerate it.
Result<Lock> parse_lock(std::string_view text, const std::string& source);

}  // namespace pinset::model
