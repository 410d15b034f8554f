#include "core/curate/edit.hpp"

#include <algorithm>

#include "core/curate/set_compare.hpp"

namespace pinset::curate {

namespace {

// A copy of `set`'s header and layers, and of the packages `keep` accepts (entry by entry).
template <class Keep>
model::PackageSet copy_set(const model::PackageSet& set, Keep keep,
                           const std::string& to_source = {}) {
  model::PackageSet out;
  model::copy_identity(set, out);
  out.ecosystem = set.ecosystem;
  out.versioning = set.versioning;
  out.extends = set.extends;
  if (!to_source.empty()) {
    for (model::SetBase& base : out.extends)
      base.url = rebase_url(set.source, to_source, base.url);
  }
  out.removes = set.removes;
  for (const model::Package& p : set.overrides) {
    model::Package copy{out.intern_name(set.name_of(p.name)), {}};
    for (const model::Entry& e : p.entries) {
      copy.entries.push_back(model::copy_entry(set, e, out));
      if (!to_source.empty()) copy.entries.back().url = rebase_url(set.source, to_source, e.url);
    }
    out.overrides.push_back(std::move(copy));
  }
  for (const model::Package& p : set.packages()) {
    std::vector<model::Entry> entries;
    for (const model::Entry& e : p.entries) {
      if (!keep(set.name_of(p.name), e)) continue;
      entries.push_back(model::copy_entry(set, e, out));
      if (!to_source.empty()) entries.back().url = rebase_url(set.source, to_source, e.url);
    }
    if (!entries.empty())
      out.package(out.intern_name(set.name_of(p.name))).entries = std::move(entries);
  }
  if (!to_source.empty()) out.source = to_source;
  return out;
}

}  // namespace

Result<model::PackageSet> add_entry(const model::PackageSet& set, const std::string& name,
                                    model::Entry entry, const std::vector<NewDependency>& deps) {
  if (auto ok = model::check_package_name(name); !ok) return fail(ok.error());
  for (const NewDependency& d : deps) {
    if (auto ok = model::check_package_name(d.name); !ok) return fail(ok.error());
  }
  if (const model::Package* p = set.find(name)) {
    for (const model::Entry& e : p->entries) {
      if (e.version != entry.version) continue;
      std::string same = e.version.str() == entry.version.str()
                             ? ""
                             : " as " + e.version.str() + ", the same version";
      return fail(codes::duplicate_entry,
                  name + " " + entry.version.str() + " is already in " + set.source + same +
                      (e.line > 0 ? " (line " + std::to_string(e.line) + ")" : ""),
                  {},
                  "remove it first (pinset set remove " + set.source + " " + name + " " +
                      e.version.str() + "), or add another version");
    }
  }
  model::PackageSet out = copy_set(set, [](std::string_view, const model::Entry&) { return true; });
  std::vector<NewDependency> sorted = deps;
  std::sort(sorted.begin(), sorted.end(),
            [](const NewDependency& a, const NewDependency& b) { return a.name < b.name; });
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].name == sorted[i - 1].name) {
      return fail(codes::duplicate_key, "the dependency " + sorted[i].name + " is given twice", {},
                  "give each dependency once");
    }
  }
  entry.dependencies.clear();
  for (const NewDependency& d : sorted) {
    entry.dependencies.push_back(
        model::DependencyRef{out.intern_name(d.name), out.intern_range(d.range)});
  }
  entry.line = 0;
  out.package(out.intern_name(name)).entries.push_back(std::move(entry));
  out.serial = set.serial + 1;
  out.finish();
  return out;
}

Result<model::PackageSet> remove_entry(const model::PackageSet& set, const std::string& name,
                                       const std::optional<semver::Version>& version) {
  const model::Package* p = set.find(name);
  if (p == nullptr) {
    return fail(codes::not_in_set, set.source + " has no package " + quote(name), {},
                "check the name (pinset set diff and the set itself list its packages)");
  }
  if (version) {
    bool found = std::any_of(p->entries.begin(), p->entries.end(),
                             [&](const model::Entry& e) { return e.version == *version; });
    if (!found) {
      return fail(codes::not_in_set,
                  set.source + " has no " + name + " " + version->str() + " (it has " +
                      versions_of(*p) + ")",
                  {}, "check the version");
    }
  }
  model::PackageSet out = copy_set(set, [&](std::string_view n, const model::Entry& e) {
    return n != name || (version && e.version != *version);
  });
  out.serial = set.serial + 1;
  out.finish();
  return out;
}

model::PackageSet relocate(const model::PackageSet& set, const std::string& to_source) {
  model::PackageSet out = copy_set(
      set, [](std::string_view, const model::Entry&) { return true; }, to_source);
  out.finish();
  return out;
}

}  // namespace pinset::curate
