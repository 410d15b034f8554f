// Rules about each resolved package: whether the set lists it, its vetting and the deny list.
#include <algorithm>

#include "core/policy/rule_table.hpp"
#include "core/util/dates.hpp"
#include "core/util/strings.hpp"

namespace pinset::policy::detail {

std::string label(const model::LockedPackage& p) {
  return p.name + " " + p.version.str();
}

const model::OverlayEntry* overlay_for(const model::Manifest& m, const model::LockedPackage& p) {
  for (const auto& o : m.overlay) {
    if (o.name == p.name && o.action != model::OverlayAction::drop &&
        (!o.version || *o.version == p.version)) {
      return &o;
    }
  }
  return nullptr;
}

const model::Entry* set_entry(const Context& context, const model::LockedPackage& p) {
  const model::Package* pkg = context.set->find(p.name);
  if (pkg == nullptr) return nullptr;
  for (const auto& e : pkg->entries) {
    if (e.version == p.version) return &e;
  }
  return nullptr;
}

void parse_in_set(SettingsReader& r, const doc::Node& value, const std::string& field,
                  InSetRule& out) {
  r.boolean(value, field, "allow-overlays", out.allow_overlays);
  r.days(value, field, "overlay-max-days", out.overlay_max_days);
}

void combine_in_set(InSetRule& into, const InSetRule& next) {
  into.allow_overlays &= next.allow_overlays;
  take_min(into.overlay_max_days, next.overlay_max_days);
}

void check_in_set(const InSetRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  const auto& m = *c.manifest;
  for (const auto& o : m.overlay) {
    std::string what = o.name + (o.version ? " " + o.version->str() : std::string());
    if (!rule.allow_overlays) {
      emit.project("overlay-forbidden", "overlay:" + o.name,
                   "the manifest's overlay changes " + what +
                       " outside the package set, and the policy allows no overlays",
                   "ask the set's curators to vet the package, then remove the overlay entry",
                   emit.manifest_at(o.line))
          .package = o.name;
      continue;
    }
    if (o.reason.empty()) {
      emit.project("overlay-no-reason", "overlay-no-reason:" + o.name,
                   "the overlay entry for " + what + " gives no reason", "add `reason: ...`",
                   emit.manifest_at(o.line))
          .package = o.name;
    }
    auto limit = dates::day_of(c.now) + static_cast<std::int64_t>(rule.overlay_max_days);
    auto expires = o.expires ? dates::parse_date(*o.expires) : std::nullopt;
    if (!expires) {
      emit.project("overlay-no-expiry", "overlay-expiry:" + o.name,
                   "the overlay entry for " + what + " has no expiry date",
                   "add `expires: " + dates::format_date(limit * 86400) + "` (at most " +
                       std::to_string(rule.overlay_max_days) + " days away)",
                   emit.manifest_at(o.line))
          .package = o.name;
    } else if (*expires > limit) {
      emit.project("overlay-expiry-too-far", "overlay-expiry:" + o.name,
                   "the overlay entry for " + what + " expires on " + *o.expires +
                       ", further away than the " + std::to_string(rule.overlay_max_days) +
                       " days the policy allows",
                   "set `expires:` to " + dates::format_date(limit * 86400) + " or earlier",
                   emit.manifest_at(o.line))
          .package = o.name;
    }
  }
  if (c.lock == nullptr) return;
  for (const auto& p : c.lock->packages) {
    if (p.origin == "overlay") {
      if (overlay_for(m, p) == nullptr) {
        emit.package(p, "not-in-set", "not-in-set",
                     label(p) +
                         " is locked as an overlay package, but the manifest's overlay "
                         "does not list it",
                     "run `pinset resolve` to bring the lock in line with the manifest");
      }
      continue;
    }
    const model::Entry* e = set_entry(c, p);
    if (e == nullptr) {
      emit.package(p, "not-in-set", "not-in-set",
                   label(p) + " is not in the package set " + quote(c.set->name),
                   "run `pinset resolve` to pick a version the set vets");
    } else if (e->checksum != p.checksum) {
      emit.package(p, "not-in-set", "checksum-differs",
                   label(p) + " is locked with checksum " + p.checksum.short_str() +
                       ", but the package set lists " + e->checksum.short_str(),
                   "run `pinset resolve` to take the set's artifact");
    }
  }
}

void parse_vetted(SettingsReader& r, const doc::Node& value, const std::string& field,
                  VettedRule& out) {
  if (const doc::Node* n = value.find("criteria")) {
    out.criteria = r.strings(*n, doc::join_field(field, "criteria"));
  }
}

void combine_vetted(VettedRule& into, const VettedRule& next) {
  if (into.criteria.empty()) {
    into.criteria = next.criteria;
  } else if (!next.criteria.empty()) {
    into.criteria = intersect(into.criteria, next.criteria);
  }
}

void check_vetted(const VettedRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  if (c.lock == nullptr) return;
  for (const auto& p : c.lock->packages) {
    const model::Entry* e = set_entry(c, p);
    if (e == nullptr) continue;  // in-set reports it
    if (!e->vetted) {
      emit.package(p, "not-vetted", "not-vetted",
                   label(p) + " has no vetting record (`vetted`) in the package set",
                   "have the package reviewed and its set entry list `vetted: {by, on}`, or "
                   "waive it with a reason");
    } else if (!rule.criteria.empty() && std::find(rule.criteria.begin(), rule.criteria.end(),
                                                   e->vetted->criteria) == rule.criteria.end()) {
      emit.package(p, "vetting-criteria", "vetting-criteria",
                   label(p) + " was vetted for " +
                       (e->vetted->criteria.empty() ? std::string("no stated criteria")
                                                    : quote(e->vetted->criteria)) +
                       "; the policy requires " + join(rule.criteria, " or "),
                   "have the package reviewed against the required criteria");
    }
  }
}

void parse_denied(SettingsReader& r, const doc::Node& value, const std::string& rule_field,
                  DeniedRule& out) {
  const doc::Node* list = value.find("packages");
  if (list == nullptr) return;
  std::string field = doc::join_field(rule_field, "packages");
  if (!list->is_sequence()) {
    r.add(r.doc().wrong_type(*list, field, "a list of {name, versions, reason}"));
    return;
  }
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    const doc::Node& d = list->items[i];
    std::string f = doc::index_field(field, i);
    if (!d.is_mapping()) {
      r.add(r.doc().wrong_type(d, f, "a mapping with name, versions and reason"));
      continue;
    }
    r.check_known_fields(d, f, {"name", "versions", "reason", "use-instead"});
    DeniedPackage p;
    p.origin = Origin{r.source(), d.mark.line};
    bool ok = r.required_string(d, f, "name", "add the denied package's name", p.name);
    ok = r.required_string(d, f, "reason", "say why the package is denied", p.reason) && ok;
    if (const doc::Node* n = d.find("use-instead")) {
      if (auto s = r.doc().string(*n, doc::join_field(f, "use-instead")))
        p.use_instead = *s;
      else
        r.add(s.error()), ok = false;
    }
    auto range = r.range_of(d.find("versions"), doc::join_field(f, "versions"));
    if (!range) {
      ok = false;
    } else {
      p.versions = std::move(*range);
    }
    if (ok) out.packages.push_back(std::move(p));
  }
}

void combine_denied(DeniedRule& into, const DeniedRule& next) {
  into.packages.insert(into.packages.end(), next.packages.begin(), next.packages.end());
}

void check_denied(const DeniedRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  if (c.lock == nullptr) return;
  for (const auto& p : c.lock->packages) {
    for (const auto& d : rule.packages) {
      if (d.name != p.name || !d.versions.satisfies(p.version)) continue;
      std::string scope =
          d.versions.text() == "*" ? "every version" : "versions " + d.versions.text();
      std::string hint =
          !d.use_instead.empty()
              ? "use " + d.use_instead + " instead"
              : (d.versions.text() == "*" ? std::string("remove the dependency")
                                          : "move to a version outside " + d.versions.text());
      emit.package(p, "denied", "denied:" + d.versions.text(),
                   label(p) + " is denied (" + scope + "): " + d.reason + " (" + d.origin.file +
                       ":" + std::to_string(d.origin.line) + ")",
                   std::move(hint));
      break;
    }
  }
}

}  // namespace pinset::policy::detail
