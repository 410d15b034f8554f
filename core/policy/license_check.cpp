// Canonical license expressions and unknown ids, against the vendored SPDX lists.
#include "core/policy/license_check.hpp"

#include <cctype>

#include "core/policy/spdx_list.hpp"

namespace pinset::policy {

namespace {

bool same_id(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

void collect_unknown(const LicenseExpr& expr, std::vector<UnknownLicense>& out) {
  if (expr.kind != LicenseExpr::Kind::term) {
    for (const auto& operand : expr.operands)
      collect_unknown(operand, out);
    return;
  }
  auto add = [&](const std::string& id, bool exception) {
    for (const auto& seen : out) {
      if (seen.exception == exception && same_id(seen.id, id)) return;
    }
    std::string near = exception ? nearest_spdx_exception(id)
                                 : nearest_spdx_license(id + (expr.term.or_later ? "+" : ""));
    out.push_back(UnknownLicense{id, exception, std::move(near)});
  };
  const LicenseTerm& t = expr.term;
  if (!is_license_ref(t.id) && !spdx_license(t.id) && !deprecated_replacement(t.id, t.or_later)) {
    add(t.id, false);
  }
  if (!t.exception.empty() && !spdx_exception(t.exception)) add(t.exception, true);
}

}  // namespace

LicenseTerm canonical_term(const LicenseTerm& term) {
  LicenseTerm out = term;
  if (auto known = spdx_license(term.id)) {
    out.id = std::string(*known);
  } else if (auto mapped = deprecated_replacement(term.id, term.or_later)) {
    out.id = std::string(mapped->to.id);
    if (mapped->or_later_absorbed) out.or_later = false;
    if (!mapped->to.exception.empty() && out.exception.empty()) {
      out.exception = std::string(mapped->to.exception);
    }
  }
  if (auto known = spdx_exception(out.exception)) out.exception = std::string(*known);
  return out;
}

LicenseExpr canonical_license(const LicenseExpr& expr) {
  LicenseExpr out;
  out.kind = expr.kind;
  if (expr.kind == LicenseExpr::Kind::term) {
    out.term = canonical_term(expr.term);
    return out;
  }
  out.operands.reserve(expr.operands.size());
  for (const auto& operand : expr.operands)
    out.operands.push_back(canonical_license(operand));
  return out;
}

std::string UnknownLicense::message() const {
  std::string out = quote(id) + (exception ? " is not an SPDX license exception id"
                                           : " is not an SPDX license id");
  if (!suggestion.empty()) out += " (did you mean " + quote(suggestion) + "?)";
  return out;
}

std::vector<UnknownLicense> unknown_licenses(const LicenseExpr& expr) {
  std::vector<UnknownLicense> out;
  collect_unknown(expr, out);
  return out;
}

Result<std::vector<UnknownLicense>> unknown_licenses(std::string_view text) {
  auto expr = parse_license_expression(text);
  if (!expr) return tl::unexpected(expr.error());
  return unknown_licenses(*expr);
}

Result<std::string> canonical_policy_entry(std::string_view entry, const std::string& field) {
  Location where;
  where.field = field;
  auto expr = parse_license_expression(entry);
  if (!expr) {
    Error e = std::move(expr.error());
    e.where = where;
    return tl::unexpected(std::move(e));
  }
  if (expr->kind != LicenseExpr::Kind::term) {
    return fail(codes::invalid_license,
                "license policy entry " + quote(entry) +
                    " is an expression; an entry is one license, optionally with \"+\" or "
                    "\"WITH <exception>\"",
                where, "list each license as its own entry");
  }
  auto unknown = unknown_licenses(*expr);
  if (!unknown.empty()) {
    const UnknownLicense& u = unknown.front();
    return fail(codes::invalid_license, "license policy entry " + quote(entry) + ": " + u.message(),
                where,
                u.suggestion.empty()
                    ? std::string("write an id from the SPDX license list (spdx.org/licenses), "
                                  "or LicenseRef-<name> for a license it lacks")
                    : "write " + quote(u.suggestion));
  }
  return canonical_term(expr->term).text();
}

}  // namespace pinset::policy
