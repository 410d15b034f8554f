#include "core/report/why.hpp"
#include "core/util/strings.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/model/lock_graph.hpp"
#include "core/report/edge_ranges.hpp"

namespace pinset::report {

namespace {

// A locked name at most two edits from `name`, or "".
std::string closest_name(const model::LockGraph& graph, std::string_view name) {
  std::string best;
  std::size_t best_distance = 3;
  for (const std::string& candidate : graph.names()) {
    std::size_t d = edit_distance(name.substr(0, 214), candidate);
    if (d < best_distance) best_distance = d, best = candidate;
  }
  return best;
}

Error not_in_lock(const ReportInput& input, const model::LockGraph& graph, std::string_view name,
                  const std::string& lock_path) {
  const std::string& project = input.manifest.name;
  std::string message =
      project + " does not depend on " + quote(name) + ": it is not in " + lock_path;
  std::string hint;
  if (input.set.find(name) != nullptr) {
    hint = quote(name) + " is in the package set " + input.set.name + " (serial " +
           std::to_string(input.set.serial) + "); add it to dependencies in " +
           input.manifest.source + " if " + project + " should use it";
  } else if (std::string near = closest_name(graph, name); !near.empty()) {
    hint = "did you mean " + quote(near) + "? `pinset tree` shows every package " + project +
           " depends on";
  } else {
    hint = "the package set " + input.set.name + " has no such package either; `pinset tree` " +
           "shows every package " + project + " depends on";
  }
  return Error(codes::not_in_graph, message, Location{lock_path}, hint);
}

}  // namespace

Result<Why> why(const ReportInput& input, std::string_view name, std::size_t limit,
                const std::string& lock_path) {
  model::LockGraph graph(input.manifest, input.lock);
  const model::LockedPackage* target = input.lock.find_key(name);
  if (target == nullptr) return fail(not_in_lock(input, graph, name, lock_path));
  if (input.lock.versions_of(target->name) > 1 && model::split_key(name).second.empty()) {
    std::vector<std::string> keys;
    for (const model::LockedPackage& p : input.lock.packages) {
      if (p.name == name) keys.push_back(input.lock.key_of(p));
    }
    return fail(codes::ambiguous_dependency,
                input.manifest.name + " uses " + quote(name) + " in " +
                    std::to_string(keys.size()) + " versions: " + join(keys, ", "),
                Location{lock_path}, "name one version, e.g. `pinset why " + keys.back() + "`");
  }
  Why out;
  out.project = input.manifest.name;
  out.name = target->name;
  out.version = target->version.str();
  out.limit = std::max<std::size_t>(limit, 1);
  model::PathSearch search = graph.find_paths(input.lock.key_of(*target), out.limit);
  auto& paths = search.paths;
  if (paths.empty()) {
    return fail(codes::not_in_graph,
                quote(name) + " is in " + lock_path + " but none of " + out.project +
                    "'s dependencies leads to it",
                Location{lock_path},
                "run `pinset resolve` to bring the lock in sync with " + input.manifest.source);
  }
  out.found = search.found;
  out.complete = search.complete;
  out.truncated = search.found > paths.size() || !search.complete;
  EdgeRanges ranges(input);
  for (const auto& names : paths) {
    std::vector<Hop> hops;
    std::string previous;  // "" is the project
    for (const std::string& n : names) {
      const model::LockedPackage* p = input.lock.find_key(n);
      hops.push_back(Hop{
          p != nullptr ? p->name : n, p != nullptr ? p->version.str() : std::string(),
          std::string(ranges.range(previous, n)), p != nullptr ? p->origin : std::string("set")});
      previous = n;
    }
    out.paths.push_back(std::move(hops));
  }
  return out;
}

std::string why_text(const Why& why) {
  std::size_t n = why.paths.size();
  std::string out = why.name + "@" + why.version + " is required by " + std::to_string(n) +
                    (n == 1 ? " path" : " paths") + " from " + why.project + ":\n";
  for (const auto& path : why.paths) {
    out += "  " + why.project;
    for (const Hop& h : path) {
      out += " -> " + h.name + "@" + h.version;
      if (!h.range.empty()) out += " (" + h.range + ")";
      if (h.origin == "overlay") out += " [overlay]";
    }
    out += '\n';
  }
  if (why.truncated) {
    std::size_t more = why.found - why.paths.size();
    if (why.complete) {
      out += "  (" + std::to_string(more) + (more == 1 ? " more path" : " more paths") +
             " not shown; --limit " + std::to_string(why.found) + " shows every path)\n";
    } else {
      out += "  (" +
             (more == 0 ? std::string("more paths may exist")
                        : "at least " + std::to_string(more) + " more paths not shown") +
             ": the search stopped after " + std::to_string(why.found) +
             " paths; --limit N shows up to N)\n";
    }
  }
  return out;
}

std::string why_json(const Why& why) {
  using Json = nlohmann::ordered_json;
  Json paths = Json::array();
  for (const auto& path : why.paths) {
    Json hops = Json::array();
    for (const Hop& h : path)
      hops.push_back(
          {{"name", h.name}, {"version", h.version}, {"range", h.range}, {"origin", h.origin}});
    paths.push_back(std::move(hops));
  }
  Json j = {
      {"project", why.project},    {"package", {{"name", why.name}, {"version", why.version}}},
      {"paths", std::move(paths)}, {"truncated", why.truncated},
      {"found", why.found},        {"complete", why.complete}};
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace pinset::report
