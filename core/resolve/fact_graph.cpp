#include "core/resolve/fact_graph.hpp"

#include <algorithm>

#include "core/resolve/derivation.hpp"

namespace pinset::resolve {

FactGraph::FactGraph(Universe& universe, Wording& wording, const IncompatibilityStore& store,
                     std::uint32_t failure)
    : m_universe(universe), m_wording(wording) {
  for (std::uint32_t id : derivation_facts(store, failure)) {
    if (store[id].kind == IncompatibilityKind::dependency) m_facts.push_back(store[id].group);
  }
  for (std::uint32_t f = 0; f < size(); ++f) {
    ++m_incoming[fact(f).target].first;
    m_dependers.insert(fact(f).depender);
  }
  for (std::uint32_t f = 0; f < size(); ++f) {
    auto& in = m_incoming[fact(f).target];
    if (in.first == 1) in.second = f;
  }
  m_forced.assign(m_facts.size(), -1);
  find_paths();
}

// The only fact that constrains p, or k_none when none or several do.
std::uint32_t FactGraph::incoming(PackageId p) const {
  auto it = m_incoming.find(p);
  return it != m_incoming.end() && it->second.first == 1 ? it->second.second : k_none;
}

// Answers are remembered, so asking about every fact of a deep chain stays linear.
bool FactGraph::forced(std::uint32_t f) {
  std::vector<std::uint32_t> walked;
  std::int8_t answer = 0;  // a cycle, if the walk never ends
  for (std::size_t steps = 0; steps <= m_facts.size(); ++steps) {
    if (m_forced[f] >= 0) {
      answer = m_forced[f];
      break;
    }
    walked.push_back(f);
    if (from_root(f)) {
      answer = 1;
      break;
    }
    std::uint32_t in = incoming(fact(f).depender);
    if (in == k_none || !fact(in).allowed.subset_of(fact(f).versions)) break;
    f = in;
  }
  for (std::uint32_t w : walked)
    m_forced[w] = answer;
  return answer == 1;
}

// Breadth-first from the root over the facts: the first fact found to reach each package.
void FactGraph::find_paths() {
  std::vector<std::uint32_t> by_depender(m_facts.size());
  for (std::uint32_t f = 0; f < size(); ++f)
    by_depender[f] = f;
  std::stable_sort(by_depender.begin(), by_depender.end(), [&](std::uint32_t a, std::uint32_t b) {
    return fact(a).depender < fact(b).depender;
  });
  std::vector<PackageId> frontier{m_universe.root()};
  m_reached_by[m_universe.root()] = k_none;
  for (std::size_t i = 0; i < frontier.size(); ++i) {
    auto first =
        std::lower_bound(by_depender.begin(), by_depender.end(), frontier[i],
                         [&](std::uint32_t f, PackageId p) { return fact(f).depender < p; });
    for (auto it = first; it != by_depender.end() && fact(*it).depender == frontier[i]; ++it) {
      if (m_reached_by.count(fact(*it).target)) continue;
      m_reached_by[fact(*it).target] = *it;
      frontier.push_back(fact(*it).target);
    }
  }
}

std::vector<std::uint32_t> FactGraph::path_facts(PackageId p) const {
  std::vector<std::uint32_t> chain;
  for (auto it = m_reached_by.find(p); it != m_reached_by.end() && it->second != k_none;
       it = m_reached_by.find(fact(it->second).depender)) {
    chain.push_back(it->second);
    if (chain.size() > m_facts.size()) break;
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

std::uint32_t FactGraph::root_fact_of(std::uint32_t f) const {
  if (from_root(f)) return f;
  std::vector<std::uint32_t> chain = path_facts(fact(f).depender);
  return chain.empty() ? k_none : chain.front();
}

// The versions of fact f's depender that impose f and that its path allows.
VersionSet FactGraph::imposer_versions(std::uint32_t f) const {
  VersionSet versions = fact(f).versions;
  if (from_root(f)) return versions;
  auto in = m_reached_by.find(fact(f).depender);
  if (in != m_reached_by.end() && in->second != k_none) {
    versions &= fact(in->second).allowed;
    if (versions.empty()) versions = fact(f).versions;
  }
  return versions;
}

// The dependency path to the depender of fact f: "myapp", "netlib 1.4.0", ...
std::vector<std::string> FactGraph::path_to_depender(std::uint32_t f) {
  std::vector<std::string> path{std::string(m_universe.name(m_universe.root()))};
  if (from_root(f)) return path;
  std::vector<std::uint32_t> chain = path_facts(fact(f).depender);
  for (std::size_t i = 0; i + 1 < chain.size(); ++i) {
    // The versions the link allows that lead on to the next link.
    VersionSet versions = fact(chain[i]).allowed;
    versions &= fact(chain[i + 1]).versions;
    if (versions.empty()) versions = fact(chain[i]).allowed;
    path.push_back(m_wording.path_element(fact(chain[i]).target, versions));
  }
  path.push_back(m_wording.path_element(fact(f).depender, imposer_versions(f)));
  return path;
}

ConstraintOrigin FactGraph::origin_of(std::uint32_t f) {
  ConstraintOrigin c;
  const DependencyGroup& g = fact(f);
  c.package = std::string(m_universe.name(g.target));
  c.range = m_universe.range_text(g);
  c.path = path_to_depender(f);
  const RootRequirement* root = m_universe.root_requirement(g);
  if (root) {
    c.imposed_by = root->origin.empty() ? c.path.back() : root->origin;
  } else {
    c.imposed_by = m_wording.subject(g.depender, imposer_versions(f));
  }
  return c;
}

const semver::Range& FactGraph::range_of(std::uint32_t f) const {
  const RootRequirement* root = m_universe.root_requirement(fact(f));
  return root ? root->range : m_universe.set().range(fact(f).range);
}

std::string FactGraph::requirement(std::uint32_t root_fact) const {
  std::string out(m_universe.name(fact(root_fact).target));
  if (relaxable(root_fact)) out += " " + m_universe.range_text(fact(root_fact));
  return out + where(root_fact);
}

std::string FactGraph::where(std::uint32_t root_fact) const {
  const RootRequirement* root = m_universe.root_requirement(fact(root_fact));
  return root && !root->origin.empty() ? " (" + root->origin + ")" : "";
}

bool FactGraph::relaxable(std::uint32_t root_fact) const {
  const std::string& range = m_universe.range_text(fact(root_fact));
  return !range.empty() && range != "*";
}

}  // namespace pinset::resolve
