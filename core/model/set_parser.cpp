// parse_package_set: the size cap, the dispatch to the YAML (doc::Node) or JSON (simdjson) path,
// and the tree path's walk (NodeSource, detail/node_source.hpp).
#include "core/model/detail/set_parser.hpp"

#include <algorithm>
#include <cstdio>

#include "core/model/detail/node_source.hpp"
#include "core/model/detail/set_walker.hpp"

namespace pinset::model {

namespace detail {

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
  return Error(codes::unknown_field, "unknown field " + quote(key),
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
    return fail(codes::too_large,
                "the package set is " + size_text(text.size()) + ", more than the limit of " +
                    size_text(limit),
                Location{source},
                "check that this is the set you meant to load; a set this large needs a higher "
                "limit");
  }
  Result<PackageSet> set = [&]() -> Result<PackageSet> {
    if (format == doc::Format::json) return detail::read_json_set(text, source, options);
    doc::Limits limits;
    limits.max_bytes = limit;
    auto root = doc::load_yaml(text, source, limits);
    if (!root) return fail(std::move(root.error()));
    return detail::read_set(*root, source);
  }();
  if (set) TRY(check_set_names(*set));
  return set;
}

Result<PackageSet> parse_package_set(std::string_view text, const std::string& source,
                                     doc::Format format) {
  return parse_package_set(text, source, format, SetParseOptions{});
}

}  // namespace pinset::model
