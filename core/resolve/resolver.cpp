#include "core/resolve/resolver.hpp"

#include <algorithm>
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
  // First every problem: each round sets aside the manifest's dependencies the problem before
  // stood on and resolves the rest, so what fails then fails independently of it.
  std::vector<std::vector<RootRequirement>> rounds;  // the roots each problem was found with
  std::vector<std::set<std::string>> involved;       // the roots each problem stands on
  std::vector<RootRequirement> current;
  const RelaxCheck unchecked = [](std::size_t) { return true; };
  while (rounds.size() < k_max_problems) {
    // The first round resolves the caller's roots as they are (no copy when all is well).
    const std::vector<RootRequirement>& these = rounds.empty() ? roots : current;
    Universe universe(set, these, options);
    Solver solver(universe);
    if (solver.run()) {
      if (rounds.empty()) return solver.solution();
      break;
    }
    rounds.push_back(these);
    involved.push_back(
        roots_involved(explain(universe, solver.store(), solver.failure(), unchecked)));
    current = rounds.back();
    std::size_t before = current.size();
    std::erase_if(current,
                  [&](const RootRequirement& r) { return involved.back().count(r.name) > 0; });
    if (current.size() == before || current.empty()) break;
  }
  // Then each explanation, whose suggestions are checked: a change is suggested only when,
  // with the other problems' dependencies set aside, the project then resolves.
  std::optional<Unsolvable> first;
  for (std::size_t k = 0; k < rounds.size(); ++k) {
    std::vector<RootRequirement> base;
    for (const RootRequirement& r : roots) {
      bool elsewhere = false;
      for (std::size_t j = 0; j < involved.size(); ++j)
        elsewhere = elsewhere || (j != k && involved[j].count(r.name) > 0);
      if (!elsewhere || involved[k].count(r.name) > 0) base.push_back(r);
    }
    const std::vector<RootRequirement>& found_with = rounds[k];
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
    Universe universe(set, found_with, options);
    Solver solver(universe);
    solver.run();
    Unsolvable problem = explain(universe, solver.store(), solver.failure(), relaxing_helps);
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
