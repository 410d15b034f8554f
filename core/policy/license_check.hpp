#pragma once
// License expressions against the SPDX lists (spdx_list.hpp): the canonical form the licenses
// rule evaluates (deprecated ids replaced, ids spelt as the list spells them) and the ids the
// lists do not know, each with the nearest known id. Pure.

#include <string>
#include <string_view>
#include <vector>

#include "core/policy/license_expr.hpp"
#include "core/util/error.hpp"

namespace pinset::policy {

// The expression with each deprecated id replaced by its current form ("AGPL-3.0" ->
// AGPL-3.0-only, "GPL-2.0+" -> GPL-2.0-or-later, "GPL-2.0-with-classpath-exception" ->
// GPL-2.0-only WITH Classpath-exception-2.0) and each known id and exception spelt as the SPDX
// list spells it ("mit" -> MIT). Unknown ids and LicenseRefs are kept as written.
LicenseExpr canonical_license(const LicenseExpr& expr);
LicenseTerm canonical_term(const LicenseTerm& term);

// An id (or exception) the SPDX lists do not hold and that is not a LicenseRef.
struct UnknownLicense {
  std::string id;          // as written
  bool exception = false;  // after WITH
  std::string suggestion;  // the nearest known id, or empty

  // `"AGPLv3" is not an SPDX license id (did you mean "AGPL-3.0-only"?)`
  std::string message() const;
  bool operator==(const UnknownLicense&) const = default;
};

// Each unknown id once, in order of first appearance.
std::vector<UnknownLicense> unknown_licenses(const LicenseExpr& expr);
// Parses, then lists; fails only if the expression does not parse.
Result<std::vector<UnknownLicense>> unknown_licenses(std::string_view text);

// One entry of a policy's allow or deny list in canonical form ("AGPL-3.0" -> "AGPL-3.0-only"),
// or an "invalid-license" error naming the entry when it is not one license term or names an
// unknown id (a typo in a deny list must not deny nothing). `field` names the entry in errors.
Result<std::string> canonical_policy_entry(std::string_view entry, const std::string& field);

}  // namespace pinset::policy
