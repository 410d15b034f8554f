// Rules about each resolved package: where it comes from, its checksum, vetting, the deny list,
// its license and known advisories.
#include <algorithm>

#include "core/policy/dates.hpp"
#include "core/policy/license_expr.hpp"
#include "core/policy/rules.hpp"
#include "core/util/strings.hpp"

namespace pinset::policy::detail {

namespace {

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

}  // namespace

const model::Entry* set_entry(const Context& context, const model::LockedPackage& p) {
  const model::Package* pkg = context.set->find(p.name);
  if (pkg == nullptr) return nullptr;
  for (const auto& e : pkg->entries) {
    if (e.version == p.version) return &e;
  }
  return nullptr;
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
    auto limit = day_of(c.now) + static_cast<std::int64_t>(rule.overlay_max_days);
    auto expires = o.expires ? parse_date(*o.expires) : std::nullopt;
    if (!expires) {
      emit.project("overlay-no-expiry", "overlay-expiry:" + o.name,
                   "the overlay entry for " + what + " has no expiry date",
                   "add `expires: " + format_date(limit * 86400) + "` (at most " +
                       std::to_string(rule.overlay_max_days) + " days away)",
                   emit.manifest_at(o.line))
          .package = o.name;
    } else if (*expires > limit) {
      emit.project("overlay-expiry-too-far", "overlay-expiry:" + o.name,
                   "the overlay entry for " + what + " expires on " + *o.expires +
                       ", further away than the " + std::to_string(rule.overlay_max_days) +
                       " days the policy allows",
                   "set `expires:` to " + format_date(limit * 86400) + " or earlier",
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

void check_checksums(const ChecksumsRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  if (c.lock == nullptr) return;
  for (const auto& p : c.lock->packages) {
    std::string algo(crypto::algo_name(p.checksum.algo()));
    if (std::find(rule.algorithms.begin(), rule.algorithms.end(), algo) != rule.algorithms.end()) {
      continue;
    }
    emit.package(
        p, "checksum-algorithm", algo,
        label(p) + " is pinned with " + algo + ", which the policy does not allow",
        "ask the set's curators to list it with a " + join(rule.algorithms, " or ") + " checksum");
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

void check_licenses(const LicensesRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  if (c.lock == nullptr) return;
  LicensePolicy lp{rule.allow, rule.deny};
  for (const auto& p : c.lock->packages) {
    std::string license;
    if (const model::Entry* e = set_entry(c, p)) {
      license = e->license;
    } else if (const model::OverlayEntry* o = overlay_for(*c.manifest, p)) {
      license = o->license;
    } else {
      continue;  // in-set reports it
    }
    if (license.empty()) {
      if (!rule.allow_missing) {
        emit.package(p, "license-missing", "license-missing",
                     label(p) + " has no license in the package set",
                     "ask the set's curators to record its SPDX license expression");
      }
      continue;
    }
    auto verdict = evaluate(license, lp);
    if (!verdict) {
      emit.package(
          p, "license-invalid", "license:" + license,
          label(p) + " has a license that is not an SPDX expression: " + verdict.error().message,
          "ask the set's curators to correct the license expression");
    } else if (!verdict->allowed) {
      emit.package(p, "license-not-allowed", "license:" + license,
                   label(p) + " is licensed " + quote(license) + ": " + verdict->summary(),
                   "replace the package, or waive it with the reason it is acceptable");
    }
  }
}

void check_advisories(const AdvisoriesRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  if (!c.advisories_loaded) {
    Finding& f = emit.project(
        "advisories-missing", "advisories-missing",
        "no advisory folder was given, so no resolved package was checked for known "
        "vulnerabilities",
        "pass --advisories DIR (a folder of OSV JSON files) or set rules.advisories.directories",
        Location{});
    if (!rule.max_age_days) f.severity = Severity::warning;
    return;
  }
  if (rule.max_age_days) {
    std::optional<std::int64_t> newest;
    std::string newest_text;
    for (const auto& a : c.advisories) {
      auto t = parse_timestamp(a.modified);
      if (t && (!newest || *t > *newest)) newest = t, newest_text = a.modified;
    }
    std::int64_t age = newest ? day_of(c.now) - day_of(*newest) : -1;
    if (!newest || age > static_cast<std::int64_t>(*rule.max_age_days)) {
      emit.project("advisories-stale", "advisories-stale",
                   newest ? "the newest advisory was modified on " + newest_text + ", " +
                                std::to_string(age) + " days ago; the policy allows at most " +
                                std::to_string(*rule.max_age_days) + " days"
                          : std::string("the advisory folders hold no advisory, so their age is "
                                        "unknown"),
                   "update the advisory folder from your OSV mirror",
                   Location{c.advisory_dirs.empty() ? "" : c.advisory_dirs.front(), 0, 0, ""});
    }
  }
  if (c.lock == nullptr) return;
  MatchOptions options{rule.ecosystems, rule.any_ecosystem};
  for (const auto& p : c.lock->packages) {
    // A package of a set that names its ecosystem is also named by that ecosystem's advisories
    // (an npm set's "@babel/core" by OSV's "npm" ones).
    const model::Entry* entry = set_entry(c, p);
    std::string_view osv = model::ecosystem_info(entry != nullptr ? c.set->ecosystem_of(*entry)
                                                                  : model::Ecosystem::unset)
                               .osv;
    std::optional<MatchOptions> own;
    if (!osv.empty()) {
      own = options;
      own->ecosystems.emplace_back(osv);
    }
    for (const auto& a : c.advisories) {
      auto m = match(a, p.name, p.version, own ? *own : options);
      if (!m) continue;
      AdvisoryFacts facts;
      facts.id = a.id;
      facts.aliases = a.aliases;
      facts.summary = a.summary;
      facts.severity = !a.database_severity.empty() ? a.database_severity
                       : !a.severity.empty()        ? a.severity.front().score
                                                    : std::string();
      for (const auto& v : m->fixed_versions)
        facts.fixed.push_back(v.str());
      std::string name = a.id;
      auto cves = a.cve_ids();
      if (!cves.empty()) name += " (" + join(cves, ", ") + ")";
      std::string message = label(p) + " is affected by " + name;
      if (!facts.severity.empty()) message += ", severity " + facts.severity;
      if (!a.summary.empty()) message += ": " + a.summary;
      std::string hint = facts.fixed.empty()
                             ? "no fixed version is known: replace the package, or waive the "
                               "advisory with a reason and an expiry"
                             : "upgrade to " + join(facts.fixed, " or ") +
                                   " (ask the set's curators to vet it if the set lacks it)";
      Finding& f =
          emit.package(p, "advisory", "advisory:" + a.id, std::move(message), std::move(hint));
      f.advisory = std::move(facts);
    }
  }
}

}  // namespace pinset::policy::detail
