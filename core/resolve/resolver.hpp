#pragma once
// The set-constrained resolver: picks exactly one version per package name such that every
// constraint (the manifest's and every dependent's) holds and every package is a member of the set.
// With Options::multiple_versions (the manifest's `multiple-versions: major`), one version per
// compatibility line of a name instead (semver::compatibility_line, Cargo's rule): the search runs
// over (name, line) packages, and a range that allows versions of several lines goes through a
// proxy package whose versions are those lines, so the search stays complete (as in pubgrub-rs's
// and uv's treatment of Cargo-style duplicates).
// A PubGrub-style search with learned incompatibilities: it backtracks across the several versions
// a set may list, terminates on unsatisfiable input, and explains failures.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/model/lock.hpp"
#include "core/model/package_set.hpp"
#include "core/semver/range.hpp"

namespace pinset::resolve {

// A constraint from the manifest. `origin` says where it was written, e.g. "pinset.yaml:7".
struct RootRequirement {
  std::string name;
  semver::Range range;
  std::string origin;
};

// Which names may be selected in several versions at once: one per compatibility line (`major`,
// Cargo's rule), or any versions (`any`, npm's: each dependent may get its own copy).
struct MultipleVersions {
  enum class Rule : std::uint8_t { major, any };
  bool enabled = false;  // false: one version per name (the default)
  Rule rule = Rule::major;
  std::vector<std::string> names;  // sorted; empty: every name
  bool allows(std::string_view name) const;
  // The line of `v` under the rule: the compatibility line, or (any) the version itself.
  std::string line_of(const semver::Version& v) const;
};

struct Options {
  // Conservative update: prefer each locked version while it is still valid (as Cargo does).
  const model::Lock* lock = nullptr;
  MultipleVersions multiple_versions;
  // The project's name, used as the first element of dependency paths ("myapp -> netlib 1.4.0").
  std::string root_name = "root";
};

struct ResolvedPackage {
  model::NameId name = model::k_no_name;
  std::size_t entry_index = 0;              // index into the package's entries
  std::vector<model::NameId> dependencies;  // chosen dependency names, sorted by name text
  // Parallel to `dependencies`: the entry index of the version chosen for each (with
  // multiple_versions a name may be selected in several versions).
  std::vector<std::size_t> dependency_entries;
};

struct Solution {
  std::vector<ResolvedPackage> packages;  // sorted by name text, then version
  std::size_t decisions = 0;              // statistics, for benchmarks
  std::size_t conflicts = 0;
};

// One constraint on a package, with where it came from: the manifest line, or the dependent
// ("netlib 1.4.0 requires ^2.0").
struct ConstraintOrigin {
  std::string range;              // as written
  std::string imposed_by;         // "pinset.yaml:7" or "netlib 1.4.0"
  std::vector<std::string> path;  // dependency path from the root to the imposer ({root} for
                                  // the manifest)
  std::string package;            // the constrained package
};

// Why resolution failed. `code` is one of:
//   "not-in-set"        a required name has no entry in the set (path says who required it);
//   "no-vetted-version" the set has the package, but no listed version satisfies the constraints
//                       (versions lists them; constraints lists each with its origin);
//   "conflict"          the constraints contradict each other across dependencies (derivation lists
//                       the chain of facts, one sentence each, ending in the contradiction).
struct Unsolvable {
  std::string code;
  std::string package;                // the package the explanation is about
  std::vector<std::string> path;      // root first, e.g. {"myapp", "netlib 1.4.0", "libfoo"}
  std::vector<std::string> versions;  // no-vetted-version: the set's versions of the package
  // not-in-set: the one that requires the package; no-vetted-version: every constraint on it;
  // conflict: the manifest's, those on `package`, and those on names the set lacks.
  std::vector<ConstraintOrigin> constraints;
  std::vector<std::string> derivation;  // conflict: numbered facts, in order
  std::string hint;                     // what the user can do
  std::string set_name;                 // the package set's name, for messages; may be empty
  // Further problems found in the same pass, each independent of those before it: the resolver
  // sets aside the manifest's dependencies each problem stands on and resolves the rest again
  // (at most 10 problems in all). Empty when the rest resolves.
  std::vector<Unsolvable> also;
};

std::variant<Solution, Unsolvable> resolve(const model::PackageSet& set,
                                           const std::vector<RootRequirement>& roots,
                                           const Options& options = {});

// Renderers. to_error gives code, one-sentence message, path, causes (one per constraint or fact)
// and hint of the problem itself; to_errors one such error per problem (the first, then each of
// `also`), each message ending "(problem k of n)" when there are several: what `pinset resolve`
// prints, one "error:" block each.
Error to_error(const Unsolvable& problem);
std::vector<Error> to_errors(const Unsolvable& problem);
// For `pinset resolve --json`: {"code", "message", "package", "path", "versions", "constraints":
// [{"package", "range", "imposed_by", "path"}], "derivation", "hint", "set", "also": [the same
// for each further problem]}; every key always present, "message" as in to_error.
nlohmann::json to_json(const Unsolvable& problem);

}  // namespace pinset::resolve
