#pragma once
// A parsed YAML or JSON document as a small tree with source positions. The loaders (yaml_loader,
// json_loader) build it from untrusted text and reject duplicate keys, alias cycles, absurd depth
// and size; the model parsers then read typed values from it and report errors with line and
// column.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/error.hpp"

namespace pinset::doc {

enum class Kind { null, scalar, sequence, mapping };

// A plain scalar is unquoted YAML (or a JSON number/boolean); a quoted one is a YAML quoted scalar
// or a JSON string. Typed readers use this: "42" (quoted) is a string, 42 (plain) may be an
// integer.
enum class Style { plain, quoted };

struct Mark {
  int line = 0;    // 1-based
  int column = 0;  // 1-based
};

class Node {
 public:
  // Declared here and defaulted below, where Node is complete: clang instantiates the members of
  // `entries` (which holds Nodes) eagerly and refuses an implicit destructor here.
  Node();
  Node(const Node&);
  Node(Node&&) noexcept;
  Node& operator=(const Node&);
  Node& operator=(Node&&) noexcept;
  ~Node();

  Kind kind = Kind::null;
  Style style = Style::plain;
  std::string scalar;  // text of a scalar (as written for plain scalars, unescaped for quoted)
  Mark mark;
  std::vector<Node> items;                                             // sequence
  std::vector<std::pair<std::pair<std::string, Mark>, Node>> entries;  // mapping, in document order

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_mapping() const { return kind == Kind::mapping; }

  // Mapping lookup (keys are unique: the loaders reject duplicates). nullptr when absent.
  const Node* find(std::string_view key) const;

  // A short name of the node's type for messages: "a mapping", "a list", "a string", "null", ...
  std::string type_name() const;
};

inline Node::Node() = default;
inline Node::Node(const Node&) = default;
inline Node::Node(Node&&) noexcept = default;
inline Node& Node::operator=(const Node&) = default;
inline Node& Node::operator=(Node&&) noexcept = default;
inline Node::~Node() = default;

// Field paths for messages: join_field("packages", "netlib") is "packages.netlib", and
// index_field("packages.netlib", 0) is "packages.netlib[0]". A key that is not a plain word
// (letters, digits and . _ - @ / +, at most 80 characters) is quoted: packages["a b"].
std::string join_field(std::string_view parent, std::string_view key);
std::string index_field(std::string_view parent, std::size_t index);

// Classifies a plain scalar's text as YAML 1.2's core schema (and JSON) reads it.
bool is_bool_text(std::string_view text);    // true/false (also True, TRUE, False, FALSE)
bool is_number_text(std::string_view text);  // 12, -3.5e2, 0x1f, 0o17, .inf, .nan, ...

// Reads typed values from a Node, naming the file, line, column and field path in every error.
// Example: reader.string(node, "packages.netlib[0].url") -> Result<std::string>.
class Reader {
 public:
  explicit Reader(std::string source) : m_source(std::move(source)) {}
  const std::string& source() const { return m_source; }

  Location at(const Node& node, std::string field) const {
    return Location{m_source, node.mark.line, node.mark.column, std::move(field)};
  }
  // A non-empty string: a quoted scalar, or a plain scalar that is not null/true/false/a number
  // only when `allow_plain` is false. Plain scalars are accepted as text by default (YAML
  // `version: 1.2.3`).
  Result<std::string> string(const Node& node, const std::string& field,
                             bool allow_plain = true) const;
  Result<std::uint64_t> unsigned_integer(const Node& node, const std::string& field) const;
  Result<bool> boolean(const Node& node, const std::string& field) const;
  // Error "wrong-type": "<field>: expected <what>, found <node.type_name()>", followed for a
  // scalar by its text: `found a string "12"`, `found a number 1.5`.
  Error wrong_type(const Node& node, const std::string& field, std::string_view expected) const;
  // Error "unknown-field" for every key of `map` not in `known`, added to `errors`.
  void check_known_fields(const Node& map, const std::string& field,
                          std::span<const std::string_view> known, ErrorList& errors) const;
  void check_known_fields(const Node& map, const std::string& field,
                          std::initializer_list<std::string_view> known, ErrorList& errors) const {
    check_known_fields(map, field, std::span(known.begin(), known.size()), errors);
  }
  // Error "missing-field": "missing required field \"<name>\"" at `map`, field path
  // join_field(field, name), with `hint` saying what to write.
  Error missing_field(const Node& map, const std::string& field, std::string_view name,
                      std::string hint) const;

 private:
  std::string m_source;
};

}  // namespace pinset::doc
