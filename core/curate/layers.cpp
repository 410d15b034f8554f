#include "core/curate/layers.hpp"

#include <algorithm>
#include <map>

#include "core/curate/merge.hpp"
#include "core/curate/set_compare.hpp"
#include "core/doc/node.hpp"

namespace pinset::curate {

std::string set_label(const model::PackageSet& set) {
  return set.name + "@" + std::to_string(set.serial);
}

namespace {

// A package of the flat result while it is being built: entries already in the result's ids.
struct Building {
  std::vector<model::Entry> entries;
  std::size_t base = 0;  // the base it came from (for messages)
  const model::Package* original = nullptr;
};

std::string versions_of(const std::vector<model::Entry>& entries) {
  std::vector<const model::Entry*> sorted;
  for (const model::Entry& e : entries)
    sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(),
            [](const model::Entry* a, const model::Entry* b) { return a->version < b->version; });
  std::string out;
  for (const model::Entry* e : sorted) {
    if (!out.empty()) out += ", ";
    out += e->version.str();
  }
  return out;
}

bool same_pins(const model::Package& a, const model::Package& b) {
  if (a.entries.size() != b.entries.size()) return false;
  for (const model::Entry& e : a.entries) {
    bool found = std::any_of(b.entries.begin(), b.entries.end(), [&](const model::Entry& x) {
      return x.version == e.version && x.checksum == e.checksum;
    });
    if (!found) return false;
  }
  return true;
}

}  // namespace

Result<model::PackageSet> flatten(const model::PackageSet& top, const std::vector<Layer>& bases) {
  ErrorList errors;
  model::PackageSet out;
  model::copy_identity(top, out);
  out.ecosystem = top.ecosystem;
  out.versioning = top.versioning;
  for (const Layer& layer : bases) {
    const auto& e = layer.set->expires;
    if (e && (!out.expires || expires_before(*e, *out.expires))) {
      out.expires = e;
    }
  }
  std::string top_label = set_label(top);
  auto overridden = [&](std::string_view name) {
    return std::any_of(top.overrides.begin(), top.overrides.end(),
                       [&](const model::Package& p) { return top.name_of(p.name) == name; }) ||
           std::any_of(top.removes.begin(), top.removes.end(),
                       [&](const model::Removal& r) { return r.name == name && !r.version; });
  };
  auto base_line = [&](std::size_t i) { return i < top.extends.size() ? top.extends[i].line : 0; };

  // 1. The bases.
  std::map<std::string, Building, std::less<>> flat;
  for (std::size_t i = 0; i < bases.size(); ++i) {
    const model::PackageSet& base = *bases[i].set;
    for (const model::Package& p : base.packages()) {
      std::string name(base.name_of(p.name));
      auto it = flat.find(name);
      if (it != flat.end()) {
        if (!same_pins(*it->second.original, p) && !overridden(name)) {
          const Layer& earlier = bases[it->second.base];
          errors.add(Error(codes::layer_conflict,
                           name + " is in two base sets with different pins: " +
                               versions_of(it->second.entries) + " in " + earlier.label + ", " +
                               versions_of(p.entries) + " in " + bases[i].label,
                           Location{top.source, base_line(i), 0, doc::index_field("extends", i)},
                           "say which to use: list " + name +
                               " under overrides, or remove it (removes: [" + name + "])"));
        }
        continue;
      }
      Building b;
      b.base = i;
      b.original = &p;
      for (const model::Entry& e : p.entries) {
        model::Entry copy = model::copy_entry(base, e, out);
        copy.url = rebase_url(base.source, top.source, e.url);
        if (copy.from().empty()) copy.edit_extra().from = bases[i].label;
        copy.ecosystem = base.ecosystem_of(e);  // a base's ecosystem stays its entries'
        if (copy.ecosystem == out.ecosystem) copy.ecosystem = model::Ecosystem::unset;
        copy.line = 0;
        b.entries.push_back(std::move(copy));
      }
      flat.emplace(std::move(name), std::move(b));
    }
  }

  // 2. removes.
  for (std::size_t i = 0; i < top.removes.size(); ++i) {
    const model::Removal& r = top.removes[i];
    Location at{top.source, r.line, 0, doc::index_field("removes", i)};
    auto it = flat.find(r.name);
    if (it == flat.end()) {
      errors.add(Error(codes::remove_unknown,
                       "removes lists " + quote(r.str()) + ", but no base set has " + r.name, at,
                       "check the name, or drop it from removes"));
      continue;
    }
    if (!r.version) {
      flat.erase(it);
      continue;
    }
    auto& entries = it->second.entries;
    auto found = std::find_if(entries.begin(), entries.end(),
                              [&](const model::Entry& e) { return e.version == *r.version; });
    if (found == entries.end()) {
      errors.add(Error(codes::remove_unknown,
                       "removes lists " + quote(r.str()) + ", but the base sets have " + r.name +
                           " " + versions_of(entries) + " only",
                       at, "check the version, or drop it from removes"));
      continue;
    }
    entries.erase(found);
    if (entries.empty()) flat.erase(it);
  }

  // 3. overrides.
  for (const model::Package& p : top.overrides) {
    std::string name(top.name_of(p.name));
    int line = p.entries.empty() ? 0 : p.entries.front().line;
    auto it = flat.find(name);
    if (it == flat.end()) {
      errors.add(Error(codes::override_unknown,
                       "overrides replaces " + name + ", but no base set has it",
                       Location{top.source, line, 0, doc::join_field("overrides", name)},
                       "list a new package under packages instead"));
      continue;
    }
    it->second.entries.clear();
    for (const model::Entry& e : p.entries) {
      model::Entry copy = model::copy_entry(top, e, out);
      if (copy.from().empty()) copy.edit_extra().from = top_label;
      copy.line = 0;
      it->second.entries.push_back(std::move(copy));
    }
  }

  // 4. The top's own packages.
  for (const model::Package& p : top.packages()) {
    std::string name(top.name_of(p.name));
    Building& b = flat[name];
    bool from_base = b.original != nullptr;
    for (std::size_t k = 0; k < p.entries.size(); ++k) {
      const model::Entry& e = p.entries[k];
      bool taken = std::any_of(b.entries.begin(), b.entries.end(),
                               [&](const model::Entry& x) { return x.version == e.version; });
      if (taken && from_base) {
        errors.add(Error(
            codes::layer_duplicate,
            name + " " + e.version.str() + " is already in the base set " + bases[b.base].label,
            Location{
                top.source, e.line, 0,
                doc::join_field(doc::index_field(doc::join_field("packages", name), k), "version")},
            "to replace the base's entry, list " + name + " under overrides instead"));
        continue;
      }
      model::Entry copy = model::copy_entry(top, e, out);
      if (copy.from().empty()) copy.edit_extra().from = top_label;
      copy.line = 0;
      b.entries.push_back(std::move(copy));
    }
  }

  if (!errors.empty()) {
    return fail(
        std::move(errors).combine(codes::flatten_failed, top.source + " cannot be flattened", {}));
  }
  for (auto& [name, b] : flat) {
    std::stable_sort(
        b.entries.begin(), b.entries.end(),
        [](const model::Entry& x, const model::Entry& y) { return x.version < y.version; });
    out.package(out.intern_name(name)).entries = std::move(b.entries);
  }
  out.finish();
  return out;
}

}  // namespace pinset::curate
