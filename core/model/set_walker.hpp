#pragma once
// The rules of the package set format (package-sets/README.md), written once as a walker over a
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
// Strings it returns stay valid until the parse ends. Scalar typing and the wording of type errors
// come from doc::Reader in both sources.

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/package_set.hpp"
#include "core/model/set_rules.hpp"
#include "core/model/set_text_index.hpp"

namespace pinset::model::detail {

enum class Shape { mapping, list, scalar };

inline const std::initializer_list<std::string_view> k_set_fields = {
    "format",  "name",      "serial",  "published", "expires",
    "extends", "overrides", "removes", "packages"};
inline const std::initializer_list<std::string_view> k_entry_fields = {
    "version", "checksum",         "url",    "dependencies", "license",
    "size",    "strip-components", "vetted", "from"};
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
  void entry(const FieldPath& path, Value& value);
  void dependencies(Entry& entry, const FieldPath& path, Value& value);
  std::optional<Vetting> vetting(const FieldPath& path, Value& value);
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
    add_at(Error("duplicate-key",
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

template <class Source>
void SetWalker<Source>::document(Value& root) {
  const FieldPath top;
  if (m_src.shape(root) != Shape::mapping) {
    m_errors.add(m_src.wrong_type(root, top, "a mapping"));
    return;
  }
  Pos where = m_src.pos(root);
  Seen seen;
  m_src.fields(root, [&](std::string_view key, Pos key_pos, Value& value) {
    int index = field(k_set_fields, key, key_pos, top, seen);
    FieldPath path{&top, key};
    Pos pos = m_src.pos(value);
    switch (index) {
      case 0:  // format
        if (auto n = m_src.unsigned_integer(value, path, m_errors)) {
          if (*n != 1) {
            add_at(Error("unsupported-format",
                         "unsupported format " + std::to_string(*n) +
                             ": this version of pinset reads format 1",
                         {}, "write `format: 1`, or use a pinset that knows the newer format"),
                   pos, path);
          }
        }
        break;
      case 1:  // name
        if (auto s = string(value, path)) m_set.name = std::string(*s);
        break;
      case 2:  // serial
        if (auto n = m_src.unsigned_integer(value, path, m_errors)) m_set.serial = *n;
        break;
      case 3:  // published
        timestamp(value, path, m_set.published);
        break;
      case 4:  // expires
        timestamp(value, path, m_set.expires);
        break;
      case 5:
        extends(value, path);
        break;
      case 6:
        overrides(value, path);
        break;
      case 7:
        removes(value, path);
        break;
      case 8:  // packages
        packages(value, path);
        break;
      default:
        break;
    }
  });
  require(seen, k_set_fields, {0, 1, 2, 8}, where, top,
          "a package set needs format, name, serial and packages");
}

template <class Source>
void SetWalker<Source>::packages(Value& value, const FieldPath& path) {
  if (m_src.shape(value) != Shape::mapping) {
    m_errors.add(m_src.wrong_type(value, path, "a mapping"));
    return;
  }
  m_src.fields(value, [&](std::string_view key, Pos key_pos, Value& entries) {
    if (m_src.take_package(key_pos)) package(key, key_pos, entries, path);
  });
  m_src.packages_done();
}

template <class Source>
void SetWalker<Source>::check_duplicates(const SetWalker& earlier) {
  const FieldPath top;
  const FieldPath packages{&top, "packages"};
  std::erase_if(m_packages, [&](const std::pair<NameId, std::vector<Entry>>& p) {
    std::string_view text = m_names[p.first];
    NameId id = earlier.m_name_ids.find(text);
    if (id >= earlier.m_is_package.size() || !earlier.m_is_package[id]) return false;
    duplicate_key(text, m_package_pos[p.first], earlier.m_package_pos[id], packages);
    return true;
  });
}

template <class Source>
bool SetWalker<Source>::settle_ranges(const SetWalker& earlier) {
  m_range_in_set.assign(m_range_texts.size(), k_unsettled);
  for (std::size_t i = 0; i < m_range_texts.size(); ++i) {
    RangeId known = earlier.m_range_ids.find(m_range_texts[i]);
    if (known != TextIndex::k_absent) {  // valid, since only valid ranges are kept
      if (known < earlier.m_built_ranges.size()) m_range_in_set[i] = earlier.m_built_ranges[known];
      continue;
    }
    auto parsed = semver::Range::parse(m_range_texts[i]);
    if (!parsed) return false;
    m_ranges[i] = std::move(*parsed);
  }
  return true;
}

template <class Source>
void SetWalker<Source>::build() {
  m_set.reserve(m_set.name_count() + m_names.size(), m_set.packages().size() + m_packages.size());
  std::vector<NameId> names(m_names.size());
  bool same = true;  // the set gave the walker's ids (it does when this walker builds first)
  for (std::size_t i = 0; i < m_names.size(); ++i) {
    names[i] = m_set.intern_name(m_names[i]);
    same = same && names[i] == i;
  }
  std::vector<RangeId>& ranges = m_built_ranges;
  ranges.resize(m_ranges.size());
  for (std::size_t i = 0; i < m_ranges.size(); ++i) {
    bool settled = i < m_range_in_set.size() && m_range_in_set[i] != k_unsettled;
    ranges[i] = settled ? m_range_in_set[i] : m_set.intern_range(std::move(m_ranges[i]));
    same = same && ranges[i] == i;
  }
  for (auto& [id, entries] : m_packages) {
    if (!same) {
      for (Entry& e : entries) {
        for (DependencyRef& d : e.dependencies)
          d = DependencyRef{names[d.name], ranges[d.range]};
      }
    }
    m_set.package(names[id]).entries = std::move(entries);
  }
  for (auto& [id, entries] : m_overrides) {
    for (Entry& e : entries) {
      for (DependencyRef& d : e.dependencies)
        d = DependencyRef{names[d.name], ranges[d.range]};
    }
    m_set.overrides.push_back(Package{names[id], std::move(entries)});
  }
  std::sort(m_set.overrides.begin(), m_set.overrides.end(),
            [&](const Package& a, const Package& b) {
              return m_set.name_of(a.name) < m_set.name_of(b.name);
            });
}

template <class Source>
void SetWalker<Source>::package(std::string_view key, Pos key_pos, Value& value,
                                const FieldPath& packages, bool override) {
  FieldPath path{&packages, key};
  std::optional<NameId> id = name(key, key_pos, packages);
  if (id && override) {
    for (const auto& [seen_id, seen_pos] : m_override_pos) {
      if (seen_id != *id) continue;
      duplicate_key(key, key_pos, seen_pos, packages);
      return;
    }
    m_override_pos.emplace_back(*id, key_pos);
  } else if (id) {
    if (m_is_package[*id]) {
      duplicate_key(key, key_pos, m_package_pos[*id], packages);
      return;
    }
    m_is_package[*id] = 1;
    m_package_pos[*id] = key_pos;
  }
  if (m_src.shape(value) != Shape::list) {
    m_errors.add(m_src.wrong_type(value, path, "a list of entries"));
    return;
  }
  Pos where = m_src.pos(value);
  m_entries.clear();
  m_versions.clear();
  int count = 0;
  m_src.items(value, [&](int index, Value& item) {
    ++count;
    entry(FieldPath{&path, {}, index}, item);
  });
  if (count == 0) {
    add_at(Error("no-entries", "package " + quote(key) + " lists no versions", {},
                 "list at least one entry (version, checksum, url), or remove the package"),
           where, path);
  }
  check_versions(path);
  if (!id) return;  // the entries of an invalid name were checked; they are dropped
  std::vector<Entry> entries;
  entries.reserve(m_entries.size());
  std::move(m_entries.begin(), m_entries.end(), std::back_inserter(entries));
  (override ? m_overrides : m_packages).emplace_back(*id, std::move(entries));
}

template <class Source>
void SetWalker<Source>::timestamp(Value& value, const FieldPath& path,
                                  std::optional<std::string>& out) {
  Pos pos = m_src.pos(value);
  if (auto s = string(value, path)) {
    if (auto ok = check_timestamp(*s); !ok) {
      add_at(ok.error(), pos, path);
    } else {
      out = std::string(*s);
    }
  }
}

template <class Source>
void SetWalker<Source>::overrides(Value& value, const FieldPath& path) {
  if (m_src.shape(value) != Shape::mapping) {
    m_errors.add(m_src.wrong_type(value, path, "a mapping"));
    return;
  }
  m_src.fields(value, [&](std::string_view key, Pos key_pos, Value& entries) {
    package(key, key_pos, entries, path, true);
  });
}

template <class Source>
void SetWalker<Source>::extends(Value& value, const FieldPath& path) {
  if (m_src.shape(value) != Shape::list) {
    m_errors.add(m_src.wrong_type(value, path, "a list of sets (url and digest)"));
    return;
  }
  m_src.items(value, [&](int index, Value& item) {
    FieldPath item_path{&path, {}, index};
    if (m_src.shape(item) != Shape::mapping) {
      m_errors.add(m_src.wrong_type(item, item_path, "a mapping"));
      return;
    }
    Pos where = m_src.pos(item);
    SetBase base;
    Seen seen;
    bool ok = true;
    m_src.fields(item, [&](std::string_view key, Pos key_pos, Value& v) {
      int field_index = field(k_base_fields, key, key_pos, item_path, seen);
      FieldPath fp{&item_path, key};
      Pos pos = m_src.pos(v);
      if (field_index < 0) return;
      std::optional<std::string_view> s = string(v, fp);
      if (!s) {
        ok = false;
        return;
      }
      if (field_index == 0) {
        if (auto checked = check_url(*s); !checked) {
          add_at(std::move(checked.error()), pos, fp);
          ok = false;
        } else {
          base.url = std::string(*s);
        }
      } else if (auto sum = parse_checksum(*s)) {
        base.digest = *sum;
      } else {
        add_at(std::move(sum.error()), pos, fp);
        ok = false;
      }
    });
    require(seen, k_base_fields, {0, 1}, where, item_path,
            "each set in extends needs its url and the digest of its exact bytes "
            "(sha256:<64 hex digits>)");
    base.line = m_src.at(where, {}).line;
    if (ok && (seen.bits & 3u) == 3u) m_set.extends.push_back(std::move(base));
  });
}

template <class Source>
void SetWalker<Source>::removes(Value& value, const FieldPath& path) {
  if (m_src.shape(value) != Shape::list) {
    m_errors.add(m_src.wrong_type(value, path, "a list of package names or name@version"));
    return;
  }
  m_src.items(value, [&](int index, Value& item) {
    FieldPath item_path{&path, {}, index};
    Pos pos = m_src.pos(item);
    std::optional<std::string_view> s = string(item, item_path);
    if (!s) return;
    Removal removal;
    std::size_t at = s->find('@');
    removal.name = std::string(s->substr(0, at));
    bool ok = true;
    if (auto checked = check_package_name(removal.name); !checked) {
      Error e = std::move(checked.error());
      e.hint = "write a package name (\"tinyzip\") or one version of it (\"tinyzip@1.2.13\")";
      add_at(std::move(e), pos, item_path);
      ok = false;
    }
    if (at != std::string_view::npos) {
      auto parsed = semver::Version::parse(s->substr(at + 1));
      if (!parsed) {
        add_at(std::move(parsed.error()), pos, item_path);
        ok = false;
      } else {
        removal.version = std::move(*parsed);
      }
    }
    if (!ok) return;
    for (const Removal& earlier : m_set.removes) {
      if (earlier.name != removal.name || earlier.version != removal.version) continue;
      add_at(Error("duplicate-entry",
                   "removes lists " + quote(removal.str()) + " twice (first at line " +
                       std::to_string(earlier.line) + ")",
                   {}, "list each removal once"),
             pos, item_path);
      return;
    }
    removal.line = m_src.at(pos, {}).line;
    m_set.removes.push_back(std::move(removal));
  });
}

template <class Source>
void SetWalker<Source>::entry(const FieldPath& path, Value& value) {
  if (m_src.shape(value) != Shape::mapping) {
    m_errors.add(m_src.wrong_type(value, path, "a mapping"));
    return;
  }
  Pos where = m_src.pos(value);
  Entry& out = m_entries.emplace_back();  // built in place: entries are large
  Seen seen;
  std::optional<Pos> version_pos;
  m_src.fields(value, [&](std::string_view key, Pos key_pos, Value& v) {
    int index = field(k_entry_fields, key, key_pos, path, seen);
    FieldPath fp{&path, key};
    Pos pos = m_src.pos(v);
    switch (index) {
      case 0:  // version
        if (auto s = string(v, fp)) {
          if (auto parsed = version(*s, pos, fp)) {
            out.version = std::move(*parsed);
            version_pos = pos;
          }
        }
        break;
      case 1:  // checksum
        if (auto s = string(v, fp)) {
          if (auto sum = parse_checksum(*s)) {
            out.checksum = *sum;
          } else {
            add_at(std::move(sum.error()), pos, fp);
          }
        }
        break;
      case 2:  // url
        if (auto s = string(v, fp)) {
          if (auto ok = check_url(*s); !ok) {
            add_at(std::move(ok.error()), pos, fp);
          } else {
            out.url = std::string(*s);
          }
        }
        break;
      case 3:  // dependencies
        dependencies(out, fp, v);
        break;
      case 4:  // license
        if (auto s = string(v, fp)) out.license = std::string(*s);
        break;
      case 5:  // size
        if (auto n = m_src.unsigned_integer(v, fp, m_errors)) out.size = *n;
        break;
      case 6:  // strip-components
        if (auto n = m_src.unsigned_integer(v, fp, m_errors)) {
          if (*n > UINT32_MAX) {
            add_at(Error("out-of-range", "strip-components " + std::to_string(*n) + " is too large",
                         {},
                         "strip-components is the number of leading path components to drop, "
                         "usually 1"),
                   pos, fp);
          } else {
            out.strip_components = static_cast<std::uint32_t>(*n);
          }
        }
        break;
      case 7:  // vetted
        out.vetted = vetting(fp, v);
        break;
      case 8:  // from
        if (auto s = string(v, fp)) out.from = std::string(*s);
        break;
      default:
        break;
    }
  });
  require(seen, k_entry_fields, {0, 1, 2}, where, path,
          "every entry needs a version, a checksum and a url");
  out.line = m_src.line(where);
  if (version_pos) m_versions.emplace_back(m_entries.size() - 1, *version_pos);
}

template <class Source>
void SetWalker<Source>::dependencies(Entry& entry, const FieldPath& path, Value& value) {
  if (m_src.shape(value) != Shape::mapping) {
    m_errors.add(m_src.wrong_type(value, path, "a mapping"));
    return;
  }
  // Two passes: the first reads the mapping and starts loading the cache slots of every name and
  // range, the second looks them up (in a large set most lookups would otherwise wait on memory).
  m_deps.clear();
  m_src.fields(value, [&](std::string_view key, Pos key_pos, Value& v) {
    Pos pos = m_src.pos(v);
    std::optional<std::string_view> text = string(v, FieldPath{&path, key});
    if (!text) {
      name(key, key_pos, path);  // still report a bad name
      return;
    }
    m_deps.push_back(Dependency{key, *text, m_name_ids.prefetch(key), m_range_ids.prefetch(*text),
                                key_pos, pos});
  });
  for (Dependency& d : m_deps) {
    std::optional<RangeId> r = range(d.range_text, d.range_hash, d.range_pos, {&path, d.text});
    std::optional<NameId> id = name(d.text, d.name_hash, d.key_pos, path);
    if (r && id) d.name = *id, d.range = *r;
  }
  std::erase_if(m_deps, [](const Dependency& d) { return d.name == k_no_name; });
  auto by_name = [](const Dependency& a, const Dependency& b) { return a.text < b.text; };
  if (!std::is_sorted(m_deps.begin(), m_deps.end(), by_name)) {
    std::stable_sort(m_deps.begin(), m_deps.end(), by_name);
  }
  entry.dependencies.reserve(m_deps.size());
  std::size_t first = 0;  // the first, in document order, of a run of equal names
  for (std::size_t i = 0; i < m_deps.size(); ++i) {
    if (i > 0 && m_deps[i].name == m_deps[first].name) {
      duplicate_key(m_deps[i].text, m_deps[i].key_pos, m_deps[first].key_pos, path);
      continue;
    }
    first = i;
    entry.dependencies.push_back(DependencyRef{m_deps[i].name, m_deps[i].range});
  }
}

template <class Source>
std::optional<Vetting> SetWalker<Source>::vetting(const FieldPath& path, Value& value) {
  if (m_src.shape(value) != Shape::mapping) {
    m_errors.add(m_src.wrong_type(value, path, "a mapping"));
    return std::nullopt;
  }
  Pos where = m_src.pos(value);
  Vetting out;
  Seen seen;
  m_src.fields(value, [&](std::string_view key, Pos key_pos, Value& v) {
    int index = field(k_vetted_fields, key, key_pos, path, seen);
    if (index < 0) return;
    FieldPath fp{&path, key};
    Pos pos = m_src.pos(v);
    std::optional<std::string_view> s = string(v, fp);
    if (!s) return;
    switch (index) {
      case 0:
        out.by = std::string(*s);
        break;
      case 1:
        if (auto ok = check_date(*s); !ok) {
          add_at(std::move(ok.error()), pos, fp);
        } else {
          out.on = std::string(*s);
        }
        break;
      case 2:
        out.criteria = std::string(*s);
        break;
      default:
        out.ticket = std::string(*s);
        break;
    }
  });
  require(seen, k_vetted_fields, {0, 1}, where, path,
          "vetted needs by (who vouched for the artifact) and on (the date, YYYY-MM-DD)");
  return out;
}

template <class Source>
void SetWalker<Source>::check_versions(const FieldPath& path) {
  if (m_versions.size() < 2) return;
  auto version_of = [&](const std::pair<std::size_t, Pos>& v) -> const semver::Version& {
    return m_entries[v.first].version;
  };
  // Equal versions stay in document order (std::sort with the entry index as tie-break: stable
  // sort would allocate for every package).
  std::sort(m_versions.begin(), m_versions.end(), [&](const auto& a, const auto& b) {
    auto order = version_of(a) <=> version_of(b);
    return order != 0 ? order < 0 : a.first < b.first;
  });
  std::size_t first = 0;  // the first entry, in document order, of a run of equal versions
  for (std::size_t i = 1; i < m_versions.size(); ++i) {
    if (version_of(m_versions[i]) != version_of(m_versions[first])) {
      first = i;
      continue;
    }
    const auto& [index, pos] = m_versions[i];
    const auto& [first_index, first_pos] = m_versions[first];
    std::string text = version_of(m_versions[i]).str();
    std::string first_text = version_of(m_versions[first]).str();
    FieldPath entry_path{&path, {}, static_cast<int>(index)};
    FieldPath first_path{&path, {}, static_cast<int>(first_index)};
    std::string message = "duplicate version " + quote(text) + ": " + first_path.str() + " (line " +
                          std::to_string(m_src.at(first_pos, {}).line) + ") lists ";
    message +=
        text == first_text ? "it already" : quote(first_text) + ", which is the same version";
    add_at(Error("duplicate-entry", std::move(message), {},
                 "list each version of a package once; build metadata (+...) does not make "
                 "versions distinct"),
           pos, FieldPath{&entry_path, "version"});
  }
}

template <class Source>
std::optional<NameId> SetWalker<Source>::name(std::string_view text, std::size_t hash, Pos pos,
                                              const FieldPath& where) {
  NameId id = m_name_ids.find(text, hash);
  if (id == TextIndex::k_absent) {
    id = k_invalid_name;
    if (check_package_name(text)) {
      id = static_cast<NameId>(m_names.size());
      m_names.push_back(text);
      m_is_package.push_back(0);
      m_package_pos.emplace_back();
    }
    m_name_ids.insert(text, hash, id);
  }
  if (id == k_invalid_name) {
    add_at(std::move(check_package_name(text).error()), pos, where);
    return std::nullopt;
  }
  return id;
}

template <class Source>
std::optional<RangeId> SetWalker<Source>::range(std::string_view text, std::size_t hash, Pos pos,
                                                const FieldPath& where) {
  if (RangeId id = m_range_ids.find(text, hash); id != TextIndex::k_absent) return id;
  if (m_defer_ranges) {
    auto id = static_cast<RangeId>(m_ranges.size());
    m_ranges.emplace_back();
    m_range_texts.push_back(text);
    m_range_ids.insert(text, hash, id);
    return id;
  }
  auto parsed = semver::Range::parse(text);
  if (!parsed) {
    add_at(std::move(parsed.error()), pos, where);
    return std::nullopt;
  }
  auto id = static_cast<RangeId>(m_ranges.size());
  m_ranges.push_back(std::move(*parsed));
  m_range_ids.insert(text, hash, id);
  return id;
}

template <class Source>
std::optional<semver::Version> SetWalker<Source>::version(std::string_view text, Pos pos,
                                                          const FieldPath& where) {
  if (std::uint32_t i = m_version_ids.find(text); i != TextIndex::k_absent) {
    return m_version_values[i];
  }
  auto parsed = semver::Version::parse(text);
  if (!parsed) {
    add_at(std::move(parsed.error()), pos, where);
    return std::nullopt;
  }
  m_version_ids.insert(text, static_cast<std::uint32_t>(m_version_values.size()));
  m_version_values.push_back(*parsed);
  return std::move(*parsed);
}

template <class Source>
int SetWalker<Source>::field(std::initializer_list<std::string_view> known, std::string_view key,
                             Pos key_pos, const FieldPath& map, Seen& seen) {
  int index = 0;
  for (std::string_view name : known) {
    if (name == key) break;
    ++index;
  }
  if (index == static_cast<int>(known.size())) {
    m_errors.add(m_src.unknown_field(key, key_pos, map, known));
    return -1;
  }
  unsigned bit = 1u << index;
  if (seen.bits & bit) {
    duplicate_key(key, key_pos, seen.first[index], map);
    return -1;
  }
  seen.bits |= bit;
  seen.first[index] = key_pos;
  return index;
}

template <class Source>
void SetWalker<Source>::require(const Seen& seen, std::initializer_list<std::string_view> known,
                                std::initializer_list<int> required, Pos where,
                                const FieldPath& path, const char* hint) {
  for (int index : required) {
    if (seen.bits & (1u << index)) continue;
    m_errors.add(m_src.missing_field(where, path, known.begin()[index], hint));
  }
}

}  // namespace pinset::model::detail
