#pragma once
// Internal to the manifest parser: the optional sections that curate how a project uses its set
// (package-set.trust, package-set.expiry-warning-days, mirrors, overlay). Each reader adds every
// problem it finds to `errors`, naming the file, line, column and field.

#include "core/doc/loader.hpp"
#include "core/model/manifest.hpp"

namespace pinset::model::detail {

// package-set.trust: {keys: [{name, public-key}], threshold}.
void read_trust(const doc::Reader& reader, const doc::Node& node, Manifest& out, ErrorList& errors);
// package-set.expiry-warning-days: an unsigned integer (days).
void read_expiry_warning_days(const doc::Reader& reader, const doc::Node& node, Manifest& out,
                              ErrorList& errors);
// mirrors: [{from, to}], both absolute http(s) or file URLs (prefixes).
void read_mirrors(const doc::Reader& reader, const doc::Node& node, Manifest& out,
                  ErrorList& errors);
// overlay: [{action, name, version, checksum, url, dependencies, license, size,
// strip-components, reason, expires}].
void read_overlay(const doc::Reader& reader, const doc::Node& node, Manifest& out,
                  ErrorList& errors);

// multiple-versions: major | any | {rule: major|any, packages: [names]}.
void read_multiple_versions(const doc::Reader& reader, const doc::Node& node, Manifest& out,
                            ErrorList& errors);

}  // namespace pinset::model::detail
