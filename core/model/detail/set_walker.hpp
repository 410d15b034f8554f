#pragma once
// Internal to the package set parser. The rules of the package set format (package-sets/README.md),
// written once as a walker over a
// small document interface. Two sources implement it: NodeSource over a doc::Node tree (YAML, and
// JSON when the fast path needs a second opinion) and JsonSource straight over simdjson's on-demand
// parser. Both therefore accept the same documents and report the same errors.
//
// A Source provides (Value: a value of the document, each read at most once and in document
// order; Pos: a cheap position, a byte offset or a line and column, located only for an error):
//   Pos pos(Value&)                   where the value starts
//   Shape shape(Value&)               its shape, without reading it
//   void fields(Value&, F f)          a mapping: f(std::string_view key, Pos key_pos, Value&)
//   void items(Value&, F f)           a list: f(int index, Value& item)
//   optional<string_view> string(Value&, const FieldPath&, ErrorSink&)
//   optional<uint64_t> unsigned_integer(Value&, const FieldPath&, ErrorSink&)
//   Error wrong_type(Value&, const FieldPath&, string_view expected)
//   Error unknown_field(string_view key, Pos, const FieldPath& map, initializer_list known)
//   Error missing_field(Pos map, const FieldPath& map_path, string_view name, string hint)
//   Location at(Pos, const FieldPath&)
//   int line(Pos)                     for Entry::line; called in document order
//   bool take_package(Pos key_pos)    whether this walker reads the package keyed there
//   void packages_done()              called after the last key of `packages`
//   optional<string_view> peek(Value& map, string_view key)
//                                     a string field of a mapping before it is walked, if the
//                                     source can tell without reading the mapping (else nullopt)
// Strings it returns stay valid until the parse ends. Scalar typing and the wording of type errors
// come from doc::Reader in both sources.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/detail/set_rules.hpp"
#include "core/model/detail/text_index.hpp"
#include "core/model/package_set.hpp"

namespace pinset::model::detail {

enum class Shape { mapping, list, scalar };

inline const std::initializer_list<std::string_view> k_set_fields = {
    "format",    "name",    "serial",   "published", "expires",   "extends",
    "overrides", "removes", "packages", "ecosystem", "versioning"};
inline const std::initializer_list<std::string_view> k_entry_fields = {
    "version",          "checksum", "url",  "dependencies", "license",      "size",
    "strip-components", "vetted",   "from", "ecosystem",    "published-at", "publisher"};
inline const std::initializer_list<std::string_view> k_base_fields = {"url", "digest"};
inline const std::initializer_list<std::string_view> k_vetted_fields = {"by", "on", "criteria",
                                                                        "ticket"};

template <class Source>
class SetWalker {
 public:
  using Value = typename Source::Value;
  using Pos = typename Source::Pos;

  SetWalker(Source& source, PackageSet& set, ErrorSink& errors)
      : m_src(source), m_set(set), m_errors(errors) {}

  // Reads a whole document: format, name, serial and expires straight into the set, the packages
  // into the walker (see build()). Adds every problem found to the sink.
  void document(Value& root);
  // Reads a mapping of packages (`path` names it): the JSON path can split the packages of a large
  // set between two walkers, the second reading from a key on (see take_package()).
  void packages(Value& value, const FieldPath& path);
  // Reports the packages this walker read that `earlier` (which read the part of the same
  // mapping before this one) read too, as the duplicate keys they are, and drops them.
  void check_duplicates(const SetWalker& earlier);
  // Ranges are then only collected, not parsed, while reading (the second part of a split set
  // does so: `earlier` parsed most of them already). settle_ranges() parses the ranges `earlier`
  // did not have; false if one is invalid, and the set must be read again without deferring to
  // report each use of it. Call after earlier.build(), if that was called.
  void defer_ranges() { m_defer_ranges = true; }
  bool settle_ranges(const SetWalker& earlier);
  // Adds the packages read to the set (the caller then calls finish()). Names and ranges get the
  // walker's own ids while reading and are interned here, in one go with the counts known. Call
  // only if no error was found.
  void build();
  // True when the set's `versioning` came after packages the walker had already read with the
  // default scheme (a JSON document read in one pass): the caller reads the set again on the tree
  // path, which knows it in advance.
  bool scheme_late() const { return m_scheme_late; }
  semver::Scheme scheme() const { return m_scheme; }

 private:
  // Which fields of one mapping were seen, and where (for duplicate keys and missing fields).
  struct Seen {
    unsigned bits = 0;
    Pos first[16]{};
  };
  struct Dependency {
    std::string_view text;  // the name, as read (sorting by it stays in hot memory)
    std::string_view range_text;
    std::size_t name_hash;  // of text and range_text, whose table slots were prefetched
    std::size_t range_hash;
    Pos key_pos;
    Pos range_pos;
    NameId name = k_no_name;  // k_no_name: the name or the range was not valid
    RangeId range = 0;
  };
  static constexpr NameId k_invalid_name = k_no_name - 1;
  static constexpr RangeId k_unsettled = UINT32_MAX;

  // Reads one package's list of entries; `override` reads an item of `overrides` instead.
  void package(std::string_view key, Pos key_pos, Value& value, const FieldPath& packages,
               bool override = false);
  void overrides(Value& value, const FieldPath& path);
  void extends(Value& value, const FieldPath& path);
  void removes(Value& value, const FieldPath& path);
  void timestamp(Value& value, const FieldPath& path, std::optional<std::string>& out);
  void ecosystem(Value& value, const FieldPath& path, Ecosystem& out);
  void entry(const FieldPath& path, Value& value);
  void dependencies(Entry& entry, const FieldPath& path, Value& value);
  std::optional<Vetting> vetting(const FieldPath& path, Value& value);
  // `vetted`: one record (a mapping) or a list of them.
  void vettings(const FieldPath& path, Value& value, std::vector<Vetting>& out);
  void check_versions(const FieldPath& path);

  std::optional<NameId> name(std::string_view text, Pos pos, const FieldPath& where) {
    return name(text, TextIndex::hash(text), pos, where);
  }
  std::optional<NameId> name(std::string_view text, std::size_t hash, Pos pos,
                             const FieldPath& where);
  std::optional<RangeId> range(std::string_view text, std::size_t hash, Pos pos,
                               const FieldPath& where);
  std::optional<semver::Version> version(std::string_view text, Pos pos, const FieldPath& where);
  int field(std::initializer_list<std::string_view> known, std::string_view key, Pos key_pos,
            const FieldPath& map, Seen& seen);
  void require(const Seen& seen, std::initializer_list<std::string_view> known,
               std::initializer_list<int> required, Pos where, const FieldPath& path,
               const char* hint);
  std::optional<std::string_view> string(Value& value, const FieldPath& path) {
    return m_src.string(value, path, m_errors);
  }
  void add_at(Error e, Pos pos, const FieldPath& path) {
    e.where = m_src.at(pos, path);
    m_errors.add(std::move(e));
  }
  // The same "duplicate-key" error the loaders give for a key seen twice in one mapping.
  void duplicate_key(std::string_view key, Pos pos, Pos first, const FieldPath& map) {
    add_at(Error(codes::duplicate_key,
                 "duplicate key " + quote(key) + " (first at line " +
                     std::to_string(m_src.at(first, {}).line) + ")",
                 {}, "remove one of the two entries"),
           pos, FieldPath{&map, key});
  }

  Source& m_src;
  PackageSet& m_set;
  ErrorSink& m_errors;
  // Text -> id caches, so that each distinct name is checked, and each distinct range and version
  // parsed, once.
  TextIndex m_name_ids;                   // k_invalid_name: a name check_package_name rejects
  std::vector<std::string_view> m_names;  // NameId -> text
  std::vector<std::pair<NameId, std::vector<Entry>>> m_packages;   // in document order
  std::vector<std::pair<NameId, std::vector<Entry>>> m_overrides;  // in document order
  std::vector<std::pair<NameId, Pos>> m_override_pos;              // for duplicate keys
  TextIndex m_range_ids;                                           // index into m_ranges
  std::vector<semver::Range> m_ranges;
  bool m_defer_ranges = false;
  semver::Scheme m_scheme = semver::Scheme::semver;  // the set's `versioning`
  bool m_read_packages = false;
  bool m_scheme_late = false;
  std::vector<std::string_view> m_range_texts;  // deferred: range id -> text
  std::vector<RangeId> m_range_in_set;          // settled: range id -> the set's id, or k_unsettled
  std::vector<RangeId> m_built_ranges;          // after build(): range id -> the set's id
  TextIndex m_version_ids;                      // index into m_version_values
  std::vector<semver::Version> m_version_values;
  std::vector<std::uint8_t> m_is_package;  // NameId -> seen as a key of `packages`
  std::vector<Pos> m_package_pos;          // NameId -> where that key is
  // Scratch, reused across entries and packages.
  std::vector<Entry> m_entries;  // of the package being read, moved out in one exact allocation
  std::vector<Dependency> m_deps;
  std::vector<std::pair<std::size_t, Pos>> m_versions;  // entry index, where its version is
};

// Defined in set_walker.cpp (the format rules), set_walker_layers.cpp (extends, overrides, removes)
// and set_walker_split.cpp (building the set, and what a set read by two threads needs), each
// instantiated there for the two sources, NodeSource (detail/node_source.hpp) and JsonSource
// (detail/json_source.hpp).

}  // namespace pinset::model::detail
