#pragma once
// Internal to the package set parser: the walker's source over a doc::Node tree (YAML, and JSON
// when the fast path needs a second opinion). See detail/set_walker.hpp for the interface.

#include <cstdint>
#include <deque>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/doc/loader.hpp"
#include "core/model/detail/set_parser.hpp"
#include "core/model/detail/set_rules.hpp"
#include "core/model/detail/set_walker.hpp"

namespace pinset::model::detail {

// The walker's view of a doc::Node tree. Typing and type errors are doc::Reader's.
class NodeSource {
 public:
  using Value = const doc::Node;
  using Pos = doc::Mark;

  explicit NodeSource(const std::string& source) : m_reader(source) {}

  Pos pos(Value& v) { return v.mark; }
  Shape shape(Value& v) {
    return v.is_mapping() ? Shape::mapping : v.is_sequence() ? Shape::list : Shape::scalar;
  }
  template <class F>
  void fields(Value& v, F&& f) {
    for (const auto& [key, value] : v.entries)
      f(std::string_view(key.first), key.second, value);
  }
  template <class F>
  void items(Value& v, F&& f) {
    int index = 0;
    for (const doc::Node& item : v.items)
      f(index++, item);
  }
  std::optional<std::string_view> string(Value& v, const FieldPath& path, ErrorSink& errors) {
    auto text = m_reader.string(v, path.str());
    if (!text) {
      errors.add(std::move(text.error()));
      return std::nullopt;
    }
    if (*text == v.scalar) return std::string_view(v.scalar);  // the tree outlives the parse
    return m_strings.emplace_back(std::move(*text));
  }
  std::optional<std::uint64_t> unsigned_integer(Value& v, const FieldPath& path,
                                                ErrorSink& errors) {
    auto n = m_reader.unsigned_integer(v, path.str());
    if (!n) {
      errors.add(std::move(n.error()));
      return std::nullopt;
    }
    return *n;
  }
  Error wrong_type(Value& v, const FieldPath& path, std::string_view expected) {
    return m_reader.wrong_type(v, path.str(), expected);
  }
  Error unknown_field(std::string_view key, Pos pos, const FieldPath& map,
                      std::initializer_list<std::string_view> known) {
    return unknown_field_error(m_reader, key, pos, map.str(), known);
  }
  Error missing_field(Pos map, const FieldPath& path, std::string_view name, std::string hint) {
    return missing_field_error(m_reader, map, path.str(), name, std::move(hint));
  }
  Location at(Pos pos, const FieldPath& path) {
    return Location{m_reader.source(), pos.line, pos.column, path.str()};
  }
  int line(Pos pos) { return pos.line; }
  bool take_package(Pos) { return true; }
  std::optional<std::string_view> peek(Value& map, std::string_view key) {
    for (const auto& [k, value] : map.entries) {
      if (k.first == key && value.is_scalar()) return std::string_view(value.scalar);
    }
    return std::nullopt;
  }
  void packages_done() {}

 private:
  doc::Reader m_reader;
  std::deque<std::string> m_strings;  // strings the reader changed, kept until the parse ends
};

}  // namespace pinset::model::detail
