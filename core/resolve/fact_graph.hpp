#pragma once
// The facts a failed search's derivation rests on (its dependency incompatibilities), seen as a
// graph from the root: who constrains whom, which links are forced, the dependency path to each
// fact and the manifest line it comes from. Explanations are chosen and worded from this.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/resolve/incompatibility.hpp"
#include "core/resolve/resolver.hpp"
#include "core/resolve/universe.hpp"
#include "core/resolve/wording.hpp"

namespace pinset::resolve {

class FactGraph {
 public:
  // Collects the dependency facts under `failure`, in the order a depth-first walk meets them.
  FactGraph(Universe& universe, Wording& wording, const IncompatibilityStore& store,
            std::uint32_t failure);

  std::uint32_t size() const { return static_cast<std::uint32_t>(m_facts.size()); }
  const DependencyGroup& fact(std::uint32_t f) const { return m_universe.group(m_facts[f]); }
  bool from_root(std::uint32_t f) const { return fact(f).depender == m_universe.root(); }
  // Some fact is imposed by p (p is a link on the way rather than the end of a path).
  bool imposes(PackageId p) const { return m_dependers.count(p) > 0; }

  // Fact f is forced: its depender is the root, or the target of exactly one forced fact that
  // allows only versions imposing f. When every fact is forced, the facts are a tree of choices
  // the user never had.
  bool forced(std::uint32_t f);
  // The facts leading from the root to p, root first (empty for the root or an unreached p).
  std::vector<std::uint32_t> path_facts(PackageId p) const;
  // The manifest requirement that leads to fact f (the first link of its path), or k_none.
  std::uint32_t root_fact_of(std::uint32_t f) const;

  // Fact f as a constraint: range, imposer ("pinset.yaml:7" or "netlib 1.4.0") and path.
  ConstraintOrigin origin_of(std::uint32_t f);
  const semver::Range& range_of(std::uint32_t f) const;
  // "netlib ^1.4.0 (pinset.yaml:3)": a manifest requirement as written, with where.
  std::string requirement(std::uint32_t root_fact) const;
  // " (pinset.yaml:3)" for a manifest requirement with a known origin, else "".
  std::string where(std::uint32_t root_fact) const;
  // A manifest requirement that could be relaxed: it has a range, and not "*".
  bool relaxable(std::uint32_t root_fact) const;

 private:
  std::uint32_t incoming(PackageId p) const;
  void find_paths();
  VersionSet imposer_versions(std::uint32_t f) const;
  std::vector<std::string> path_to_depender(std::uint32_t f);

  Universe& m_universe;
  Wording& m_wording;
  std::vector<std::uint32_t> m_facts;  // dependency group ids
  std::unordered_map<PackageId, std::pair<std::uint32_t, std::uint32_t>> m_incoming;  // count, fact
  std::unordered_map<PackageId, std::uint32_t> m_reached_by;  // the fact a BFS reached p by
  std::unordered_set<PackageId> m_dependers;                  // packages that impose a fact
  std::vector<std::int8_t> m_forced;  // per fact: 1 forced, 0 not, -1 not known yet
};

}  // namespace pinset::resolve
