#pragma once
// The `pinset set import` use case: read a pin file of another tool, turn it into a package set
// (core/import), write it deterministically (core/curate/set_writer.hpp) and check what was
// written parses back and hangs together. Downloads only with `fetch`, and only the artifacts whose
// checksum the file does not record.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/app/set_layers.hpp"
#include "core/fs/file_system.hpp"
#include "core/import/importer.hpp"

namespace pinset::app {

struct SetImportOptions {
  std::string file;       // the pin file
  std::string format;     // a format name (importer::parse_format); empty: from the file name
  std::string output;     // where to write the set (.json: JSON); empty: only return its text
  bool force = false;     // replace `output` when it exists
  std::string name;       // the set's name; empty: "imported"
  std::string crate_url;  // Cargo: the registry's download URL pattern; empty: crates.io's
  bool partial = false;   // write what imports, report the rest
  std::optional<std::uint32_t> strip_components;  // SBOMs: for every entry (default 0)
  std::string dsc_url;    // .dsc: the files' URL pattern with {file}; empty: the file name
  std::string pypi_url;   // requirements: the sdist URL pattern; empty: PyPI's
  bool fetch = false;     // download artifacts without a recorded checksum (through the cache)
  std::string vetted_by;  // with ticket and vetted_on: a vetting record on every entry
  std::string vetted_on;  // YYYY-MM-DD
  std::string ticket;
  std::string criteria;
};

struct SetImportOutcome {
  importer::Format format = importer::Format::npm;
  std::string text;  // the set document
  std::size_t packages = 0;
  std::size_t entries = 0;
  std::vector<importer::Skipped> skipped;
  std::vector<Error> refused;      // with partial only
  std::vector<Error> unsatisfied;  // dependencies no entry of the set satisfies (warnings)
  std::size_t fetched = 0;         // artifacts downloaded for their checksum (fetch)
};

// Errors: "invalid-argument" (unknown format, a format that cannot be told from the file name,
// --vetted-by without --ticket or the reverse), "invalid-date", "io" (the file cannot be read,
// `output` cannot be written), "exists" (`output` exists and force is off), the importer's errors
// ("parse", "unsupported-format", "import-refused", "import-empty"). Nothing is written on error.
// `access` downloads with `fetch` (it may be null otherwise).
Result<SetImportOutcome> import_set(fs::FileSystem& fs, SetAccess* access,
                                    const SetImportOptions& options);

}  // namespace pinset::app
