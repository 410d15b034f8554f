#include "core/resolve/solver.hpp"

#include <algorithm>
#include <stdexcept>

namespace pinset::resolve {

namespace {

// Heap order: the top is the candidate with the fewest versions left, then the first discovered.
struct Later {
  template <class C>
  bool operator()(const C& a, const C& b) const {
    return a.count != b.count ? a.count > b.count : a.discovery > b.discovery;
  }
};

}  // namespace

Solver::Solver(Universe& universe)
    : m_universe(universe),
      m_store(universe.package_count()),
      m_solution(universe.package_count()),
      m_queued(universe.package_count(), 0),
      m_in_heap(universe.package_count(), k_none) {}

bool Solver::run() {
  PackageId root = m_universe.root();
  m_store.link(m_store.add_not_root(root));
  track_new_incompatibilities();
  enqueue(root);
  for (;;) {
    if (!propagate()) return false;
    PackageId p;
    if (!pick(p)) return true;
    std::uint32_t bit = m_universe.choose(p, m_solution.term(p)->set);
    // As pub does: when a dependency of the chosen version is already violated, do not decide;
    // propagation derives that this version is impossible.
    if (!add_dependencies(p, bit)) {
      ++m_decisions;
      m_solution.decide(p, bit, m_universe.size(p));
    }
    enqueue(p);
  }
}

void Solver::grow() {
  std::size_t n = m_universe.package_count();
  if (m_queued.size() == n) return;
  m_store.grow(n);
  m_solution.grow(n);
  m_queued.resize(n, 0);
  m_in_heap.resize(n, k_none);
}

void Solver::prepare(PackageId p) {
  if (m_universe.groups_built(p)) return;
  auto [first, last] = m_universe.groups_of(p);
  grow();
  for (std::uint32_t g = first; g < last; ++g) {
    DependencyGroup& group = m_universe.group(g);
    if (group.target != p && !group.allowed.empty()) continue;
    group.added = true;
    std::uint32_t id = m_store.add_dependency(group, g);
    if (id != k_none) m_store.link(id);
  }
  track_new_incompatibilities();
}

bool Solver::add_dependencies(PackageId p, std::uint32_t bit) {
  prepare(p);
  grow();
  bool violated = false;
  auto [first, last] = m_universe.groups_of(p);
  for (std::uint32_t g = first; g < last; ++g) {
    if (!m_universe.group(g).versions.test(bit)) continue;
    if (!m_universe.group(g).added) {
      m_universe.group(g).added = true;
      std::uint32_t id = m_store.add_dependency(m_universe.group(g), g);
      if (id != k_none) m_store.link(id);
    }
    const DependencyGroup& group = m_universe.group(g);
    PackageId target = group.target;
    if (target == p) {
      violated = violated || !group.allowed.test(bit);
      continue;
    }
    if (group.allowed.empty()) {
      violated = true;
      continue;
    }
    // Look one step ahead: when every allowed version of the target is itself unusable, this
    // version is too. Propagating the target's facts derives it, without a conflict.
    prepare(target);
    grow();
    const DependencyGroup& same = m_universe.group(g);  // prepare() may grow the groups
    if (same.allowed.subset_of(m_universe.unusable(target))) {
      violated = true;
      enqueue(target);
    } else if (const Term* known = m_solution.term(target)) {
      // Does what is known about the target already exclude every allowed version?
      violated = violated || (known->positive ? known->set.disjoint(same.allowed)
                                              : same.allowed.subset_of(known->set));
    }
  }
  track_new_incompatibilities();
  return violated;
}

bool Solver::propagate() {
  while (!m_changed.empty()) {
    PackageId p = m_changed.back();
    m_changed.pop_back();
    m_queued[p] = 0;
    for (std::uint32_t k = m_store.head(p); k != k_none; k = m_store.term(k).next) {
      std::uint32_t id = m_store.term(k).incompatibility;
      if (m_contradicted[id] != k_none) continue;
      std::uint32_t unsatisfied = 0;
      Relation rel = relation(id, unsatisfied);
      if (rel == Relation::satisfied) {
        PackageId q;
        std::uint32_t learned;
        if (!resolve_conflict(id, q, learned)) return false;
        derive(q, m_store.term_of(learned, q)->negate(), learned);
        mark_contradicted(learned);
        for (PackageId c : m_changed)
          m_queued[c] = 0;
        m_changed.clear();
        enqueue(q);
        break;
      }
      if (rel == Relation::almost_satisfied) {
        const PackageTerm& t = m_store.terms(id)[unsatisfied];
        derive(t.package, t.term.negate(), id);
        enqueue(t.package);
        mark_contradicted(id);
      } else if (rel == Relation::contradicted) {
        mark_contradicted(id);
      }
    }
  }
  return true;
}

Solver::Relation Solver::relation(std::uint32_t id, std::uint32_t& unsatisfied) const {
  Relation rel = Relation::satisfied;
  auto terms = m_store.terms(id);
  for (std::uint32_t i = 0; i < terms.size(); ++i) {
    const Term* known = m_solution.term(terms[i].package);
    if (known) {
      if (terms[i].term.satisfied_by(*known)) continue;
      if (terms[i].term.contradicted_by(*known)) return Relation::contradicted;
    }
    if (rel != Relation::satisfied) return Relation::inconclusive;
    rel = Relation::almost_satisfied;
    unsatisfied = i;
  }
  return rel;
}

bool Solver::resolve_conflict(std::uint32_t id, PackageId& package, std::uint32_t& learned) {
  ++m_conflicts;
  PackageId root = m_universe.root();
  bool is_new = false;
  for (;;) {
    if (m_store.is_terminal(id, root)) {
      m_failure = id;
      return false;
    }
    // The satisfier: the assignment that made the incompatibility satisfied (the latest of the
    // earliest assignments satisfying each term).
    auto terms = m_store.terms(id);
    m_satisfiers.clear();
    std::uint32_t sat = 0;
    std::uint32_t sat_term = 0;
    for (std::uint32_t i = 0; i < terms.size(); ++i) {
      std::uint32_t s = m_solution.satisfier(terms[i].term, m_solution.last(terms[i].package));
      m_satisfiers.push_back(s);
      if (i == 0 || s > sat) {
        sat = s;
        sat_term = i;
      }
    }
    const Assignment& satisfier = m_solution.at(sat);
    PackageId p = satisfier.package;
    // The previous satisfier level: where the incompatibility would be almost satisfied without
    // the satisfier, i.e. the level to backjump to.
    std::uint32_t previous = 1;
    for (std::uint32_t i = 0; i < terms.size(); ++i) {
      if (i != sat_term) previous = std::max(previous, m_solution.at(m_satisfiers[i]).level);
    }
    Term own = satisfier.cause == k_decision ? satisfier.accumulated
                                             : m_store.term_of(satisfier.cause, p)->negate();
    std::uint32_t before = m_solution.satisfier(terms[sat_term].term, sat, &own);
    previous = std::max(previous, m_solution.at(before).level);

    if (previous < satisfier.level) {
      backtrack(previous);
      if (is_new) m_store.link(id);
      package = p;
      learned = id;
      return true;
    }
    // Same level: the satisfier is a derivation; resolve with its cause and try again.
    if (satisfier.cause == k_decision) {
      throw std::logic_error("pubgrub: a decision satisfies a conflict at its own level");
    }
    id = prior_cause(id, satisfier.cause, p);
    is_new = true;
  }
}

std::uint32_t Solver::prior_cause(std::uint32_t id, std::uint32_t cause, PackageId package) {
  m_scratch.clear();
  for (const PackageTerm& t : m_store.terms(id)) {
    if (t.package != package) m_scratch.push_back(t);
  }
  std::size_t from_first = m_scratch.size();
  for (const PackageTerm& t : m_store.terms(cause)) {
    if (t.package == package) continue;
    auto same = std::find_if(m_scratch.begin(), m_scratch.begin() + from_first,
                             [&](const PackageTerm& s) { return s.package == t.package; });
    if (same != m_scratch.begin() + from_first) {
      same->term = same->term.intersect(t.term);
    } else {
      m_scratch.push_back(t);
    }
  }
  Term joined = m_store.term_of(id, package)->unite(*m_store.term_of(cause, package));
  if (!joined.is_any()) m_scratch.push_back(PackageTerm{package, k_none, k_none, joined});
  std::uint32_t out = m_store.add_derived(m_scratch, id, cause);
  track_new_incompatibilities();
  return out;
}

void Solver::derive(PackageId p, const Term& term, std::uint32_t cause) {
  m_solution.derive(p, term, cause);
  push_candidate(p);
}

void Solver::backtrack(std::uint32_t level) {
  m_touched.clear();
  m_solution.backtrack(level, m_touched);
  while (!m_contradicted_stack.empty() && m_contradicted[m_contradicted_stack.back()] > level) {
    m_contradicted[m_contradicted_stack.back()] = k_none;
    m_contradicted_stack.pop_back();
  }
  for (PackageId p : m_touched)
    push_candidate(p);
}

void Solver::mark_contradicted(std::uint32_t id) {
  m_contradicted[id] = m_solution.level();
  m_contradicted_stack.push_back(id);
}

void Solver::track_new_incompatibilities() {
  m_contradicted.resize(m_store.size(), k_none);
}

void Solver::enqueue(PackageId p) {
  if (m_queued[p]) return;
  m_queued[p] = 1;
  m_changed.push_back(p);
}

void Solver::push_candidate(PackageId p) {
  const Term* known = m_solution.term(p);
  if (!known || !known->positive || m_solution.decided(p)) return;
  std::uint32_t count = known->set.count();
  if (m_in_heap[p] == count) return;  // an entry for exactly this is waiting already
  m_in_heap[p] = count;
  m_heap.push_back(Candidate{count, m_universe.discovery(p), p});
  std::push_heap(m_heap.begin(), m_heap.end(), Later{});
}

bool Solver::pick(PackageId& p) {
  while (!m_heap.empty()) {
    std::pop_heap(m_heap.begin(), m_heap.end(), Later{});
    Candidate c = m_heap.back();
    m_heap.pop_back();
    if (m_in_heap[c.package] != c.count) continue;  // superseded by a later entry
    m_in_heap[c.package] = k_none;
    const Term* known = m_solution.term(c.package);
    if (!known || !known->positive || m_solution.decided(c.package)) continue;
    if (known->set.count() != c.count) continue;  // changed since, by a backtrack
    p = c.package;
    return true;
  }
  return false;
}

Solution Solver::solution() {
  const model::PackageSet& set = m_universe.set();
  const model::Package* base = set.packages().data();
  auto rank = [&](model::NameId id) { return set.find(id) - base; };
  Solution out;
  out.decisions = m_decisions;
  out.conflicts = m_conflicts;
  PackageId root = m_universe.root();
  // The entry chosen for a dependency group's target (through its proxy, if it has one).
  auto chosen = [&](PackageId target) -> std::pair<model::NameId, std::size_t> {
    if (m_universe.is_proxy(target)) {
      target = m_universe.proxy_line(target, m_solution.term(target)->set.next());
    }
    std::uint32_t bit = m_solution.term(target)->set.next();
    return {m_universe.name_id(target), m_universe.entry_index(target, bit)};
  };
  for (PackageId p = 0; p < m_queued.size(); ++p) {
    if (p == root || !m_solution.decided(p) || m_universe.is_proxy(p) || !m_universe.in_set(p)) {
      continue;
    }
    std::uint32_t bit = m_solution.term(p)->set.next();
    ResolvedPackage r;
    r.name = m_universe.name_id(p);
    r.entry_index = m_universe.entry_index(p, bit);
    std::vector<std::pair<model::NameId, std::size_t>> deps;
    if (m_universe.multiple()) {
      // Through the groups: a dependency's target may be a line or a proxy.
      auto [first, last] = m_universe.groups_of(p);
      for (std::uint32_t g = first; g < last; ++g) {
        const DependencyGroup& group = m_universe.group(g);
        if (group.versions.test(bit)) deps.push_back(chosen(group.target));
      }
    } else {
      for (const model::DependencyRef& d : m_universe.entry(p, bit).dependencies) {
        deps.emplace_back(d.name,
                          m_universe.entry_index(d.name, m_solution.term(d.name)->set.next()));
      }
    }
    std::sort(deps.begin(), deps.end(), [&](const auto& a, const auto& b) {
      return rank(a.first) != rank(b.first) ? rank(a.first) < rank(b.first) : a.second < b.second;
    });
    deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
    for (const auto& [name, entry] : deps) {
      r.dependencies.push_back(name);
      r.dependency_entries.push_back(entry);
    }
    out.packages.push_back(std::move(r));
  }
  std::sort(out.packages.begin(), out.packages.end(),
            [&](const ResolvedPackage& a, const ResolvedPackage& b) {
              if (a.name != b.name) return rank(a.name) < rank(b.name);
              const auto& entries = set.find(a.name)->entries;
              return entries[a.entry_index].version < entries[b.entry_index].version;
            });
  return out;
}

}  // namespace pinset::resolve
