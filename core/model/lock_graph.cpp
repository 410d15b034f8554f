#include "core/model/lock_graph.hpp"

#include <algorithm>
#include <deque>

namespace pinset::model {

namespace {
constexpr std::size_t npos = static_cast<std::size_t>(-1);
constexpr std::size_t k_root = npos - 1;  // a root's parent in breadth_first()
const std::vector<std::string> k_none;
}  // namespace

LockGraph::LockGraph(const Manifest& manifest, const Lock& lock) {
  for (const LockedPackage& p : lock.packages)
    m_names.push_back(lock.key_of(p));
  std::sort(m_names.begin(), m_names.end());
  m_names.erase(std::unique(m_names.begin(), m_names.end()), m_names.end());
  m_deps.resize(m_names.size());
  m_dep_index.resize(m_names.size());
  for (const LockedPackage& p : lock.packages) {
    std::size_t i = index_of(lock.key_of(p));
    for (const std::string& d : p.dependencies) {
      std::size_t j = index_of(d);
      if (j == npos) continue;
      m_deps[i].push_back(d);
    }
    std::sort(m_deps[i].begin(), m_deps[i].end());
    m_deps[i].erase(std::unique(m_deps[i].begin(), m_deps[i].end()), m_deps[i].end());
    for (const std::string& d : m_deps[i])
      m_dep_index[i].push_back(index_of(d));
  }
  for (const RootDependency& r : manifest.dependencies) {
    if (const LockedPackage* p = root_choice(lock, r)) m_roots.push_back(lock.key_of(*p));
  }
  std::sort(m_roots.begin(), m_roots.end());
  m_roots.erase(std::unique(m_roots.begin(), m_roots.end()), m_roots.end());
}

const LockedPackage* root_choice(const Lock& lock, const RootDependency& dependency) {
  const LockedPackage* first = lock.find(dependency.name);
  if (first == nullptr) return nullptr;
  const LockedPackage* end = lock.packages.data() + lock.packages.size();
  const LockedPackage* best = nullptr;
  const LockedPackage* last = first;
  for (const LockedPackage* p = first; p < end && p->name == dependency.name; ++p) {
    last = p;
    if (dependency.range.scheme() == p->version.scheme() && dependency.range.satisfies(p->version))
      best = p;
  }
  return best != nullptr ? best : last;
}

std::size_t LockGraph::index_of(std::string_view name) const {
  auto it = std::lower_bound(m_names.begin(), m_names.end(), name);
  return it != m_names.end() && *it == name ? static_cast<std::size_t>(it - m_names.begin()) : npos;
}

bool LockGraph::contains(std::string_view name) const {
  return index_of(name) != npos;
}

bool LockGraph::is_root(std::string_view name) const {
  return std::binary_search(m_roots.begin(), m_roots.end(), name);
}

const std::vector<std::string>& LockGraph::dependencies_of(std::string_view name) const {
  std::size_t i = index_of(name);
  return i == npos ? k_none : m_deps[i];
}

std::vector<std::string> LockGraph::dependents_of(std::string_view name) const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < m_names.size(); ++i) {
    if (std::binary_search(m_deps[i].begin(), m_deps[i].end(), name)) out.push_back(m_names[i]);
  }
  return out;
}

PathSearch LockGraph::find_paths(std::string_view name, std::size_t limit) const {
  PathSearch out;
  std::size_t target = index_of(name);
  if (target == npos || limit == 0) return out;
  // Nodes that cannot reach the target are pruned: reverse reachability, one breadth-first walk
  // over the reversed edges.
  std::vector<std::vector<std::size_t>> reverse(m_names.size());
  std::size_t edges = 0;
  for (std::size_t i = 0; i < m_names.size(); ++i) {
    for (std::size_t j : m_dep_index[i])
      reverse[j].push_back(i);
    edges += m_dep_index[i].size();
  }
  std::vector<char> reaches(m_names.size(), 0);
  std::deque<std::size_t> queue{target};
  reaches[target] = 1;
  while (!queue.empty()) {
    std::size_t i = queue.front();
    queue.pop_front();
    for (std::size_t j : reverse[i]) {
      if (!reaches[j]) reaches[j] = 1, queue.push_back(j);
    }
  }
  // Depth-first enumeration of simple paths from each root, with an explicit stack (a chain of
  // 100,000 packages must not exhaust the call stack); `on_path` keeps paths simple (the lock may
  // hold a cycle). It stops after `cap` paths, or after a step budget linear in the graph's size
  // (a dense graph has exponentially many paths); the result is then sorted and cut to `limit`.
  const std::size_t cap = std::max<std::size_t>(limit * 16, 1024);
  const std::size_t budget = 64 * (m_names.size() + edges) + 4096;
  std::size_t steps = 0;
  std::size_t hops = 0;  // names copied into paths: the output is bounded too
  std::vector<char> on_path(m_names.size(), 0);
  struct Frame {
    std::size_t node;
    std::size_t next = 0;  // the index of the next dependency to try
  };
  std::vector<Frame> stack;
  std::vector<std::vector<std::string>> found;
  auto emit = [&] {
    std::vector<std::string> names;
    names.reserve(stack.size());
    for (const Frame& f : stack)
      names.push_back(m_names[f.node]);
    hops += names.size();
    found.push_back(std::move(names));
  };
  auto stopped = [&] { return found.size() >= cap || steps >= budget || hops >= budget; };
  for (const std::string& root : m_roots) {
    std::size_t r = index_of(root);
    if (!reaches[r] || stopped()) continue;
    stack.push_back(Frame{r});
    on_path[r] = 1;
    if (r == target) emit();
    while (!stack.empty()) {
      Frame& f = stack.back();
      const auto& deps = m_dep_index[f.node];
      if (f.node == target || f.next == deps.size() || stopped()) {
        on_path[f.node] = 0;
        stack.pop_back();
        continue;
      }
      std::size_t next = deps[f.next++];
      ++steps;
      if (on_path[next] || !reaches[next]) continue;
      stack.push_back(Frame{next});  // invalidates f
      on_path[next] = 1;
      if (next == target) emit();
    }
  }
  out.complete = !stopped();
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  if (!out.complete) {
    // The enumeration was cut short, so a shortest path may be missing: make sure one leads.
    std::vector<std::string> shortest = shortest_path(name);
    if (found.empty() || found.front().size() > shortest.size()) {
      found.insert(found.begin(), std::move(shortest));
    }
  }
  out.found = found.size();
  if (found.size() > limit) found.resize(limit);
  out.paths = std::move(found);
  return out;
}

std::vector<std::vector<std::string>> LockGraph::paths_to(std::string_view name,
                                                          std::size_t limit) const {
  return find_paths(name, limit).paths;
}

std::vector<std::size_t> LockGraph::breadth_first(std::size_t target) const {
  std::vector<std::size_t> parent(m_names.size(), npos);
  std::deque<std::size_t> queue;
  for (const std::string& r : m_roots) {
    std::size_t i = index_of(r);
    parent[i] = k_root;
    queue.push_back(i);
  }
  while (!queue.empty() && (target == npos || parent[target] == npos)) {
    std::size_t i = queue.front();
    queue.pop_front();
    for (std::size_t j : m_dep_index[i]) {
      if (parent[j] == npos) {
        parent[j] = i;
        queue.push_back(j);
      }
    }
  }
  return parent;
}

std::vector<std::string> LockGraph::shortest_path(std::string_view name) const {
  std::size_t target = index_of(name);
  if (target == npos) return {};
  std::vector<std::size_t> parent = breadth_first(target);
  if (parent[target] == npos) return {};
  std::vector<std::string> path;
  for (std::size_t i = target; i != k_root; i = parent[i])
    path.push_back(m_names[i]);
  std::reverse(path.begin(), path.end());
  return path;
}

std::vector<std::string> LockGraph::unreachable() const {
  std::vector<std::size_t> parent = breadth_first(npos);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < m_names.size(); ++i) {
    if (parent[i] == npos) out.push_back(m_names[i]);
  }
  return out;
}

}  // namespace pinset::model
