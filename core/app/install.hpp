#pragma once
// The `pinset install` use case: resolve (or check the lock), plan, fetch and verify every
// artifact, extract it into the cache's store, link the packages into a fresh staging tree, and
// swap that tree in for the install folder in one atomic rename. A failure or a kill at any moment
// leaves the previous install as it was; the next run completes the job.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/app/install_state.hpp"
#include "core/app/resolve_project.hpp"
#include "core/archive/extractor.hpp"
#include "core/net/fetcher.hpp"

namespace pinset::app {

inline constexpr const char* k_default_install_dir = "pinset_packages";

// Reports what an install does, as it happens (called from the installing thread only).
class InstallObserver {
 public:
  virtual ~InstallObserver() = default;
  virtual void planned(std::size_t /*downloads*/, std::uint64_t /*bytes*/) {}
  virtual void bytes(std::uint64_t /*received_total*/) {}
  virtual void fetched(const std::string& /*label*/, std::uint64_t /*bytes*/) {}
  virtual void waiting_for_lock(const std::string& /*path*/) {}
};

struct InstallOptions {
  std::string manifest_path;
  std::string prefix;     // install folder; empty: the manifest's install-dir, else the layout's
  std::string layout;     // --layout; empty: the manifest's `layout`, else packages
  std::string cache_dir;  // empty: store::default_cache_dir
  bool locked = false;    // the lock must match the manifest and the set; change nothing else
  bool offline = false;   // only the cache; a missing artifact is an error naming it
  bool refresh = false;   // fetch the set again even when the locked revision is cached
  bool dry_run = false;   // plan only: print what would happen, touch nothing
  bool clean = false;     // rebuild every package even if the install looks current (pinset ci)
  // pinset's version (cli: PINSET_VERSION), recorded in the install stamp: a stamp another pinset
  // wrote is not trusted.
  std::string version;
  std::optional<std::int64_t> now;  // unix seconds for expiry checks and the stamp; nullopt: clock
  // When the install stamp decides a no-op, list the kept packages (reads the lock: ~3 ms for
  // 1,000 packages); false: only count them (plan.package_count), for output that says how many.
  bool list_packages = true;
  std::vector<model::MirrorRule> mirrors;  // --mirror: URL prefixes rewritten at fetch time
  net::FetchOptions fetch;                 // jobs, CA file, timeouts
  net::FetcherFactory fetchers;            // makes the fetchers (cli/: the curl fetcher)
  archive::Limits limits;                  // extraction caps
  int workers = 0;                         // extraction threads; 0: one per core
  InstallObserver* observer = nullptr;
};

enum class Source { installed, store, cache, download };

struct PlannedPackage {
  std::string name;
  std::string key;  // the lock's key (model::Lock::key_of): the name, or name@version
  semver::Version version;
  crypto::Checksum checksum;
  std::string url;  // where to fetch it (absolute URL or file:// URL)
  std::optional<std::uint64_t> size;
  std::uint32_t strip_components = 0;
  Source source = Source::download;
  std::optional<semver::Version> previous;  // the installed version, if another
  bool rebuild_tree = false;  // the cache's tree is damaged: drop it and extract it again
  std::string repair;         // why the cache's tree is rebuilt ("<path>: <what differs>")
  bool stamp_tree = false;    // the cache's tree was hashed intact: record its stamps
  bool rederive = false;      // ci: check the stored tree against the verified archive
};

struct InstallPlan {
  std::string prefix;
  std::vector<PlannedPackage> packages;  // by name
  // How many packages the lock has: packages.size(), except for a no-op decided from the install
  // stamp without listing them (InstallOptions::list_packages).
  std::size_t package_count = 0;
  std::vector<std::string> removals;  // installed packages the lock no longer has
  // Empty folders in the install folder that pinset did not make: replacing it removes them.
  std::vector<std::string> removed_folders;
  bool up_to_date = false;  // nothing to do at all
};

struct InstallOutcome {
  ResolveOutcome resolution;  // manifest, set, lock, changes (problem set: nothing installed)
  InstallPlan plan;
  std::size_t downloaded = 0;
  std::uint64_t downloaded_bytes = 0;
  bool installed = false;  // the tree was swapped in
  // Cached trees found damaged and rebuilt from their verified archives: "<label>: <what>".
  std::vector<std::string> repaired;
  std::string layout;                     // the layout's name
  std::vector<std::string> layout_notes;  // what the layout says to the user (config snippets)
  // Nothing to do, decided from the install stamp (install_stamp.hpp) without reading the set or
  // the install folder: `resolution` then holds the project and the lock (as `lock` and
  // `previous`) but no set or solution, and `plan` each locked package as kept, without its size
  // or strip-components; with list_packages false, neither the lock nor the packages, only
  // plan.package_count.
  bool from_stamp = false;
  // Why the stamp did not decide ("pinset.lock changed"; empty when it did, or was not asked:
  // --dry-run, --refresh, ci).
  std::string stamp_note;
};

// Before anything else, an install (not ci, --dry-run or --refresh) asks the install stamp whether
// anything changed since the last one; when nothing did, it returns the "up to date" outcome at
// once. Every successful install ends by writing the stamp (install_noop.hpp).
// Errors (exit 2 material unless noted): everything resolve_project reports; "lock-stale" with
// `locked` (exit 1); "offline-miss"; download errors ("checksum-mismatch", ...), extraction errors
// ("unsafe-archive", ...), each naming the package, combined into "install-failed" when several.
Result<InstallOutcome> install(fs::FileSystem& fs, const InstallOptions& options);

// The install folder a project uses: `prefix` if given, else <project dir>/<install-dir>, else
// <project dir>/ the default folder of `layout` (empty: the manifest's; pinset_packages when
// that names no known layout).
std::string install_prefix(const Project& project, const std::string& prefix,
                           const std::string& layout = "");

// The installed state of a prefix, or nullopt when nothing is installed there.
Result<std::optional<InstallState>> read_install_state(const fs::FileSystem& fs,
                                                       const std::string& prefix);

}  // namespace pinset::app
