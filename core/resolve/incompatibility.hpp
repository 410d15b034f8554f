#pragma once
// Incompatibilities: sets of terms that must not all hold. External ones state facts (the root must
// be selected; a group of versions depends on a range of another package); derived ones are learned
// by conflict resolution and remember their two causes, which is what explanations are made of.
// Terms live in one pool; each package threads a list through the terms that mention it (newest
// first), so unit propagation visits only the incompatibilities of the package that changed.

#include <cstdint>
#include <span>
#include <vector>

#include "core/resolve/universe.hpp"
#include "core/resolve/version_set.hpp"

namespace pinset::resolve {

enum class IncompatibilityKind : std::uint8_t {
  not_root,    // the root must be selected
  dependency,  // a DependencyGroup: its versions depend on its target's allowed versions
  derived,     // learned from cause1 and cause2
};

struct PackageTerm {
  PackageId package = k_none;
  std::uint32_t incompatibility = k_none;
  std::uint32_t next = k_none;  // the next (older) term of the same package, once linked
  Term term;
};

struct Incompatibility {
  std::uint32_t first = 0;  // index of its first term in the pool
  std::uint32_t count = 0;
  IncompatibilityKind kind = IncompatibilityKind::derived;
  std::uint32_t group = k_none;   // dependency: the group's id in the Universe
  std::uint32_t cause1 = k_none;  // derived
  std::uint32_t cause2 = k_none;
};

class IncompatibilityStore {
 public:
  explicit IncompatibilityStore(std::size_t package_count) : m_heads(package_count, k_none) {}
  // Makes room for packages the universe made since (multiple versions: lines and proxies).
  void grow(std::size_t package_count) { m_heads.resize(package_count, k_none); }

  // "root is selected" must hold: the term {not root}.
  std::uint32_t add_not_root(PackageId root);
  // The incompatibility of a dependency group: {depender in versions, not target in allowed}. When
  // nothing of the target is allowed (or the target is not in the set) the versions alone are
  // incompatible; a self-dependency forbids the versions that do not satisfy it. Returns k_none
  // when the group forbids nothing (a self-dependency that every version satisfies).
  std::uint32_t add_dependency(const DependencyGroup& group, std::uint32_t group_id);
  // A learned incompatibility; `terms` may alias nothing in the store.
  std::uint32_t add_derived(std::span<const PackageTerm> terms, std::uint32_t cause1,
                            std::uint32_t cause2);
  // Makes an incompatibility visible to unit propagation.
  void link(std::uint32_t id);

  std::size_t size() const { return m_incompatibilities.size(); }
  const Incompatibility& operator[](std::uint32_t id) const { return m_incompatibilities[id]; }
  std::span<const PackageTerm> terms(std::uint32_t id) const {
    const Incompatibility& i = m_incompatibilities[id];
    return {m_terms.data() + i.first, i.count};
  }
  const Term* term_of(std::uint32_t id, PackageId p) const;
  // Walk a package's linked terms: head(p), then term(index).next.
  std::uint32_t head(PackageId p) const { return m_heads[p]; }
  const PackageTerm& term(std::uint32_t index) const { return m_terms[index]; }

  // Terminal: no terms, or only "root is selected"; the root cannot be selected, so no solution.
  bool is_terminal(std::uint32_t id, PackageId root) const;

 private:
  std::uint32_t open(IncompatibilityKind kind);

  std::vector<Incompatibility> m_incompatibilities;
  std::vector<PackageTerm> m_terms;
  std::vector<std::uint32_t> m_heads;  // per package: index of its newest linked term
};

}  // namespace pinset::resolve
