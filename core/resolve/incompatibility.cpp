#include "core/resolve/incompatibility.hpp"

namespace pinset::resolve {

std::uint32_t IncompatibilityStore::open(IncompatibilityKind kind) {
  Incompatibility i;
  i.first = static_cast<std::uint32_t>(m_terms.size());
  i.kind = kind;
  m_incompatibilities.push_back(i);
  return static_cast<std::uint32_t>(m_incompatibilities.size() - 1);
}

std::uint32_t IncompatibilityStore::add_not_root(PackageId root) {
  std::uint32_t id = open(IncompatibilityKind::not_root);
  m_terms.push_back(PackageTerm{root, id, k_none, Term{false, VersionSet::single(1, 0)}});
  m_incompatibilities[id].count = 1;
  return id;
}

std::uint32_t IncompatibilityStore::add_dependency(const DependencyGroup& group,
                                                   std::uint32_t group_id) {
  Term depender{true, group.versions};
  if (group.target == group.depender) {
    depender.set.subtract(group.allowed);
    if (depender.set.empty()) return k_none;
  }
  std::uint32_t id = open(IncompatibilityKind::dependency);
  Incompatibility& i = m_incompatibilities[id];
  i.group = group_id;
  i.count = 1;
  m_terms.push_back(PackageTerm{group.depender, id, k_none, std::move(depender)});
  if (group.target != group.depender && !group.allowed.empty()) {
    m_terms.push_back(PackageTerm{group.target, id, k_none, Term{false, group.allowed}});
    i.count = 2;
  }
  return id;
}

std::uint32_t IncompatibilityStore::add_derived(std::span<const PackageTerm> terms,
                                                std::uint32_t cause1, std::uint32_t cause2) {
  std::uint32_t id = open(IncompatibilityKind::derived);
  for (const PackageTerm& t : terms)
    m_terms.push_back(PackageTerm{t.package, id, k_none, t.term});
  Incompatibility& i = m_incompatibilities[id];
  i.count = static_cast<std::uint32_t>(terms.size());
  i.cause1 = cause1;
  i.cause2 = cause2;
  return id;
}

void IncompatibilityStore::link(std::uint32_t id) {
  const Incompatibility& i = m_incompatibilities[id];
  for (std::uint32_t k = i.first; k < i.first + i.count; ++k) {
    PackageTerm& t = m_terms[k];
    t.next = m_heads[t.package];
    m_heads[t.package] = k;
  }
}

const Term* IncompatibilityStore::term_of(std::uint32_t id, PackageId p) const {
  for (const PackageTerm& t : terms(id)) {
    if (t.package == p) return &t.term;
  }
  return nullptr;
}

bool IncompatibilityStore::is_terminal(std::uint32_t id, PackageId root) const {
  auto ts = terms(id);
  if (ts.empty()) return true;
  return ts.size() == 1 && ts[0].package == root && ts[0].term.positive;
}

}  // namespace pinset::resolve
