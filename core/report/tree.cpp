#include "core/report/tree.hpp"

#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/lock_graph.hpp"
#include "core/report/edge_ranges.hpp"

namespace pinset::report {

namespace {

struct Line {
  std::size_t depth = 0;  // 0: a dependency of the project
  bool last = false;      // the last child of its parent
  bool repeated = false;  // has dependencies, shown at an earlier line
  bool expanded = false;  // its dependencies follow, one level deeper
  std::string name;
  std::string version;
  std::string range;
  std::string origin;  // "set" or "overlay", as the lock says
};

// The tree in display order, depth first. Iterative, so a very deep graph cannot exhaust the
// stack.
std::vector<Line> walk(const ReportInput& input) {
  model::LockGraph graph(input.manifest, input.lock);
  EdgeRanges ranges(input);
  struct Frame {
    std::string parent;  // "" is the project
    const std::vector<std::string>* children;
    std::size_t next = 0;
  };
  std::vector<Line> lines;
  std::set<std::string, std::less<>> expanded;
  std::vector<Frame> stack{Frame{"", &graph.roots()}};
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next == f.children->size()) {
      stack.pop_back();
      continue;
    }
    const std::string& name = (*f.children)[f.next++];
    const auto& deps = graph.dependencies_of(name);
    const model::LockedPackage* p = input.lock.find(name);
    Line line;
    line.depth = stack.size() - 1;
    line.last = f.next == f.children->size();
    line.name = name;
    line.version = p != nullptr ? p->version.str() : std::string();
    line.origin = p != nullptr ? p->origin : std::string("set");
    line.range = std::string(ranges.range(f.parent, name));
    line.repeated = !deps.empty() && expanded.count(name) > 0;
    line.expanded = !deps.empty() && !line.repeated;
    lines.push_back(std::move(line));
    if (lines.back().expanded) {
      expanded.insert(name);
      stack.push_back(Frame{name, &deps});  // invalidates f
    }
  }
  return lines;
}

}  // namespace

std::string tree_text(const ReportInput& input) {
  std::string out = input.manifest.name + "\n";
  std::vector<bool> last_at;  // per depth: was the line at that depth the last child
  for (const Line& l : walk(input)) {
    last_at.resize(l.depth + 1);
    last_at[l.depth] = l.last;
    for (std::size_t d = 0; d < l.depth; ++d)
      out += last_at[d] ? "    " : "\u2502   ";
    out += l.last ? "\u2514\u2500\u2500 " : "\u251c\u2500\u2500 ";
    out += l.name + "@" + l.version;
    if (!l.range.empty()) out += " (" + l.range + ")";
    if (l.origin == "overlay") out += " [overlay]";
    if (l.repeated) out += " (dependencies shown above)";
    out += '\n';
  }
  return out;
}

std::string tree_json(const ReportInput& input) {
  using Json = nlohmann::ordered_json;
  Json root = {{"project", input.manifest.name}, {"dependencies", Json::array()}};
  // open[d]: the array that takes lines of depth d. A deeper pointer is only used after the
  // expansion that set it, before any sibling is added to the array holding its node.
  std::vector<Json*> open{&root["dependencies"]};
  for (const Line& l : walk(input)) {
    Json node = {
        {"name", l.name}, {"version", l.version}, {"range", l.range}, {"origin", l.origin}};
    if (l.repeated) {
      node["repeated"] = true;
    } else {
      node["dependencies"] = Json::array();
    }
    Json* array = open[l.depth];
    array->push_back(std::move(node));
    if (l.expanded) {
      open.resize(l.depth + 2);
      open[l.depth + 1] = &array->back()["dependencies"];
    }
  }
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace pinset::report
