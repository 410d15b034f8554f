#pragma once
// SPDX license expressions (SPDX 2.3, Annex D) and their evaluation against an allow/deny policy.
//
// Grammar, with AND binding tighter than OR:
//   expr   = and-expr *( "OR" and-expr )
//   and    = with-expr *( "AND" with-expr )
//   with   = simple [ "WITH" exception-id ] / "(" expr ")"
//   simple = idstring [ "+" ] / [ "DocumentRef-" idstring ":" ] "LicenseRef-" idstring
//   idstring = 1*( ALPHA / DIGIT / "-" / "." )
// Operators are upper-case ("AND") or all lower-case ("and"), as SPDX 3.0 allows and as package
// metadata in the wild writes them; any other spelling ("And") is an error, never a license id.
// Whitespace is space, tab, CR or LF. License ids, LicenseRefs and exceptions compare
// case-insensitively, as SPDX says; ids are not checked against the SPDX license list here.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.hpp"

namespace pinset::policy {

// Longest expression parse_license_expression accepts, and deepest parenthesis nesting.
inline constexpr std::size_t k_max_license_expression_length = 10000;
inline constexpr int k_max_license_nesting = 64;

// One license term: `Apache-2.0+`, `LicenseRef-acme-1`, `GPL-2.0-only WITH
// Classpath-exception-2.0`.
struct LicenseTerm {
  std::string id;         // as written: "Apache-2.0", "DocumentRef-x:LicenseRef-y"
  bool or_later = false;  // written with a "+" suffix
  std::string exception;  // after WITH; empty if none

  // "id[+][ WITH exception]", with the spelling as written.
  std::string text() const;
};

// A parsed expression: a term, or all / any of its operands. Operands of a node are never of the
// node's own kind (nested ANDs and nested ORs are flattened), so the tree is as deep as the
// parentheses that alternate AND and OR, at most k_max_license_nesting.
struct LicenseExpr {
  enum class Kind { term, all_of, any_of };  // all_of = AND, any_of = OR
  Kind kind = Kind::term;
  LicenseTerm term;                   // when kind == term
  std::vector<LicenseExpr> operands;  // when all_of / any_of: two or more
};

// Parses an SPDX license expression. Errors have code "invalid-license" and a message naming the
// expression and what is wrong where, e.g. `invalid license expression "MIT OR": expected a license
// after "OR"`, with a hint; nothing is thrown, whatever the input.
Result<LicenseExpr> parse_license_expression(std::string_view text);

// Canonical text: single spaces, upper-case operators, parentheses only where needed.
std::string to_string(const LicenseExpr& expr);

// Every license id (or LicenseRef) the expression mentions, without "+" or exceptions, in order of
// first appearance, each once (case-insensitively).
std::vector<std::string> license_ids(const LicenseExpr& expr);
Result<std::vector<std::string>> license_ids(std::string_view text);

// A license rule. Each entry is one license id or LicenseRef, optionally with "+" or
// "WITH <exception>". A bare entry ("GPL-2.0-only") covers its "+" and WITH forms too; an entry
// with "+" or WITH covers only that exact form. Deny wins over allow. An empty allow list allows
// everything not denied; a non-empty one allows only what it covers.
struct LicensePolicy {
  std::vector<std::string> allow;
  std::vector<std::string> deny;
};

// Checks that every entry of the policy is one license term; the errors ("invalid-license") name
// the entry by field ("allow[2]") and are all reported (the first, with the others as causes).
// evaluate() ignores entries that fail this check, so a policy loader calls it first.
Status validate_license_policy(const LicensePolicy& policy);

// Why one term of an expression is unacceptable.
struct LicenseProblem {
  enum class Kind { denied, not_allowed };
  Kind kind = Kind::denied;
  std::string license;  // the term as written, e.g. "GPL-3.0-only" or "X WITH Y"

  // "GPL-3.0-only is denied" / "LGPL-2.1-only is not in the allow list".
  std::string message() const;
  bool operator==(const LicenseProblem&) const = default;
};

// The outcome of evaluate(). An OR is acceptable if any branch is (the user may choose that
// license), an AND only if every operand is.
struct LicenseVerdict {
  bool allowed = false;
  // When allowed: the terms of the first acceptable choice, left to right, e.g. {"MIT"} for
  // "GPL-3.0-only OR MIT" under a deny of GPL-3.0-only.
  std::vector<std::string> chosen;
  // When not allowed: each offending term once, left to right.
  std::vector<LicenseProblem> problems;

  // The problems' messages joined by "; ", empty when allowed.
  std::string summary() const;
};

LicenseVerdict evaluate(const LicenseExpr& expr, const LicensePolicy& policy);
// Parses, then evaluates; fails only if the expression does not parse.
Result<LicenseVerdict> evaluate(std::string_view expr, const LicensePolicy& policy);

}  // namespace pinset::policy
