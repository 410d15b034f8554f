#pragma once
// The policy rules as a table: one descriptor per rule (its id, help, settings keys, and how to
// parse, combine and check it), registered in one list in rule_table.cpp. The parser, combine()
// and the engine walk the list; adding a rule is a settings struct and slot in policy.hpp, its
// functions in a rules_*.cpp, and one line in the list. Internal to core/policy.

#include <array>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "core/doc/node.hpp"
#include "core/policy/policy.hpp"
#include "core/policy/rules.hpp"
#include "core/policy/settings_reader.hpp"

namespace pinset::policy::detail {

inline constexpr std::size_t k_max_rule_keys = 6;

struct RuleDescriptor {
  std::string_view id;
  std::string_view help;  // one sentence or two: SARIF help text, JUnit, policies/README.md
  // The settings keys, `severity` first, in the order messages list them.
  std::array<std::string_view, k_max_rule_keys> key_list{};
  std::size_t key_count = 0;
  std::span<const std::string_view> keys() const { return {key_list.data(), key_count}; }
  RuleState& (*state)(Policy&);
  const RuleState& (*const_state)(const Policy&);
  // Reads the settings of a rule written as a mapping (`value`, at `field`) into the policy.
  void (*parse)(SettingsReader&, const doc::Node& value, const std::string& field, Policy&);
  // Turns the rule on in `into` when `next` turns it on, with the stricter severity and settings
  // (policies/README.md, "Combining policies").
  void (*combine)(Policy& into, const Policy& next);
  // Runs the rule (when on) with its settings.
  void (*check)(const Policy&, Emitter&);
};

// Every configurable rule, in the order rules run and reports list them.
std::span<const RuleDescriptor> rule_table();
// The descriptor of `id`, or null (also for "waivers", which is built in).
const RuleDescriptor* find_rule(std::string_view id);

// Settings functions per rule (rules_*.cpp). parse_* read the keys of the rule's mapping;
// combine_* merge a later policy's settings into an earlier one's when both turn the rule on.
void parse_lock(SettingsReader& r, const doc::Node& v, const std::string& field, LockRule& out);
void combine_lock(LockRule& into, const LockRule& next);
void parse_in_set(SettingsReader& r, const doc::Node& v, const std::string& field, InSetRule& out);
void combine_in_set(InSetRule& into, const InSetRule& next);
void parse_sources(SettingsReader& r, const doc::Node& v, const std::string& field,
                   SourcesRule& out);
void combine_sources(SourcesRule& into, const SourcesRule& next);
void parse_checksums(SettingsReader& r, const doc::Node& v, const std::string& field,
                     ChecksumsRule& out);
void combine_checksums(ChecksumsRule& into, const ChecksumsRule& next);
void parse_set_signed(SettingsReader& r, const doc::Node& v, const std::string& field,
                      SetSignedRule& out);
void combine_set_signed(SetSignedRule& into, const SetSignedRule& next);
void parse_set_expiry(SettingsReader& r, const doc::Node& v, const std::string& field,
                      SetExpiryRule& out);
void combine_set_expiry(SetExpiryRule& into, const SetExpiryRule& next);
void parse_set_age(SettingsReader& r, const doc::Node& v, const std::string& field,
                   SetAgeRule& out);
void combine_set_age(SetAgeRule& into, const SetAgeRule& next);
void parse_vetted(SettingsReader& r, const doc::Node& v, const std::string& field, VettedRule& out);
void combine_vetted(VettedRule& into, const VettedRule& next);
void parse_min_age(SettingsReader& r, const doc::Node& v, const std::string& field,
                   MinAgeRule& out);
void combine_min_age(MinAgeRule& into, const MinAgeRule& next);
void parse_denied(SettingsReader& r, const doc::Node& v, const std::string& field, DeniedRule& out);
void combine_denied(DeniedRule& into, const DeniedRule& next);
void parse_licenses(SettingsReader& r, const doc::Node& v, const std::string& field,
                    LicensesRule& out);
void combine_licenses(LicensesRule& into, const LicensesRule& next);
void parse_advisories(SettingsReader& r, const doc::Node& v, const std::string& field,
                      AdvisoriesRule& out);
void combine_advisories(AdvisoriesRule& into, const AdvisoriesRule& next);
void parse_limits(SettingsReader& r, const doc::Node& v, const std::string& field, LimitsRule& out);
void combine_limits(LimitsRule& into, const LimitsRule& next);

// Small merge helpers shared by the combine_* functions.
std::vector<std::string> intersect(const std::vector<std::string>& a,
                                   const std::vector<std::string>& b);
void add_unique(std::vector<std::string>& into, const std::vector<std::string>& more);
template <class N>
void take_min(N& into, const N& next) {
  into = std::min(into, next);
}
template <class N>
void take_min(std::optional<N>& into, const std::optional<N>& next) {
  if (next && (!into || *next < *into)) into = next;
}

}  // namespace pinset::policy::detail
