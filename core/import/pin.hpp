#pragma once
// What a pin-file reader takes from one entry of a lock file, SBOM or .dsc, as the file writes it,
// before the package set's rules judge it (importer.hpp does, with the set model's own checks).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/util/error.hpp"

namespace pinset::importer {

struct Pin {
  std::string name;
  std::string version;
  std::string checksum;  // "sha256:<hex>", "sha512:<hex>" or an SRI string; empty when none
  std::string url;       // the artifact; empty when the file gives none
  // pip: every checksum the file accepts when it lists several (wheels and the sdist); `checksum`
  // is then empty and `--fetch` keeps the artifact only when its checksum is one of these.
  std::vector<std::string> accepted;
  // Name -> node-semver range, in the file's order (importer.cpp sorts and deduplicates).
  std::vector<std::pair<std::string, std::string>> dependencies;
  std::string license;  // SPDX expression when the file records one
  // When the artifact was published (RFC 3339), and by whom, when the file records it (uv.lock's
  // `upload-time`); empty otherwise. A value the set would refuse is dropped by the importer.
  std::string published_at;
  std::string publisher;
  std::optional<std::uint64_t> size;
  std::uint32_t strip_components = 0;
  int line = 0;       // where the entry starts in the file
  std::string entry;  // how the file names the entry, for messages: "node_modules/debug"
};

// An entry left out on purpose: optional or platform-specific packages, workspace members, links.
struct Skipped {
  int line = 0;
  std::string entry;
  std::string reason;
};

// What a reader found: the pins, the entries it left out, and the entries it cannot import (each
// an Error naming the file, line and entry).
struct Parsed {
  std::vector<Pin> pins;
  std::vector<Skipped> skipped;
  std::vector<Error> refused;
};

// An Error "import-refused" at `line` of `source`, about `entry`.
Error refusal(const std::string& source, int line, const std::string& entry, std::string why,
              std::string hint = {});

}  // namespace pinset::importer
