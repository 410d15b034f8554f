#pragma once
// The lockfile, pinset.lock: JSON with sorted keys and entries, and a digest of its own content so
// a hand-edited or mangled lock is refused rather than trusted.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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
  std::string url;  // absolute artifact URL
  // Keys of the locked packages it depends on (see Lock::key_of), sorted.
  std::vector<std::string> dependencies;
  std::string origin = "set";  // "set", or "overlay" (the manifest's overlay)
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
  std::vector<LockedPackage> packages;  // sorted by name, then version

  // The first (lowest) locked version of `name`, or nullptr.
  const LockedPackage* find(std::string_view name) const;
  // How many versions of `name` the lock holds (more than one only with `multiple-versions`).
  std::size_t versions_of(std::string_view name) const;
  // The key that names a locked package in the lock's `packages` and in dependency lists: its
  // name, or "name@version" when the lock holds the name in several versions.
  std::string key_of(const LockedPackage& p) const;
  // The package a key names, or nullptr.
  const LockedPackage* find_key(std::string_view key) const;
  bool operator==(const Lock&) const = default;
};

// "name@version" -> {name, version}; a key without a version (or a scoped name's leading '@')
// gives {key, ""}.
std::pair<std::string_view, std::string_view> split_key(std::string_view key);

// Deterministic text: same Lock, same bytes. Ends with a newline. Includes "content-digest".
std::string write_lock(const Lock& lock);

// Errors: "parse" (with line/column), "wrong-type"/"missing-field"/"unknown-field", "lock-version"
// (a newer format), "lock-tampered" (content digest does not match: edited by hand or mangled),
// each saying to re-run `pinset resolve` (or install) to regenerate it.
Result<Lock> parse_lock(std::string_view text, const std::string& source);

// parse_lock for bytes known to be bytes that parse_lock accepted or write_lock wrote (the install
// stamp knows them by their sha256): the content digest, most of parse_lock's cost, is not
// computed again. Never for bytes of unknown origin. Errors: as parse_lock but "lock-tampered".
Result<Lock> parse_known_lock(std::string_view text, const std::string& source);

}  // namespace pinset::model
