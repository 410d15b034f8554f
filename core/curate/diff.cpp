#include "core/curate/diff.hpp"

#include <algorithm>

#include "core/curate/set_compare.hpp"

namespace pinset::curate {

char change_mark(Change change) {
  switch (change) {
    case Change::added:
      return '+';
    case Change::removed:
      return '-';
    case Change::upgraded:
      return '^';
    case Change::downgraded:
      return 'v';
    case Change::changed:
      return '~';
    case Change::critical:
      return '!';
  }
  return '?';
}

const char* change_name(Change change) {
  switch (change) {
    case Change::added:
      return "added";
    case Change::removed:
      return "removed";
    case Change::upgraded:
      return "upgraded";
    case Change::downgraded:
      return "downgraded";
    case Change::changed:
      return "changed";
    case Change::critical:
      return "critical";
  }
  return "?";
}

std::size_t SetDiff::count(Change change) const {
  return static_cast<std::size_t>(std::count_if(
      packages.begin(), packages.end(), [&](const PackageDiff& p) { return p.change == change; }));
}

namespace {

std::string optional_text(const std::optional<std::string>& text) {
  return text ? *text : "none";
}

void compare(std::vector<FieldChange>& out, const char* field, const std::string& before,
             const std::string& after) {
  if (before != after) out.push_back(FieldChange{field, before, after});
}

std::string extends_text(const model::PackageSet& set) {
  if (set.extends.empty()) return "none";
  std::string out;
  for (const model::SetBase& base : set.extends) {
    if (!out.empty()) out += ", ";
    out += base.url + " (" + base.digest.str() + ")";
  }
  return out;
}

std::string overrides_text(const model::PackageSet& set) {
  if (set.overrides.empty()) return "none";
  std::string out;
  for (const model::Package* p : packages_by_name(set, set.overrides)) {
    for (const model::Entry* e : entries_by_version(*p)) {
      if (!out.empty()) out += ", ";
      out += std::string(set.name_of(p->name)) + "@" + e->version.str() + " " + e->checksum.str();
    }
  }
  return out;
}

std::string removes_text(const model::PackageSet& set) {
  if (set.removes.empty()) return "none";
  std::string out;
  for (const model::Removal& r : sorted_removals(set.removes)) {
    if (!out.empty()) out += ", ";
    out += r.str();
  }
  return out;
}

std::string size_text(const std::optional<std::uint64_t>& size) {
  return size ? std::to_string(*size) : "none";
}

// What a relative URL is resolved against: the source up to its last '/'.
std::string_view base_of(std::string_view source) {
  std::size_t slash = source.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : source.substr(0, slash + 1);
}

VersionChange compare_entries(const model::PackageSet& a_set, const model::Entry& a,
                              const model::PackageSet& b_set, const model::Entry& b) {
  VersionChange out;
  out.version = b.version.str();
  compare(out.fields, "version", a.version.str(), b.version.str());
  if (a.checksum != b.checksum) {
    out.critical = true;
    out.fields.push_back(FieldChange{"checksum", a.checksum.str(), b.checksum.str()});
  }
  // Where the artifact is, not how it is written: a set moved to another folder with its URLs
  // rewritten to match has not changed. (Resolving is the slow part: skipped when the text and
  // the sets' folders are the same.)
  if (a.url != b.url || base_of(a_set.source) != base_of(b_set.source)) {
    compare(out.fields, "url", a_set.artifact_url(a), b_set.artifact_url(b));
  }
  if (!same_dependencies(a_set, a, b_set, b)) {
    compare(out.fields, "dependencies", dependencies_text(a_set, a), dependencies_text(b_set, b));
  }
  compare(out.fields, "license", a.license.empty() ? "none" : a.license,
          b.license.empty() ? "none" : b.license);
  compare(out.fields, "size", size_text(a.size), size_text(b.size));
  compare(out.fields, "strip-components", std::to_string(a.strip_components),
          std::to_string(b.strip_components));
  compare(out.fields, "ecosystem", std::string(model::ecosystem_info(a_set.ecosystem_of(a)).name),
          std::string(model::ecosystem_info(b_set.ecosystem_of(b)).name));
  if (a.vetted() != b.vetted()) {
    compare(out.fields, "vetted", vetting_text(a.vetted()), vetting_text(b.vetted()));
  }
  compare(out.fields, "published-at", a.published_at().empty() ? "none" : a.published_at(),
          b.published_at().empty() ? "none" : b.published_at());
  compare(out.fields, "publisher", a.publisher().empty() ? "none" : a.publisher(),
          b.publisher().empty() ? "none" : b.publisher());
  return out;
}

std::vector<std::string> version_texts(const model::Package* package) {
  std::vector<std::string> out;
  if (package == nullptr) return out;
  for (const model::Entry* e : entries_by_version(*package))
    out.push_back(e->version.str());
  return out;
}

PackageDiff compare_packages(const std::string& name, const model::PackageSet& a_set,
                             const model::Package* a, const model::PackageSet& b_set,
                             const model::Package* b) {
  PackageDiff out;
  out.name = name;
  out.before = version_texts(a);
  out.after = version_texts(b);
  if (a == nullptr) {
    out.change = Change::added;
    out.added = out.after;
    return out;
  }
  if (b == nullptr) {
    out.change = Change::removed;
    out.removed = out.before;
    return out;
  }
  auto ea = entries_by_version(*a);
  auto eb = entries_by_version(*b);
  std::size_t i = 0, k = 0;
  bool critical = false;
  while (i < ea.size() || k < eb.size()) {
    if (k == eb.size() || (i < ea.size() && ea[i]->version < eb[k]->version)) {
      out.removed.push_back(ea[i++]->version.str());
    } else if (i == ea.size() || eb[k]->version < ea[i]->version) {
      out.added.push_back(eb[k++]->version.str());
    } else {
      VersionChange c = compare_entries(a_set, *ea[i++], b_set, *eb[k++]);
      critical = critical || c.critical;
      if (!c.fields.empty()) out.changed.push_back(std::move(c));
    }
  }
  if (critical) {
    out.change = Change::critical;
  } else if (ea.empty() || eb.empty()) {
    out.change = Change::changed;  // only a set built in code has a package without versions
  } else if (ea.back()->version < eb.back()->version) {
    out.change = Change::upgraded;
  } else if (eb.back()->version < ea.back()->version) {
    out.change = Change::downgraded;
  } else {
    out.change = Change::changed;
  }
  return out;
}

// Whether two packages say the same, entry by entry in document order, without building any text
// (most packages of two revisions of a large set are unchanged). Only for sets in one folder:
// elsewhere the same relative URL may name another artifact.
bool unchanged(const model::PackageSet& a_set, const model::Package& a,
               const model::PackageSet& b_set, const model::Package& b) {
  if (a.entries.size() != b.entries.size()) return false;
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    if (!same_entry(a_set, a.entries[i], b_set, b.entries[i])) return false;
  }
  return true;
}

}  // namespace

SetDiff diff_sets(const model::PackageSet& before, const model::PackageSet& after) {
  SetDiff out;
  out.old_name = before.name;
  out.new_name = after.name;
  out.old_serial = before.serial;
  out.new_serial = after.serial;
  compare(out.set, "name", before.name, after.name);
  compare(out.set, "serial", std::to_string(before.serial), std::to_string(after.serial));
  compare(out.set, "published", optional_text(before.published), optional_text(after.published));
  compare(out.set, "expires", optional_text(before.expires), optional_text(after.expires));
  compare(out.set, "ecosystem", std::string(model::ecosystem_info(before.ecosystem).name),
          std::string(model::ecosystem_info(after.ecosystem).name));
  compare(out.set, "extends", extends_text(before), extends_text(after));
  compare(out.set, "overrides", overrides_text(before), overrides_text(after));
  compare(out.set, "removes", removes_text(before), removes_text(after));

  const auto& pa = before.packages();
  const auto& pb = after.packages();
  const bool one_folder = base_of(before.source) == base_of(after.source);
  std::size_t i = 0, k = 0;
  while (i < pa.size() || k < pb.size()) {
    std::string_view na = i < pa.size() ? before.name_of(pa[i].name) : std::string_view();
    std::string_view nb = k < pb.size() ? after.name_of(pb[k].name) : std::string_view();
    PackageDiff d;
    if (k == pb.size() || (i < pa.size() && na < nb)) {
      d = compare_packages(std::string(na), before, &pa[i++], after, nullptr);
    } else if (i == pa.size() || nb < na) {
      d = compare_packages(std::string(nb), before, nullptr, after, &pb[k++]);
    } else if (one_folder && unchanged(before, pa[i], after, pb[k])) {
      ++i, ++k;
      continue;
    } else {
      d = compare_packages(std::string(na), before, &pa[i++], after, &pb[k++]);
      if (d.added.empty() && d.removed.empty() && d.changed.empty()) continue;
    }
    out.packages.push_back(std::move(d));
  }
  return out;
}

}  // namespace pinset::curate
