#pragma once
// Shared output helpers for commands: JSON rendering of errors, aligned tables.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/util/error.hpp"

namespace pinset::cli {

// {"code", "message", "file", "line", "column", "field", "path", "hint", "causes"} (empty parts
// omitted). Stable for machines.
nlohmann::ordered_json error_json(const Error& error);

// Rows of cells printed with columns padded to the widest cell, two spaces apart, each row
// indented.
std::string table(const std::vector<std::vector<std::string>>& rows, const std::string& indent);

}  // namespace pinset::cli
