#pragma once
// The package ecosystem a set's names and versions come from (package-sets/README.md,
// "Ecosystems"): it decides how a package is named in a purl (SBOMs) and which OSV ecosystem's
// advisories name it. One table row per ecosystem.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/error.hpp"

namespace pinset::model {

enum class Ecosystem : std::uint8_t { unset, generic, npm, cargo, pypi, golang, maven, gem, nuget };

struct EcosystemInfo {
  Ecosystem id;
  std::string_view name;       // as written in a set: "npm"
  std::string_view purl_type;  // purl's type: "npm"
  std::string_view osv;        // OSV's ecosystem name: "npm", "crates.io"; empty: none
};

// The row of `e`; Ecosystem::unset reads as generic.
const EcosystemInfo& ecosystem_info(Ecosystem e);

// Parses a set's `ecosystem` value. Errors: code "invalid-ecosystem", naming the value and the
// known names.
Result<Ecosystem> parse_ecosystem(std::string_view text);

// The package's purl without qualifiers and without the "pkg:" prefix's generic namespace rule:
// "npm/%40babel/core@7.24.0", "cargo/serde@1.0.0", "pypi/zope-interface@6.4" (PyPI names are
// lowercased with '_' and '.' as '-', as the purl specification says). For generic, `namespace_`
// (a set's name, may be empty) comes first: "generic/base/zlib@1.3.1". A name's '/'-separated
// segments are the purl's namespace and name, each percent-encoded (see report::purl_encode).
// purl's percent-encoding of one component: everything but A-Z a-z 0-9 - . _ ~ and ':'.
std::string purl_encode(std::string_view text);

std::string purl_body(Ecosystem e, std::string_view namespace_, std::string_view name,
                      std::string_view version);

}  // namespace pinset::model
