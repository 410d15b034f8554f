#include "core/report/edge_ranges.hpp"

namespace pinset::report {

EdgeRanges::EdgeRanges(const ReportInput& input) {
  for (const model::RootDependency& d : input.manifest.dependencies)
    m_ranges[{"", d.name}] = d.range.text();
  for (const Component& c : components(input)) {
    std::string from = input.lock.key_of(*c.locked);
    if (c.entry != nullptr) {
      for (const model::DependencyRef& d : c.entry->dependencies) {
        m_ranges[{from, std::string(input.set.name_of(d.name))}] = input.set.range(d.range).text();
      }
    } else if (c.overlay != nullptr) {
      for (const model::OverlayDependency& d : c.overlay->dependencies)
        m_ranges[{from, d.name}] = d.range.text();
    }
  }
}

std::string_view EdgeRanges::range(std::string_view from, std::string_view to) const {
  auto it =
      m_ranges.find(std::make_pair(std::string(from), std::string(model::split_key(to).first)));
  return it == m_ranges.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace pinset::report
