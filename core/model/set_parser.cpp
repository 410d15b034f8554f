// parse_package_set: the size cap, the dispatch to the YAML (doc::Node) or JSON (simdjson) path,
// and the doc::Node source of the shared walker.
#include "core/model/set_parser.hpp"

#include <algorithm>
#include <cstdio>
#include <deque>

#include "core/model/set_walker.hpp"

namespace pinset::model {

namespace detail {

namespace {

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
  void packages_done() {}

 private:
  doc::Reader m_reader;
  std::deque<std::string> m_strings;  // strings the reader changed, kept until the parse ends
};

}  // namespace

Error unknown_field_error(const doc::Reader& reader, std::string_view key, doc::Mark mark,
                          const std::string& map_path,
                          std::initializer_list<std::string_view> known) {
  doc::Node map;
  map.kind = doc::Kind::mapping;
  map.mark = mark;
  map.entries.push_back({{std::string(key), mark}, doc::Node{}});
  ErrorList errors;
  reader.check_known_fields(map, map_path, known, errors);
  if (!errors.empty()) return errors.errors().front();
  // The reader accepted a key the walker does not know: the two lists disagree.
  return Error("unknown-field", "unknown field " + quote(key),
               Location{reader.source(), mark.line, mark.column, map_path});
}

Error missing_field_error(const doc::Reader& reader, doc::Mark mark, const std::string& map_path,
                          std::string_view name, std::string hint) {
  doc::Node map;
  map.kind = doc::Kind::mapping;
  map.mark = mark;
  return reader.missing_field(map, map_path, name, std::move(hint));
}

Result<PackageSet> read_set(const doc::Node& root, const std::string& source) {
  PackageSet set;
  set.source = source;
  ErrorSink errors;
  NodeSource nodes(source);
  SetWalker<NodeSource> walker(nodes, set, errors);
  walker.document(root);
  if (errors.empty()) walker.build();
  if (!errors.empty()) return fail(std::move(errors).finish(source));
  set.finish();
  return set;
}

}  // namespace detail

// A PackageSet member, defined beside its only user; package_set_model.cpp holds the others.
void PackageSet::reserve(std::size_t names, std::size_t packages) {
  m_names.reserve(names);
  m_name_ids.reserve(names);
  m_package_of_name.reserve(names);
  m_packages.reserve(packages);
}

namespace {

// "21 bytes", or "300.0 MiB (314572800 bytes)".
std::string size_text(std::size_t bytes) {
  if (bytes < (1u << 20)) return std::to_string(bytes) + " bytes";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f MiB (%zu bytes)", static_cast<double>(bytes) / (1u << 20),
                bytes);
  return buf;
}

}  // namespace

Result<PackageSet> parse_package_set(std::string_view text, const std::string& source,
                                     doc::Format format, const SetParseOptions& options) {
  // Past 4 GiB neither simdjson nor the parser's 32-bit offsets can follow.
  std::size_t limit = std::min<std::size_t>(options.max_bytes, UINT32_MAX);
  if (text.size() > limit) {
    return fail("too-large",
                "the package set is " + size_text(text.size()) + ", more than the limit of " +
                    size_text(limit),
                Location{source},
                "check that this is the set you meant to load; a set this large needs a higher "
                "limit");
  }
  if (format == doc::Format::json) return detail::read_json_set(text, source, options);
  doc::Limits limits;
  limits.max_bytes = limit;
  auto root = doc::load_yaml(text, source, limits);
  if (!root) return fail(std::move(root.error()));
  return detail::read_set(*root, source);
}

Result<PackageSet> parse_package_set(std::string_view text, const std::string& source,
                                     doc::Format format) {
  return parse_package_set(text, source, format, SetParseOptions{});
}

}  // namespace pinset::model
