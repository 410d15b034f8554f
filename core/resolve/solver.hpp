#pragma once
// The PubGrub search (Weizenbaum, as in Dart pub and the pubgrub crate): unit propagation over
// incompatibilities, decisions with the fewest-candidates-first heuristic, and conflict resolution
// that learns a new incompatibility and backjumps. Terminates on every input: each conflict learns
// an incompatibility that rules out a part of the finite search space for good.

#include <cstdint>
#include <vector>

#include "core/resolve/incompatibility.hpp"
#include "core/resolve/partial_solution.hpp"
#include "core/resolve/resolver.hpp"
#include "core/resolve/universe.hpp"

namespace pinset::resolve {

class Solver {
 public:
  // Keeps a reference to `universe`, which it fills as the search goes.
  explicit Solver(Universe& universe);

  // Searches. True: solution() holds one version per selected package. False: the root cannot be
  // selected, and failure() is the terminal incompatibility whose derivation explains why.
  bool run();

  Solution solution();
  std::uint32_t failure() const { return m_failure; }
  const IncompatibilityStore& store() const { return m_store; }

 private:
  enum class Relation { satisfied, almost_satisfied, contradicted, inconclusive };
  struct Candidate {
    std::uint32_t count;  // allowed versions left
    std::uint32_t discovery;
    PackageId package;
  };

  // Unit propagation from the packages in m_changed. False: the root cannot be selected.
  bool propagate();
  Relation relation(std::uint32_t id, std::uint32_t& unsatisfied) const;
  // Learns from a satisfied incompatibility and backjumps. Returns false when the learned
  // incompatibility is terminal (stored in m_failure); else sets the package to derive and the
  // learned incompatibility that forces it.
  bool resolve_conflict(std::uint32_t id, PackageId& package, std::uint32_t& learned);
  std::uint32_t prior_cause(std::uint32_t id, std::uint32_t cause, PackageId package);
  void derive(PackageId p, const Term& term, std::uint32_t cause);
  void backtrack(std::uint32_t level);
  void mark_contradicted(std::uint32_t id);
  void track_new_incompatibilities();
  void enqueue(PackageId p);
  // Sizes the per-package state to the universe, which grows as it meets lines and proxies.
  void grow();
  void push_candidate(PackageId p);
  bool pick(PackageId& p);
  // Builds p's dependency groups and adds the incompatibilities that stand on their own: versions
  // with a dependency nothing satisfies.
  void prepare(PackageId p);
  // Adds the dependency incompatibilities of version `bit` of p; true when deciding it would
  // immediately violate one of them (then the packages to propagate from are queued).
  bool add_dependencies(PackageId p, std::uint32_t bit);

  Universe& m_universe;
  IncompatibilityStore m_store;
  PartialSolution m_solution;
  std::vector<std::uint32_t>
      m_contradicted;  // per incompatibility: level it was found at, or k_none
  std::vector<std::uint32_t> m_contradicted_stack;  // ids in order, to forget on backtrack
  std::vector<PackageId> m_changed;                 // unit propagation work list
  std::vector<std::uint8_t> m_queued;               // per package: in m_changed
  std::vector<Candidate> m_heap;                    // undecided packages, fewest candidates first
  std::vector<std::uint32_t> m_in_heap;  // per package: count of its live heap entry, or k_none
  std::vector<PackageTerm> m_scratch;
  std::vector<std::uint32_t> m_satisfiers;
  std::vector<PackageId> m_touched;
  std::uint32_t m_failure = k_none;
  std::size_t m_decisions = 0;
  std::size_t m_conflicts = 0;
};

}  // namespace pinset::resolve
