#include "core/resolve/partial_solution.hpp"

namespace pinset::resolve {

void PartialSolution::decide(PackageId p, std::uint32_t bit, std::uint32_t size) {
  ++m_level;
  m_trail.push_back(
      Assignment{p, m_level, k_decision, m_last[p], Term{true, VersionSet::single(size, bit)}});
  m_last[p] = static_cast<std::uint32_t>(m_trail.size() - 1);
}

const Term& PartialSolution::derive(PackageId p, const Term& term, std::uint32_t cause) {
  std::uint32_t prev = m_last[p];
  Term acc = prev == k_none ? term : m_trail[prev].accumulated.intersect(term);
  m_trail.push_back(Assignment{p, m_level, cause, prev, std::move(acc)});
  m_last[p] = static_cast<std::uint32_t>(m_trail.size() - 1);
  return m_trail.back().accumulated;
}

void PartialSolution::backtrack(std::uint32_t level, std::vector<PackageId>& touched) {
  while (!m_trail.empty() && m_trail.back().level > level) {
    const Assignment& a = m_trail.back();
    m_last[a.package] = a.prev;
    touched.push_back(a.package);
    m_trail.pop_back();
  }
  m_level = level;
}

std::uint32_t PartialSolution::satisfier(const Term& t, std::uint32_t from,
                                         const Term* start) const {
  std::uint32_t index = from;
  for (;;) {
    std::uint32_t prev = m_trail[index].prev;
    if (prev == k_none) break;
    const Term& acc = m_trail[prev].accumulated;
    bool satisfied = start ? t.satisfied_by(start->intersect(acc)) : t.satisfied_by(acc);
    if (!satisfied) break;
    index = prev;
  }
  return index;
}

}  // namespace pinset::resolve
