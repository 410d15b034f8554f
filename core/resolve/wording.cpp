#include "core/resolve/wording.hpp"

namespace pinset::resolve {

std::string join_list(const std::vector<std::string>& items, std::string_view last) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? std::string(last) : std::string(", ");
    out += items[i];
  }
  return out;
}

std::vector<std::string> Wording::versions(PackageId p) {
  return m_universe.listed_versions(p);
}

std::string Wording::versions(PackageId p, const VersionSet& set) {
  std::uint32_t size = m_universe.size(p);
  auto text = [&](std::uint32_t bit) { return m_universe.version_text(p, bit); };
  std::vector<std::string> items;
  // Bits run from the highest version (0) to the lowest (size - 1); walk them lowest first.
  for (std::uint32_t low = size; low-- > 0;) {
    if (!set.test(low)) continue;
    std::uint32_t high = low;
    while (high > 0 && set.test(high - 1))
      --high;
    std::uint32_t run = low - high + 1;
    if (run >= 3 && high == 0 && low == size - 1) {
      items.push_back("(any version)");
    } else if (run >= 3 && high == 0) {
      items.push_back(">=" + text(low));
    } else if (run >= 3 && low == size - 1) {
      items.push_back("<=" + text(high));
    } else if (run >= 3) {
      items.push_back(">=" + text(low) + " <=" + text(high));
    } else {
      for (std::uint32_t bit = low + 1; bit-- > high;)
        items.push_back(text(bit));
    }
    if (high == 0) break;
    low = high;  // the loop decrements past the run
  }
  return join_list(items, " or ");
}

std::string Wording::subject(PackageId p, const VersionSet& set) {
  std::string name(m_universe.name(p));
  if (p == m_universe.root()) return name;
  if (set.full() && set.size() > 1) return "every version of " + name;
  return name + " " + versions(p, set);
}

std::string Wording::object(PackageId p, const VersionSet& set) {
  std::string name(m_universe.name(p));
  if (p == m_universe.root() || set.full()) return name;
  return name + " " + versions(p, set);
}

std::string Wording::path_element(PackageId p, const VersionSet& set) {
  std::string name(m_universe.name(p));
  if (p == m_universe.root() || !m_universe.in_set(p)) return name;
  if (set.full() && set.size() > 1) return name;  // any of its versions
  return name + " " + versions(p, set);
}

std::string Wording::dependency(const DependencyGroup& group) {
  std::string out = subject(group.depender, group.versions) + " depends on ";
  out += m_universe.name(group.target);
  const std::string& range = m_universe.range_text(group);
  if (!range.empty() && range != "*") out += " " + range;
  std::vector<std::string> notes;
  if (const RootRequirement* root = m_universe.root_requirement(group)) {
    if (!root->origin.empty()) notes.push_back(root->origin);
  }
  if (!m_universe.in_set(group.target)) {
    notes.push_back("not in the set");
  } else if (group.allowed.empty() && group.target != group.depender) {
    notes.push_back(only_versions(group.target));
  }
  if (!notes.empty()) out += " (" + join_list(notes, "; ") + ")";
  return out;
}

std::string Wording::only_versions(PackageId p) {
  std::vector<std::string> listed = versions(p);
  if (listed.size() <= 8) return "the set has only " + join_list(listed, " and ");
  return "none of the set's " + std::to_string(listed.size()) + " versions satisfies it";
}

std::string Wording::fact(std::uint32_t id) {
  const Incompatibility& i = m_store[id];
  switch (i.kind) {
    case IncompatibilityKind::not_root:
      return std::string(m_universe.name(m_universe.root())) + " is the project being resolved";
    case IncompatibilityKind::dependency:
      return dependency(m_universe.group(i.group));
    case IncompatibilityKind::derived:
      break;
  }
  return terms(id);
}

std::string Wording::facts(std::uint32_t first, std::uint32_t second) {
  auto group = [&](std::uint32_t id) -> const DependencyGroup* {
    const Incompatibility& i = m_store[id];
    return i.kind == IncompatibilityKind::dependency ? &m_universe.group(i.group) : nullptr;
  };
  const DependencyGroup* a = group(first);
  const DependencyGroup* b = group(second);
  if (a && b && b->target == a->depender && a->target != b->depender) std::swap(first, second);
  return fact(first) + " and " + fact(second);
}

std::string Wording::terms(std::uint32_t id) {
  PackageId root = m_universe.root();
  std::vector<std::string> positive;
  std::vector<std::string> negative;
  bool root_selected = false;
  for (const PackageTerm& t : m_store.terms(id)) {
    if (t.package == root && t.term.positive) {
      root_selected = true;
    } else if (t.term.positive) {
      positive.push_back(subject(t.package, t.term.set));
    } else {
      negative.push_back(object(t.package, t.term.set));
    }
  }
  std::string root_name(m_universe.name(root));
  if (positive.empty() && negative.empty()) return "version solving failed";
  if (positive.empty()) {
    if (root_selected) return root_name + " requires " + join_list(negative, " or ");
    return join_list(negative, " or ") + " is required";
  }
  if (negative.empty()) {
    if (positive.size() == 1) return positive[0] + " is forbidden";
    if (positive.size() == 2) return positive[0] + " is incompatible with " + positive[1];
    return join_list(positive, " and ") + " are incompatible";
  }
  std::string verb = positive.size() == 1 ? " requires " : " together require ";
  return join_list(positive, " and ") + verb + join_list(negative, " or ");
}

}  // namespace pinset::resolve
