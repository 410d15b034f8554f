// The rule engine: runs the enabled rules in a fixed order, then applies the waivers.
#include "core/policy/engine.hpp"

#include <algorithm>
#include <set>

#include "core/policy/rule_table.hpp"
#include "core/util/dates.hpp"

namespace pinset::policy {

namespace detail {

Finding& Emitter::package(const model::LockedPackage& p, std::string code, std::string key,
                          std::string message, std::string hint) {
  Finding f;
  f.rule = m_rule;
  f.code = std::move(code);
  f.severity = m_severity;
  f.package = p.name;
  f.version = p.version.str();
  f.key = std::move(key);
  f.message = std::move(message);
  f.hint = std::move(hint);
  // The lock's own name for the package: name@version for a name locked in several versions.
  std::string lock_key = m_ctx.lock != nullptr ? m_ctx.lock->key_of(p) : p.name;
  auto line = m_ctx.lock_lines.find(lock_key);
  f.location = Location{m_ctx.lock_path, line == m_ctx.lock_lines.end() ? 0 : line->second, 0, ""};
  auto path = m_ctx.paths.find(lock_key);
  if (path != m_ctx.paths.end()) {
    f.path = path->second.names;
    f.path_omitted = path->second.omitted;
  }
  m_out.push_back(std::move(f));
  return m_out.back();
}

Finding& Emitter::project(std::string code, std::string key, std::string message, std::string hint,
                          Location where) {
  Finding f;
  f.rule = m_rule;
  f.code = std::move(code);
  f.severity = m_severity;
  f.key = std::move(key);
  f.message = std::move(message);
  f.hint = std::move(hint);
  f.location = std::move(where);
  m_out.push_back(std::move(f));
  return m_out.back();
}

}  // namespace detail

std::string path_text(const std::vector<std::string>& names, std::size_t omitted) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += " -> ";
    if (omitted > 0 && i == k_path_head) out += "(" + std::to_string(omitted) + " more) -> ";
    out += names[i];
  }
  return out;
}

namespace {

using detail::Emitter;

bool waiver_matches(const Waiver& w, const Finding& f) {
  if (w.rule != f.rule || w.package != f.package) return false;
  if (!w.versions) return true;
  auto v = semver::Version::parse(f.version);
  return v && w.versions->satisfies(*v);
}

void apply_waivers(const Policy& policy, const Context& ctx, Report& report) {
  std::int64_t today = dates::day_of(ctx.now);
  std::vector<Finding> extra;
  for (const auto& w : policy.waivers) {
    Location at{w.origin.file, w.origin.line, 0, ""};
    std::string what = "the waiver of " + w.rule + " for " +
                       (w.package.empty() ? std::string("the project") : w.package) +
                       (w.versions ? " " + w.versions->text() : std::string());
    auto expires = dates::parse_date(w.expires);
    bool expired = expires && *expires < today;
    std::size_t matched = 0;
    if (!expired) {
      for (auto& f : report.findings) {
        if (f.waived || !waiver_matches(w, f)) continue;
        f.waived = Waived{w.reason, w.expires, w.origin};
        ++matched;
      }
    }
    bool used = matched > 0;
    report.waivers.push_back(WaiverUse{w, matched, expires ? *expires - today : 0, expired});
    auto add = [&](std::string code, Severity sev, std::string message, std::string hint) {
      Finding f;
      f.rule = "waivers";
      f.code = std::move(code);
      f.severity = sev;
      f.package = w.package;
      f.key = f.code + ":" + w.rule + (w.versions ? ":" + w.versions->text() : std::string());
      f.message = std::move(message);
      f.hint = std::move(hint);
      f.location = at;
      extra.push_back(std::move(f));
    };
    if (expired) {
      add("waiver-expired", Severity::error,
          what + " expired on " + w.expires + " (reason: " + w.reason + ")",
          "fix what it waived, or renew it with a new expiry date if the reason still holds");
    } else if (!used) {
      add("waiver-unused", Severity::warning, what + " matches no finding",
          "remove the waiver: what it excused is gone");
    }
    if (!expired && expires && policy.max_waiver_days &&
        *expires > today + static_cast<std::int64_t>(*policy.max_waiver_days)) {
      add("waiver-too-long", Severity::error,
          what + " expires on " + w.expires + ", further away than the " +
              std::to_string(*policy.max_waiver_days) + " days the policy allows",
          "set its expiry to " +
              dates::format_date((today + static_cast<std::int64_t>(*policy.max_waiver_days)) *
                                 86400) +
              " or earlier");
    }
  }
  for (auto& f : extra)
    report.findings.push_back(std::move(f));
}

}  // namespace

std::size_t Report::errors() const {
  return static_cast<std::size_t>(std::count_if(
      findings.begin(), findings.end(), [](const Finding& f) { return f.counts_as_error(); }));
}

std::size_t Report::warnings() const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(),
                    [](const Finding& f) { return f.severity == Severity::warning && !f.waived; }));
}

std::size_t Report::waived() const {
  return static_cast<std::size_t>(std::count_if(
      findings.begin(), findings.end(), [](const Finding& f) { return f.waived.has_value(); }));
}

Report::Counts Report::counts(const std::string& rule) const {
  Counts out;
  for (const auto& f : findings) {
    if (f.rule != rule) continue;
    if (f.waived) {
      ++out.waived;
    } else if (f.severity == Severity::error) {
      ++out.errors;
    } else {
      ++out.warnings;
    }
  }
  return out;
}

std::string Report::file_of(const Finding& f) const {
  return !f.location.file.empty() ? f.location.file
         : !project_file.empty()  ? project_file
                                  : std::string("pinset.yaml");
}

Report evaluate(const Policy& policy, const Context& ctx) {
  Report report;
  report.policies = policy.sources;
  report.project_file = ctx.manifest_path;
  if (ctx.manifest != nullptr) report.project_name = ctx.manifest->name;
  if (ctx.lock != nullptr) {
    report.lock_file = ctx.lock_path;
    report.locked.reserve(ctx.lock->packages.size());
    for (const auto& p : ctx.lock->packages)
      report.locked.push_back({p.name, p.version.str()});
  }
  for (const auto& rule : detail::rule_table()) {
    const RuleState& state = rule.const_state(policy);
    if (!state.enabled) continue;
    report.rules.emplace_back(rule.id);
    report.rule_severity[std::string(rule.id)] = state.severity;
    Emitter emit(ctx, std::string(rule.id), state.severity, report.findings);
    rule.check(policy, emit);
  }
  report.rules.emplace_back("waivers");
  report.rule_severity["waivers"] = Severity::error;
  apply_waivers(policy, ctx, report);
  return report;
}

Report only_new(Report current, const Report& baseline) {
  std::set<std::string> old;
  for (const auto& f : baseline.findings)
    old.insert(f.identity());
  std::erase_if(current.findings, [&](const Finding& f) {
    return f.rule != "waivers" && old.count(f.identity()) != 0;
  });
  return current;
}

}  // namespace pinset::policy
