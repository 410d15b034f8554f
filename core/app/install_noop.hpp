#pragma once
// The no-op fast path of `pinset install` (issue 13) and the stamp it reads: when nothing changed
// since the last successful install (install_stamp.hpp says how that is known), the outcome is
// the "up to date" one the full path would give, built from the lock alone. Used by install.cpp.

#include <optional>
#include <string>
#include <vector>

#include "core/app/input_recorder.hpp"
#include "core/app/install.hpp"
#include "core/app/install_stamp.hpp"
#include "core/app/location.hpp"
#include "core/store/cache.hpp"

namespace pinset::app {

// The planned package for one locked package, before any look at the cache or the install
// folder (source: download): name, key, version, checksum and the URL it is fetched from (the
// mirrors of the project's manifest applied, a path made a file:// URL). Errors: the lock's URL
// breaks the set's rule for artifact URLs (check_artifact_url), or cannot be located.
Result<PlannedPackage> locked_entry(const model::Lock& lock, const model::LockedPackage& locked,
                                    const Project& project, const DocumentLocation& set_location);

// The key of this run: `options` (--manifest, --mirror, the version), the working folder and
// pinset's binary, the install folder as opened, the layout's name and the cache folder.
StampKey stamp_key(const fs::FileSystem& fs, const InstallOptions& options,
                   const std::string& prefix, const std::string& layout,
                   const std::string& cache_root);

// The outcome of an install that has nothing to do, when the stamp of `dir` says so (its
// `from_stamp` set); nullopt otherwise, with `why` saying what differs. `project` is the loaded
// manifest. Reads the stamp, the install folder's recorded entries, the manifest and the lock
// (hashed), and the other inputs when small or changed; parses only the lock.
std::optional<InstallOutcome> noop_from_stamp(const fs::FileSystem& fs,
                                              const fs::InstallFolder& dir,
                                              const InstallOptions& options, const Project& project,
                                              const StampKey& key, std::int64_t now,
                                              std::string& why);

// After a successful install (or a full check that found nothing to do): records what it
// depended on in the stamp of `dir`, or removes the stamp when the run cannot vouch for the next
// one (warnings, repairs, foreign folders, a remote set not pinned and cached, an input that was
// not simply read). `package_folders` are where the packages are, relative to `dir`. Best effort:
// a stamp that cannot be written only costs the next run its full path. `now`: unix seconds.
void record_install_stamp(const fs::InstallFolder& dir, const InstallOutcome& outcome,
                          const StampKey& key, const InputRecorder& recorder,
                          const store::Cache& cache,
                          const std::vector<std::string>& package_folders, std::int64_t now);

}  // namespace pinset::app
