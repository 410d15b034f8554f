#pragma once
// Shared by the `pinset set` curation commands (set_validate/diff/merge/flatten/edit.cpp): the
// --cacert option and the access to sets and artifacts it configures.

#include <string>

#include <CLI/CLI.hpp>

#include "cli/cli.hpp"
#include "core/app/set_layers.hpp"

namespace pinset::cli {

// Adds --cacert FILE (default: $PINSET_CA_BUNDLE) to `cmd`, stored in `cacert`.
inline void add_cacert_option(CLI::App* cmd, std::string& cacert) {
  cmd->add_option("--cacert", cacert,
                  "A CA bundle (PEM) to trust for https, besides the system's (default: "
                  "$PINSET_CA_BUNDLE)");
}

// Access through the cache ($PINSET_CACHE_DIR, ...) and a fetcher trusting `cacert` (else
// $PINSET_CA_BUNDLE), with the environment's transfer rates. Errors: "invalid-environment".
inline Result<app::SetAccess> make_set_access(const Io& io, const std::string& cacert) {
  auto fetch = fetch_options(io.env, cacert);
  if (!fetch) return fail(fetch.error());
  return app::SetAccess("", std::move(*fetch), net::make_curl_fetcher);
}

}  // namespace pinset::cli
