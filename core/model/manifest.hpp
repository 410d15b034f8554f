#pragma once
// The project manifest, pinset.yaml (or pinset.json).

#include <optional>
#include <string>
#include <vector>

#include "core/crypto/checksum.hpp"
#include "core/doc/loader.hpp"
#include "core/semver/range.hpp"
#include "core/util/error.hpp"

namespace pinset::model {

using crypto::Checksum;
using crypto::DigestAlgo;

struct RootDependency {
  std::string name;
  semver::Range range;  // range.text() is what the user wrote
  int line = 0;         // line in the manifest
};

struct Manifest {
  std::string source;  // path of the manifest file
  std::string name;
  std::string set_url;                       // as written: path, file://, http(s)://
  std::optional<Checksum> set_digest;        // pins the exact bytes of the set
  int set_line = 0;                          // line of package-set.url
  int set_digest_line = 0;                   // line of package-set.digest
  std::vector<RootDependency> dependencies;  // in name order
  std::string install_dir;  // optional, relative to the manifest's folder; empty: pinset_packages
};

// Errors name the file, line, column and field; unknown fields are errors. Collects all problems.
Result<Manifest> parse_manifest(std::string_view text, const std::string& source,
                                doc::Format format);

}  // namespace pinset::model
