#pragma once
// The manifest's overlay applied to a loaded package set, before resolving: `add` puts a new
// entry in, `replace` swaps all of a package's entries for the overlay's, `drop` removes one
// version or a whole package. Pure: "now" is passed in.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/lock.hpp"
#include "core/model/manifest.hpp"
#include "core/model/package_set.hpp"

namespace pinset::app {

struct OverlaidSet {
  model::PackageSet set;              // the set with the overlay applied
  std::vector<std::string> warnings;  // e.g. a drop that matched nothing
};

// Errors (each naming the manifest, the entry's line and overlay[i]): "overlay-expired" (its
// `expires` date has passed: it is refused on the day after), "overlay-conflict" (add of a version
// the set already has), "overlay-not-in-set" (replace of a package the set does not have).
Result<OverlaidSet> apply_overlay(const model::PackageSet& set, const model::Manifest& manifest,
                                  std::int64_t now);

// The first moment (unix seconds) at which apply_overlay refuses one of the manifest's overlay
// entries as expired; nullopt when none has an `expires` date.
std::optional<std::int64_t> overlay_expiry_at(const model::Manifest& manifest);

// The overlay's add/replace entry that provides `name` at `version`, or nullptr.
const model::OverlayEntry* overlay_entry_for(const model::Manifest& manifest, std::string_view name,
                                             const semver::Version& version);

// Marks the packages of `lock` that came from the overlay (origin "overlay") and gives them the
// overlay's URL (as written: absolute, or relative to the manifest's folder like every relative
// URL in a lock). Returns a warning for each add/replace entry the resolution did not use.
std::vector<std::string> mark_overlay_packages(const model::Manifest& manifest, model::Lock& lock);

}  // namespace pinset::app
