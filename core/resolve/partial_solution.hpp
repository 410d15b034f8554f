#pragma once
// PubGrub's partial solution: the trail of assignments (decisions and derivations) in the order
// they were made, each with its decision level and the intersection of every assignment of its
// package so far. Each package's assignments are chained newest to oldest, so "what is known about
// p" is one lookup and the satisfier search walks only p's own assignments.

#include <cstdint>
#include <vector>

#include "core/resolve/universe.hpp"
#include "core/resolve/version_set.hpp"

namespace pinset::resolve {

inline constexpr std::uint32_t k_decision = k_none - 1;  // Assignment::cause of a decision

struct Assignment {
  PackageId package = k_none;
  std::uint32_t level = 0;
  std::uint32_t cause = k_decision;  // the incompatibility that forced it, or k_decision
  std::uint32_t prev = k_none;       // the previous assignment of the same package
  Term accumulated;                  // this assignment intersected with every earlier one of p
};

class PartialSolution {
 public:
  explicit PartialSolution(std::size_t package_count) : m_last(package_count, k_none) {}
  // Makes room for packages the universe made since (multiple versions: lines and proxies).
  void grow(std::size_t package_count) { m_last.resize(package_count, k_none); }

  std::uint32_t level() const { return m_level; }
  // What is known about p: the intersection of its assignments, or nullptr (anything).
  const Term* term(PackageId p) const {
    return m_last[p] == k_none ? nullptr : &m_trail[m_last[p]].accumulated;
  }
  bool decided(PackageId p) const {
    return m_last[p] != k_none && m_trail[m_last[p]].cause == k_decision;
  }
  std::uint32_t last(PackageId p) const { return m_last[p]; }
  const Assignment& at(std::uint32_t index) const { return m_trail[index]; }
  std::size_t size() const { return m_trail.size(); }

  // Selects version `bit` of p (of `size` versions) at a new decision level.
  void decide(PackageId p, std::uint32_t bit, std::uint32_t size);
  // Records that `term` must hold for p because of incompatibility `cause`; returns what is now
  // known about p.
  const Term& derive(PackageId p, const Term& term, std::uint32_t cause);
  // Undoes every assignment above `level`, appending each package that lost one to `touched`.
  void backtrack(std::uint32_t level, std::vector<PackageId>& touched);

  // The earliest assignment of the package of assignment `from`, at or before it, at which `t` is
  // satisfied by what was known about the package then, intersected with `start` when given. `t`
  // must be satisfied at `from`.
  std::uint32_t satisfier(const Term& t, std::uint32_t from, const Term* start = nullptr) const;

 private:
  std::vector<Assignment> m_trail;
  std::vector<std::uint32_t> m_last;  // per package: its newest assignment, or k_none
  std::uint32_t m_level = 0;
};

}  // namespace pinset::resolve
