#pragma once
// Receipts (what an extraction wrote, with a sha256 per file) as compact, deterministic JSON.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/archive/extractor.hpp"
#include "core/util/error.hpp"

namespace pinset::store {

// A relative '/'-separated path with no empty, "." or ".." parts.
bool is_safe_relative_path(std::string_view path);

// {"files":[["path","f",mode,size,"sha256",""],...],"total":N}; type letters f d l h.
std::string write_receipt(const archive::Receipt& receipt);
// Errors: "corrupt-cache" naming `source` when the text is not a receipt.
Result<archive::Receipt> parse_receipt(std::string_view text, const std::string& source);
// The same from a receipt already parsed as part of a larger document (the install state).
Result<archive::Receipt> receipt_from_json(const nlohmann::json& j, const std::string& source);

}  // namespace pinset::store
