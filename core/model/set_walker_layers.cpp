// The walker's reading of a layered set's fields: extends, overrides, removes, and timestamps.
#include "core/model/detail/json_source.hpp"
#include "core/model/detail/node_source.hpp"
#include "core/model/detail/set_walker.hpp"

namespace pinset::model::detail {

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
    std::size_t at = s->find('@', 1);  // past an npm scope's '@'
    removal.name = std::string(s->substr(0, at));
    bool ok = true;
    if (auto checked = check_package_name(removal.name); !checked) {
      Error e = std::move(checked.error());
      e.hint = "write a package name (\"tinyzip\") or one version of it (\"tinyzip@1.2.13\")";
      add_at(std::move(e), pos, item_path);
      ok = false;
    }
    if (at != std::string_view::npos) {
      auto parsed = semver::Version::parse(s->substr(at + 1), m_scheme);
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
      add_at(Error(codes::duplicate_entry,
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

#define PINSET_INSTANTIATE(S)                                                                   \
  template void SetWalker<S>::timestamp(Value&, const FieldPath&, std::optional<std::string>&); \
  template void SetWalker<S>::overrides(Value&, const FieldPath&);                              \
  template void SetWalker<S>::extends(Value&, const FieldPath&);                                \
  template void SetWalker<S>::removes(Value&, const FieldPath&);
PINSET_INSTANTIATE(NodeSource)
PINSET_INSTANTIATE(JsonSource)
#undef PINSET_INSTANTIATE

}  // namespace pinset::model::detail
