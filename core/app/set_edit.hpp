#pragma once
// The `pinset set add` and `pinset set remove` use cases: edit a local set file, bump its serial
// and rewrite it deterministically (core/curate/set_writer.hpp), atomically.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/app/set_layers.hpp"

namespace pinset::app {

struct SetAddOptions {
  std::string set;  // a local path or file:// URL
  std::string name;
  std::string version;
  std::string url;                // as it will be written: absolute, or relative to the set
  std::vector<std::string> deps;  // "NAME=RANGE"
  std::string license;
  std::string vetted_by;  // with ticket (and vetted_on); empty: no vetting record
  std::string vetted_on;  // YYYY-MM-DD
  std::string criteria;
  std::string ticket;
  std::optional<std::uint32_t> strip_components;
  // `published-at`: an RFC 3339 timestamp as given, or k_published_from_server to take the
  // download's Last-Modified (a file URL's modification time); empty: not recorded.
  std::string published_at;
  std::string publisher;  // `publisher`; empty: not recorded
};
inline constexpr const char* k_published_from_server = "last-modified";

struct SetEditOutcome {
  std::string path;          // the file written
  std::uint64_t serial = 0;  // the new serial
  std::string checksum;      // add: the artifact's sha256
  std::uint64_t size = 0;    // add: its size
};

// Checks the arguments, downloads the artifact (the URL resolved against the set; through the
// cache, where it is stored), records its sha256 and size, inserts the entry and writes the set.
// Errors: "invalid-argument" (a --dep without "=", --vetted-by without --ticket or the reverse),
// "invalid-name", "invalid-version", "invalid-range", "invalid-url", "invalid-date",
// "unsupported-scheme" (the set is not a local file), the set's read and parse errors,
// "invalid-timestamp" (--published-at), "duplicate-entry", download errors, "no-last-modified"
// (--published-at last-modified and the server sent no Last-Modified); nothing is written on
// error.
Result<SetEditOutcome> add_to_set(fs::FileSystem& fs, SetAccess& access,
                                  const SetAddOptions& options);

// Removes a package (or one version) and writes the set. Errors: "invalid-version", the set's
// read and parse errors, "not-in-set".
Result<SetEditOutcome> remove_from_set(fs::FileSystem& fs, const std::string& set,
                                       const std::string& name, const std::string& version);

}  // namespace pinset::app
