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
    const model::LockedPackage* p = input.lock.find_key(name);
    Line line;
    line.depth = stack.size() - 1;
    line.last = f.next == f.children->size();
    line.name = p != nullptr ? p->name : name;
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
  // Written as text, line by line, in the layout of nlohmann's dump(2): a document nested as
  // deep as the graph must not be serialized recursively (a 10,000-level chain would overflow
  // the stack). Strings go through nlohmann one at a time (escaping, invalid UTF-8 replaced).
  using Json = nlohmann::ordered_json;
  auto text = [](const std::string& s) {
    return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
  };
  auto spaces = [](std::size_t n) { return std::string(n, ' '); };
  // An element of depth d is indented 4 + 4d; its keys 2 more.
  auto element_indent = [](std::size_t depth) { return 4 + 4 * depth; };
  Walk w = walk(input, max_depth);
  std::string out = "{\n  \"project\": " + text(input.manifest.name) + ",\n  \"dependencies\": ";
  std::vector<std::size_t> open{0};  // open[d]: elements written to the open array of depth d
  auto close_array = [&](std::size_t depth) {
    std::size_t bracket = depth == 0 ? 2 : element_indent(depth - 1) + 2;
    out += open[depth] == 0 ? "[]" : "\n" + spaces(bracket) + "]";
    open.pop_back();
    if (depth > 0) out += "\n" + spaces(element_indent(depth - 1)) + "}";
  };
  for (const Line& l : w.lines) {
    while (open.size() > l.depth + 1)
      close_array(open.size() - 1);
    out += open[l.depth]++ == 0 ? "[" : ",";
    const std::string at = spaces(element_indent(l.depth));
    const std::string in = at + "  ";
    out += "\n" + at + "{\n" + in + "\"name\": " + text(l.name) + ",\n" + in +
           "\"version\": " + text(l.version) + ",\n" + in + "\"range\": " + text(l.range) + ",\n" +
           in + "\"origin\": " + text(l.origin) + ",\n" + in;
    if (l.repeated) {
      out += "\"repeated\": true\n" + at + "}";
    } else if (l.cut) {
      out += "\"cut\": true\n" + at + "}";
    } else if (l.expanded) {
      out += "\"dependencies\": ";
      open.push_back(0);
    } else {
      out += "\"dependencies\": []\n" + at + "}";
    }
  }
  while (!open.empty())
    close_array(open.size() - 1);
  if (w.not_shown > 0) {
    out += ",\n  \"max-depth\": " + std::to_string(std::max<std::size_t>(max_depth, 1)) +
           ",\n  \"not-shown\": " + std::to_string(w.not_shown);
  }
  return out + "\n}\n";
}

}  // namespace pinset::report
