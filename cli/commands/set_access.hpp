#pragma once
// Shared by the `pinset set` curation commands (set_validate/diff/merge/flatten/edit.cpp): the
// --cacert option and the access to sets and artifacts it configures.

#include <cstdlib>
#include <string>

#include <CLI/CLI.hpp>

#include "core/app/set_layers.hpp"

namespace pinset::cli {

// Adds --cacert FILE (default: $PINSET_CA_BUNDLE) to `cmd`, stored in `cacert`.
inline void add_cacert_option(CLI::App* cmd, std::string& cacert) {
  cmd->add_option("--cacert", cacert,
                  "A CA bundle (PEM) to trust for https, besides the system's (default: "
                  "$PINSET_CA_BUNDLE)");
}

// Access through the cache ($PINSET_CACHE_DIR, ...) and a fetcher trusting `cacert`.
inline app::SetAccess make_set_access(const std::string& cacert) {
  net::FetchOptions options;
  options.ca_file = cacert;
  if (options.ca_file.empty()) {
    if (const char* env = std::getenv("PINSET_CA_BUNDLE")) options.ca_file = env;
  }
  return app::SetAccess("", options, net::make_curl_fetcher);
}

}  // namespace pinset::cli
