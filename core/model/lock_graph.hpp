#pragma once
// The resolved dependency graph recorded in a lock, rooted at the manifest's dependencies: answers
// "how was this package pulled in" for `pinset why`, `pinset tree` and policy findings.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/lock.hpp"
#include "core/model/manifest.hpp"

namespace pinset::model {

// The outcome of LockGraph::find_paths.
struct PathSearch {
  std::vector<std::vector<std::string>> paths;  // at most the limit asked for
  std::size_t found = 0;  // paths found before cutting to the limit (>= paths.size())
  bool complete = true;   // false: the search stopped early, so there may be more than `found`
};

// The locked package the project's dependency takes: the only locked version of its name, or,
// with multiple versions, the highest one its range allows (else the highest); nullptr when the
// lock lacks the name.
const LockedPackage* root_choice(const Lock& lock, const RootDependency& dependency);

// Nodes are named by lock keys (Lock::key_of): a package's name, or "name@version" for a name
// locked in several versions (multiple-versions).
class LockGraph {
 public:
  // Roots are the manifest's dependencies that the lock holds (in key order); edges are each
  // locked package's dependencies that the lock holds. Names the lock lacks are left out.
  LockGraph(const Manifest& manifest, const Lock& lock);

  const std::vector<std::string>& roots() const { return m_roots; }
  // Every package name in the lock, in name order.
  const std::vector<std::string>& names() const { return m_names; }
  bool contains(std::string_view name) const;
  bool is_root(std::string_view name) const;
  // The locked dependencies of `name` (in name order); empty for an unknown name.
  const std::vector<std::string>& dependencies_of(std::string_view name) const;
  // The packages that depend on `name` (in name order).
  std::vector<std::string> dependents_of(std::string_view name) const;

  // Simple paths from a root to `name` (root first, `name` last), shortest first and then in name
  // order, at most `limit` of them. A root reaches itself by the one-element path. Empty when
  // `name` is not reachable. In a very dense graph the enumeration stops early (see find_paths);
  // a shortest path still comes first.
  std::vector<std::vector<std::string>> paths_to(std::string_view name,
                                                 std::size_t limit = 100) const;
  // As paths_to, with how many paths were found in all. Time and memory are linear in the size
  // of the graph: the search stops after 16 x limit paths (at least 1,024) or a step budget of
  // 64 x (packages + edges), whichever comes first.
  PathSearch find_paths(std::string_view name, std::size_t limit = 100) const;
  // One shortest path (breadth-first from the roots in name order), or empty.
  std::vector<std::string> shortest_path(std::string_view name) const;
  // Packages in the lock that no root reaches (a lock out of sync with its manifest).
  std::vector<std::string> unreachable() const;

 private:
  std::size_t index_of(std::string_view name) const;  // npos when absent
  // Breadth-first from the roots (in name order), visiting dependencies in name order, until
  // `target` is reached (all the way for npos): each package's parent on the walk, a mark of its
  // own for a root, npos for a package not reached.
  std::vector<std::size_t> breadth_first(std::size_t target) const;

  std::vector<std::string> m_names;
  std::vector<std::vector<std::string>> m_deps;  // parallel to m_names
  std::vector<std::vector<std::size_t>> m_dep_index;
  std::vector<std::string> m_roots;
};

}  // namespace pinset::model
