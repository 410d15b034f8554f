// The advisories rule: no resolved package version is affected by a known OSV advisory, and the
// advisory data is recent enough.
#include "core/policy/rule_table.hpp"
#include "core/util/dates.hpp"
#include "core/util/strings.hpp"

namespace pinset::policy::detail {

namespace {

std::string folder_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  return path.substr(0, slash + 1);
}

}  // namespace

void parse_advisories(SettingsReader& r, const doc::Node& value, const std::string& field,
                      AdvisoriesRule& out) {
  if (const doc::Node* n = value.find("directories")) {
    for (auto& d : r.strings(*n, doc::join_field(field, "directories"))) {
      out.directories.push_back(d.front() == '/' ? d : folder_of(r.source()) + d);
    }
  }
  if (const doc::Node* n = value.find("max-age-days")) {
    if (auto v = r.days_value(*n, doc::join_field(field, "max-age-days"))) out.max_age_days = *v;
  }
  if (const doc::Node* n = value.find("ecosystems")) {
    out.ecosystems = r.strings(*n, doc::join_field(field, "ecosystems"));
  }
  r.boolean(value, field, "any-ecosystem", out.any_ecosystem);
}

void combine_advisories(AdvisoriesRule& into, const AdvisoriesRule& next) {
  add_unique(into.directories, next.directories);
  take_min(into.max_age_days, next.max_age_days);
  add_unique(into.ecosystems, next.ecosystems);
  into.any_ecosystem |= next.any_ecosystem;
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
      auto t = dates::parse_timestamp(a.modified);
      if (t && (!newest || *t > *newest)) newest = t, newest_text = a.modified;
    }
    std::int64_t age = newest ? dates::day_of(c.now) - dates::day_of(*newest) : -1;
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
