#pragma once
// What the solver knows about each package: its versions in descending order (bit i of a VersionSet
// is the i-th highest), the version set each range allows, its dependencies grouped across
// versions, and the lock preference. Filled lazily, the first time the search touches a package, so
// resolving against a 100,000-package set costs only the closure of the roots.

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core/model/package_set.hpp"
#include "core/resolve/resolver.hpp"
#include "core/resolve/version_set.hpp"

namespace pinset::resolve {

// A package of the search: a NameId of the set, the root (the project), or a name the manifest
// requires that the set has never heard of. With Options::multiple_versions, also (after those)
// the further compatibility lines of a name (a name's own id holds its highest line) and proxies:
// for a range that allows versions of several lines, a package whose versions are those lines,
// version k depending on line k with the range. Such ids are made as the search meets them, so
// package_count() grows.
using PackageId = std::uint32_t;
inline constexpr std::uint32_t k_none = UINT32_MAX;

// Every version in `versions` of `depender` depends on `target` with the same range, so one
// incompatibility covers them all ("every version of a depends on b ^1.0.0").
struct DependencyGroup {
  PackageId depender = k_none;
  VersionSet versions;  // over the depender's versions
  PackageId target = k_none;
  VersionSet allowed;       // the target's versions that the range allows
  std::uint32_t range = 0;  // a RangeId, or for the root the index of the root requirement
  bool added = false;       // its incompatibility is in the store (unless it forbids nothing)
};

class Universe {
 public:
  // Keeps references to all three arguments; they must outlive the Universe.
  Universe(const model::PackageSet& set, const std::vector<RootRequirement>& roots,
           const Options& options);

  PackageId root() const { return m_root; }
  std::size_t package_count() const { return m_infos.size(); }
  const model::PackageSet& set() const { return m_set; }
  const Options& options() const { return m_options; }

  // Number of versions: 1 for the root, 0 for a name the set does not have.
  std::uint32_t size(PackageId p) { return info(p).size; }
  bool in_set(PackageId p) { return info(p).package != nullptr; }
  std::string_view name(PackageId p) const;
  bool multiple() const { return m_multiple; }
  // A proxy package (multiple versions): its versions are compatibility lines, not entries.
  bool is_proxy(PackageId p) const { return m_infos[p].kind == Kind::proxy; }
  // The name's package for a line or proxy, else p itself.
  PackageId name_id(PackageId p) const {
    return m_infos[p].kind == Kind::name ? p : m_extras[m_aux[p]].name_id;
  }
  // The text of version `bit` of p: the entry's version, or for a proxy the line ("2.x").
  std::string version_text(PackageId p, std::uint32_t bit);
  // Every version the set lists of p's name, lowest first (for a line or proxy: of all lines).
  std::vector<std::string> listed_versions(PackageId p);
  // A proxy's version `bit`: the line package it stands for.
  PackageId proxy_line(PackageId p, std::uint32_t bit) const {
    return m_proxy_lines[m_infos[p].order + bit];
  }
  // The set's entry behind a bit, and its index in the package's entries (p must be in the set).
  std::uint32_t entry_index(PackageId p, std::uint32_t bit) { return m_order[info(p).order + bit]; }
  const model::Entry& entry(PackageId p, std::uint32_t bit) {
    return info(p).package->entries[entry_index(p, bit)];
  }
  // The order in which the search first met p; breaks ties between equally constrained packages.
  std::uint32_t discovery(PackageId p) { return info(p).discovery; }
  // The version to try first among `allowed` (not empty): the locked one while it is allowed,
  // else the highest.
  std::uint32_t choose(PackageId p, const VersionSet& allowed);

  // The ids of p's dependency groups, built on first use: [first, second).
  std::pair<std::uint32_t, std::uint32_t> groups_of(PackageId p);
  bool groups_built(PackageId p) { return info(p).groups_built; }
  // The versions of p that can never be selected: a dependency of theirs allows nothing (or, for a
  // self-dependency, not themselves). Builds p's groups on first use.
  const VersionSet& unusable(PackageId p) {
    groups_of(p);
    return m_unusable[m_infos[p].unusable];
  }
  DependencyGroup& group(std::uint32_t id) { return m_groups[id]; }
  const DependencyGroup& group(std::uint32_t id) const { return m_groups[id]; }
  // The range of a group as the user wrote it, and the root requirement behind a root group.
  const std::string& range_text(const DependencyGroup& g) const;
  const RootRequirement* root_requirement(const DependencyGroup& g) const;
  // The index of a root requirement root_requirement() gave.
  std::size_t root_index(const RootRequirement& r) const {
    return static_cast<std::size_t>(&r - m_roots.data());
  }

 private:
  enum class Kind : std::uint8_t { name, line, proxy };
  // Kept small (40 bytes): the search touches one per package of a 100,000-package set. What
  // only lines and proxies need lives in m_extras, reached through m_aux (multiple versions).
  struct Info {
    const model::Package* package = nullptr;
    std::uint32_t order = 0;  // m_order[order + bit] is the entry index of bit (a proxy's:
                              // m_proxy_lines[order + bit] is the line package of bit)
    std::uint32_t size = 0;
    std::uint32_t groups_begin = 0;
    std::uint32_t groups_end = 0;
    std::uint32_t discovery = k_none;  // k_none until initialized
    std::uint32_t preferred = k_none;  // the locked version's bit
    std::uint32_t unusable = 0;        // index into m_unusable, once the groups are built
    bool groups_built = false;
    Kind kind = Kind::name;
  };
  struct Extra {
    PackageId name_id = k_none;  // the name's own id
    std::uint32_t range = 0;     // proxy: its RangeId, or root requirement index
    bool root_range = false;     // proxy: its range is root requirement `range`
  };
  // Appends a line or proxy package.
  PackageId add_package(const Info& info, const Extra& extra);

  // The returned reference lasts until the next call that can make packages (init may).
  Info& info(PackageId p) {
    if (m_infos[p].discovery == k_none) init(p);
    return m_infos[p];
  }
  void init(PackageId p);
  // Splits a name's versions (already in m_order, highest first) into compatibility lines.
  void split_lines(PackageId p);
  std::uint32_t preferred_bit(PackageId p);
  // Sets g.target and g.allowed for a dependency on `target` with `range` (a RangeId, or with
  // `root` the root requirement index): the line it allows, or a proxy over several lines.
  void aim(DependencyGroup& g, PackageId target, std::uint32_t range, bool root);
  VersionSet allowed_by(PackageId target, std::uint32_t range, bool root);
  const VersionSet& allowed_by(PackageId target, model::RangeId range);
  VersionSet allowed_by(PackageId target, const semver::Range& range);
  void build_groups(PackageId p);

  const model::PackageSet& m_set;
  const std::vector<RootRequirement>& m_roots;
  const Options& m_options;
  PackageId m_root = 0;
  std::vector<PackageId> m_root_targets;   // per root requirement
  std::vector<std::string> m_extra_names;  // names after the root: required but unknown to the set
  std::vector<Info> m_infos;
  std::vector<std::uint32_t> m_order;
  std::vector<DependencyGroup> m_groups;
  std::vector<VersionSet> m_unusable;
  bool m_multiple = false;                      // Options::multiple_versions.enabled
  std::vector<std::vector<PackageId>> m_lines;  // a split name's line packages, highest first
  std::vector<PackageId> m_proxy_lines;         // proxies' line packages, see Info::order
  std::vector<VersionSet> m_proxy_allowed;      // parallel to m_proxy_lines
  std::vector<std::pair<std::uint64_t, PackageId>> m_proxies;  // (key, proxy), sorted
  // Multiple versions only, parallel to m_infos: a name's index into m_lines when it is split
  // (else k_none); a line's or proxy's index into m_extras.
  std::vector<std::uint32_t> m_aux;
  std::vector<Extra> m_extras;
  std::vector<std::uint32_t> m_locked;  // NameId -> index into the lock's packages, or k_none
  // (target, RangeId) -> index into m_range_sets: open addressing, linear probing, at most half
  // full. A flat table, because the search looks ranges up once per dependency edge.
  struct CacheSlot {
    std::uint64_t key = ~std::uint64_t{0};
    std::uint32_t index = 0;
  };
  std::vector<CacheSlot> m_range_cache;
  std::vector<VersionSet> m_range_sets;
  std::vector<std::tuple<PackageId, model::RangeId, std::uint32_t>> m_scratch;
  std::uint32_t m_discovered = 0;
};

}  // namespace pinset::resolve
