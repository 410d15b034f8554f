// The policy parser: a policy document (YAML or JSON) into a Policy, every problem in one pass.
#include <algorithm>

#include "core/doc/loader.hpp"
#include "core/policy/policy.hpp"
#include "core/policy/rule_table.hpp"
#include "core/util/dates.hpp"

namespace pinset::policy {

namespace {

using doc::Node;

class PolicyReader {
 public:
  explicit PolicyReader(const std::string& source)
      : m_reader(source), m_settings(m_reader, m_errors) {}

  void read(const Node& root, Policy& out) {
    out.sources.push_back(m_reader.source());
    if (root.is_null()) {
      m_errors.add(Error(codes::missing_field, "the policy is empty", m_reader.at(root, ""),
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
        m_errors.add(Error(codes::unsupported_format,
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
      if (auto v = m_settings.days_value(*days, "max-waiver-days")) out.max_waiver_days = *v;
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
  // Marks the rule on and reads its severity (when given); true when `value` is a mapping of
  // settings for the rule's parse function.
  bool start_rule(const Node& value, const std::string& field, const detail::RuleDescriptor& rule,
                  RuleState& state) {
    state.enabled = true;
    state.origin = Origin{m_reader.source(), value.mark.line};
    if (value.is_null()) return false;  // `set-pinned:` with nothing: on, with defaults
    if (!value.is_mapping()) {
      Error e = m_reader.wrong_type(value, field, "a mapping of the rule's settings");
      e.hint = "write e.g. `" + field.substr(field.find('.') + 1) + ": {severity: error}`";
      m_errors.add(std::move(e));
      return false;
    }
    m_settings.check_known_fields(value, field, rule.keys());
    if (const Node* sev = value.find("severity")) {
      auto text = m_reader.string(*sev, field + ".severity");
      if (!text) {
        m_errors.add(text.error());
      } else if (*text == "error") {
        state.severity = Severity::error;
      } else if (*text == "warning") {
        state.severity = Severity::warning;
      } else {
        m_errors.add(Error(codes::invalid_value, "unknown severity " + quote(*text),
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
      const detail::RuleDescriptor* rule = detail::find_rule(id);
      if (rule == nullptr) {
        m_errors.add(unknown_rule(
            id, Location{m_reader.source(), key.second.line, key.second.column, field}));
      } else if (start_rule(value, field, *rule, rule->state(out))) {
        rule->parse(m_settings, value, field, out);
      }
    }
  }

  Error unknown_rule(const std::string& id, Location where) const {
    std::string known;
    for (const auto& r : detail::rule_table()) {
      if (!known.empty()) known += ", ";
      known += r.id;
    }
    return Error(codes::unknown_rule, "unknown rule " + quote(id) + "; the rules are: " + known,
                 std::move(where), "fix the rule's name (policies/README.md lists every rule)");
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
      bool ok = m_settings.required_string(
          w, f, "rule", "name the rule the waiver is for, e.g. rule: licenses", waiver.rule);
      if (ok) {
        if (detail::find_rule(waiver.rule) == nullptr) {
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
      ok = m_settings.required_string(w, f, "reason", "say why the finding is accepted",
                                      waiver.reason) &&
           ok;
      if (m_settings.required_string(
              w, f, "expires", "add the last day the waiver applies, e.g. expires: 2026-12-31",
              waiver.expires)) {
        if (!dates::parse_date(waiver.expires)) {
          m_errors.add(Error(codes::invalid_date,
                             "expiry " + quote(waiver.expires) + " is not a date YYYY-MM-DD",
                             m_reader.at(*w.find("expires"), doc::join_field(f, "expires")),
                             "write a real calendar date, e.g. expires: 2026-12-31"));
          ok = false;
        }
      } else {
        ok = false;
      }
      if (const Node* n = w.find("versions")) {
        auto range = m_settings.range_of(n, doc::join_field(f, "versions"));
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
  detail::SettingsReader m_settings;
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
    return fail(std::move(errors).combine(codes::invalid_policy, source + " is not a valid policy",
                                          Location{source, 0, 0, ""}));
  }
  return policy;
}

Result<Policy> parse_policy(std::string_view text, const std::string& source) {
  return parse_policy(text, source, doc::format_for(source));
}

}  // namespace pinset::policy
