#pragma once
// The deterministic package set writer: the same set always gives the same bytes, in a canonical
// order, and the text parses back (core/model) to an equal set. Used by `pinset set add/remove`,
// `merge` and `flatten`, and by tests that need set files.
//
// Canonical order: the set's fields as package-sets/README.md lists them (format, name, serial,
// published, expires, extends, overrides, removes, packages); packages by name; a package's entries
// by version, ascending; an entry's fields in the fixed order version, checksum, url, dependencies
// (by name), license, size, strip-components, vetted (by, on, criteria, ticket: one review as a
// mapping, several as a list), from, ecosystem, published-at, publisher. Optional
// fields are written only when set (strip-components only when not 0). Checksums are written in
// their canonical form (sha256:<hex>), whatever form the source used; `removes` is sorted.

#include <string>

#include "core/doc/loader.hpp"
#include "core/model/package_set.hpp"

namespace pinset::curate {

// YAML: block style, two-space indentation; a string is written plain when that reads back as
// the same string, else double-quoted with escapes.
std::string write_set_yaml(const model::PackageSet& set);
// JSON: two-space indentation, keys in the canonical order, UTF-8 as is.
std::string write_set_json(const model::PackageSet& set);
std::string write_set(const model::PackageSet& set, doc::Format format);

// A YAML scalar for `text`: as is when a plain scalar reads back as that string, else in double
// quotes with \", \\ and control characters escaped.
std::string yaml_scalar(std::string_view text);

}  // namespace pinset::curate
