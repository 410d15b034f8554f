// The policy parser: a policy document (YAML or JSON) into a Policy, every problem in one pass.
#include <algorithm>

#include "core/doc/loader.hpp"
#include "core/policy/dates.hpp"
#include "core/policy/license_expr.hpp"
#include "core/policy/policy.hpp"

namespace pinset::policy {

namespace {

using doc::Node;

Error placed(Error e, Location where) {
  e.where = std::move(where);
  return e;
}

std::string folder_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  return path.substr(0, slash + 1);
}

class PolicyReader {
 public:
  explicit PolicyReader(const std::string& source) : m_reader(source) {}

  void read(const Node& root, Policy& out) {
    out.sources.push_back(m_reader.source());
    if (root.is_null()) {
      m_errors.add(Error("missing-field", "the policy is empty", m_reader.at(root, ""),
                         "start it with `format: 1` and a `rules:` mapping (policies/README.md)"));
      return;
    }
    if (!root.is_mapping()) {
      m_errors.add(m_reader.wrong_type(root, "", "a mapping with format, rules and waivers"));
      return;
    }
    m_reader.check_known_fields(root, "", {"format", "rules", "waivers", "max-waiver-days"},
                                m_errors);
    if (const Node* format = root.find("format")) {
      auto value = m_reader.unsigned_integer(*format, "format");
      if (!value) {
        m_errors.add(value.error());
      } else if (*value != 1) {
        m_errors.add(Error("unsupported-format",
                           "policy format " + std::to_string(*value) + " is not supported",
                           m_reader.at(*format, "format"),
                           "write `format: 1`, the only policy format this pinset knows"));
      }
    } else {
      m_errors.add(m_reader.missing_field(root, "", "format", "add `format: 1`"));
    }
    if (const Node* rules = root.find("rules")) read_rules(*rules, out);
    if (const Node* waivers = root.find("waivers")) read_waivers(*waivers, out);
    if (const Node* days = root.find("max-waiver-days")) {
      if (auto v = days_value(*days, "max-waiver-days")) out.max_waiver_days = *v;
    }
  }

  // Every error, in document order, each with a hint (type errors get one naming the field).
  ErrorList take_errors() && {
    m_errors.sort_by_position();
    ErrorList out;
    for (Error e : m_errors.errors()) {
      if (e.hint.empty()) e.hint = "see policies/README.md for what " + e.where.field + " takes";
      out.add(std::move(e));
    }
    return out;
  }

 private:
  // Reads the severity of a rule (when given) and marks it on.
  template <class T>
  bool start_rule(const Node& value, const std::string& field, RuleSlot<T>& slot,
                  std::initializer_list<std::string_view> known) {
    slot.enabled = true;
    slot.origin = Origin{m_reader.source(), value.mark.line};
    if (value.is_null()) return false;  // `set-pinned:` with nothing: on, with defaults
    if (!value.is_mapping()) {
      Error e = m_reader.wrong_type(value, field, "a mapping of the rule's settings");
      e.hint = "write e.g. `" + field.substr(field.find('.') + 1) + ": {severity: error}`";
      m_errors.add(std::move(e));
      return false;
    }
    m_reader.check_known_fields(value, field, known, m_errors);
    if (const Node* sev = value.find("severity")) {
      auto text = m_reader.string(*sev, field + ".severity");
      if (!text) {
        m_errors.add(text.error());
      } else if (*text == "error") {
        slot.severity = Severity::error;
      } else if (*text == "warning") {
        slot.severity = Severity::warning;
      } else {
        m_errors.add(Error("invalid-value", "unknown severity " + quote(*text),
                           m_reader.at(*sev, field + ".severity"),
                           "write `severity: error` or `severity: warning`"));
      }
    }
    return true;
  }

  void read_rules(const Node& rules, Policy& out) {
    if (rules.is_null()) return;
    if (!rules.is_mapping()) {
      m_errors.add(m_reader.wrong_type(rules, "rules", "a mapping from rule ids to settings"));
      return;
    }
    for (const auto& [key, value] : rules.entries) {
      const std::string& id = key.first;
      std::string field = doc::join_field("rules", id);
      if (id == "lock") {
        if (start_rule(value, field, out.lock, {"severity", "require-sync"})) {
          boolean(value, field, "require-sync", out.lock.settings.require_sync);
        }
      } else if (id == "in-set") {
        if (start_rule(value, field, out.in_set,
                       {"severity", "allow-overlays", "overlay-max-days"})) {
          boolean(value, field, "allow-overlays", out.in_set.settings.allow_overlays);
          days(value, field, "overlay-max-days", out.in_set.settings.overlay_max_days);
        }
      } else if (id == "sources") {
        if (start_rule(value, field, out.sources_rule, {"severity", "schemes", "allow"})) {
          auto& s = out.sources_rule.settings;
          if (const Node* n = value.find("schemes")) {
            s.schemes = words(*n, doc::join_field(field, "schemes"), {"https", "http", "file"});
          }
          if (const Node* n = value.find("allow")) {
            std::vector<std::size_t> at;
            auto prefixes = strings(*n, doc::join_field(field, "allow"), &at);
            for (std::size_t i = 0; i < prefixes.size(); ++i)
              check_prefix(*n, field, at[i], prefixes[i]);
            s.allow.push_back(std::move(prefixes));
          }
        }
      } else if (id == "checksums") {
        if (start_rule(value, field, out.checksums, {"severity", "algorithms"})) {
          if (const Node* n = value.find("algorithms")) {
            out.checksums.settings.algorithms =
                words(*n, doc::join_field(field, "algorithms"), {"sha256", "sha512"});
          }
        }
      } else if (id == "set-pinned") {
        start_rule(value, field, out.set_pinned, {"severity"});
      } else if (id == "set-signed") {
        if (start_rule(value, field, out.set_signed, {"severity", "threshold", "keys"})) {
          read_signed(value, field, out.set_signed.settings);
        }
      } else if (id == "set-expiry") {
        if (start_rule(value, field, out.set_expiry, {"severity", "require-expiry", "warn-days"})) {
          boolean(value, field, "require-expiry", out.set_expiry.settings.require_expiry);
          if (const Node* n = value.find("warn-days")) {
            if (auto v = days_value(*n, doc::join_field(field, "warn-days"))) {
              out.set_expiry.settings.warn_days = *v;
            }
          }
        }
      } else if (id == "set-age") {
        if (start_rule(value, field, out.set_age, {"severity", "max-days"})) {
          days(value, field, "max-days", out.set_age.settings.max_days);
        }
      } else if (id == "vetted") {
        if (start_rule(value, field, out.vetted, {"severity", "criteria"})) {
          if (const Node* n = value.find("criteria")) {
            out.vetted.settings.criteria = strings(*n, doc::join_field(field, "criteria"));
          }
        }
      } else if (id == "denied") {
        if (start_rule(value, field, out.denied, {"severity", "packages"})) {
          if (const Node* n = value.find("packages")) {
            read_denied(*n, doc::join_field(field, "packages"), out.denied.settings);
          }
        }
      } else if (id == "licenses") {
        if (start_rule(value, field, out.licenses,
                       {"severity", "allow", "deny", "allow-missing"})) {
          read_licenses(value, field, out.licenses.settings);
        }
      } else if (id == "advisories") {
        if (start_rule(
                value, field, out.advisories,
                {"severity", "directories", "max-age-days", "ecosystems", "any-ecosystem"})) {
          read_advisories(value, field, out.advisories.settings);
        }
      } else if (id == "limits") {
        if (start_rule(value, field, out.limits, {"severity", "max-packages"})) {
          if (const Node* n = value.find("max-packages")) {
            auto v = m_reader.unsigned_integer(*n, doc::join_field(field, "max-packages"));
            if (v) {
              out.limits.settings.max_packages = *v;
            } else {
              m_errors.add(v.error());
            }
          }
        }
      } else {
        m_errors.add(unknown_rule(
            id, Location{m_reader.source(), key.second.line, key.second.column, field}));
      }
    }
  }

  Error unknown_rule(const std::string& id, Location where) const {
    std::string known;
    for (std::string_view r : k_rule_ids) {
      if (r == "waivers") continue;
      if (!known.empty()) known += ", ";
      known += r;
    }
    return Error("unknown-rule", "unknown rule " + quote(id) + "; the rules are: " + known,
                 std::move(where), "fix the rule's name (policies/README.md lists every rule)");
  }

  void boolean(const Node& map, const std::string& field, std::string_view name, bool& out) {
    const Node* n = map.find(name);
    if (n == nullptr) return;
    auto v = m_reader.boolean(*n, doc::join_field(field, name));
    if (v) {
      out = *v;
    } else {
      m_errors.add(v.error());
    }
  }

  std::optional<std::uint64_t> days_value(const Node& n, const std::string& field) {
    auto v = m_reader.unsigned_integer(n, field);
    if (!v) {
      m_errors.add(v.error());
      return std::nullopt;
    }
    if (*v > 100000) {
      m_errors.add(Error("invalid-value",
                         "a number of days must be at most 100000, found " + std::to_string(*v),
                         m_reader.at(n, field), "write a number of days such as 90"));
      return std::nullopt;
    }
    return *v;
  }

  void days(const Node& map, const std::string& field, std::string_view name, std::uint64_t& out) {
    if (const Node* n = map.find(name)) {
      if (auto v = days_value(*n, doc::join_field(field, name))) out = *v;
    }
  }

  // A list of non-empty strings (a lone string counts as a list of one).
  // `indices` (optional) receives the list index of each string returned, since items that are
  // not strings are reported and left out.
  std::vector<std::string> strings(const Node& n, const std::string& field,
                                   std::vector<std::size_t>* indices = nullptr) {
    std::vector<std::string> out;
    if (n.is_scalar()) {
      auto s = m_reader.string(n, field);
      if (s) {
        out.push_back(*s);
        if (indices != nullptr) indices->push_back(0);  // one value, written without a list
      } else {
        m_errors.add(s.error());
      }
      return out;
    }
    if (!n.is_sequence()) {
      m_errors.add(m_reader.wrong_type(n, field, "a list of strings"));
      return out;
    }
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      auto s = m_reader.string(n.items[i], doc::index_field(field, i));
      if (s) {
        out.push_back(*s);
        if (indices != nullptr) indices->push_back(i);
      } else {
        m_errors.add(s.error());
      }
    }
    return out;
  }

  // A list of words from a closed vocabulary.
  std::vector<std::string> words(const Node& n, const std::string& field,
                                 std::initializer_list<std::string_view> known) {
    std::vector<std::size_t> at;
    auto list = strings(n, field, &at);
    std::string listing;
    for (auto k : known)
      listing += (listing.empty() ? "" : ", ") + std::string(k);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (std::find(known.begin(), known.end(), list[i]) == known.end()) {
        const Node& item = n.is_sequence() ? n.items[at[i]] : n;
        m_errors.add(
            Error("invalid-value",
                  "unknown value " + quote(list[i]) + "; the known values are: " + listing,
                  m_reader.at(item, n.is_sequence() ? doc::index_field(field, at[i]) : field),
                  "use only " + listing));
      } else if (std::find(out.begin(), out.end(), list[i]) == out.end()) {
        out.push_back(list[i]);
      }
    }
    return out;
  }

  // `i`: the prefix's index in the list `n` (unused when `n` is a lone string).
  void check_prefix(const Node& n, const std::string& field, std::size_t i, const std::string& p) {
    if (p.starts_with("https://") || p.starts_with("http://") || p.starts_with("file://")) return;
    const Node& item = n.is_sequence() ? n.items[i] : n;
    m_errors.add(Error(
        "invalid-value",
        "source prefix " + quote(p) + " is not an https://, http:// or file:// URL",
        m_reader.at(item, n.is_sequence() ? doc::index_field(doc::join_field(field, "allow"), i)
                                          : doc::join_field(field, "allow")),
        "write a URL prefix such as https://sets.example.com/ or file:///srv/"));
  }

  void read_signed(const Node& value, const std::string& field, SetSignedRule& out) {
    if (const Node* n = value.find("threshold")) {
      auto v = m_reader.unsigned_integer(*n, doc::join_field(field, "threshold"));
      if (!v) {
        m_errors.add(v.error());
      } else if (*v < 1 || *v > 100) {
        m_errors.add(Error("invalid-value",
                           "threshold must be between 1 and 100, found " + std::to_string(*v),
                           m_reader.at(*n, doc::join_field(field, "threshold")),
                           "write how many trusted keys must have signed, e.g. threshold: 2"));
      } else {
        out.threshold = static_cast<int>(*v);
      }
    }
    const Node* keys = value.find("keys");
    if (keys == nullptr) return;
    std::string kfield = doc::join_field(field, "keys");
    if (!keys->is_sequence()) {
      m_errors.add(m_reader.wrong_type(*keys, kfield, "a list of {name, public-key}"));
      return;
    }
    for (std::size_t i = 0; i < keys->items.size(); ++i) {
      const Node& k = keys->items[i];
      std::string f = doc::index_field(kfield, i);
      if (!k.is_mapping()) {
        m_errors.add(m_reader.wrong_type(k, f, "a mapping with name and public-key"));
        continue;
      }
      m_reader.check_known_fields(k, f, {"name", "public-key"}, m_errors);
      PolicyKey key;
      if (const Node* n = k.find("name")) {
        if (auto s = m_reader.string(*n, doc::join_field(f, "name")))
          key.name = *s;
        else
          m_errors.add(s.error());
      }
      if (const Node* n = k.find("public-key")) {
        auto s = m_reader.string(*n, doc::join_field(f, "public-key"));
        if (!s) {
          m_errors.add(s.error());
        } else if (!s->starts_with("ed25519:") || s->size() != 52) {
          m_errors.add(Error("invalid-value",
                             "public key " + quote(*s) + " is not ed25519:<base64 of 32 bytes>",
                             m_reader.at(*n, doc::join_field(f, "public-key")),
                             "copy the key as `pinset` prints it: ed25519: followed by 44 "
                             "base64 characters"));
        } else {
          key.public_key = *s;
        }
      } else {
        m_errors.add(m_reader.missing_field(k, f, "public-key",
                                            "add the key as ed25519:<base64 of 32 bytes>"));
      }
      out.keys.push_back(std::move(key));
    }
  }

  void read_denied(const Node& list, const std::string& field, DeniedRule& out) {
    if (!list.is_sequence()) {
      m_errors.add(m_reader.wrong_type(list, field, "a list of {name, versions, reason}"));
      return;
    }
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      const Node& d = list.items[i];
      std::string f = doc::index_field(field, i);
      if (!d.is_mapping()) {
        m_errors.add(m_reader.wrong_type(d, f, "a mapping with name, versions and reason"));
        continue;
      }
      m_reader.check_known_fields(d, f, {"name", "versions", "reason", "use-instead"}, m_errors);
      DeniedPackage p;
      p.origin = Origin{m_reader.source(), d.mark.line};
      bool ok = required_string(d, f, "name", "add the denied package's name", p.name);
      ok = required_string(d, f, "reason", "say why the package is denied", p.reason) && ok;
      if (const Node* n = d.find("use-instead")) {
        if (auto s = m_reader.string(*n, doc::join_field(f, "use-instead")))
          p.use_instead = *s;
        else
          m_errors.add(s.error()), ok = false;
      }
      auto range = range_of(d.find("versions"), doc::join_field(f, "versions"));
      if (!range) {
        ok = false;
      } else {
        p.versions = std::move(*range);
      }
      if (ok) out.packages.push_back(std::move(p));
    }
  }

  bool required_string(const Node& map, const std::string& field, std::string_view name,
                       std::string hint, std::string& out) {
    const Node* n = map.find(name);
    if (n == nullptr) {
      m_errors.add(m_reader.missing_field(map, field, name, std::move(hint)));
      return false;
    }
    auto s = m_reader.string(*n, doc::join_field(field, name));
    if (!s) {
      m_errors.add(s.error());
      return false;
    }
    out = *s;
    return true;
  }

  // A range ("*" when absent); errors are added and give nullopt.
  std::optional<semver::Range> range_of(const Node* n, const std::string& field) {
    std::string text = "*";
    if (n != nullptr) {
      if (!n->is_scalar() || n->scalar.empty()) {
        m_errors.add(m_reader.wrong_type(*n, field, "a version range"));
        return std::nullopt;
      }
      text = n->scalar;
    }
    auto r = semver::Range::parse(text);
    if (!r) {
      m_errors.add(placed(r.error(), n ? m_reader.at(*n, field) : Location{}));
      return std::nullopt;
    }
    return *r;
  }

  void read_licenses(const Node& value, const std::string& field, LicensesRule& out) {
    LicensePolicy lp;
    if (const Node* n = value.find("allow"))
      lp.allow = strings(*n, doc::join_field(field, "allow"));
    if (const Node* n = value.find("deny")) lp.deny = strings(*n, doc::join_field(field, "deny"));
    boolean(value, field, "allow-missing", out.allow_missing);
    if (auto ok = validate_license_policy(lp); !ok) {
      // validate_license_policy names entries "allow[2]"; place each under this rule.
      std::vector<Error> all{ok.error()};
      for (auto& c : ok.error().causes)
        all.push_back(c);
      if (all.size() > 1) all.erase(all.begin());
      for (auto& e : all) {
        std::string sub = e.where.field.empty() ? "allow" : e.where.field;
        std::string list = sub.substr(0, sub.find('['));
        const Node* listnode = value.find(list);
        Location where = !listnode                 ? m_reader.at(value, field)
                         : listnode->is_sequence() ? m_reader.at(*listnode, field + "." + sub)
                                                   : m_reader.at(*listnode, field + "." + list);
        if (listnode && listnode->is_sequence()) {
          auto open = sub.find('[');
          if (open != std::string::npos) {
            std::size_t idx = std::stoul(sub.substr(open + 1));
            if (idx < listnode->items.size()) {
              where = m_reader.at(listnode->items[idx], field + "." + sub);
            }
          }
        }
        e.causes.clear();
        m_errors.add(placed(std::move(e), std::move(where)));
      }
      return;
    }
    out.allow = std::move(lp.allow);
    out.deny = std::move(lp.deny);
  }

  void read_advisories(const Node& value, const std::string& field, AdvisoriesRule& out) {
    if (const Node* n = value.find("directories")) {
      for (auto& d : strings(*n, doc::join_field(field, "directories"))) {
        out.directories.push_back(d.front() == '/' ? d : folder_of(m_reader.source()) + d);
      }
    }
    if (const Node* n = value.find("max-age-days")) {
      if (auto v = days_value(*n, doc::join_field(field, "max-age-days"))) out.max_age_days = *v;
    }
    if (const Node* n = value.find("ecosystems")) {
      out.ecosystems = strings(*n, doc::join_field(field, "ecosystems"));
    }
    boolean(value, field, "any-ecosystem", out.any_ecosystem);
  }

  void read_waivers(const Node& list, Policy& out) {
    if (list.is_null()) return;
    if (!list.is_sequence()) {
      m_errors.add(m_reader.wrong_type(list, "waivers",
                                       "a list of {rule, package, versions, reason, expires}"));
      return;
    }
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      const Node& w = list.items[i];
      std::string f = doc::index_field("waivers", i);
      if (!w.is_mapping()) {
        m_errors.add(m_reader.wrong_type(w, f, "a mapping with rule, package, reason and expires"));
        continue;
      }
      m_reader.check_known_fields(w, f, {"rule", "package", "versions", "reason", "expires"},
                                  m_errors);
      Waiver waiver;
      waiver.origin = Origin{m_reader.source(), w.mark.line};
      bool ok = required_string(
          w, f, "rule", "name the rule the waiver is for, e.g. rule: licenses", waiver.rule);
      if (ok) {
        auto known = std::find(std::begin(k_rule_ids), std::end(k_rule_ids), waiver.rule);
        if (known == std::end(k_rule_ids) || waiver.rule == "waivers") {
          m_errors.add(
              unknown_rule(waiver.rule, m_reader.at(*w.find("rule"), doc::join_field(f, "rule"))));
          ok = false;
        }
      }
      // Without a package, the waiver is for the rule's project-wide findings (e.g. set-age).
      if (const Node* n = w.find("package")) {
        if (auto pkg = m_reader.string(*n, doc::join_field(f, "package"))) {
          waiver.package = *pkg;
        } else {
          m_errors.add(pkg.error());
          ok = false;
        }
      }
      ok = required_string(w, f, "reason", "say why the finding is accepted", waiver.reason) && ok;
      if (required_string(w, f, "expires",
                          "add the last day the waiver applies, e.g. expires: 2026-12-31",
                          waiver.expires)) {
        if (!parse_date(waiver.expires)) {
          m_errors.add(Error("invalid-date",
                             "expiry " + quote(waiver.expires) + " is not a date YYYY-MM-DD",
                             m_reader.at(*w.find("expires"), doc::join_field(f, "expires")),
                             "write a real calendar date, e.g. expires: 2026-12-31"));
          ok = false;
        }
      } else {
        ok = false;
      }
      if (const Node* n = w.find("versions")) {
        auto range = range_of(n, doc::join_field(f, "versions"));
        if (range) {
          waiver.versions = std::move(*range);
        } else {
          ok = false;
        }
      }
      if (ok) out.waivers.push_back(std::move(waiver));
    }
  }

  doc::Reader m_reader;
  ErrorList m_errors;
};

}  // namespace

std::string_view severity_name(Severity s) {
  return s == Severity::error ? "error" : "warning";
}

Result<Policy> parse_policy(std::string_view text, const std::string& source, doc::Format format) {
  doc::Limits limits;
  limits.max_bytes = 4u << 20;
  auto root = doc::load(text, source, format, limits);
  if (!root) return fail(std::move(root.error()));
  Policy policy;
  PolicyReader reader(source);
  reader.read(*root, policy);
  ErrorList errors = std::move(reader).take_errors();
  if (!errors.empty()) {
    return fail(std::move(errors).combine("invalid-policy", source + " is not a valid policy",
                                          Location{source, 0, 0, ""}));
  }
  return policy;
}

Result<Policy> parse_policy(std::string_view text, const std::string& source) {
  return parse_policy(text, source, doc::format_for(source));
}

}  // namespace pinset::policy
