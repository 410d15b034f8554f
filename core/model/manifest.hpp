#pragma once
// The project manifest, pinset.yaml (or pinset.json).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto/checksum.hpp"
#include "core/doc/loader.hpp"
#include "core/semver/range.hpp"
#include "core/semver/version.hpp"
#include "core/util/error.hpp"

namespace pinset::model {

using crypto::Checksum;
using crypto::DigestAlgo;

struct RootDependency {
  std::string name;
  semver::Range range;  // range.text() is what the user wrote
  int line = 0;         // line in the manifest
  // The manifest reads every range as node-semver does; a set with another `versioning` reads the
  // same text again in its scheme (app::root_requirements), so ">=72.0" or "^10.42" require
  // relaxed or debian versions. A range that is not valid node-semver ("2026b") cannot be written
  // in a manifest yet (package-sets/README.md, "Versioning schemes").
};

// One entry of the manifest's `overlay`: what the project adds to, replaces in or drops from its
// package set, each with a mandatory reason and an optional expiry date.
enum class OverlayAction { add, replace, drop };

struct OverlayDependency {
  std::string name;
  semver::Range range;
};

struct OverlayEntry {
  OverlayAction action = OverlayAction::add;
  std::string name;
  // add/replace: required. drop: absent means every version of `name`.
  std::optional<semver::Version> version;
  // add/replace only (as in a set entry):
  std::optional<Checksum> checksum;
  std::string url;                              // absolute, or relative to the manifest's folder
  std::vector<OverlayDependency> dependencies;  // in name order
  std::string license;
  std::optional<std::uint64_t> size;
  std::uint32_t strip_components = 0;
  std::string reason;                  // mandatory, non-empty
  std::optional<std::string> expires;  // YYYY-MM-DD; refused once passed
  int line = 0;                        // line of the entry in the manifest
};

// Keys the project trusts to sign its package set, and how many must have signed.
struct TrustedKey {
  std::string name;        // who holds it, for messages (may be empty)
  std::string public_key;  // "ed25519:<base64 of the 32-byte raw public key>"
  int line = 0;
};

struct SetTrust {
  std::vector<TrustedKey> keys;
  int threshold = 1;  // m of n: at least this many distinct trusted keys must have signed
  int line = 0;
};

// Rewrites artifact URLs at fetch time: a URL starting with `from` is fetched from `to` + the rest.
struct MirrorRule {
  std::string from;
  std::string to;
  int line = 0;
};

// `multiple-versions`: the opt-in to selecting a name in several versions at once. Written
// `multiple-versions: major` (one version per compatibility line, Cargo's rule), `any` (npm's:
// any versions side by side), or `{rule: major, packages: [debug, semver]}` for listed names only.
struct MultipleVersionsRule {
  std::string rule;                   // "major" or "any"
  std::vector<std::string> packages;  // sorted; empty: every name
  Location at;                        // where it was written
};

struct Manifest {
  std::string source;  // path of the manifest file
  std::string name;
  std::string set_url;                       // as written: path, file://, http(s)://
  std::optional<Checksum> set_digest;        // pins the exact bytes of the set
  int set_line = 0;                          // line of package-set.url
  int set_digest_line = 0;                   // line of package-set.digest
  std::vector<RootDependency> dependencies;  // in name order
  // The versioning scheme of the dependency ranges (`versioning:`, as a set declares its own):
  // semver unless the project uses a set of upstream versions ("2026b", ">=72.0").
  semver::Scheme versioning = semver::Scheme::semver;
  std::string install_dir;  // optional, relative to the manifest's folder; empty: pinset_packages
  // optional install layout as written (core/layout checks the name): empty means `packages`
  std::string layout;
  Location layout_at;  // where `layout` was written, for the error naming an unknown one
  std::vector<OverlayEntry> overlay;  // in document order
  std::optional<SetTrust> trust;      // when present, the set must carry enough valid signatures
  std::vector<MirrorRule> mirrors;    // in document order; the first matching prefix wins
  int expiry_warning_days = 14;       // warn when the set expires within this many days
  std::optional<MultipleVersionsRule> multiple_versions;  // absent: one version per name
};

// Errors name the file, line, column and field; unknown fields are errors. Collects all problems.
Result<Manifest> parse_manifest(std::string_view text, const std::string& source,
                                doc::Format format);

}  // namespace pinset::model
