#include "core/resolve/universe.hpp"

#include <algorithm>
#include <tuple>

namespace pinset::resolve {

Universe::Universe(const model::PackageSet& set, const std::vector<RootRequirement>& roots,
                   const Options& options)
    : m_set(set), m_roots(roots), m_options(options) {
  m_root = static_cast<PackageId>(set.name_count());
  m_root_targets.reserve(roots.size());
  for (const RootRequirement& r : roots) {
    if (auto id = set.id_of(r.name)) {
      m_root_targets.push_back(*id);
      continue;
    }
    auto known = std::find(m_extra_names.begin(), m_extra_names.end(), r.name);
    if (known == m_extra_names.end()) {
      m_extra_names.push_back(r.name);
      known = m_extra_names.end() - 1;
    }
    m_root_targets.push_back(m_root + 1 + static_cast<PackageId>(known - m_extra_names.begin()));
  }
  m_infos.resize(set.name_count() + 1 + m_extra_names.size());
  if (options.lock) {
    m_locked.assign(set.name_count(), k_none);
    const auto& locked = options.lock->packages;
    for (std::size_t i = 0; i < locked.size(); ++i) {
      if (auto id = set.id_of(locked[i].name)) m_locked[*id] = static_cast<std::uint32_t>(i);
    }
  }
  m_range_cache.resize(1024);
}

std::string_view Universe::name(PackageId p) const {
  if (p < m_root) return m_set.name_of(p);
  if (p == m_root) return m_options.root_name;
  return m_extra_names[p - m_root - 1];
}

void Universe::init(PackageId p) {
  Info& i = m_infos[p];
  i.discovery = m_discovered++;
  if (p == m_root) {
    i.size = 1;
    return;
  }
  if (p > m_root) return;  // unknown name: no versions
  i.package = m_set.find(p);
  if (!i.package) return;
  const auto& entries = i.package->entries;
  i.size = static_cast<std::uint32_t>(entries.size());
  i.order = static_cast<std::uint32_t>(m_order.size());
  for (std::uint32_t e = 0; e < i.size; ++e)
    m_order.push_back(e);
  auto first = m_order.begin() + i.order;
  std::stable_sort(first, m_order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return entries[b].version < entries[a].version;  // highest first
  });
  if (!m_locked.empty() && m_locked[p] != k_none) {
    const semver::Version& wanted = m_options.lock->packages[m_locked[p]].version;
    for (std::uint32_t bit = 0; bit < i.size; ++bit) {
      if (entries[m_order[i.order + bit]].version == wanted) {
        i.preferred = bit;
        break;
      }
    }
  }
}

std::uint32_t Universe::choose(PackageId p, const VersionSet& allowed) {
  const Info& i = info(p);
  if (i.preferred != k_none && allowed.test(i.preferred)) return i.preferred;
  return allowed.next();
}

VersionSet Universe::allowed_by(PackageId target, const semver::Range& range) {
  const Info& i = info(target);
  VersionSet out = VersionSet::none(i.size);
  for (std::uint32_t bit = 0; bit < i.size; ++bit) {
    if (range.satisfies(i.package->entries[m_order[i.order + bit]].version)) out.set(bit);
  }
  return out;
}

const VersionSet& Universe::allowed_by(PackageId target, model::RangeId range) {
  std::uint64_t key = (std::uint64_t{target} << 32) | range;
  auto slot_of = [&](std::uint64_t k) -> CacheSlot& {
    std::size_t mask = m_range_cache.size() - 1;
    std::size_t i = static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ull) >> 32) & mask;
    while (m_range_cache[i].key != k && m_range_cache[i].key != ~std::uint64_t{0}) {
      i = (i + 1) & mask;
    }
    return m_range_cache[i];
  };
  CacheSlot& slot = slot_of(key);
  if (slot.key == key) return m_range_sets[slot.index];
  slot.key = key;
  slot.index = static_cast<std::uint32_t>(m_range_sets.size());
  m_range_sets.push_back(allowed_by(target, m_set.range(range)));
  if (2 * m_range_sets.size() > m_range_cache.size()) {
    std::vector<CacheSlot> old(m_range_cache.size() * 2);
    old.swap(m_range_cache);
    for (const CacheSlot& s : old) {
      if (s.key != ~std::uint64_t{0}) slot_of(s.key) = s;
    }
  }
  return m_range_sets.back();
}

std::pair<std::uint32_t, std::uint32_t> Universe::groups_of(PackageId p) {
  Info& i = info(p);
  if (!i.groups_built) build_groups(p);
  return {m_infos[p].groups_begin, m_infos[p].groups_end};
}

void Universe::build_groups(PackageId p) {
  std::uint32_t begin = static_cast<std::uint32_t>(m_groups.size());
  if (p == m_root) {
    for (std::size_t r = 0; r < m_roots.size(); ++r) {
      DependencyGroup g;
      g.depender = p;
      g.versions = VersionSet::single(1, 0);
      g.target = m_root_targets[r];
      g.allowed = allowed_by(g.target, m_roots[r].range);
      g.range = static_cast<std::uint32_t>(r);
      m_groups.push_back(std::move(g));
    }
  } else if (in_set(p)) {
    // (target, range, bit) for every dependency of every version, then one group per run.
    auto& deps = m_scratch;
    deps.clear();
    std::uint32_t size = m_infos[p].size;
    for (std::uint32_t bit = 0; bit < size; ++bit) {
      for (const model::DependencyRef& d : entry(p, bit).dependencies) {
        deps.emplace_back(d.name, d.range, bit);
      }
    }
    std::sort(deps.begin(), deps.end());
    for (std::size_t k = 0; k < deps.size();) {
      auto [target, range, bit] = deps[k];
      DependencyGroup g;
      g.depender = p;
      g.versions = VersionSet::none(size);
      for (; k < deps.size() && std::get<0>(deps[k]) == target && std::get<1>(deps[k]) == range;
           ++k) {
        g.versions.set(std::get<2>(deps[k]));
      }
      g.target = target;
      g.allowed = allowed_by(target, range);
      g.range = range;
      m_groups.push_back(std::move(g));
    }
  }
  Info& i = m_infos[p];
  i.groups_begin = begin;
  i.groups_end = static_cast<std::uint32_t>(m_groups.size());
  i.groups_built = true;
  VersionSet unusable = VersionSet::none(i.size);
  for (std::uint32_t g = begin; g < i.groups_end; ++g) {
    const DependencyGroup& group = m_groups[g];
    if (group.target == p) {
      VersionSet unmet = group.versions;
      unmet.subtract(group.allowed);
      unusable |= unmet;
    } else if (group.allowed.empty()) {
      unusable |= group.versions;
    }
  }
  i.unusable = static_cast<std::uint32_t>(m_unusable.size());
  m_unusable.push_back(std::move(unusable));
}

const std::string& Universe::range_text(const DependencyGroup& g) const {
  if (g.depender == m_root) return m_roots[g.range].range.text();
  return m_set.range(g.range).text();
}

const RootRequirement* Universe::root_requirement(const DependencyGroup& g) const {
  return g.depender == m_root ? &m_roots[g.range] : nullptr;
}

}  // namespace pinset::resolve
