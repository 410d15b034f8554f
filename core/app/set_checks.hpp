#pragma once
// Freeze and rollback protection for a loaded package set: refuse an expired set, warn about one
// that expires soon, refuse a set older than the one the lock was made from. Pure: "now" is a
// value the caller passes (unix seconds), never read here.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/lock.hpp"
#include "core/model/package_set.hpp"

namespace pinset::app {

// Errors: "set-expired" when `set.expires` is at or before `now` (naming the set, its expiry and
// how long ago). When it expires within `warning_days` days, adds a warning to `warnings`.
Status check_expiry(const model::PackageSet& set, std::int64_t now, int warning_days,
                    std::vector<std::string>& warnings);
// The first moment (unix seconds) at which check_expiry may warn about or refuse `set`; nullopt
// when it never expires.
std::optional<std::int64_t> expiry_notice_at(const model::PackageSet& set, int warning_days);

// The set a lock was made from is identified by the manifest's set URL (`set_url`) as well as by
// its name, so a set served under a new name at the same URL keeps its rollback floor.
// Errors: "set-rollback" when `lock` was made from the same set (same URL, or same name) with a
// higher serial; "set-equivocation" when a remote set (`remote`) at the same URL has the lock's
// serial but other bytes (`digest` is not the lock's), naming both digests.
Status check_rollback(const model::PackageSet& set, const crypto::Checksum& digest,
                      const std::string& set_url, bool remote, const model::Lock* lock,
                      const std::string& lock_path);

}  // namespace pinset::app
