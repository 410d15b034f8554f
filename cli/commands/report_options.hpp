#pragma once
// What the report commands (sbom, why, tree) pass to app::load_report_inputs.

#include <string>

#include "cli/cli.hpp"
#include "core/app/report.hpp"
#include "core/fs/file_system.hpp"

namespace pinset::cli {

// `manifest` (empty: the default), `command` for messages, and the environment's CA bundle
// (PINSET_CA_BUNDLE) and transfer rates for a set served over https. Errors:
// "invalid-environment".
inline Result<app::ReportOptions> report_options(const Io& io, const std::string& manifest,
                                                 const char* command) {
  app::ReportOptions options;
  options.manifest_path = manifest;
  options.command = command;
  options.fetchers = net::make_curl_fetcher;
  auto fetch = fetch_options(io.env, "");
  if (!fetch) return fail(fetch.error());
  options.fetch = std::move(*fetch);
  return options;
}

// The report inputs of a report command (sbom, why, tree).
inline Result<app::ReportInputs> load_report_inputs(const Io& io, const std::string& manifest,
                                                    const char* command) {
  auto options = report_options(io, manifest, command);
  if (!options) return fail(options.error());
  return app::load_report_inputs(fs::real_file_system(), *options);
}

}  // namespace pinset::cli
