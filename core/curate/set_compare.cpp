#include "core/curate/set_compare.hpp"

#include <algorithm>
#include <filesystem>

namespace pinset::curate {

std::vector<const model::Entry*> entries_by_version(const model::Package& package) {
  std::vector<const model::Entry*> out;
  out.reserve(package.entries.size());
  for (const model::Entry& e : package.entries)
    out.push_back(&e);
  std::stable_sort(out.begin(), out.end(), [](const model::Entry* a, const model::Entry* b) {
    return a->version < b->version;
  });
  return out;
}

std::vector<const model::Package*> packages_by_name(const model::PackageSet& set,
                                                    const std::vector<model::Package>& packages) {
  std::vector<const model::Package*> out;
  for (const model::Package& p : packages)
    out.push_back(&p);
  std::sort(out.begin(), out.end(), [&](const model::Package* a, const model::Package* b) {
    return set.name_of(a->name) < set.name_of(b->name);
  });
  return out;
}

std::vector<model::Removal> sorted_removals(const std::vector<model::Removal>& removes) {
  std::vector<model::Removal> out = removes;
  std::stable_sort(out.begin(), out.end(), [](const model::Removal& a, const model::Removal& b) {
    if (a.name != b.name) return a.name < b.name;
    if (!a.version || !b.version) return !a.version && b.version;
    return *a.version < *b.version;
  });
  return out;
}

std::string dependencies_text(const model::PackageSet& set, const model::Entry& entry) {
  if (entry.dependencies.empty()) return "none";
  std::string out;
  for (const model::DependencyRef& d : entry.dependencies) {
    if (!out.empty()) out += ", ";
    out += std::string(set.name_of(d.name)) + " " + set.range(d.range).text();
  }
  return out;
}

std::string vetting_text(const std::vector<model::Vetting>& vetted) {
  if (vetted.empty()) return "none";
  std::string out;
  for (const model::Vetting& v : vetted) {
    if (!out.empty()) out += "; ";
    out += v.by + " on " + v.on;
    if (!v.criteria.empty() || !v.ticket.empty()) {
      out += " (";
      out += v.criteria;
      if (!v.criteria.empty() && !v.ticket.empty()) out += ", ";
      out += v.ticket + ")";
    }
  }
  return out;
}

std::string versions_of(const model::Package& package) {
  std::string out;
  for (const model::Entry* e : entries_by_version(package)) {
    if (!out.empty()) out += ", ";
    out += e->version.str();
  }
  return out;
}

bool same_dependencies(const model::PackageSet& a_set, const model::Entry& a,
                       const model::PackageSet& b_set, const model::Entry& b) {
  if (a.dependencies.size() != b.dependencies.size()) return false;
  for (std::size_t i = 0; i < a.dependencies.size(); ++i) {
    const model::DependencyRef& x = a.dependencies[i];
    const model::DependencyRef& y = b.dependencies[i];
    if (a_set.name_of(x.name) != b_set.name_of(y.name) ||
        a_set.range(x.range).text() != b_set.range(y.range).text()) {
      return false;
    }
  }
  return true;
}

bool same_entry(const model::PackageSet& a_set, const model::Entry& a,
                const model::PackageSet& b_set, const model::Entry& b) {
  return a.version.str() == b.version.str() && a.checksum == b.checksum && a.url == b.url &&
         a.license == b.license && a.size == b.size && a.extra() == b.extra() &&
         a.strip_components == b.strip_components && a.ecosystem == b.ecosystem &&
         same_dependencies(a_set, a, b_set, b);
}

namespace {

bool same_packages(const model::PackageSet& a_set, const std::vector<model::Package>& a,
                   const model::PackageSet& b_set, const std::vector<model::Package>& b) {
  if (a.size() != b.size()) return false;
  auto pa = packages_by_name(a_set, a);
  auto pb = packages_by_name(b_set, b);
  for (std::size_t i = 0; i < pa.size(); ++i) {
    if (a_set.name_of(pa[i]->name) != b_set.name_of(pb[i]->name)) return false;
    auto ea = entries_by_version(*pa[i]);
    auto eb = entries_by_version(*pb[i]);
    if (ea.size() != eb.size()) return false;
    for (std::size_t k = 0; k < ea.size(); ++k) {
      if (!same_entry(a_set, *ea[k], b_set, *eb[k])) return false;
    }
  }
  return true;
}

}  // namespace

bool same_set(const model::PackageSet& a, const model::PackageSet& b) {
  if (a.format != b.format || a.name != b.name || a.serial != b.serial || a.expires != b.expires ||
      a.published != b.published || a.extends != b.extends || a.ecosystem != b.ecosystem ||
      a.versioning != b.versioning) {
    return false;
  }
  auto ra = sorted_removals(a.removes);
  auto rb = sorted_removals(b.removes);
  if (ra.size() != rb.size()) return false;
  for (std::size_t i = 0; i < ra.size(); ++i) {
    if (ra[i].str() != rb[i].str()) return false;
  }
  return same_packages(a, a.overrides, b, b.overrides) &&
         same_packages(a, a.packages(), b, b.packages());
}

namespace {

bool is_url(const std::string& text) {
  return text.find("://") != std::string::npos;
}

}  // namespace

std::string rebase_url(const std::string& from_source, const std::string& to_source,
                       const std::string& url) {
  std::string resolved = model::resolve_url(from_source, url);
  if (is_url(resolved) || is_url(to_source)) return resolved;
  std::filesystem::path target(resolved);
  std::filesystem::path dir = std::filesystem::path(to_source).parent_path();
  if (dir.empty()) dir = ".";
  if (target.is_absolute() != dir.is_absolute()) return resolved;
  std::filesystem::path relative = target.lexically_relative(dir);
  if (relative.empty()) return resolved;
  return relative.generic_string();
}

}  // namespace pinset::curate
