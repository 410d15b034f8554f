#pragma once
// What the SBOM writers know about each locked package: the lock's facts (version, checksum, URL,
// dependencies) joined with the package set entry, or the manifest's overlay entry, it came from
// (license, vetting provenance). docs/REPORTS.md describes the mapping into CycloneDX and SPDX.

#include <string>
#include <string_view>
#include <vector>

#include "core/model/lock.hpp"
#include "core/model/manifest.hpp"
#include "core/model/package_set.hpp"

namespace pinset::report {

// The documents a report (SBOM, why, tree) is made from. The lock should be in sync with the
// manifest and the set (app/report.hpp checks that); a locked package whose entry is not found is
// still reported, with what the lock alone says.
struct ReportInput {
  const model::Manifest& manifest;
  const model::Lock& lock;
  const model::PackageSet& set;
};

// Everything that is not derived from the documents is injected, so the same input gives the same
// bytes (pure code reads no clock).
struct SbomOptions {
  std::string timestamp;     // when the document was made, RFC 3339 UTC: "2026-11-21T08:00:00Z"
  std::string tool_version;  // pinset's version, e.g. "0.1.0"
};

struct Component {
  const model::LockedPackage* locked = nullptr;
  const model::Entry* entry = nullptr;           // the set entry (origin "set"), if found
  const model::OverlayEntry* overlay = nullptr;  // the overlay entry (origin "overlay"), if found
  std::string purl;
  // The license as the set (or overlay) writes it; empty when it gives none.
  std::string license_as_written;
  // The same expression in canonical form (upper-case operators, single spaces), as SPDX wants
  // it; empty when there is none or it is not a valid SPDX expression (then license_as_written
  // is all there is).
  std::string license;
  std::vector<std::string> license_refs;  // the LicenseRef-... ids of `license`, each once
  // Vetting provenance: the entry's reviews, in set order; null when there are none.
  const std::vector<model::Vetting>* vetted = nullptr;
};

// One component per locked package, in the lock's (name) order.
std::vector<Component> components(const ReportInput& input);

// The package URL of a locked package, named as its ecosystem names it (model::purl_body):
//   pkg:generic/<set name>/<name>@<version>?checksum=<algo>:<hex>[&download_url=<url>]
// for a package from a set without an ecosystem (without the <set name>/ namespace for an overlay
// package), pkg:npm/%40babel/core@7.24.0?checksum=... for an npm set's "@babel/core".
// download_url only when the lock's URL is absolute (a relative URL means nothing outside the
// project). Each part is percent-encoded as the purl specification says.
std::string purl(const model::LockedPackage& locked, std::string_view set_name,
                 model::Ecosystem ecosystem = model::Ecosystem::unset);

// Percent-encodes everything but A-Z a-z 0-9 - . _ ~ and ':' (purl's rule for every component).
using model::purl_encode;

// True for "scheme://..." (https, http, file): a URL that means the same thing anywhere.
bool is_absolute_url(std::string_view url);

// A name-based UUID (RFC 9562 version 8: the first 128 bits of sha256(seed), version and variant
// bits set), lowercase "xxxxxxxx-xxxx-8xxx-yxxx-xxxxxxxxxxxx": the same seed, the same UUID.
std::string derived_uuid(std::string_view seed);

// The seed of a document's UUID: the format, the timestamp and every byte of the lock, so a
// document made at another time or from another lock gets another one.
std::string document_seed(std::string_view format, const ReportInput& input,
                          const SbomOptions& options);

}  // namespace pinset::report
