#pragma once
// CycloneDX 1.5 JSON from a lock, its package set and the manifest (docs/REPORTS.md has the
// mapping). Valid against the published bom-1.5 schema.

#include <string>

#include "core/report/component.hpp"

namespace pinset::report {

// The whole document, two-space indented, ending with a newline. Deterministic: the same input and
// options give the same bytes; serialNumber is derived_uuid(document_seed("cyclonedx", ...)).
std::string write_cyclonedx(const ReportInput& input, const SbomOptions& options);

}  // namespace pinset::report
