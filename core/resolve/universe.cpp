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
  m_multiple = options.multiple_versions.enabled;
  if (m_multiple) m_aux.assign(m_infos.size(), k_none);
  if (options.lock) {
    // The first of each name's locked packages (a lock with several versions of a name lists
    // them one after the other).
    m_locked.assign(set.name_count(), k_none);
    const auto& locked = options.lock->packages;
    for (std::size_t i = locked.size(); i-- > 0;) {
      if (auto id = set.id_of(locked[i].name)) m_locked[*id] = static_cast<std::uint32_t>(i);
    }
  }
  m_range_cache.resize(1024);
}

std::string MultipleVersions::line_of(const semver::Version& v) const {
  return rule == Rule::any ? v.str() : semver::compatibility_line(v);
}

bool MultipleVersions::allows(std::string_view name) const {
  return enabled && (names.empty() || std::binary_search(names.begin(), names.end(), name));
}

std::string_view Universe::name(PackageId p) const {
  if (p > m_root && m_infos[p].kind != Kind::name) p = name_id(p);
  if (p < m_root) return m_set.name_of(p);
  if (p == m_root) return m_options.root_name;
  return m_extra_names[p - m_root - 1];
}

void Universe::init(PackageId p) {
  Info& i = m_infos[p];
  i.discovery = m_discovered++;
  if (i.kind != Kind::name) return;  // made complete by split_lines or aim
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
  if (m_multiple && i.size > 1 && m_options.multiple_versions.allows(m_set.name_of(p))) {
    split_lines(p);
  }
  m_infos[p].preferred = preferred_bit(p);
}

void Universe::split_lines(PackageId p) {
  // Lines in the order of their highest versions; a name's versions of one line need not be
  // adjacent in every scheme's order, so each line gets its own run of m_order.
  Info base = m_infos[p];
  const auto& entries = base.package->entries;
  std::vector<std::string> lines;
  std::vector<std::vector<std::uint32_t>> members;
  for (std::uint32_t bit = 0; bit < base.size; ++bit) {
    std::uint32_t e = m_order[base.order + bit];
    std::string line = m_options.multiple_versions.line_of(entries[e].version);
    auto it = std::find(lines.begin(), lines.end(), line);
    if (it == lines.end()) {
      lines.push_back(std::move(line));
      members.emplace_back();
      it = lines.end() - 1;
    }
    members[static_cast<std::size_t>(it - lines.begin())].push_back(e);
  }
  if (lines.size() < 2) return;
  std::vector<PackageId> ids;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    Info line = base;
    line.order = static_cast<std::uint32_t>(m_order.size());
    line.size = static_cast<std::uint32_t>(members[k].size());
    m_order.insert(m_order.end(), members[k].begin(), members[k].end());
    if (k == 0) {
      m_infos[p] = line;  // the name's own id is its highest line
      ids.push_back(p);
      continue;
    }
    line.kind = Kind::line;
    line.discovery = k_none;
    ids.push_back(add_package(line, Extra{p}));
    m_infos.back().preferred = preferred_bit(ids.back());
  }
  m_aux[p] = static_cast<std::uint32_t>(m_lines.size());
  m_lines.push_back(std::move(ids));
}

PackageId Universe::add_package(const Info& info, const Extra& extra) {
  m_infos.push_back(info);
  m_aux.push_back(static_cast<std::uint32_t>(m_extras.size()));
  m_extras.push_back(extra);
  return static_cast<PackageId>(m_infos.size() - 1);
}

std::uint32_t Universe::preferred_bit(PackageId p) {
  const Info& i = m_infos[p];
  PackageId n = name_id(p);
  if (m_locked.empty() || n >= m_locked.size() || m_locked[n] == k_none) return k_none;
  const auto& locked = m_options.lock->packages;
  std::string_view name = m_set.name_of(n);
  const auto& entries = i.package->entries;
  for (std::size_t l = m_locked[n]; l < locked.size() && locked[l].name == name; ++l) {
    for (std::uint32_t bit = 0; bit < i.size; ++bit) {
      if (entries[m_order[i.order + bit]].version == locked[l].version) return bit;
    }
  }
  return k_none;
}

std::vector<std::string> Universe::listed_versions(PackageId p) {
  std::vector<std::string> out;
  PackageId n = m_multiple ? name_id(p) : p;
  if (!in_set(n)) return out;
  if (!m_multiple || m_aux[n] == k_none) {
    for (std::uint32_t bit = size(n); bit-- > 0;)
      out.push_back(entry(n, bit).version.str());
    return out;
  }
  std::vector<const semver::Version*> all;
  for (const model::Entry& e : m_infos[n].package->entries)
    all.push_back(&e.version);
  std::stable_sort(all.begin(), all.end(), [](const auto* a, const auto* b) { return *a < *b; });
  for (const auto* v : all)
    out.push_back(v->str());
  return out;
}

std::string Universe::version_text(PackageId p, std::uint32_t bit) {
  if (is_proxy(p)) {
    PackageId line = proxy_line(p, bit);
    if (m_options.multiple_versions.rule == MultipleVersions::Rule::any) {
      return entry(line, 0).version.str();
    }
    return semver::compatibility_line(entry(line, 0).version);
  }
  return entry(p, bit).version.str();
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

VersionSet Universe::allowed_by(PackageId target, std::uint32_t range, bool root) {
  if (root) return allowed_by(target, m_roots[range].range);
  return allowed_by(target, static_cast<model::RangeId>(range));
}

void Universe::aim(DependencyGroup& g, PackageId target, std::uint32_t range, bool root) {
  g.target = target;
  if (!m_multiple || target >= m_root || !in_set(target) || m_aux[target] == k_none) {
    g.allowed = allowed_by(target, range, root);
    return;
  }
  // A split name: the lines the range allows versions of.
  std::vector<PackageId> lines = m_lines[m_aux[target]];
  std::vector<PackageId> hit;
  std::vector<VersionSet> sets;
  for (PackageId line : lines) {
    VersionSet allowed = allowed_by(line, range, root);
    if (allowed.empty()) continue;
    hit.push_back(line);
    sets.push_back(std::move(allowed));
  }
  if (hit.size() <= 1) {
    g.target = hit.empty() ? target : hit.front();
    g.allowed = hit.empty() ? VersionSet::none(size(target)) : std::move(sets.front());
    return;
  }
  std::uint64_t key = (std::uint64_t{target} << 33) | (std::uint64_t{root} << 32) | range;
  auto it = std::lower_bound(m_proxies.begin(), m_proxies.end(), std::make_pair(key, PackageId{0}));
  PackageId proxy = 0;
  if (it != m_proxies.end() && it->first == key) {
    proxy = it->second;
  } else {
    m_proxies.insert(it, {key, static_cast<PackageId>(m_infos.size())});
    Info info;
    info.kind = Kind::proxy;
    info.package = m_infos[target].package;
    info.order = static_cast<std::uint32_t>(m_proxy_lines.size());
    info.size = static_cast<std::uint32_t>(hit.size());
    m_proxy_lines.insert(m_proxy_lines.end(), hit.begin(), hit.end());
    for (auto& set : sets)
      m_proxy_allowed.push_back(std::move(set));
    // Prefer the line that holds the locked version the range allows.
    for (std::uint32_t bit = 0; bit < info.size && info.preferred == k_none; ++bit) {
      std::uint32_t locked = m_infos[hit[bit]].preferred;
      if (locked != k_none && m_proxy_allowed[info.order + bit].test(locked)) info.preferred = bit;
    }
    proxy = add_package(info, Extra{target, range, root});
  }
  g.target = proxy;
  g.allowed = VersionSet::all(m_infos[proxy].size);
}

void Universe::build_groups(PackageId p) {
  std::uint32_t begin = static_cast<std::uint32_t>(m_groups.size());
  if (p == m_root) {
    for (std::size_t r = 0; r < m_roots.size(); ++r) {
      DependencyGroup g;
      g.depender = p;
      g.versions = VersionSet::single(1, 0);
      g.range = static_cast<std::uint32_t>(r);
      aim(g, m_root_targets[r], g.range, true);
      m_groups.push_back(std::move(g));
    }
  } else if (is_proxy(p)) {
    // Version k: the k-th line, with the range.
    Info proxy = m_infos[p];
    Extra extra = m_extras[m_aux[p]];
    for (std::uint32_t bit = 0; bit < proxy.size; ++bit) {
      DependencyGroup g;
      g.depender = p;
      g.versions = VersionSet::single(proxy.size, bit);
      g.target = m_proxy_lines[proxy.order + bit];
      g.allowed = m_proxy_allowed[proxy.order + bit];
      g.range = extra.range;
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
      g.range = range;
      aim(g, target, range, false);
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
  if (const RootRequirement* root = root_requirement(g)) return root->range.text();
  return m_set.range(g.range).text();
}

const RootRequirement* Universe::root_requirement(const DependencyGroup& g) const {
  bool root = g.depender == m_root ||
              (m_infos[g.depender].kind == Kind::proxy && m_extras[m_aux[g.depender]].root_range);
  return root ? &m_roots[g.range] : nullptr;
}

}  // namespace pinset::resolve
