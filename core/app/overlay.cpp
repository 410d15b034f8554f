#include "core/app/overlay.hpp"

#include <algorithm>

#include "core/app/set_checks.hpp"
#include "core/doc/node.hpp"
#include "core/util/dates.hpp"

namespace pinset::app {

namespace {

const char* action_word(model::OverlayAction a) {
  switch (a) {
    case model::OverlayAction::add:
      return "add";
    case model::OverlayAction::replace:
      return "replace";
    case model::OverlayAction::drop:
      return "drop";
  }
  return "";
}

// "drop libfoo 2.0.0"
std::string what(const model::OverlayEntry& e) {
  std::string out = std::string(action_word(e.action)) + " " + e.name;
  if (e.version) out += " " + e.version->str();
  return out;
}

// "overlay[2] (drop libfoo 2.0.0)", for warnings, which have no field of their own.
std::string describe(const model::OverlayEntry& e, std::size_t index) {
  return doc::index_field("overlay", index) + " (" + what(e) + ")";
}

Location where(const model::Manifest& m, const model::OverlayEntry& e, std::size_t index) {
  return Location{m.source, e.line, 0, doc::index_field("overlay", index)};
}

model::Entry to_entry(const model::OverlayEntry& e, model::PackageSet& out) {
  model::Entry entry;
  entry.version = *e.version;
  entry.checksum = *e.checksum;
  entry.url = e.url;
  entry.license = e.license;
  entry.size = e.size;
  entry.strip_components = e.strip_components;
  entry.line = e.line;
  entry.edit_extra().from = "overlay";
  for (const auto& d : e.dependencies) {
    entry.dependencies.push_back(
        model::DependencyRef{out.intern_name(d.name), out.intern_range(d.range)});
  }
  return entry;
}

// Equal precedence: 1.0.0+a and 1.0.0+b are one version, as in a set.
bool same_version(const semver::Version& a, const semver::Version& b) {
  return a == b;
}

}  // namespace

std::optional<std::int64_t> overlay_expiry_at(const model::Manifest& manifest) {
  std::optional<std::int64_t> first;
  for (const model::OverlayEntry& e : manifest.overlay) {
    if (!e.expires) continue;
    auto until = dates::parse_date_or_timestamp(*e.expires);
    if (until && (!first || *until + 86400 < *first)) first = *until + 86400;
  }
  return first;
}

Result<OverlaidSet> apply_overlay(const model::PackageSet& set, const model::Manifest& manifest,
                                  std::int64_t now) {
  OverlaidSet result;
  const auto& overlay = manifest.overlay;
  ErrorList errors;
  std::vector<bool> matched(overlay.size(), false);
  for (std::size_t i = 0; i < overlay.size(); ++i) {
    const model::OverlayEntry& e = overlay[i];
    if (e.expires) {
      auto until = dates::parse_date_or_timestamp(*e.expires);
      if (until && now >= *until + 86400) {
        errors.add(Error(codes::overlay_expired,
                         "this overlay entry (" + what(e) + ") expired on " + *e.expires +
                             " (reason given: " + quote(e.reason) + ")",
                         where(manifest, e, i),
                         "check whether the set has caught up and remove the entry, or review "
                         "it again and move its expires date"));
      }
    }
    const model::Package* pkg = set.find(e.name);
    if (e.action == model::OverlayAction::add && pkg != nullptr) {
      for (const auto& entry : pkg->entries) {
        if (same_version(entry.version, *e.version)) {
          errors.add(Error(codes::overlay_conflict,
                           "cannot " + what(e) + ": the set already has " + e.name + " " +
                               entry.version.str() + " (" + set.source + ":" +
                               std::to_string(entry.line) + ")",
                           where(manifest, e, i),
                           "use action: replace to swap the set's entries of " + e.name +
                               " for yours, or remove the overlay entry"));
        }
      }
    }
    if (e.action == model::OverlayAction::replace && pkg == nullptr) {
      errors.add(Error(codes::overlay_not_in_set,
                       "cannot replace " + e.name + ": the set has no package " + quote(e.name),
                       where(manifest, e, i), "use action: add for a package the set lacks"));
    }
  }
  if (!errors.empty()) {
    return fail(std::move(errors).combine(
        codes::invalid_overlay, "the overlay in " + manifest.source + " cannot be applied", {}));
  }

  model::PackageSet& out = result.set;
  model::copy_identity(set, out);
  // The overlaid set is still the set: its entries keep its ecosystem and versioning (a debian
  // set's `2026b` is no SemVer version).
  out.ecosystem = set.ecosystem;
  out.versioning = set.versioning;
  for (const model::Package& pkg : set.packages()) {
    std::string_view name = set.name_of(pkg.name);
    bool replaced = std::any_of(overlay.begin(), overlay.end(), [&](const auto& e) {
      return e.action == model::OverlayAction::replace && e.name == name;
    });
    model::NameId id = out.intern_name(name);
    if (replaced) {
      for (std::size_t i = 0; i < overlay.size(); ++i) {
        if (overlay[i].action == model::OverlayAction::replace && overlay[i].name == name) {
          out.package(id).entries.push_back(to_entry(overlay[i], out));
          matched[i] = true;
        }
      }
      continue;
    }
    for (const model::Entry& entry : pkg.entries) {
      bool dropped = false;
      for (std::size_t i = 0; i < overlay.size(); ++i) {
        const auto& e = overlay[i];
        if (e.action == model::OverlayAction::drop && e.name == name &&
            (!e.version || same_version(*e.version, entry.version))) {
          dropped = true;
          matched[i] = true;
        }
      }
      if (dropped) continue;
      out.package(id).entries.push_back(model::copy_entry(set, entry, out));
    }
  }
  for (std::size_t i = 0; i < overlay.size(); ++i) {
    if (overlay[i].action != model::OverlayAction::add) continue;
    model::NameId id = out.intern_name(overlay[i].name);
    out.package(id).entries.push_back(to_entry(overlay[i], out));
    matched[i] = true;
  }
  out.finish();
  for (std::size_t i = 0; i < overlay.size(); ++i) {
    if (!matched[i]) {
      result.warnings.push_back(manifest.source + ":" + std::to_string(overlay[i].line) + ": " +
                                describe(overlay[i], i) +
                                " matches nothing in the set; remove the entry");
    }
  }
  return result;
}

const model::OverlayEntry* overlay_entry_for(const model::Manifest& manifest, std::string_view name,
                                             const semver::Version& version) {
  for (const auto& e : manifest.overlay) {
    if (e.action != model::OverlayAction::drop && e.name == name && e.version &&
        same_version(*e.version, version)) {
      return &e;
    }
  }
  return nullptr;
}

std::vector<std::string> mark_overlay_packages(const model::Manifest& manifest, model::Lock& lock) {
  for (model::LockedPackage& p : lock.packages) {
    const model::OverlayEntry* e = overlay_entry_for(manifest, p.name, p.version);
    if (e != nullptr && *e->checksum == p.checksum) {
      p.origin = "overlay";
      p.url = e->url;
    }
  }
  std::vector<std::string> warnings;
  for (std::size_t i = 0; i < manifest.overlay.size(); ++i) {
    const auto& e = manifest.overlay[i];
    if (e.action == model::OverlayAction::drop) continue;
    const model::LockedPackage* p = lock.find(e.name);
    if (p == nullptr || !same_version(p->version, *e.version)) {
      warnings.push_back(manifest.source + ":" + std::to_string(e.line) + ": " + describe(e, i) +
                         " is not used by the resolution (" +
                         (p == nullptr ? e.name + " is not needed"
                                       : e.name + " " + p->version.str() + " was chosen") +
                         "); remove it if it is no longer needed");
    }
  }
  return warnings;
}

}  // namespace pinset::app
