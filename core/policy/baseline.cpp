// The built-in baseline policy: the text of policies/baseline.yaml, byte for byte (a test checks
// they agree), so the binary never depends on the source tree.
#include "core/policy/policy.hpp"

namespace pinset::policy {

std::string_view baseline_policy_text() {
  static constexpr std::string_view k_text =
      R"yaml(# pinset's baseline policy: what every project should pass. `pinset policy check` uses this
# policy, built into the binary, when no --policy is given. Schema and combining: README.md.
format: 1
rules:
  lock:
    severity: error
    require-sync: true
  in-set:
    severity: error
    allow-overlays: true
    overlay-max-days: 90
  sources:
    severity: error
    schemes: [https, file]
  checksums:
    severity: error
    algorithms: [sha256, sha512]
  set-pinned:
    severity: warning
  set-expiry:
    severity: error
    warn-days: 14
  licenses:
    severity: error
    deny: [AGPL-3.0-only, AGPL-3.0-or-later, SSPL-1.0]
    allow-missing: false
  advisories:
    severity: error
max-waiver-days: 365
)yaml";
  return k_text;
}

}  // namespace pinset::policy
