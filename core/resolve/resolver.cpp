#include "core/resolve/resolver.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <set>

#include "core/resolve/explain.hpp"
#include "core/resolve/solver.hpp"
#include "core/resolve/universe.hpp"
#include "core/resolve/wording.hpp"

namespace pinset::resolve {

namespace {

// At most this many problems are reported in one pass (the first and the independent others),
// and at most this many relaxations are checked by resolving again.
constexpr std::size_t k_max_problems = 10;
constexpr std::size_t k_max_relax_checks = 16;

std::optional<Solution> solve(const model::PackageSet& set,
                              const std::vector<RootRequirement>& roots, const Options& options) {
  Universe universe(set, roots, options);
  Solver solver(universe);
  if (!solver.run()) return std::nullopt;
  return solver.solution();
}

// The manifest's dependencies a problem stands on: those it constrains directly and the first
// step of each dependency path it names.
std::set<std::string> roots_involved(const Unsolvable& problem) {
  std::set<std::string> out;
  auto add_path = [&](const std::vector<std::string>& path) {
    if (path.size() > 1) out.insert(path[1].substr(0, path[1].find(' ')));
  };
  for (const ConstraintOrigin& c : problem.constraints) {
    if (c.path.size() <= 1) out.insert(c.package);
    add_path(c.path);
  }
  add_path(problem.path);
  return out;
}

// When one version per name is what stands in the way: the opt-in that resolves, checked.
void suggest_multiple_versions(const model::PackageSet& set,
                               const std::vector<RootRequirement>& roots, const Options& options,
                               Unsolvable& problem) {
  if (problem.code != codes::no_vetted_version && problem.code != codes::conflict) return;
  if (problem.package.empty() || options.multiple_versions.allows(problem.package)) return;
  auto model_id = set.id_of(problem.package);
  if (!model_id) return;
  for (auto rule : {MultipleVersions::Rule::major, MultipleVersions::Rule::any}) {
    Options trial = options;
    trial.multiple_versions.enabled = true;
    trial.multiple_versions.rule = rule;
    if (options.multiple_versions.enabled) {
      if (options.multiple_versions.rule != rule) continue;  // one rule for the project
      trial.multiple_versions.names.push_back(problem.package);
      std::sort(trial.multiple_versions.names.begin(), trial.multiple_versions.names.end());
    } else {
      trial.multiple_versions.names = {problem.package};
    }
    auto solution = solve(set, roots, trial);
    if (!solution) continue;
    std::vector<std::string> versions;
    std::vector<std::string> lines;
    for (const ResolvedPackage& r : solution->packages) {
      if (r.name != *model_id) continue;
      const auto& v = set.find(r.name)->entries[r.entry_index].version;
      versions.push_back(v.str());
      lines.push_back(semver::compatibility_line(v));
    }
    std::string names = join_list(trial.multiple_versions.names, ", ");
    std::string rule_name = rule == MultipleVersions::Rule::major ? "major" : "any";
    std::string opt_in = "write `multiple-versions: {rule: " + rule_name + ", packages: [" + names +
                         "]}` in the manifest: the project then resolves with " + problem.package +
                         " " + join_list(versions, " and ") + " side by side";
    bool shared = std::adjacent_find(lines.begin(), lines.end()) != lines.end();
    if (rule == MultipleVersions::Rule::any && shared) {
      opt_in += " (they share the compatibility line " + lines.front() +
                ", so `rule: major` is not enough)";
    }
    std::string why = options.multiple_versions.enabled
                          ? "multiple-versions does not cover " + problem.package
                          : "one version per name is the rule";
    problem.hint = why + "; " + opt_in + (problem.hint.empty() ? "" : "; or " + problem.hint);
    return;
  }
}

}  // namespace

std::variant<Solution, Unsolvable> resolve(const model::PackageSet& set,
                                           const std::vector<RootRequirement>& roots,
                                           const Options& options) {
  // A failed search, kept for its explanation. The first uses the caller's roots (no copy when
  // all is well); the others their own, which must not move while the universe refers to them.
  struct Round {
    std::vector<RootRequirement> own_roots;
    const std::vector<RootRequirement>* roots = nullptr;
    std::unique_ptr<Universe> universe;
    std::unique_ptr<Solver> solver;
    std::set<std::string> involved;  // the manifest's dependencies the problem stands on
  };
  // First every problem: each round sets aside the manifest's dependencies the problem before
  // stood on and resolves the rest, so what fails then fails independently of it.
  std::vector<std::unique_ptr<Round>> rounds;
  const RelaxCheck unchecked = [](std::size_t) { return true; };
  while (rounds.size() < k_max_problems) {
    auto round = std::make_unique<Round>();
    if (rounds.empty()) {
      round->roots = &roots;
    } else {
      const Round& last = *rounds.back();
      for (const RootRequirement& r : *last.roots) {
        if (!last.involved.count(r.name)) round->own_roots.push_back(r);
      }
      if (round->own_roots.size() == last.roots->size() || round->own_roots.empty()) break;
      round->roots = &round->own_roots;
    }
    round->universe = std::make_unique<Universe>(set, *round->roots, options);
    round->solver = std::make_unique<Solver>(*round->universe);
    if (round->solver->run()) {
      if (rounds.empty()) return round->solver->solution();
      break;
    }
    round->involved = roots_involved(
        explain(*round->universe, round->solver->store(), round->solver->failure(), unchecked));
    rounds.push_back(std::move(round));
  }
  // Then each explanation, whose suggestions are checked: a change is suggested only when,
  // with the other problems' dependencies set aside, the project then resolves.
  std::optional<Unsolvable> first;
  for (std::size_t k = 0; k < rounds.size(); ++k) {
    Round& round = *rounds[k];
    std::vector<RootRequirement> base;
    for (const RootRequirement& r : roots) {
      bool elsewhere = false;
      for (std::size_t j = 0; j < rounds.size(); ++j)
        elsewhere = elsewhere || (j != k && rounds[j]->involved.count(r.name) > 0);
      if (!elsewhere || round.involved.count(r.name) > 0) base.push_back(r);
    }
    const std::vector<RootRequirement>& found_with = *round.roots;
    std::size_t checks = 0;
    RelaxCheck relaxing_helps = [&](std::size_t index) {
      if (++checks > k_max_relax_checks) return false;
      auto any = semver::Range::parse("*", found_with[index].range.scheme());
      if (!any) return true;  // cannot say: keep the suggestion
      std::vector<RootRequirement> relaxed = base;
      for (RootRequirement& r : relaxed) {
        if (r.name == found_with[index].name) r.range = *any;
      }
      return solve(set, relaxed, options).has_value();
    };
    Unsolvable problem =
        explain(*round.universe, round.solver->store(), round.solver->failure(), relaxing_helps);
    suggest_multiple_versions(set, base, options, problem);
    if (!first) {
      first = std::move(problem);
    } else {
      first->also.push_back(std::move(problem));
    }
  }
  return std::move(*first);
}

}  // namespace pinset::resolve
