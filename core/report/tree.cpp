#include "core/report/tree.hpp"

#include <algorithm>
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
  bool cut = false;       // has dependencies, not shown: the depth limit
  std::string name;
  std::string version;
  std::string range;
  std::string origin;  // "set" or "overlay", as the lock says
};

struct Walk {
  std::vector<Line> lines;
  std::size_t not_shown = 0;  // packages the roots reach that no line shows (the depth limit)
};

// The tree in display order, depth first, at most `max_depth` levels. Iterative, so a very deep
// graph cannot exhaust the stack.
Walk walk(const ReportInput& input, std::size_t max_depth) {
  max_depth = std::max<std::size_t>(max_depth, 1);
  model::LockGraph graph(input.manifest, input.lock);
  EdgeRanges ranges(input);
  struct Frame {
    std::string parent;  // "" is the project
    const std::vector<std::string>* children;
    std::size_t next = 0;
  };
  std::vector<Line> lines;
  std::set<std::string, std::less<>> expanded;
  std::set<std::string, std::less<>> shown;
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
    line.cut = !deps.empty() && !line.repeated && line.depth + 1 >= max_depth;
    line.expanded = !deps.empty() && !line.repeated && !line.cut;
    shown.insert(name);
    lines.push_back(std::move(line));
    if (lines.back().expanded) {
      expanded.insert(name);
      stack.push_back(Frame{name, &deps});  // invalidates f
    }
  }
  std::size_t reachable = graph.names().size() - graph.unreachable().size();
  return Walk{std::move(lines), reachable - std::min(reachable, shown.size())};
}

std::string levels(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " level" : " levels");
}

std::string not_shown_note(std::size_t count, std::size_t max_depth) {
  return "(" + std::to_string(count) + (count == 1 ? " package" : " packages") + " deeper than " +
         levels(max_depth) + " not shown; --depth N shows up to N levels)";
}

}  // namespace

std::string tree_text(const ReportInput& input, std::size_t max_depth) {
  std::string out = input.manifest.name + "\n";
  std::vector<bool> last_at;  // per depth: was the line at that depth the last child
  Walk w = walk(input, max_depth);
  for (const Line& l : w.lines) {
    last_at.resize(l.depth + 1);
    last_at[l.depth] = l.last;
    for (std::size_t d = 0; d < l.depth; ++d)
      out += last_at[d] ? "    " : "\u2502   ";
    out += l.last ? "\u2514\u2500\u2500 " : "\u251c\u2500\u2500 ";
    out += l.name + "@" + l.version;
    if (!l.range.empty()) out += " (" + l.range + ")";
    if (l.origin == "overlay") out += " [overlay]";
    if (l.repeated) out += " (dependencies shown above)";
    if (l.cut) out += " (dependencies deeper than " + levels(max_depth) + " not shown)";
    out += '\n';
  }
  if (w.not_shown > 0)
    out += not_shown_note(w.not_shown, std::max<std::size_t>(max_depth, 1)) + "\n";
  return out;
}

std::string tree_json(const ReportInput& input, std::size_t max_depth) {
  using Json = nlohmann::ordered_json;
  Json root = {{"project", input.manifest.name}, {"dependencies", Json::array()}};
  Walk w = walk(input, max_depth);
  if (w.not_shown > 0) {
    root["max-depth"] = std::max<std::size_t>(max_depth, 1);
    root["not-shown"] = w.not_shown;
  }
  // open[d]: the array that takes lines of depth d. A deeper pointer is only used after the
  // expansion that set it, before any sibling is added to the array holding its node.
  std::vector<Json*> open{&root["dependencies"]};
  for (const Line& l : w.lines) {
    Json node = {
        {"name", l.name}, {"version", l.version}, {"range", l.range}, {"origin", l.origin}};
    if (l.repeated) {
      node["repeated"] = true;
    } else if (l.cut) {
      node["cut"] = true;
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
