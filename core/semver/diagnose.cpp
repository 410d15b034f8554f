#include "core/semver/diagnose.hpp"

#include "core/semver/grammar.hpp"
#include "core/util/error.hpp"

namespace pinset::semver::diagnose {

namespace {

using grammar::is_digit;
using grammar::is_ident;

std::string unexpected(std::string_view tok, std::size_t at) {
  return "unexpected " + quote(tok.substr(at)) + " after " + quote(tok.substr(0, at));
}

// Dot-separated identifiers after the "-" or "+" at tok[i]; moves i past them. Returns a problem or
// "".
std::string identifiers(std::string_view tok, std::size_t& i, bool prerelease) {
  const char* what = prerelease ? "prerelease" : "build";
  do {
    std::size_t start = ++i;
    while (i < tok.size() && is_ident(tok[i]))
      ++i;
    std::string_view id = tok.substr(start, i - start);
    if (id.empty()) {
      if (i >= tok.size() || tok[i] == '.' || tok[i] == '+')
        return std::string("empty ") + what + " identifier";
      return unexpected(tok, i);
    }
    bool numeric = id.find_first_not_of("0123456789") == std::string_view::npos;
    if (prerelease && numeric && id.size() > 1 && id[0] == '0')
      return "prerelease identifier " + quote(id) + " has a leading zero";
  } while (i < tok.size() && tok[i] == '.');
  return "";
}

}  // namespace

std::string comparator_problem(std::string_view tok) {
  // Common slips first, with what to write instead.
  if (tok.substr(0, 1) == "|") return "\"|\" is not an operator; separate alternatives with \"||\"";
  if (tok == "-") return "\"-\" needs one version on each side, as in \"1.2.3 - 2.3.4\"";
  if (tok.substr(0, 1) == "-")
    return "a hyphen range needs spaces around \"-\", as in \"1.2.3 - 2.3.4\"";
  if (tok.substr(0, 2) == "=>" || tok.substr(0, 2) == "=<") {
    return "unknown operator " + quote(tok.substr(0, 2)) + "; write " +
           quote(std::string{tok[1], '='});
  }
  if (tok.substr(0, 1) == "!") return "unknown operator \"!\"; a range cannot exclude versions";
  std::size_t i = 0;
  bool sugar = false;
  if (tok.substr(0, 2) == "~>") {
    i = 2;
    sugar = true;
  } else if (!tok.empty() && (tok[0] == '~' || tok[0] == '^')) {
    i = 1;
    sugar = true;
  } else {
    if (grammar::char_is(tok, i, '<') || grammar::char_is(tok, i, '>')) ++i;
    if (grammar::char_is(tok, i, '=')) ++i;
  }
  std::size_t prefix_start = i;
  while (i < tok.size() && (tok[i] == 'v' || tok[i] == '='))
    ++i;
  std::string_view prefix = tok.substr(prefix_start, i - prefix_start);
  if (i >= tok.size()) return tok.empty() ? "" : "expected a version after " + quote(tok);

  std::size_t version_start = i;
  int parts = 0;
  bool any_x = false;
  for (; parts < 3; ++parts) {
    if (parts > 0) {
      if (!grammar::char_is(tok, i, '.')) break;
      ++i;
    }
    if (i >= tok.size()) return "expected a number or \"x\" after " + quote(tok);
    char c = tok[i];
    if (c == 'x' || c == 'X' || c == '*') {
      any_x = true;
      ++i;
      continue;
    }
    if (!is_digit(c)) {
      if (parts == 0) return "expected a version, found " + quote(tok.substr(i));
      return "expected a number or \"x\" after " + quote(tok.substr(0, i)) + ", found " +
             quote(tok.substr(i));
    }
    std::size_t j = i;
    while (j < tok.size() && is_digit(tok[j]))
      ++j;
    if (j - i > 1 && c == '0') return "leading zero in " + quote(tok.substr(i, j - i));
    if (any_x && !sugar) {  // node-semver's invalidXRangeOrder; ^ and ~ do not check it
      std::string_view before = tok.substr(0, i - 1);
      return "a number cannot follow a wildcard (" + quote(tok.substr(i, j - i)) + " after " +
             quote(before) + "); write " + quote(before) + ", or every number as in \"1.2.3\"";
    }
    i = j;
  }
  if (parts == 3) {
    if (grammar::char_is(tok, i, '-')) {
      if (std::string p = identifiers(tok, i, true); !p.empty()) return p;
    }
    if (grammar::char_is(tok, i, '+')) {
      if (std::string p = identifiers(tok, i, false); !p.empty()) return p;
    }
  }
  if (i < tok.size()) {
    std::string out = unexpected(tok, i);
    if (parts < 3 && (tok[i] == '-' || tok[i] == '+'))
      out += ": a prerelease or build needs a full MAJOR.MINOR.PATCH";
    return out;
  }
  // A full version is read as is: only a single "v" may precede it.
  if (parts == 3 && !any_x && !sugar && !prefix.empty() && prefix != "v")
    return "unexpected " + quote(prefix) + " before " + quote(tok.substr(version_start));
  return "";
}

}  // namespace pinset::semver::diagnose
