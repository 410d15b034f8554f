#pragma once
// The `pinset policy check` use case: loads the project (manifest, set, lock), the policies and
// the advisories, checks signatures and whether the lock is in sync, runs the policy engine, and
// with `since_lock` keeps only the findings that are new relative to an older lock.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/app/project.hpp"
#include "core/net/fetcher.hpp"
#include "core/policy/engine.hpp"

namespace pinset::app {

struct PolicyCheckOptions {
  std::string manifest_path;               // empty: pinset.yaml or pinset.json here
  std::vector<std::string> policy_files;   // combined in order; empty: the built-in baseline
  std::vector<std::string> advisory_dirs;  // OSV folders, added to the policies' directories
  std::string since_lock;                  // an older lock file; empty: report every finding
  std::int64_t now = 0;                    // unix seconds: "today" for expiry and age rules
  // For http(s) sets (the set, its signatures): null means the network through the cache, opened
  // only when a remote set is asked for; a set revision the lock records is read from the cache.
  RemoteDocuments* remote = nullptr;
  std::string cache_dir;         // empty: store::default_cache_dir
  net::FetchOptions fetch;       // a private CA (PEM) for an https set, transfer rates
  net::FetcherFactory fetchers;  // how the network is reached (cli/: the curl fetcher)
};

// Largest policy and advisory files read, and most advisory files in the folders.
inline constexpr std::size_t k_max_policy_bytes = 4u << 20;
inline constexpr std::size_t k_max_advisory_bytes = 16u << 20;
inline constexpr std::size_t k_max_advisory_files = 200000;

// Errors (exit 2): an unreadable or invalid manifest, set, policy, advisory file or --since lock;
// an advisory folder that does not exist ("not-found"). A missing, damaged or stale lock, an
// expired or badly signed set are findings, not errors: the set is loaded without the expiry and
// signature refusals of `pinset resolve`, and the rules report them.
//
// A finding's identity for `since_lock` is (rule, package, key), where the key never contains the
// version (policies/README.md, "--since"): a finding already present with the old lock, even for
// another version of the package, is not new. The old lock is evaluated against the same
// manifest, set, policies and advisories.
Result<policy::Report> check_policy(fs::FileSystem& fs, const PolicyCheckOptions& options);

// The line of each package's block in a lock written by model::write_lock (name -> line).
std::map<std::string, int> lock_package_lines(std::string_view lock_text);

// For each locked package a root reaches: the manifest's name, then one shortest path from a root
// to it, the same one model::LockGraph::shortest_path gives (breadth-first from the roots in name
// order, dependencies in name order), computed for all packages in one walk. Long paths keep
// their head and tail only (policy::DependencyPath), so time and memory stay linear.
std::map<std::string, policy::DependencyPath> shortest_paths(const model::Manifest& manifest,
                                                             const model::Lock& lock);

}  // namespace pinset::app
