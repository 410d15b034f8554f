#pragma once
// The report use cases (`pinset sbom`, `pinset why`, `pinset tree`): the project's manifest, lock
// and package set, loaded and checked to agree, for the writers in core/report.

#include <ctime>
#include <string>

#include "core/app/project.hpp"
#include "core/net/fetcher.hpp"
#include "core/report/component.hpp"

namespace pinset::app {

struct ReportOptions {
  std::string manifest_path;  // empty: pinset.yaml or pinset.json in the current folder
  std::string command;        // the command asking, for messages: "sbom", "why", "tree"
  // For a set named by an http(s) URL: where it comes from. Null: the cache (the revision the lock
  // records is used without any request when cached, as install does), else the network.
  RemoteDocuments* remote = nullptr;
  std::string cache_dir;         // empty: store::default_cache_dir
  net::FetchOptions fetch;       // a private CA (PEM) for an https set, transfer rates
  net::FetcherFactory fetchers;  // how the network is reached (cli/: the curl fetcher)
};

struct ReportInputs {
  Project project;
  LoadedSet set;
  model::Lock lock;

  report::ReportInput input() const { return {project.manifest, lock, set.set}; }
};

// Loads the project, its lock and its set, and checks the lock is what `pinset resolve --locked`
// accepts. Errors: the manifest's, the set's or the lock's own; "lock-missing" (no pinset.lock);
// "lock-stale" (the lock is out of date with the manifest or the set, naming the first change, or
// the manifest no longer resolves against the set). Each says to run `pinset resolve`.
Result<ReportInputs> load_report_inputs(fs::FileSystem& fs, const ReportOptions& options);

enum class SbomFormat { cyclonedx, spdx };

// The SBOM document in `format`, made at `when` (seconds since the epoch, written as RFC 3339
// UTC) by pinset `tool_version`.
std::string make_sbom(const ReportInputs& inputs, SbomFormat format, std::time_t when,
                      const std::string& tool_version);

// "2026-11-21T08:00:00Z".
std::string rfc3339_utc(std::time_t when);

// The time a report says it was made: SOURCE_DATE_EPOCH when set (reproducible builds: a plain
// decimal count of seconds), else `now`. Error "invalid-source-date-epoch" naming the value.
Result<std::time_t> report_time(const char* source_date_epoch, std::time_t now);

}  // namespace pinset::app
