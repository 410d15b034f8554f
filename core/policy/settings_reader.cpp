#include "core/policy/settings_reader.hpp"

#include <algorithm>

namespace pinset::policy::detail {

using doc::Node;

void SettingsReader::boolean(const Node& map, const std::string& field, std::string_view name,
                             bool& out) {
  const Node* n = map.find(name);
  if (n == nullptr) return;
  auto v = m_reader.boolean(*n, doc::join_field(field, name));
  if (v) {
    out = *v;
  } else {
    m_errors.add(v.error());
  }
}

std::optional<std::uint64_t> SettingsReader::days_value(const Node& n, const std::string& field) {
  auto v = m_reader.unsigned_integer(n, field);
  if (!v) {
    m_errors.add(v.error());
    return std::nullopt;
  }
  if (*v > 100000) {
    m_errors.add(Error(codes::invalid_value,
                       "a number of days must be at most 100000, found " + std::to_string(*v),
                       m_reader.at(n, field), "write a number of days such as 90"));
    return std::nullopt;
  }
  return *v;
}

void SettingsReader::days(const Node& map, const std::string& field, std::string_view name,
                          std::uint64_t& out) {
  if (const Node* n = map.find(name)) {
    if (auto v = days_value(*n, doc::join_field(field, name))) out = *v;
  }
}

std::vector<std::string> SettingsReader::strings(const Node& n, const std::string& field,
                                                 std::vector<std::size_t>* indices) {
  std::vector<std::string> out;
  if (n.is_scalar()) {
    auto s = m_reader.string(n, field);
    if (s) {
      out.push_back(*s);
      if (indices != nullptr) indices->push_back(0);  // one value, written without a list
    } else {
      m_errors.add(s.error());
    }
    return out;
  }
  if (!n.is_sequence()) {
    m_errors.add(m_reader.wrong_type(n, field, "a list of strings"));
    return out;
  }
  for (std::size_t i = 0; i < n.items.size(); ++i) {
    auto s = m_reader.string(n.items[i], doc::index_field(field, i));
    if (s) {
      out.push_back(*s);
      if (indices != nullptr) indices->push_back(i);
    } else {
      m_errors.add(s.error());
    }
  }
  return out;
}

std::vector<std::string> SettingsReader::words(const Node& n, const std::string& field,
                                               std::initializer_list<std::string_view> known) {
  std::vector<std::size_t> at;
  auto list = strings(n, field, &at);
  std::string listing;
  for (auto k : known)
    listing += (listing.empty() ? "" : ", ") + std::string(k);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (std::find(known.begin(), known.end(), list[i]) == known.end()) {
      m_errors.add(Error(codes::invalid_value,
                         "unknown value " + quote(list[i]) + "; the known values are: " + listing,
                         item_at(n, field, at[i]), "use only " + listing));
    } else if (std::find(out.begin(), out.end(), list[i]) == out.end()) {
      out.push_back(list[i]);
    }
  }
  return out;
}

void SettingsReader::mappings(
    const Node& map, const std::string& field, std::string_view name,
    std::initializer_list<std::string_view> shown, std::initializer_list<std::string_view> known,
    const std::function<void(const Node& item, const std::string& field)>& item) {
  const Node* list = map.find(name);
  if (list == nullptr) return;
  std::string list_field = doc::join_field(field, name);
  std::string braced;  // "{name, reason}"
  std::string listed;  // "name and reason"
  for (auto it = shown.begin(); it != shown.end(); ++it) {
    bool last = it + 1 == shown.end();
    braced += std::string(it == shown.begin() ? "{" : ", ") + std::string(*it) + (last ? "}" : "");
    listed += std::string(it == shown.begin() ? "" : last ? " and " : ", ") + std::string(*it);
  }
  if (!list->is_sequence()) {
    m_errors.add(m_reader.wrong_type(*list, list_field, "a list of " + braced));
    return;
  }
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    const Node& mapping = list->items[i];
    std::string item_field = doc::index_field(list_field, i);
    if (!mapping.is_mapping()) {
      m_errors.add(m_reader.wrong_type(mapping, item_field, "a mapping with " + listed));
      continue;
    }
    m_reader.check_known_fields(mapping, item_field, known, m_errors);
    item(mapping, item_field);
  }
}

bool SettingsReader::required_string(const Node& map, const std::string& field,
                                     std::string_view name, std::string hint, std::string& out) {
  const Node* n = map.find(name);
  if (n == nullptr) {
    m_errors.add(m_reader.missing_field(map, field, name, std::move(hint)));
    return false;
  }
  auto s = m_reader.string(*n, doc::join_field(field, name));
  if (!s) {
    m_errors.add(s.error());
    return false;
  }
  out = *s;
  return true;
}

std::optional<semver::Range> SettingsReader::range_of(const Node* n, const std::string& field) {
  std::string text = "*";
  if (n != nullptr) {
    if (!n->is_scalar() || n->scalar.empty()) {
      m_errors.add(m_reader.wrong_type(*n, field, "a version range"));
      return std::nullopt;
    }
    text = n->scalar;
  }
  auto r = semver::Range::parse(text);
  if (!r) {
    Error e = r.error();
    e.where = n ? m_reader.at(*n, field) : Location{};
    m_errors.add(std::move(e));
    return std::nullopt;
  }
  return *r;
}

Location SettingsReader::item_at(const Node& n, const std::string& field, std::size_t i) const {
  if (n.is_sequence() && i < n.items.size()) {
    return m_reader.at(n.items[i], doc::index_field(field, i));
  }
  return m_reader.at(n, field);
}

}  // namespace pinset::policy::detail
