#pragma once
// The checks of the policy rules, one function each (the rule table runs them). Internal to
// core/policy.

#include <string>
#include <vector>

#include "core/policy/engine.hpp"

namespace pinset::policy::detail {

// Builds findings for one rule with its severity, locations and dependency paths.
class Emitter {
 public:
  Emitter(const Context& context, std::string rule, Severity severity, std::vector<Finding>& out)
      : m_ctx(context), m_rule(std::move(rule)), m_severity(severity), m_out(out) {}

  // A finding about a locked package: located at its block in the lock, with its path.
  Finding& package(const model::LockedPackage& p, std::string code, std::string key,
                   std::string message, std::string hint);
  // A project-wide finding at `where`.
  Finding& project(std::string code, std::string key, std::string message, std::string hint,
                   Location where);

  Location manifest_at(int line) const { return Location{m_ctx.manifest_path, line, 0, ""}; }
  Location lock_at(int line) const { return Location{m_ctx.lock_path, line, 0, ""}; }
  const Context& context() const { return m_ctx; }
  Severity severity() const { return m_severity; }

 private:
  const Context& m_ctx;
  std::string m_rule;
  Severity m_severity;
  std::vector<Finding>& m_out;
};

// The set entry a locked package came from, or null (overlay, or not in the set).
const model::Entry* set_entry(const Context& context, const model::LockedPackage& p);
// The manifest's overlay entry that adds or replaces `p`, or null.
const model::OverlayEntry* overlay_for(const model::Manifest& m, const model::LockedPackage& p);
// "name version", as findings name a package.
std::string label(const model::LockedPackage& p);

void check_lock(const LockRule& rule, Emitter& emit);
void check_in_set(const InSetRule& rule, Emitter& emit);
void check_sources(const SourcesRule& rule, Emitter& emit);
void check_checksums(const ChecksumsRule& rule, Emitter& emit);
void check_set_pinned(Emitter& emit);
void check_set_signed(const SetSignedRule& rule, Emitter& emit);
void check_set_expiry(const SetExpiryRule& rule, Emitter& emit);
void check_set_age(const SetAgeRule& rule, Emitter& emit);
void check_vetted(const VettedRule& rule, Emitter& emit);
void check_min_age(const MinAgeRule& rule, Emitter& emit);
void check_denied(const DeniedRule& rule, Emitter& emit);
void check_licenses(const LicensesRule& rule, Emitter& emit);
void check_advisories(const AdvisoriesRule& rule, Emitter& emit);
void check_limits(const LimitsRule& rule, Emitter& emit);

}  // namespace pinset::policy::detail
