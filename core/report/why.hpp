#pragma once
// `pinset why NAME`: every dependency path from the project to a package, with the version locked
// at each step and the range that asked for it.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/report/component.hpp"

namespace pinset::report {

struct Hop {
  std::string name;
  std::string version;
  std::string range;  // what the previous step (the project, for the first) asked for; "" unknown
  std::string origin = "set";  // "set" or "overlay", as the lock says
};

struct Why {
  std::string project;  // the manifest's name
  std::string name;     // the package asked about
  std::string version;  // its locked version
  // Shortest first, then in name order; each starts at one of the project's dependencies and ends
  // at `name`.
  std::vector<std::vector<Hop>> paths;
  std::size_t limit = 0;
  bool truncated = false;  // more paths exist than are shown (or may: see `complete`)
  std::size_t found = 0;   // paths found in all (>= paths.size())
  bool complete = true;    // false: the search stopped early, so there may be more than `found`
};

// Every path to `name` (at most `limit`, at least 1). `lock_path` names the lock in messages.
// Time and memory are linear in the size of the lock's graph (LockGraph::find_paths).
// Errors, code "not-in-graph": `name` is not in the lock (the hint says whether the package set
// has it, and suggests a locked name a typo away), or no dependency of the project leads to it (a
// lock out of sync: the hint says to run `pinset resolve`).
Result<Why> why(const ReportInput& input, std::string_view name, std::size_t limit,
                const std::string& lock_path);

// "libfoo@2.1.0 is required by 2 paths from myapp:" then one line per path,
// "  myapp -> netlib@1.4.0 (^1.3.0) -> libfoo@2.1.0 (^2.1.0)" (an overlay package followed by
// " [overlay]"); when truncated, a last line saying how many more paths there are.
std::string why_text(const Why& why);

// {"project", "package": {"name", "version"}, "paths": [[{"name", "version", "range", "origin"},
// ...]],
// "truncated", "found", "complete"}, two-space indented, ending with a newline. Stable for
// machines.
std::string why_json(const Why& why);

}  // namespace pinset::report
