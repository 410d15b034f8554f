#pragma once
// SPDX 2.3 JSON from a lock, its package set and the manifest (docs/REPORTS.md has the mapping).
// Valid against the published spdx-2.3 schema.

#include <string>

#include "core/report/component.hpp"

namespace pinset::report {

// The whole document, two-space indented, ending with a newline. Deterministic: the same input and
// options give the same bytes; documentNamespace ends with
// derived_uuid(document_seed("spdx", ...)).
std::string write_spdx(const ReportInput& input, const SbomOptions& options);

// "SPDXRef-Package-<name>": [a-z0-9.-] kept, any other byte written as "X<two hex digits>", so
// every package name gives a distinct valid SPDX identifier.
std::string spdx_package_id(std::string_view name);

}  // namespace pinset::report
