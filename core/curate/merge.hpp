#pragma once
// Combining several package sets into one (`pinset set merge`).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/package_set.hpp"

namespace pinset::curate {

// What to do when a package is pinned to different versions by different sets (a conflict):
//   fail     report every conflict, produce nothing
//   first    take the package's entries from the first set (in argument order) that has it
//   last     ... from the last set that has it
//   highest  ... from the set whose highest version of it is the highest (the first such set)
//   union    keep every version from every set (the result lists several versions)
enum class MergeStrategy { fail, first, last, highest, union_all };

// "fail", "first", "last", "highest", "union". Errors: "invalid-strategy" naming the value.
Result<MergeStrategy> parse_strategy(std::string_view text);

struct MergeInput {
  const model::PackageSet* set = nullptr;
  std::string label;  // names the set in messages and in each output entry's `from`
  // The same set, when the caller gives it up: merge then moves the entries it keeps out of it
  // and empties each package once merged, so a merge of two large sets holds about the inputs'
  // size, not the inputs and the result. After the merge the set is left empty-handed (its
  // packages' entries gone); null: the input is only read.
  model::PackageSet* consumed = nullptr;
};

struct MergeOptions {
  MergeStrategy strategy = MergeStrategy::fail;
  std::string name;                     // the result's name; empty: the first set's
  std::optional<std::uint64_t> serial;  // the result's serial; unset: the highest of the inputs
  // Where the result will be written: relative artifact URLs are rewritten to stay correct from
  // there (core/curate/set_compare.hpp rebase_url). Empty: URLs are kept as written.
  std::string source;
};

// Merges flat sets. The result expires when the first of its inputs expires; each entry's `from`
// is its input's label; entries that are in several inputs come from the first of them.
// Errors, all reported together (code "merge-failed" with each as a cause when several):
//   "checksum-conflict"  the same name and version with different checksums in two sets, whatever
//                        the strategy (one artifact was republished or tampered with);
//   "merge-conflict"     with strategy fail, each package pinned to different versions, naming
//                        the versions each set has;
//   "layered-input"      an input that extends, overrides or removes (flatten it first).
Result<model::PackageSet> merge_sets(const std::vector<MergeInput>& inputs,
                                     const MergeOptions& options);

// Whether the `expires` value `a` comes before `b` (dates or RFC 3339 timestamps, compared as
// instants whatever their offsets; a value that is neither sorts last).
bool expires_before(std::string_view a, std::string_view b);

}  // namespace pinset::curate
