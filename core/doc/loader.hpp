#pragma once
// Loading untrusted YAML and JSON text into a doc::Node tree, safely.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/doc/node.hpp"
#include "core/util/error.hpp"

namespace pinset::doc {

// The loaders and everything that walks a Node recurse once per level, so no limit goes deeper
// (256 levels stay well inside the stack even with AddressSanitizer's larger frames).
inline constexpr int k_max_supported_depth = 256;

struct Limits {
  std::size_t max_bytes = 64u << 20;  // text larger than this is refused before parsing
  int max_depth = 64;                 // nesting of sequences and mappings (at most 256)
  std::size_t max_nodes = 4'000'000;  // after alias expansion (defeats "billion laughs")
};

enum class Format { yaml, json };

// Picks the format from a file name or URL: ".json" -> json, anything else -> yaml.
Format format_for(std::string_view name);

// Every error names `source`, the line and column, and what was found: code "parse" for syntax,
// "duplicate-key" (naming both lines), "alias-cycle", "too-deep", "too-large".
// The YAML loader accepts one document; an empty document is a null Node.
Result<Node> load_yaml(std::string_view text, const std::string& source, const Limits& limits = {});
Result<Node> load_json(std::string_view text, const std::string& source, const Limits& limits = {});
Result<Node> load(std::string_view text, const std::string& source, Format format,
                  const Limits& limits = {});

// 1-based line and column of byte `offset` in `text` (columns count bytes).
Mark mark_at(std::string_view text, std::size_t offset);

}  // namespace pinset::doc
