// Building the set from what a walker read, and what a set read by two walkers on two threads
// needs (set_parser_json.cpp): the second part's duplicates of the first's keys, and its ranges
// parsed only where the first did not have them.
#include <algorithm>

#include "core/model/detail/json_source.hpp"
#include "core/model/detail/node_source.hpp"
#include "core/model/detail/set_walker.hpp"

namespace pinset::model::detail {

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
    auto parsed = dependency_range(m_range_texts[i], m_scheme);
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

#define PINSET_INSTANTIATE(S)                                     \
  template void SetWalker<S>::check_duplicates(const SetWalker&); \
  template bool SetWalker<S>::settle_ranges(const SetWalker&);    \
  template void SetWalker<S>::build();
PINSET_INSTANTIATE(NodeSource)
PINSET_INSTANTIATE(JsonSource)
#undef PINSET_INSTANTIATE

}  // namespace pinset::model::detail
