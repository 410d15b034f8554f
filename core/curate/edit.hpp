#pragma once
// Editing a set (`pinset set add` / `remove`): each returns a new set with the serial bumped, to
// be written with the deterministic writer.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model/package_set.hpp"

namespace pinset::curate {

struct NewDependency {
  std::string name;
  semver::Range range;
};

// `set` plus `entry` (its dependencies given by name in `deps`, in any order) under `name`; the
// serial grows by one. Errors: "invalid-name" (the package or a dependency), "duplicate-entry"
// (that version, or one of equal precedence, is already listed, naming its line).
Result<model::PackageSet> add_entry(const model::PackageSet& set, const std::string& name,
                                    model::Entry entry, const std::vector<NewDependency>& deps);

// `set` without `name` (every version, or only `version`; a package left without versions is
// dropped); the serial grows by one. Errors: "not-in-set" naming what the set has.
Result<model::PackageSet> remove_entry(const model::PackageSet& set, const std::string& name,
                                       const std::optional<semver::Version>& version);

// A copy of `set` to be written at `to_source`: relative URLs (artifacts of packages and
// overrides, bases in extends) rewritten so they still name the same files from there
// (rebase_url); the serial is unchanged.
model::PackageSet relocate(const model::PackageSet& set, const std::string& to_source);

}  // namespace pinset::curate
