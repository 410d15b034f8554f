#pragma once
// Helpers shared by the writer, diff, merge and layers: canonical orders, comparing entries of
// two sets (whose name and range ids differ), copying an entry from one set into another, and
// moving relative artifact URLs to a new base.

#include <string>
#include <vector>

#include "core/model/package_set.hpp"

namespace pinset::curate {

// A package's entries in ascending version order.
std::vector<const model::Entry*> entries_by_version(const model::Package& package);
// `packages` (which belong to `set`) in ascending name order.
std::vector<const model::Package*> packages_by_name(const model::PackageSet& set,
                                                    const std::vector<model::Package>& packages);
// Removals by name, then version (the whole package first).
std::vector<model::Removal> sorted_removals(const std::vector<model::Removal>& removes);

// "libfoo ^2.1.0, tls-shim ~0.9.4" (by name), or "none".
std::string dependencies_text(const model::PackageSet& set, const model::Entry& entry);
// "alice@example.com on 2026-10-02 (safe-to-deploy, SEC-1234)", or "none".
std::string vetting_text(const std::vector<model::Vetting>& vetted);

// "1.0.0, 1.2.0" : a package's versions in ascending order.
std::string versions_of(const model::Package& package);

// Whether two entries of two sets name the same dependencies with the same ranges (in order).
bool same_dependencies(const model::PackageSet& a_set, const model::Entry& a,
                       const model::PackageSet& b_set, const model::Entry& b);
// Whether two entries of two sets say the same (every field of the format; `line` is ignored).
bool same_entry(const model::PackageSet& a_set, const model::Entry& a,
                const model::PackageSet& b_set, const model::Entry& b);
// Whether two sets are equal as documents: header, layers, and every package and entry (entries
// compared in version order; `source` and lines are ignored).
bool same_set(const model::PackageSet& a, const model::PackageSet& b);

// `url`, relative to a set at `from_source`, made relative to a set at `to_source` when both are
// filesystem paths of the same kind (both relative or both absolute); otherwise the resolved
// absolute URL or path. Absolute URLs are returned as they are.
std::string rebase_url(const std::string& from_source, const std::string& to_source,
                       const std::string& url);

}  // namespace pinset::curate
