#pragma once
// The part of TOML that Cargo.lock and uv.lock use, read into tables with line numbers: table and
// array-of-tables headers, `key = value` with bare, quoted and dotted keys, basic and literal
// strings (one-line and multi-line), integers, booleans, other bare tokens (dates, floats) as
// text, arrays over several lines with comments and trailing commas, and inline tables. Nesting
// is limited to 32 levels. Not a validating TOML parser: it never needs to reject what TOML
// accepts, only to read lock files safely.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/error.hpp"

namespace pinset::importer {

struct TomlField;

struct TomlValue {
  enum class Kind { string, integer, boolean, bare, array, table };
  Kind kind = Kind::string;
  std::string text;  // string, integer (as written), boolean ("true"/"false"), bare token
  std::vector<TomlValue> items;   // array
  std::vector<TomlField> fields;  // inline table, in order (a vector of a declared type: std::pair
                                  // would need TomlValue complete here, which clang refuses)
  int line = 0;

  // An inline table's field; nullptr when absent.
  const TomlValue* find(std::string_view key) const;
  bool is_string() const { return kind == Kind::string; }
};

struct TomlField {
  std::string key;
  TomlValue value;
};

// One `[header]` or `[[header]]` section (the fields before the first header form a section with
// an empty header).
struct TomlTable {
  std::string header;  // "package", "metadata", "package.optional-dependencies", ...
  bool array_item = false;
  int line = 0;
  TomlValue body;  // kind table

  const TomlValue* find(std::string_view key) const { return body.find(key); }
};

// Errors: "parse" naming `source`, the line and column and what was expected.
Result<std::vector<TomlTable>> parse_toml(std::string_view text, const std::string& source);

}  // namespace pinset::importer
