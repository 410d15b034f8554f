#pragma once
// Validates JSON that pinset wrote against a published JSON Schema (copies in tests/data/schemas/),
// through Debian's python3-jsonschema (tests/support/validate_json.py).

#include <string>

namespace pinset::test {

// The validator's findings: "" when `json` is valid against tests/data/schemas/<schema_file>,
// else one line per error ("/path: message"), or the reason validation could not run.
std::string schema_errors(const std::string& schema_file, const std::string& json);

}  // namespace pinset::test
