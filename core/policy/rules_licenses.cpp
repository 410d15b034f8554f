// The licenses rule: every resolved package's SPDX license expression against the allow and deny
// lists.
#include <algorithm>
#include <cctype>

#include "core/policy/license_check.hpp"
#include "core/policy/license_expr.hpp"
#include "core/policy/rule_table.hpp"

namespace pinset::policy::detail {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A license allow entry `general` covers `specific` when they are the same entry, or `general`
// is a bare id and `specific` is that id with "+" or WITH (case-insensitively).
bool license_covers(const std::string& general, const std::string& specific) {
  std::string g = lower(general), s = lower(specific);
  if (g == s) return true;
  if (g.find(' ') != std::string::npos || g.ends_with('+')) return false;
  return s.starts_with(g) && (s.size() > g.size() && (s[g.size()] == '+' || s[g.size()] == ' '));
}

// The entries allowed by both lists: each entry of either list that the other list covers.
std::vector<std::string> intersect_licenses(const std::vector<std::string>& a,
                                            const std::vector<std::string>& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  std::vector<std::string> out;
  auto keep = [&](const std::vector<std::string>& from, const std::vector<std::string>& other) {
    for (const auto& x : from) {
      bool covered = std::any_of(other.begin(), other.end(),
                                 [&](const auto& y) { return license_covers(y, x); });
      bool present =
          std::any_of(out.begin(), out.end(), [&](const auto& y) { return lower(y) == lower(x); });
      if (covered && !present) out.push_back(x);
    }
  };
  keep(a, b);
  keep(b, a);
  return out;
}

}  // namespace

void parse_licenses(SettingsReader& r, const doc::Node& value, const std::string& field,
                    LicensesRule& out) {
  LicensePolicy lp;
  std::vector<std::size_t> allow_at, deny_at;  // list index of each entry read
  if (const doc::Node* n = value.find("allow"))
    lp.allow = r.strings(*n, doc::join_field(field, "allow"), &allow_at);
  if (const doc::Node* n = value.find("deny"))
    lp.deny = r.strings(*n, doc::join_field(field, "deny"), &deny_at);
  r.boolean(value, field, "allow-missing", out.allow_missing);
  r.boolean(value, field, "require-known", out.require_known);
  if (auto ok = validate_license_policy(lp); !ok) {
    // validate_license_policy names entries "allow[2]"; place each under this rule.
    std::vector<Error> all{ok.error()};
    for (auto& c : ok.error().causes)
      all.push_back(c);
    if (all.size() > 1) all.erase(all.begin());
    for (auto& e : all) {
      std::string sub = e.where.field.empty() ? "allow" : e.where.field;
      std::string list = sub.substr(0, sub.find('['));
      const doc::Node* listnode = value.find(list);
      Location where = !listnode                 ? r.doc().at(value, field)
                       : listnode->is_sequence() ? r.doc().at(*listnode, field + "." + sub)
                                                 : r.doc().at(*listnode, field + "." + list);
      if (listnode && listnode->is_sequence()) {
        auto open = sub.find('[');
        if (open != std::string::npos) {
          std::size_t idx = std::stoul(sub.substr(open + 1));
          if (idx < listnode->items.size()) {
            where = r.doc().at(listnode->items[idx], field + "." + sub);
          }
        }
      }
      e.causes.clear();
      e.where = std::move(where);
      r.add(std::move(e));
    }
    return;
  }
  // Each entry in canonical form; an unknown id is an error at the entry.
  auto canonical = [&](const char* list, std::vector<std::string>& entries,
                       const std::vector<std::size_t>& at) {
    const doc::Node* n = value.find(list);
    std::string list_field = doc::join_field(field, list);
    std::vector<std::string> out_entries;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      auto entry = canonical_policy_entry(entries[i], list_field);
      if (entry) {
        out_entries.push_back(std::move(*entry));
        continue;
      }
      Error e = std::move(entry.error());
      e.where = n != nullptr ? r.item_at(*n, list_field, at[i]) : r.doc().at(value, field);
      r.add(std::move(e));
    }
    entries = std::move(out_entries);
  };
  canonical("allow", lp.allow, allow_at);
  canonical("deny", lp.deny, deny_at);
  out.allow = std::move(lp.allow);
  out.deny = std::move(lp.deny);
}

void combine_licenses(LicensesRule& into, const LicensesRule& next) {
  into.allow = intersect_licenses(into.allow, next.allow);
  add_unique(into.deny, next.deny);
  into.allow_missing &= next.allow_missing;
  into.require_known |= next.require_known;
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
    auto expr = parse_license_expression(license);
    if (!expr) {
      emit.package(
          p, "license-invalid", "license:" + license,
          label(p) + " has a license that is not an SPDX expression: " + expr.error().message,
          "ask the set's curators to correct the license expression");
      continue;
    }
    if (rule.require_known) {
      auto unknown = unknown_licenses(*expr);
      if (!unknown.empty()) {
        std::string what;
        for (const auto& u : unknown)
          what += (what.empty() ? "" : "; ") + u.message();
        emit.package(p, "license-unknown", "license-unknown:" + license,
                     label(p) + " is licensed " + quote(license) + ": " + what,
                     "ask the set's curators to write SPDX ids (spdx.org/licenses), or "
                     "LicenseRef-<name> for a license the list lacks");
      }
    }
    // Deprecated ids are judged as their current forms: "AGPL-3.0" is AGPL-3.0-only.
    auto verdict = evaluate(canonical_license(*expr), lp);
    if (!verdict.allowed) {
      emit.package(p, "license-not-allowed", "license:" + license,
                   label(p) + " is licensed " + quote(license) + ": " + verdict.summary(),
                   "replace the package, or waive it with the reason it is acceptable");
    }
  }
}

}  // namespace pinset::policy::detail
