#pragma once
// `pinset upgrade --set NEW_URL`: resolves the project against another revision of its package set
// and says what would change (upgrades, downgrades, additions, removals) and which of the
// manifest's ranges the new set cannot satisfy; unless it is a dry run, it then points the
// manifest at the new set (editing the url and digest lines in place, comments kept) and writes
// the new lock.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/app/project.hpp"
#include "core/model/manifest.hpp"
#include "core/net/fetcher.hpp"
#include "core/resolve/resolver.hpp"

namespace pinset::app {

struct UpgradeOptions {
  std::string manifest_path;  // empty: pinset.yaml or pinset.json in the current folder
  std::string set_url;        // the new set, written as in the manifest (relative to its folder)
  std::optional<crypto::Checksum> digest;  // pins the new set's bytes (else: the digest is
                                           // recorded when the manifest pinned the old one)
  bool dry_run = false;
  // For an http(s) set: `remote` if given, else the network through the cache at `cache_dir`
  // (empty: store::default_cache_dir) with `fetch` (CA file, timeouts).
  RemoteDocuments* remote = nullptr;
  std::string cache_dir;
  net::FetchOptions fetch;
  net::FetcherFactory fetchers;            // makes the fetcher (cli/: the curl fetcher)
  std::optional<std::int64_t> now;         // for expiry checks; nullopt: the system clock
  std::vector<model::MirrorRule> mirrors;  // --mirror, before the manifest's
};

struct PackageChange {
  enum class Kind { added, removed, upgraded, downgraded, changed };
  Kind kind = Kind::added;
  std::string name;
  std::optional<semver::Version> from;  // not for added
  std::optional<semver::Version> to;    // not for removed
};

// A manifest range that no version of the new set satisfies.
struct UnsatisfiableRange {
  std::string name;
  std::string range;
  int line = 0;                        // in the manifest
  std::vector<std::string> available;  // the new set's versions of `name` (none: not in the set)
};

struct UpgradeOutcome {
  Project project;  // as loaded (the old set URL)
  std::optional<model::Lock> previous;
  LoadedSet set;                               // the new set
  std::optional<resolve::Unsolvable> problem;  // the new set cannot satisfy the manifest
  model::Lock lock;                            // the new lock (when !problem)
  std::vector<PackageChange> changes;          // in name order
  std::vector<UnsatisfiableRange> unsatisfiable;
  std::vector<std::string> warnings;
  bool written = false;  // the manifest and lock were rewritten
};

// Errors: those of loading the project, the lock and the new set (digest, signatures, expiry,
// rollback, overlay); "cannot-edit-manifest" when the url line cannot be found to edit. With a
// problem, nothing is written.
Result<UpgradeOutcome> upgrade(fs::FileSystem& fs, const UpgradeOptions& options);

// The manifest text with package-set.url replaced by `url` and, when `digest` is set,
// package-set.digest set to it (replaced in place, or added after the url); every other byte is
// kept. Without `digest`, an existing digest line is removed. Error "cannot-edit-manifest".
Result<std::string> rewrite_manifest_set(std::string_view text, const model::Manifest& manifest,
                                         const std::string& url,
                                         const std::optional<crypto::Checksum>& digest);

}  // namespace pinset::app
