#pragma once
// The `pinset set validate` use case: read a set (flattening layers), run the set-level checks,
// and with `fetch` download every artifact through the cache and check its size and checksum.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/app/set_layers.hpp"
#include "core/curate/validate.hpp"

namespace pinset::app {

struct SetValidateOptions {
  std::string set;  // path, file:// or http(s) URL
  bool fetch = false;
  std::optional<std::int64_t> now;  // unix seconds for the expiry check; nullopt: the clock
};

struct SetValidateOutcome {
  std::string source;
  std::size_t packages = 0;
  std::size_t entries = 0;
  // The set's own problems: the parser's (each cause of "invalid-set" separately), flattening's,
  // the set-level checks' ("unsatisfied-dependency"), "set-expired", and, with fetch, each artifact
  // that cannot be fetched or does not match ("checksum-mismatch", "size-mismatch", ...). Empty:
  // valid.
  std::vector<Error> errors;
  std::size_t omitted = 0;      // further errors found and not listed (the set parser keeps 100)
  std::vector<Error> warnings;  // "dependency-cycle"
  std::size_t fetched = 0;      // artifacts checked with fetch (downloaded or from the cache)
  std::size_t from_cache = 0;   // of which were already in the cache
  bool valid() const { return errors.empty() && omitted == 0; }
  std::size_t problems() const { return errors.size() + omitted; }
};

// Errors (the set cannot be read at all: exit 2 material): read and fetch errors of the set
// itself, YAML/JSON syntax ("parse"), "too-large", "no-cache-dir".
Result<SetValidateOutcome> validate_set_at(const fs::FileSystem& fs, SetAccess& access,
                                           const SetValidateOptions& options);

// Downloads (or reads from the cache) every artifact of `set`, verifying its checksum and, when
// the entry records one, its size; stores new downloads in the cache. One error per artifact that
// fails, naming the package, version and URL. Counts go to `outcome`.
void check_artifacts(const model::PackageSet& set, SetAccess& access, SetValidateOutcome& outcome);

}  // namespace pinset::app
