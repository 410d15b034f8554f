#include "core/curate/validate.hpp"

#include <algorithm>
#include <deque>

#include "core/curate/set_compare.hpp"
#include "core/doc/node.hpp"

namespace pinset::curate {

namespace {

std::string versions_text(const model::Package& package) {
  std::string out;
  for (const model::Entry* e : entries_by_version(package)) {
    if (!out.empty()) out += ", ";
    out += e->version.str();
  }
  return out;
}

Error unsatisfied(const model::PackageSet& set, const model::Package& package, std::size_t index,
                  const model::DependencyRef& dep) {
  const model::Entry& entry = package.entries[index];
  std::string name(set.name_of(package.name));
  std::string target(set.name_of(dep.name));
  const std::string& range = set.range(dep.range).text();
  std::string field = doc::join_field(
      doc::join_field(doc::index_field(doc::join_field("packages", name), index), "dependencies"),
      target);
  Location where{set.source, entry.line, 0, field};
  std::string head = name + " " + entry.version.str() + " depends on " + target + " " + range;
  if (const model::Package* have = set.find(dep.name)) {
    return Error(codes::unsatisfied_dependency,
                 head + ", but no version of " + target + " in the set satisfies it (the set has " +
                     versions_text(*have) + ")",
                 std::move(where),
                 "add a version of " + target + " that satisfies " + range +
                     " to the set, or widen the range");
  }
  return Error(codes::unsatisfied_dependency, head + ", but the set has no " + target,
               std::move(where), "add " + target + " to the set, or remove the dependency");
}

// Packages (indices into set.packages()) that depend on each other in a ring: Tarjan's strongly
// connected components, iteratively (a generated set can have long chains).
std::vector<std::vector<std::size_t>> cycles(const std::vector<std::vector<std::size_t>>& edges) {
  std::size_t n = edges.size();
  std::vector<int> index(n, -1), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<std::size_t> stack;
  std::vector<std::vector<std::size_t>> out;
  int counter = 0;
  for (std::size_t root = 0; root < n; ++root) {
    if (index[root] >= 0) continue;
    std::vector<std::pair<std::size_t, std::size_t>> work{{root, 0}};
    while (!work.empty()) {
      auto& [v, next] = work.back();
      if (next == 0 && index[v] < 0) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        on_stack[v] = true;
      }
      if (next < edges[v].size()) {
        std::size_t w = edges[v][next++];
        if (index[w] < 0) {
          work.emplace_back(w, 0);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        std::vector<std::size_t> component;
        std::size_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          component.push_back(w);
        } while (w != v);
        bool self = std::find(edges[v].begin(), edges[v].end(), v) != edges[v].end();
        if (component.size() > 1 || self) {
          std::sort(component.begin(), component.end());
          out.push_back(std::move(component));
        }
      }
      std::size_t done = v;
      work.pop_back();
      if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[done]);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The shortest ring from the component's first package back to itself, inside the component.
std::vector<std::size_t> ring(const std::vector<std::vector<std::size_t>>& edges,
                              const std::vector<std::size_t>& component) {
  std::size_t start = component.front();
  std::vector<std::ptrdiff_t> parent(edges.size(), -1);
  std::deque<std::size_t> queue{start};
  while (!queue.empty()) {
    std::size_t v = queue.front();
    queue.pop_front();
    for (std::size_t w : edges[v]) {
      if (!std::binary_search(component.begin(), component.end(), w)) continue;
      if (w == start) {
        std::vector<std::size_t> path;
        for (std::size_t at = v; at != start; at = static_cast<std::size_t>(parent[at]))
          path.push_back(at);
        path.push_back(start);
        std::reverse(path.begin(), path.end());
        path.push_back(start);
        return path;
      }
      if (parent[w] >= 0) continue;
      parent[w] = static_cast<std::ptrdiff_t>(v);
      queue.push_back(w);
    }
  }
  return {start, start};
}

}  // namespace

Validation validate_set(const model::PackageSet& set) {
  Validation out;
  const auto& packages = set.packages();
  std::vector<std::vector<std::size_t>> edges(packages.size());
  for (std::size_t p = 0; p < packages.size(); ++p) {
    const model::Package& package = packages[p];
    for (std::size_t i = 0; i < package.entries.size(); ++i) {
      for (const model::DependencyRef& dep : package.entries[i].dependencies) {
        const model::Package* target = set.find(dep.name);
        const semver::Range& range = set.range(dep.range);
        bool ok = target != nullptr &&
                  std::any_of(target->entries.begin(), target->entries.end(),
                              [&](const model::Entry& e) { return range.satisfies(e.version); });
        if (!ok) out.errors.push_back(unsatisfied(set, package, i, dep));
        if (target != nullptr) {
          auto t = static_cast<std::size_t>(target - packages.data());
          if (std::find(edges[p].begin(), edges[p].end(), t) == edges[p].end()) {
            edges[p].push_back(t);
          }
        }
      }
    }
  }
  for (auto& e : edges)
    std::sort(e.begin(), e.end());
  for (const auto& component : cycles(edges)) {
    std::vector<std::size_t> path = ring(edges, component);
    std::string text;
    for (std::size_t v : path) {
      if (!text.empty()) text += " -> ";
      text += set.name_of(packages[v].name);
    }
    const model::Package& first = packages[path.front()];
    int line = first.entries.empty() ? 0 : first.entries.front().line;
    std::string field = doc::join_field("packages", set.name_of(first.name));
    out.warnings.emplace_back(codes::dependency_cycle, "dependency cycle: " + text,
                              Location{set.source, line, 0, field},
                              "packages in a cycle can only be upgraded together; break the cycle "
                              "if you can");
  }
  return out;
}

}  // namespace pinset::curate
