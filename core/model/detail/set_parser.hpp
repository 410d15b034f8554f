#pragma once
// Internal to the package set parser: the two entry points parse_package_set dispatches to.

#include <initializer_list>
#include <string>
#include <string_view>

#include "core/doc/node.hpp"
#include "core/model/package_set.hpp"

namespace pinset::model::detail {

// Walks a loaded document tree (YAML, or JSON the fast path hands over) into a finished set.
Result<PackageSet> read_set(const doc::Node& root, const std::string& source);

// The JSON fast path: simdjson on-demand straight into the model, no tree. On a syntax error it
// loads the text with doc::load_json for a precisely located error.
Result<PackageSet> read_json_set(std::string_view text, const std::string& source,
                                 const SetParseOptions& options);

// The "unknown-field" error doc::Reader gives for `key` (at `mark`) in the mapping at `map_path`.
Error unknown_field_error(const doc::Reader& reader, std::string_view key, doc::Mark mark,
                          const std::string& map_path,
                          std::initializer_list<std::string_view> known);

// The "missing-field" error doc::Reader gives for `name` in the mapping at `mark`.
Error missing_field_error(const doc::Reader& reader, doc::Mark mark, const std::string& map_path,
                          std::string_view name, std::string hint);

}  // namespace pinset::model::detail
