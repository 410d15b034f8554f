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
  if (const doc::Node* n = value.find("min-reviewers")) {
    std::string f = doc::join_field(field, "min-reviewers");
    auto v = r.doc().unsigned_integer(*n, f);
    if (!v) {
      r.add(v.error());
    } else if (*v < 1 || *v > 100) {
      r.add(Error(codes::invalid_value,
                  "min-reviewers must be 1 to 100, found " + std::to_string(*v), r.doc().at(*n, f),
                  "write how many distinct people must have reviewed each package, e.g. 2"));
    } else {
      out.min_reviewers = *v;
    }
  }
  r.boolean(value, field, "allow-self-review", out.allow_self_review);
}

void combine_vetted(VettedRule& into, const VettedRule& next) {
  if (into.criteria.empty()) {
    into.criteria = next.criteria;
  } else if (!next.criteria.empty()) {
    into.criteria = intersect(into.criteria, next.criteria);
  }
  into.min_reviewers = std::max(into.min_reviewers, next.min_reviewers);
  into.allow_self_review &= next.allow_self_review;
}

namespace {

// Reviewers and publishers compare ignoring ASCII case and surrounding blanks
// ("Alice@Example.com" and "alice@example.com " are one person).
std::string identity_of(std::string_view who) {
  return model::name_folding(trim(who));
}

std::string criteria_text(const std::vector<model::Vetting>& reviews) {
  std::vector<std::string> seen;
  for (const model::Vetting& v : reviews) {
    std::string one = v.criteria.empty() ? std::string("no stated criteria") : quote(v.criteria);
    if (std::find(seen.begin(), seen.end(), one) == seen.end()) seen.push_back(std::move(one));
  }
  return join(seen, " and ");
}

}  // namespace

void check_vetted(const VettedRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  if (c.lock == nullptr) return;
  for (const auto& p : c.lock->packages) {
    const model::Entry* e = set_entry(c, p);
    if (e == nullptr) continue;  // in-set reports it
    if (e->vetted().empty()) {
      emit.package(p, "not-vetted", "not-vetted",
                   label(p) + " has no vetting record (`vetted`) in the package set",
                   "have the package reviewed and its set entry list `vetted: {by, on}`, or "
                   "waive it with a reason");
      continue;
    }
    std::vector<const model::Vetting*> meeting;
    for (const model::Vetting& v : e->vetted()) {
      if (rule.criteria.empty() ||
          std::find(rule.criteria.begin(), rule.criteria.end(), v.criteria) != rule.criteria.end())
        meeting.push_back(&v);
    }
    if (meeting.empty()) {
      emit.package(p, "vetting-criteria", "vetting-criteria",
                   label(p) + " was vetted for " + criteria_text(e->vetted()) +
                       "; the policy requires " + join(rule.criteria, " or "),
                   "have the package reviewed against the required criteria");
      continue;
    }
    const std::string publisher = identity_of(e->publisher());
    std::vector<std::string> reviewers;  // distinct, in document order, as written
    std::vector<std::string> identities;
    std::vector<std::string> self;
    for (const model::Vetting* v : meeting) {
      std::string id = identity_of(v->by);
      if (!rule.allow_self_review && !publisher.empty() && id == publisher) {
        if (self.empty()) self.push_back(v->by);
        continue;
      }
      if (std::find(identities.begin(), identities.end(), id) != identities.end()) continue;
      identities.push_back(std::move(id));
      reviewers.push_back(v->by);
    }
    if (reviewers.empty() && !self.empty()) {
      emit.package(p, "self-reviewed", "self-reviewed",
                   label(p) + " was vetted only by its publisher " + quote(self.front()) +
                       ", and a self-review does not count",
                   "have someone other than the publisher review it (`vetted` can list several "
                   "reviews), or set allow-self-review in the policy");
      continue;
    }
    if (reviewers.size() < rule.min_reviewers) {
      std::string counted = std::to_string(reviewers.size()) + " distinct reviewer" +
                            (reviewers.size() == 1 ? "" : "s") + " (" + join(reviewers, ", ") + ")";
      if (!self.empty()) counted += ", not counting its publisher " + quote(self.front());
      emit.package(p, "too-few-reviewers", "too-few-reviewers",
                   label(p) + " has " + counted + "; the policy requires " +
                       std::to_string(rule.min_reviewers),
                   "have more people review it and list each review under its entry's `vetted`");
    }
  }
}

}  // namespace pinset::policy::detail

namespace pinset::policy {

Result<std::int64_t> parse_age(std::string_view text) {
  auto invalid = [&](std::string why) {
    return fail(Error(codes::invalid_value, "invalid age " + quote(text) + ": " + std::move(why),
                      {},
                      "write a whole number with its unit: 7d (days), 36h (hours), 90m "
                      "(minutes)"));
  };
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
    ++digits;
  if (digits == 0) return invalid("it does not start with a number");
  if (digits == text.size()) return invalid("it has no unit");
  if (digits + 1 != text.size()) return invalid("the unit must be one letter: d, h or m");
  if (digits > 7) return invalid("it is longer than 3650 days");
  std::int64_t n = std::stoll(std::string(text.substr(0, digits)));
  std::int64_t unit = 0;
  switch (text.back()) {
    case 'd':
      unit = 86400;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'm':
      unit = 60;
      break;
    default:
      return invalid("the unit " + quote(text.substr(digits)) + " is not d, h or m");
  }
  if (n * unit > 3650LL * 86400) return invalid("it is longer than 3650 days");
  return n * unit;
}

}  // namespace pinset::policy

namespace pinset::policy::detail {

void parse_min_age(SettingsReader& r, const doc::Node& value, const std::string& field,
                   MinAgeRule& out) {
  if (const doc::Node* n = value.find("age")) {
    std::string f = doc::join_field(field, "age");
    if (auto s = r.doc().string(*n, f); !s) {
      r.add(s.error());
    } else if (auto age = parse_age(*s); !age) {
      Error e = std::move(age.error());
      e.where = r.doc().at(*n, f);
      r.add(std::move(e));
    } else {
      out.seconds = *age;
      out.age = *s;
    }
  } else {
    r.add(Error(codes::missing_field, "min-age needs an age", r.doc().at(value, field),
                "write the cooldown with its unit, e.g. age: 7d"));
  }
  r.boolean(value, field, "allow-unknown", out.allow_unknown);
  auto exclusion = [&](const doc::Node& d, const std::string& item) {
    MinAgeExclusion x;
    x.origin = Origin{r.source(), d.mark.line};
    bool ok = r.required_string(d, item, "name", "name the package the cooldown skips", x.name);
    ok = r.required_string(d, item, "reason", "say why the package may skip the cooldown",
                           x.reason) &&
         ok;
    if (ok) out.exclude.push_back(std::move(x));
  };
  r.mappings(value, field, "exclude", {"name", "reason"}, {"name", "reason"}, exclusion);
}

void combine_min_age(MinAgeRule& into, const MinAgeRule& next) {
  if (next.seconds > into.seconds) {
    into.seconds = next.seconds;
    into.age = next.age;
  }
  // A package skips the cooldown only when every policy excludes it.
  std::vector<MinAgeExclusion> kept;
  for (const MinAgeExclusion& x : into.exclude) {
    if (std::any_of(next.exclude.begin(), next.exclude.end(),
                    [&](const MinAgeExclusion& y) { return y.name == x.name; }))
      kept.push_back(x);
  }
  into.exclude = std::move(kept);
  into.allow_unknown &= next.allow_unknown;
}

namespace {

// "3 hours", "2 days": how long ago, in the unit a reader wants.
std::string duration_text(std::int64_t seconds) {
  auto plural = [](std::int64_t n, const char* unit) {
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
  };
  if (seconds < 3600) return plural(seconds / 60, "minute");
  if (seconds < 2 * 86400) return plural(seconds / 3600, "hour");
  return plural(seconds / 86400, "day");
}

}  // namespace

void check_min_age(const MinAgeRule& rule, Emitter& emit) {
  const Context& c = emit.context();
  if (c.lock == nullptr) return;
  for (const auto& p : c.lock->packages) {
    const model::Entry* e = set_entry(c, p);
    if (e == nullptr) continue;  // in-set reports it (overlays carry no publication time)
    if (std::any_of(rule.exclude.begin(), rule.exclude.end(),
                    [&](const MinAgeExclusion& x) { return x.name == p.name; }))
      continue;
    std::optional<std::int64_t> published = dates::parse_timestamp(e->published_at());
    if (!published) {
      if (rule.allow_unknown) continue;
      emit.package(p, "publication-unknown", "publication-unknown",
                   label(p) +
                       " has no publication time (`published-at`) in the package set, so "
                       "its age cannot be checked against the min-age of " +
                       rule.age,
                   "record it in the set (`pinset set add --published-at`, or `pinset set "
                   "import` from a lock that has it), exclude the package with a reason, or set "
                   "allow-unknown");
      continue;
    }
    std::int64_t age = c.now - *published;
    if (age >= rule.seconds) continue;
    std::string when = age < 0 ? "in the future" : duration_text(age) + " ago";
    emit.package(p, "too-new", "too-new",
                 label(p) + " was published at " + e->published_at() + " (" + when +
                     "), less than the policy's min-age of " + rule.age + " ago",
                 "wait until " + dates::format_timestamp(*published + rule.seconds) +
                     ", or pin an older version; exclude the package in the policy with a "
                     "reason only if you must take it now");
  }
}

void parse_denied(SettingsReader& r, const doc::Node& value, const std::string& rule_field,
                  DeniedRule& out) {
  auto denied = [&](const doc::Node& d, const std::string& f) {
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
  };
  r.mappings(value, rule_field, "packages", {"name", "versions", "reason"},
             {"name", "versions", "reason", "use-instead"}, denied);
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
