// Randomized properties: every solution is valid, and on small instances the resolver finds a
// solution exactly when an exhaustive search does. Seeded, so failures reproduce.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "tests/resolve/resolve_test_util.hpp"

namespace pinset::resolve::test {
namespace {

const char* const k_versions[] = {"1.0.0", "1.1.0",      "1.2.0", "2.0.0",
                                  "2.1.0", "3.0.0-rc.1", "3.0.0"};
const char* const k_ranges[] = {"*",      "^1.0.0", ">=1.1.0",        "<2.0.0",
                                "~1.1.0", "^2.0.0", "1.0.0 || 2.1.0", ">=3.0.0-rc.1",
                                "^3.0.0", "2.x",    ">=1.2.0 <3.0.0", "1.1.0 - 2.0.0",
                                "<1.0.0", ">=2.0.0"};

struct Instance {
  model::PackageSet set;
  std::vector<RootRequirement> roots;
  std::string description;  // to reproduce a failure by hand
};

struct Shape {
  int max_packages;
  int max_versions;
  int min_deps;  // per entry
  int max_deps;
  int ghost_one_in;  // chance that a name is one the set lacks
};

Instance random_instance(std::mt19937& rng, const Shape& shape) {
  int max_packages = shape.max_packages;
  int max_versions = shape.max_versions;
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  int packages = 1 + pick(max_packages);
  auto random_name = [&] {
    return pick(shape.ghost_one_in) == 0 ? std::string("ghost")
                                         : "p" + std::to_string(pick(packages));
  };
  auto random_range = [&] { return std::string(k_ranges[pick(std::size(k_ranges))]); };
  Instance out;
  SetBuilder builder;
  for (int p = 0; p < packages; ++p) {
    std::vector<int> order(std::size(k_versions));
    for (std::size_t i = 0; i < order.size(); ++i)
      order[i] = static_cast<int>(i);
    std::shuffle(order.begin(), order.end(), rng);
    int versions = 1 + pick(max_versions);
    for (int v = 0; v < versions; ++v) {
      std::vector<DepSpec> deps;
      for (int d = shape.min_deps + pick(shape.max_deps - shape.min_deps + 1); d > 0; --d) {
        std::string target = random_name();
        bool seen = false;
        for (const DepSpec& other : deps)
          seen = seen || other.name == target;
        if (!seen) deps.push_back({target, random_range()});
      }
      std::string name = "p" + std::to_string(p);
      out.description += name + " " + k_versions[order[v]] + " ->";
      for (const DepSpec& d : deps)
        out.description += " " + d.name + "@" + d.range;
      out.description += "\n";
      builder.add(name, k_versions[order[v]], deps);
    }
  }
  std::vector<RootSpec> specs;
  for (int r = 1 + pick(3); r > 0; --r) {
    specs.push_back({random_name(), pick(2) ? std::string("*") : random_range()});
  }
  for (const RootSpec& s : specs)
    out.description += "root -> " + s.name + "@" + s.range + "\n";
  out.set = builder.build();
  out.roots = roots(specs);
  return out;
}

const model::Entry* entry_of(const model::PackageSet& set, const Solution& s,
                             std::string_view name) {
  for (const ResolvedPackage& r : s.packages) {
    if (set.name_of(r.name) == name) return &set.find(r.name)->entries[r.entry_index];
  }
  return nullptr;
}

// Every constraint holds, every package is a member of the set, once, with its dependencies.
::testing::AssertionResult valid(const Instance& in, const Solution& s) {
  const model::PackageSet& set = in.set;
  for (std::size_t i = 0; i < s.packages.size(); ++i) {
    const ResolvedPackage& r = s.packages[i];
    const model::Package* p = set.find(r.name);
    if (!p || r.entry_index >= p->entries.size()) {
      return ::testing::AssertionFailure() << "not a member: " << set.name_of(r.name);
    }
    if (i > 0 && !(set.name_of(s.packages[i - 1].name) < set.name_of(r.name))) {
      return ::testing::AssertionFailure() << "not sorted or duplicate: " << set.name_of(r.name);
    }
    const model::Entry& e = p->entries[r.entry_index];
    std::vector<model::NameId> names;
    for (const model::DependencyRef& d : e.dependencies) {
      names.push_back(d.name);
      const model::Entry* dep = entry_of(set, s, set.name_of(d.name));
      if (!dep || !set.range(d.range).satisfies(dep->version)) {
        return ::testing::AssertionFailure()
               << set.name_of(r.name) << " " << e.version.str() << " needs " << set.name_of(d.name)
               << " " << set.range(d.range).text();
      }
    }
    if (names != r.dependencies) {
      return ::testing::AssertionFailure() << "dependencies of " << set.name_of(r.name);
    }
  }
  for (const RootRequirement& root : in.roots) {
    const model::Entry* e = entry_of(set, s, root.name);
    if (!e || !root.range.satisfies(e->version)) {
      return ::testing::AssertionFailure()
             << "root needs " << root.name << " " << root.range.text();
    }
  }
  return ::testing::AssertionSuccess();
}

// Exhaustive search: each package of the set absent or at one of its versions.
bool brute_force_solvable(const Instance& in) {
  const model::PackageSet& set = in.set;
  const auto& packages = set.packages();
  std::vector<int> choice(packages.size(), -1);  // -1: absent
  auto chosen = [&](std::string_view name) -> const model::Entry* {
    const model::Package* p = set.find(name);
    if (!p) return nullptr;
    int c = choice[static_cast<std::size_t>(p - packages.data())];
    return c < 0 ? nullptr : &p->entries[static_cast<std::size_t>(c)];
  };
  for (;;) {
    bool ok = true;
    for (const RootRequirement& r : in.roots) {
      const model::Entry* e = chosen(r.name);
      ok = ok && e && r.range.satisfies(e->version);
    }
    for (std::size_t i = 0; ok && i < packages.size(); ++i) {
      if (choice[i] < 0) continue;
      for (const model::DependencyRef& d :
           packages[i].entries[static_cast<std::size_t>(choice[i])].dependencies) {
        const model::Entry* e = chosen(set.name_of(d.name));
        ok = ok && e && set.range(d.range).satisfies(e->version);
      }
    }
    if (ok) return true;
    std::size_t i = 0;  // next assignment, like an odometer
    for (; i < packages.size(); ++i) {
      if (++choice[i] < static_cast<int>(packages[i].entries.size())) break;
      choice[i] = -1;
    }
    if (i == packages.size()) return false;
  }
}

::testing::AssertionResult well_formed(const model::PackageSet& set, const Unsolvable& u) {
  if (u.hint.empty()) return ::testing::AssertionFailure() << "no hint";
  if (to_error(u).render().empty()) return ::testing::AssertionFailure() << "no text";
  if (u.code == "not-in-set") {
    if (set.find(u.package)) return ::testing::AssertionFailure() << u.package << " is in the set";
    if (u.path.size() < 2 || u.path.back() != u.package) {
      return ::testing::AssertionFailure() << "path does not end at " << u.package;
    }
  } else if (u.code == "no-vetted-version") {
    if (!set.find(u.package) || u.versions.empty() || u.constraints.empty()) {
      return ::testing::AssertionFailure() << "incomplete no-vetted-version for " << u.package;
    }
  } else if (u.code == "conflict") {
    if (u.derivation.empty() ||
        u.derivation.back().find("version solving failed.") == std::string::npos) {
      return ::testing::AssertionFailure() << "derivation does not conclude";
    }
  } else {
    return ::testing::AssertionFailure() << "unknown code " << u.code;
  }
  return ::testing::AssertionSuccess();
}

// A lock that pins a random version of some packages of the set.
model::Lock random_lock(std::mt19937& rng, const model::PackageSet& set) {
  model::Lock lock;
  for (const model::Package& p : set.packages()) {
    if (rng() % 2) continue;
    model::LockedPackage l;
    l.name = std::string(set.name_of(p.name));
    l.version = p.entries[rng() % p.entries.size()].version;
    lock.packages.push_back(l);
  }
  return lock;
}

struct Tally {
  int solvable = 0;
  int unsolvable = 0;
  int with_conflicts = 0;  // solved after at least one conflict: backtracking was exercised
};

// Runs `rounds` random instances of `shape` with and without a random lock, checking each result
// against the exhaustive search.
void check_against_exhaustive_search(std::uint32_t seed, const Shape& shape, int rounds,
                                     Tally& tally) {
  std::mt19937 rng(seed);
  for (int round = 0; round < rounds; ++round) {
    Instance in = random_instance(rng, shape);
    bool expected = brute_force_solvable(in);
    model::Lock lock = random_lock(rng, in.set);
    Options with_lock;
    with_lock.lock = &lock;
    const Options without_lock;
    for (const Options* options : {&without_lock, static_cast<const Options*>(&with_lock)}) {
      auto result = resolve(in.set, in.roots, *options);
      if (auto* s = std::get_if<Solution>(&result)) {
        ASSERT_TRUE(expected) << "found a solution the exhaustive search did not\n"
                              << in.description;
        ASSERT_TRUE(valid(in, *s)) << in.description;
        if (s->conflicts > 0) ++tally.with_conflicts;
      } else {
        ASSERT_FALSE(expected) << "missed a solution\n" << in.description;
        ASSERT_TRUE(well_formed(in.set, std::get<Unsolvable>(result))) << in.description;
      }
    }
    (expected ? tally.solvable : tally.unsolvable)++;
  }
}

// Multiple versions (one per line of the names allowed: a compatibility line, or with the `any`
// rule each version its own line).

// A solution is valid when every dependency and root requirement is met by a selected version,
// each selected (name, line) is selected once (a name not allowed: once in all), and the
// dependency entries name selected packages.
::testing::AssertionResult valid_multiple(const Instance& in, const MultipleVersions& mv,
                                          const Solution& s) {
  const model::PackageSet& set = in.set;
  std::set<std::pair<std::string, std::string>> lines;
  std::set<std::pair<model::NameId, std::size_t>> selected;
  for (const ResolvedPackage& r : s.packages)
    selected.insert({r.name, r.entry_index});
  for (std::size_t i = 0; i < s.packages.size(); ++i) {
    const ResolvedPackage& r = s.packages[i];
    const model::Package* p = set.find(r.name);
    if (!p || r.entry_index >= p->entries.size()) {
      return ::testing::AssertionFailure() << "not a member: " << set.name_of(r.name);
    }
    const model::Entry& e = p->entries[r.entry_index];
    std::string name(set.name_of(r.name));
    std::string line = mv.allows(name) ? mv.line_of(e.version) : "";
    if (!lines.insert({name, line}).second) {
      return ::testing::AssertionFailure() << "two versions of " << name << " in line " << line;
    }
    if (i > 0) {
      const ResolvedPackage& before = s.packages[i - 1];
      const auto& v0 = set.find(before.name)->entries[before.entry_index].version;
      bool ordered =
          set.name_of(before.name) < name || (set.name_of(before.name) == name && v0 < e.version);
      if (!ordered) return ::testing::AssertionFailure() << "not sorted: " << name;
    }
    if (r.dependencies.size() != r.dependency_entries.size() ||
        r.dependencies.size() != e.dependencies.size()) {
      return ::testing::AssertionFailure() << "dependencies of " << name;
    }
    for (std::size_t d = 0; d < r.dependencies.size(); ++d) {
      if (!selected.count({r.dependencies[d], r.dependency_entries[d]})) {
        return ::testing::AssertionFailure() << name << " depends on an unselected version";
      }
      const model::DependencyRef* ref = nullptr;
      for (const auto& x : e.dependencies) {
        if (x.name == r.dependencies[d]) ref = &x;
      }
      const auto& dep = set.find(r.dependencies[d])->entries[r.dependency_entries[d]];
      if (!ref || !set.range(ref->range).satisfies(dep.version)) {
        return ::testing::AssertionFailure()
               << name << " " << e.version.str() << " gets " << set.name_of(r.dependencies[d])
               << " " << dep.version.str() << ", which its range does not allow";
      }
    }
  }
  for (const RootRequirement& root : in.roots) {
    bool met = false;
    for (const ResolvedPackage& r : s.packages) {
      met = met || (set.name_of(r.name) == root.name &&
                    root.range.satisfies(set.find(r.name)->entries[r.entry_index].version));
    }
    if (!met) return ::testing::AssertionFailure() << "root needs " << root.name;
  }
  return ::testing::AssertionSuccess();
}

// Exhaustive search: each (package, line) absent or at one of the line's versions.
bool brute_force_solvable_multiple(const Instance& in, const MultipleVersions& mv) {
  const model::PackageSet& set = in.set;
  struct Slot {
    const model::Package* package;
    std::vector<std::size_t> entries;  // of one line
  };
  std::vector<Slot> slots;
  for (const model::Package& p : set.packages()) {
    std::map<std::string, std::vector<std::size_t>> by_line;
    bool split = mv.allows(set.name_of(p.name));
    for (std::size_t e = 0; e < p.entries.size(); ++e) {
      by_line[split ? mv.line_of(p.entries[e].version) : ""].push_back(e);
    }
    for (auto& [line, entries] : by_line)
      slots.push_back(Slot{&p, std::move(entries)});
  }
  std::vector<int> choice(slots.size(), -1);
  auto met = [&](std::string_view name, const semver::Range& range) {
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (choice[i] < 0 || set.name_of(slots[i].package->name) != name) continue;
      const auto& e = slots[i].package->entries[slots[i].entries[choice[i]]];
      if (range.satisfies(e.version)) return true;
    }
    return false;
  };
  for (;;) {
    bool ok = true;
    for (const RootRequirement& r : in.roots)
      ok = ok && met(r.name, r.range);
    for (std::size_t i = 0; ok && i < slots.size(); ++i) {
      if (choice[i] < 0) continue;
      for (const model::DependencyRef& d :
           slots[i].package->entries[slots[i].entries[choice[i]]].dependencies) {
        ok = ok && met(set.name_of(d.name), set.range(d.range));
      }
    }
    if (ok) return true;
    std::size_t i = 0;
    for (; i < slots.size(); ++i) {
      if (++choice[i] < static_cast<int>(slots[i].entries.size())) break;
      choice[i] = -1;
    }
    if (i == slots.size()) return false;
  }
}

struct MultipleTally {
  int solvable = 0;
  int unsolvable = 0;
  int with_two_versions = 0;  // a solution selected some name twice
};

void check_multiple_against_exhaustive_search(std::uint32_t seed, const Shape& shape, int rounds,
                                              MultipleTally& tally) {
  std::mt19937 rng(seed);
  for (int round = 0; round < rounds; ++round) {
    Instance in = random_instance(rng, shape);
    Options options;
    options.multiple_versions.enabled = true;
    if (rng() % 3 == 0) options.multiple_versions.names = {"p0", "p2"};
    if (rng() % 3 == 0) options.multiple_versions.rule = MultipleVersions::Rule::any;
    bool expected = brute_force_solvable_multiple(in, options.multiple_versions);
    model::Lock lock = random_lock(rng, in.set);
    for (bool locked : {false, true}) {
      options.lock = locked ? &lock : nullptr;
      auto result = resolve(in.set, in.roots, options);
      if (auto* s = std::get_if<Solution>(&result)) {
        ASSERT_TRUE(expected) << "found a solution the exhaustive search did not\n"
                              << in.description;
        ASSERT_TRUE(valid_multiple(in, options.multiple_versions, *s)) << in.description;
        for (std::size_t i = 1; i < s->packages.size(); ++i) {
          if (s->packages[i].name == s->packages[i - 1].name && !locked) {
            ++tally.with_two_versions;
            break;
          }
        }
      } else {
        ASSERT_FALSE(expected) << "missed a solution\n" << in.description;
        ASSERT_TRUE(well_formed(in.set, std::get<Unsolvable>(result))) << in.description;
      }
    }
    (expected ? tally.solvable : tally.unsolvable)++;
  }
}

TEST(ResolverProperty, MultipleVersionsAgreeWithExhaustiveSearch) {
  MultipleTally tally;
  check_multiple_against_exhaustive_search(424242, Shape{4, 4, 0, 2, 20}, 1500, tally);
  EXPECT_GT(tally.solvable, 300);
  EXPECT_GT(tally.unsolvable, 300);
  EXPECT_GT(tally.with_two_versions, 50);
}

TEST(ResolverProperty, MultipleVersionsAgreeWithExhaustiveSearchOnDenseSets) {
  MultipleTally tally;
  check_multiple_against_exhaustive_search(1234, Shape{4, 5, 1, 3, 60}, 800, tally);
  EXPECT_GT(tally.solvable, 100);
  EXPECT_GT(tally.unsolvable, 200);
  EXPECT_GT(tally.with_two_versions, 50);
}

TEST(ResolverProperty, AgreesWithExhaustiveSearchOnSmallSets) {
  Tally tally;
  check_against_exhaustive_search(20240611, Shape{5, 4, 0, 2, 20}, 2000, tally);
  // Both outcomes are well represented, or the generator needs tuning.
  EXPECT_GT(tally.solvable, 400);
  EXPECT_GT(tally.unsolvable, 400);
}

TEST(ResolverProperty, AgreesWithExhaustiveSearchOnDenselyConnectedSets) {
  Tally tally;
  check_against_exhaustive_search(99, Shape{6, 6, 1, 4, 60}, 1500, tally);
  EXPECT_GT(tally.solvable, 100);
  EXPECT_GT(tally.unsolvable, 100);
  EXPECT_GT(tally.with_conflicts, 30);
}

TEST(ResolverProperty, SolutionsAreValidOnLargerSets) {
  std::mt19937 rng(7);
  int solved = 0;
  for (int round = 0; round < 400; ++round) {
    Instance in = random_instance(rng, Shape{40, 7, 0, 3, 30});
    auto result = resolve(in.set, in.roots);
    if (auto* s = std::get_if<Solution>(&result)) {
      ++solved;
      ASSERT_TRUE(valid(in, *s)) << in.description;
    } else {
      ASSERT_TRUE(well_formed(in.set, std::get<Unsolvable>(result))) << in.description;
    }
  }
  EXPECT_GT(solved, 40);
}

}  // namespace
}  // namespace pinset::resolve::test
