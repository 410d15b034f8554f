#include "core/resolve/explain.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "core/resolve/derivation.hpp"
#include "core/resolve/fact_graph.hpp"
#include "core/resolve/wording.hpp"

namespace pinset::resolve {

namespace {

// Whether some version could satisfy every range: tries each bound the ranges name and the
// versions just above it. A version found is a witness; when none is, the ranges are (for every
// practical range) disjoint, and asking the curators for a version matching all would be futile.
bool can_meet_all(const std::vector<const semver::Range*>& ranges) {
  std::vector<semver::Version> probes{semver::Version(0, 0, 0)};
  for (const semver::Range* r : ranges) {
    for (const auto& set : r->sets()) {
      for (const semver::Comparator& c : set) {
        const semver::Version& v = c.version;
        probes.push_back(v);
        probes.emplace_back(v.major(), v.minor(), v.patch());
        probes.emplace_back(v.major(), v.minor(), v.patch() + 1);
        probes.emplace_back(v.major(), v.minor() + 1, 0);
        probes.emplace_back(v.major() + 1, 0, 0);
      }
    }
  }
  return std::any_of(probes.begin(), probes.end(), [&](const semver::Version& v) {
    return std::all_of(ranges.begin(), ranges.end(),
                       [&](const semver::Range* r) { return r->satisfies(v); });
  });
}

class Explainer {
 public:
  Explainer(Universe& universe, const IncompatibilityStore& store, std::uint32_t failure,
            const RelaxCheck& relaxing_helps)
      : m_universe(universe),
        m_relaxing_helps(relaxing_helps),
        m_store(store),
        m_wording(universe, store),
        m_failure(failure),
        m_graph(universe, m_wording, store, failure) {}

  Unsolvable run() {
    Unsolvable out;
    out.set_name = m_universe.set().name;
    if (not_in_set(out) || no_vetted_version(out)) return out;
    conflict(out);
    return out;
  }

 private:
  const DependencyGroup& fact(std::uint32_t f) const { return m_graph.fact(f); }
  std::string name(PackageId p) const { return std::string(m_universe.name(p)); }
  bool from_root(std::uint32_t f) const { return m_graph.from_root(f); }

  static void add_once(std::vector<std::string>& items, std::string item) {
    if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
  }

  bool not_in_set(Unsolvable& out) {
    std::vector<std::uint32_t> missing;
    for (std::uint32_t f = 0; f < m_graph.size(); ++f) {
      if (!m_universe.in_set(fact(f).target)) missing.push_back(f);
    }
    if (missing.size() != 1 || !m_graph.forced(missing[0])) return false;
    std::uint32_t f = missing[0];
    std::vector<std::uint32_t> chain = m_graph.path_facts(fact(f).depender);
    if (chain.size() + 1 != m_graph.size()) return false;  // more is going on than one chain
    out.code = codes::not_in_set;
    out.package = name(fact(f).target);
    out.constraints.push_back(m_graph.origin_of(f));
    out.path = out.constraints.back().path;
    out.path.push_back(out.package);
    std::string ask =
        "ask the set's curators to add " + out.package + " or use a newer set that has it, or ";
    if (from_root(f)) {
      out.hint = ask + "remove it from the manifest" + m_graph.where(f);
    } else {
      out.hint = ask + "change or drop the requirement " + m_graph.requirement(chain.front()) +
                 ", which pulls it in";
    }
    return true;
  }

  bool no_vetted_version(Unsolvable& out) {
    PackageId target = k_none;
    for (std::uint32_t f = 0; f < m_graph.size(); ++f) {
      const DependencyGroup& g = fact(f);
      if (!m_universe.in_set(g.target) || !m_graph.forced(f)) return false;
      if (m_universe.is_proxy(g.target)) return false;
      if (m_graph.imposes(g.target)) continue;  // a link on the way, not the end
      if (target != k_none && target != g.target) return false;
      target = g.target;
    }
    if (target == k_none) return false;
    VersionSet common = VersionSet::all(m_universe.size(target));
    std::vector<std::uint32_t> on_target;
    for (std::uint32_t f = 0; f < m_graph.size(); ++f) {
      if (fact(f).target != target) continue;
      common &= fact(f).allowed;
      on_target.push_back(f);
    }
    if (!common.empty()) return false;  // some version would do: the failure is elsewhere

    out.code = codes::no_vetted_version;
    out.package = name(target);
    out.versions = m_wording.versions(target);
    // The manifest's own constraints first (in manifest order), then by depth and imposer.
    std::stable_sort(on_target.begin(), on_target.end(), [&](std::uint32_t a, std::uint32_t b) {
      auto key = [&](std::uint32_t f) {
        const RootRequirement* r = m_universe.root_requirement(fact(f));
        return std::make_tuple(m_graph.path_facts(fact(f).depender).size() + (r ? 0 : 1),
                               r ? fact(f).range : 0u, name(fact(f).depender));
      };
      return key(a) < key(b);
    });
    std::vector<std::string> relax;
    std::vector<std::string> dependents;
    std::vector<const semver::Range*> ranges;
    for (std::uint32_t f : on_target) {
      out.constraints.push_back(m_graph.origin_of(f));
      ranges.push_back(&m_graph.range_of(f));
      if (!from_root(f)) add_once(dependents, name(fact(f).depender));
      std::uint32_t root_fact = m_graph.root_fact_of(f);
      if (root_fact != k_none && worth_relaxing(root_fact))
        add_once(relax, m_graph.requirement(root_fact));
    }
    out.path = out.constraints.front().path;
    out.path.push_back(out.package);
    // When the one constraint is the manifest's own range on the package, relaxing it can only help
    // by allowing a version the set lists.
    bool relax_self = on_target.size() == 1 && from_root(on_target.front()) && !relax.empty();
    std::string relax_part;
    if (!relax.empty()) {
      relax_part =
          "relax " + join_list(relax, " or ") + (relax_self ? " to allow a listed version" : "");
    }
    // Listed prereleases every range would allow but for the prerelease rule: say so, since
    // relaxing the range to a wider release range cannot help.
    std::vector<std::string> prereleases;
    for (std::uint32_t bit = m_universe.size(target); bit-- > 0;) {
      const semver::Version& v = m_universe.entry(target, bit).version;
      if (!v.is_prerelease()) continue;
      bool all = std::all_of(ranges.begin(), ranges.end(), [&](const semver::Range* r) {
        return r->satisfies_including_prerelease(v);
      });
      if (all) prereleases.push_back(v.str());
    }
    if (!prereleases.empty()) {
      out.hint = "only prereleases of " + out.package + " satisfy " +
                 (on_target.size() == 1 ? out.constraints.front().range
                                        : std::string("every constraint listed")) +
                 " (" + join_list(prereleases, " and ") +
                 "), and a range allows a prerelease only when one of its comparators names a "
                 "prerelease of the same major.minor.patch: write it into the range (e.g. \">=" +
                 prereleases.back() +
                 "\"), or declare the set's `versioning` if these are not "
                 "SemVer prereleases (\"2.1.12-stable\" is a release in the debian scheme)";
    } else if (can_meet_all(ranges)) {
      std::string wanted = on_target.size() == 1 ? out.constraints.front().range
                                                 : std::string("every constraint listed");
      out.hint = (relax_part.empty() ? "" : relax_part + "; otherwise ") +
                 "ask the set's curators for a version of " + out.package + " that satisfies " +
                 wanted + ", or use a newer set that has one";
    } else {
      std::vector<std::string> options;
      if (!relax_part.empty()) options.push_back(relax_part);
      if (!dependents.empty()) {
        options.push_back("ask the set's curators for versions of " +
                          join_list(dependents, " or ") + " that agree on " + out.package +
                          " (or use a newer set)");
      }
      out.hint = "no version of " + out.package + " can satisfy every constraint listed";
      if (!options.empty()) out.hint += ": " + join_list(options, ", or ");
    }
    return true;
  }

  void conflict(Unsolvable& out) {
    out.code = codes::conflict;
    // The package most constrained is what the conflict is about.
    std::unordered_map<PackageId, std::size_t> targeted;
    std::size_t best = 0;
    PackageId focus = k_none;
    for (std::uint32_t f = 0; f < m_graph.size(); ++f) {
      if (++targeted[fact(f).target] > best) {
        best = targeted[fact(f).target];
        focus = fact(f).target;
      }
    }
    if (focus != k_none) out.package = name(focus);
    // Constraints: the manifest's, those on the focus and those on missing names; the derivation
    // says the rest (a path per fact would grow with the square of a deep chain).
    std::vector<std::string> relax;
    std::vector<std::string> missing;
    for (std::uint32_t f = 0; f < m_graph.size(); ++f) {
      PackageId t = fact(f).target;
      bool in_set = m_universe.in_set(t);
      if (from_root(f) || t == focus || !in_set) out.constraints.push_back(m_graph.origin_of(f));
      if (from_root(f) && worth_relaxing(f)) add_once(relax, m_graph.requirement(f));
      if (!in_set) add_once(missing, name(t));
    }
    out.derivation = derivation_lines(m_wording, m_store, m_failure);
    std::string ask = missing.empty()
                          ? "ask the set's curators for versions that work together, or use a "
                            "newer set"
                          : "ask the set's curators to add " + join_list(missing, " and ") +
                                " or use a newer set that has " +
                                (missing.size() == 1 ? "it" : "them");
    out.hint = relax.empty() ? ask : "relax " + join_list(relax, " or ") + "; otherwise " + ask;
  }

  // A root fact whose range could be relaxed, and relaxing it (to any version) would resolve.
  bool worth_relaxing(std::uint32_t root_fact) {
    if (!m_graph.relaxable(root_fact)) return false;
    const RootRequirement* root = m_universe.root_requirement(fact(root_fact));
    if (root == nullptr) return false;
    std::size_t index = m_universe.root_index(*root);
    auto known = m_checked.find(index);
    if (known != m_checked.end()) return known->second;
    return m_checked[index] = m_relaxing_helps(index);
  }

  Universe& m_universe;
  const RelaxCheck& m_relaxing_helps;
  std::unordered_map<std::size_t, bool> m_checked;
  const IncompatibilityStore& m_store;
  Wording m_wording;
  std::uint32_t m_failure;
  FactGraph m_graph;
};

}  // namespace

Unsolvable explain(Universe& universe, const IncompatibilityStore& store, std::uint32_t failure,
                   const RelaxCheck& relaxing_helps) {
  return Explainer(universe, store, failure, relaxing_helps).run();
}

}  // namespace pinset::resolve
