#pragma once
// What differs between two locks, in words a person reads in a terminal or a CI log.

#include <string>
#include <vector>

#include "core/model/lock.hpp"

namespace pinset::app {

// One line per difference, in name order, e.g. "netlib 1.3.0 -> 1.4.0", "added libfoo 2.1.0",
// "removed oldlib 0.9.0", "netlib 1.4.0: checksum changed", "package set serial 41 -> 42".
// `before` may be null (no lock yet): then every package is "added".
std::vector<std::string> describe_lock_changes(const model::Lock* before, const model::Lock& after);

// Packages whose version stayed while their checksum or URL changed (a lock edited by hand, or a
// set that republished an artifact under the same version): one sentence each naming both values,
// for a warning when `after` replaces the lock at `lock_path`.
std::vector<std::string> describe_artifact_swaps(const model::Lock& before,
                                                 const model::Lock& after,
                                                 const std::string& lock_path);

}  // namespace pinset::app
