// The package set format's rules: the walker's reading of a document, its packages and entries
// (detail/set_walker.hpp). Layers are in set_walker_layers.cpp, building and the two-thread split
// in set_walker_split.cpp.
#include <algorithm>
#include <iterator>

#include "core/model/detail/json_source.hpp"
#include "core/model/detail/node_source.hpp"
#include "core/model/detail/set_walker.hpp"

namespace pinset::model::detail {

template <class Source>
void SetWalker<Source>::document(Value& root) {
  const FieldPath top;
  if (m_src.shape(root) != Shape::mapping) {
    m_errors.add(m_src.wrong_type(root, top, "a mapping"));
    return;
  }
  Pos where = m_src.pos(root);
  Seen seen;
  if (std::optional<std::string_view> s = m_src.peek(root, "versioning")) {
    if (auto scheme = semver::parse_scheme(*s)) m_scheme = *scheme;  // else reported below
  }
  m_src.fields(root, [&](std::string_view key, Pos key_pos, Value& value) {
    int index = field(k_set_fields, key, key_pos, top, seen);
    FieldPath path{&top, key};
    Pos pos = m_src.pos(value);
    switch (index) {
      case 0:  // format
        if (auto n = m_src.unsigned_integer(value, path, m_errors)) {
          if (*n != 1) {
            add_at(Error(codes::unsupported_format,
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
      case 9:
        ecosystem(value, path, m_set.ecosystem);
        break;
      case 10:  // versioning
        if (auto s = string(value, path)) {
          if (auto scheme = semver::parse_scheme(*s); !scheme) {
            add_at(std::move(scheme.error()), pos, path);
          } else {
            if (*scheme != m_scheme && m_read_packages) m_scheme_late = true;
            m_scheme = *scheme;
            m_set.versioning = *scheme;
          }
        }
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
  m_read_packages = true;
  m_src.fields(value, [&](std::string_view key, Pos key_pos, Value& entries) {
    if (m_src.take_package(key_pos)) package(key, key_pos, entries, path);
  });
  m_src.packages_done();
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
    add_at(Error(codes::no_entries, "package " + quote(key) + " lists no versions", {},
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
          if (auto strip = check_strip_components(*n)) {
            out.strip_components = *strip;
          } else {
            add_at(std::move(strip.error()), pos, fp);
          }
        }
        break;
      case 7:  // vetted
        vettings(fp, v, out.edit_extra().vetted);
        break;
      case 8:  // from
        if (auto s = string(v, fp)) out.edit_extra().from = std::string(*s);
        break;
      case 9:
        ecosystem(v, fp, out.ecosystem);
        break;
      case 10:  // published-at
        if (auto s = string(v, fp)) {
          if (auto ok = check_timestamp(*s); !ok) {
            add_at(std::move(ok.error()), pos, fp);
          } else {
            out.edit_extra().published_at = std::string(*s);
          }
        }
        break;
      case 11:  // publisher
        if (auto s = string(v, fp)) out.edit_extra().publisher = std::string(*s);
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
void SetWalker<Source>::ecosystem(Value& value, const FieldPath& path, Ecosystem& out) {
  Pos pos = m_src.pos(value);
  if (auto s = string(value, path)) {
    if (auto parsed = parse_ecosystem(*s)) {
      out = *parsed;
    } else {
      add_at(std::move(parsed.error()), pos, path);
    }
  }
}

template <class Source>
void SetWalker<Source>::dependencies(Entry& entry, const FieldPath& path, Value& value) {
  if (m_src.shape(value) != Shape::mapping) {
    m_errors.add(m_src.wrong_type(value, path, k_dependencies_expected));
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
void SetWalker<Source>::vettings(const FieldPath& path, Value& value, std::vector<Vetting>& out) {
  if (m_src.shape(value) != Shape::list) {
    if (auto one = vetting(path, value)) out.push_back(std::move(*one));
    return;
  }
  m_src.items(value, [&](int index, Value& item) {
    if (auto one = vetting(FieldPath{&path, {}, index}, item)) out.push_back(std::move(*one));
  });
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
    add_at(Error(codes::duplicate_entry, std::move(message), {},
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
  auto parsed = dependency_range(text, m_scheme);
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
  auto parsed = entry_version(text, m_scheme);
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

template class SetWalker<NodeSource>;
template class SetWalker<JsonSource>;

}  // namespace pinset::model::detail
