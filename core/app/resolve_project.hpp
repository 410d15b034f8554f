#pragma once
// The `pinset resolve` use case: manifest + set (+ lock) -> a new lock, or an explanation.

#include <optional>
#include <string>
#include <vector>

#include "core/app/project.hpp"
#include "core/resolve/resolver.hpp"

namespace pinset::app {

struct ResolveOptions {
  std::string manifest_path;  // empty: pinset.yaml or pinset.json in the current folder
  bool locked = false;     // the lock must already match; change nothing ("lock-stale" otherwise)
  bool write_lock = true;  // write pinset.lock when it changed (not with locked or dry runs)
  RemoteDocuments* remote = nullptr;  // for http(s) sets; null: local sets only
  std::optional<std::int64_t> now;    // unix seconds for expiry checks; nullopt: the system clock
  // --mirror mappings, tried before the manifest's `mirrors` (added to project.manifest.mirrors).
  std::vector<model::MirrorRule> mirrors;
  // The project's set, already loaded by the caller (as load_set gives it, for the same manifest
  // and lock): used instead of reading and parsing it again. The outcome's `set` is then left
  // empty. Not owned; must outlive the call.
  const LoadedSet* loaded_set = nullptr;
};

struct ResolveOutcome {
  Project project;
  LoadedSet set;
  std::optional<model::Lock> previous;         // the lock found on disk
  std::optional<resolve::Unsolvable> problem;  // set when resolution failed
  std::optional<resolve::Solution> solution;   // set when it succeeded
  model::Lock lock;                            // the resolved lock (when !problem)
  std::vector<std::string> changes;            // describe_lock_changes(previous, lock)
  bool lock_written = false;
  std::vector<std::string> warnings;  // for "warning: ..." lines on stderr (set, overlay)
};

// Errors (exit 2 material): unreadable or invalid manifest, set, or lock; "lock-missing" and
// "lock-stale" with `locked`. An unsatisfiable resolution is not an error: see `problem`.
Result<ResolveOutcome> resolve_project(fs::FileSystem& fs, const ResolveOptions& options);

// Builds the lock for a solution. Artifact URLs are resolved against the manifest's package-set
// URL, so a set named by a relative path gives artifact paths relative to the project (a portable
// lock).
// The resolver's multiple-versions option from the manifest's `multiple-versions`.
resolve::MultipleVersions multiple_versions_of(const model::Manifest& manifest);

model::Lock make_lock(const Project& project, const LoadedSet& set,
                      const resolve::Solution& solution);
// The same, with the packages taken from `packages` (e.g. the set with the overlay applied) and
// the set's name, serial and digests from `loaded`.
model::Lock make_lock(const Project& project, const LoadedSet& loaded,
                      const model::PackageSet& packages, const resolve::Solution& solution);

// The root requirements of a manifest, each with its origin "<manifest>:<line>", its ranges read
// in the set's `versioning`. Errors: "invalid-range" for a range that is not one of that scheme.
Result<std::vector<resolve::RootRequirement>> root_requirements(const Project& project,
                                                                const model::PackageSet& set);

}  // namespace pinset::app
