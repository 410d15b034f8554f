#pragma once
// What the report commands (sbom, why, tree) pass to app::load_report_inputs.

#include <cstdlib>
#include <string>

#include "core/app/report.hpp"

namespace pinset::cli {

// `manifest` (empty: the default), `command` for messages, and $PINSET_CA_BUNDLE for a set served
// over https by a private CA.
inline app::ReportOptions report_options(const std::string& manifest, const char* command) {
  app::ReportOptions options;
  options.manifest_path = manifest;
  options.command = command;
  options.fetchers = net::make_curl_fetcher;
  if (const char* ca = std::getenv("PINSET_CA_BUNDLE")) options.ca_file = ca;
  return options;
}

}  // namespace pinset::cli
