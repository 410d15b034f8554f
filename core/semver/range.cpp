#include "core/semver/range.hpp"

#include <algorithm>
#include <optional>
#include <unordered_set>

#include "core/semver/desugar.hpp"
#include "core/semver/detail.hpp"
#include "core/semver/diagnose.hpp"
#include "core/semver/js_text.hpp"

namespace pinset::semver {

namespace {

constexpr const char* k_range_hint =
    "write comparators such as \">=1.2.3 <2.0.0\", \"^1.2.3\", \"~1.2\", \"1.x\" or "
    "\"1.2.3 - 2.3.4\"; separate them with spaces (all must match) or \"||\" (either may match)";

// Problems reported for one range (the first in the message, the others as causes).
constexpr std::size_t k_max_problems = 10;

const char* op_text(Op op) {
  switch (op) {
    case Op::lt:
      return "<";
    case Op::le:
      return "<=";
    case Op::gt:
      return ">";
    case Op::ge:
      return ">=";
    case Op::eq:
      break;
  }
  return "";
}

// node-semver's Comparator#value: "" for any, else operator (without "=") and version.
std::string value_of(const Comparator& c) {
  return c.any ? std::string() : op_text(c.op) + c.version.str_without_build();
}

bool is_null_set(const Comparator& c) {
  return value_of(c) == "<0.0.0-0";
}

// A comparator that node-semver's Comparator constructor rejects.
struct Rejected {
  std::string reason;  // set when the version grammar matched but a number or the length is bad
};

// new Comparator(comp): `^((?:<|>)?=?)\s*(FULLPLAIN)$|^$`, then new SemVer on the version.
std::optional<Comparator> read_comparator(std::string_view comp, Rejected& rejected) {
  Comparator out;
  if (comp.empty()) {
    out.any = true;
    return out;
  }
  std::size_t i = 0;
  if (comp[0] == '<' || comp[0] == '>') ++i;
  bool eq = i < comp.size() && comp[i] == '=';
  if (eq) ++i;
  if (i == 0 || (i == 1 && eq)) {
    out.op = Op::eq;
  } else if (comp[0] == '<') {
    out.op = eq ? Op::le : Op::lt;
  } else {
    out.op = eq ? Op::ge : Op::gt;
  }
  std::string_view rest = comp.substr(i);
  // Comparators come out of a whitespace split, so the version cannot have surrounding whitespace
  // that scan_version would trim.
  detail::VersionScan scan = detail::scan_version(rest);
  if (!scan.version) {
    if (scan.syntax_ok) rejected.reason = scan.reason;
    return std::nullopt;
  }
  out.version = std::move(*scan.version);
  return out;
}

struct Piece {
  std::vector<Comparator> set;
  std::vector<std::string> problems;
};

// Range#parseRange for one ||-separated piece.
Piece parse_piece(std::string_view piece) {
  bool hyphen = false;
  std::string text = desugar::replace_hyphen(desugar::strip_builds(piece), hyphen);
  text = desugar::trim_comparators(text);
  text = desugar::trim_tildes(text);
  text = desugar::trim_carets(text);

  // range.split(' ').map(parseComparator).join(' ').split(/\s+/), remembering which token each
  // comparator came from for error messages. Splitting on whitespace runs instead of single spaces
  // only leaves out empty tokens, which parseComparator turns into nothing.
  std::vector<std::string_view> tokens = js::split_space(text);
  std::string joined;
  std::vector<std::size_t> starts;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (k > 0) joined += ' ';
    starts.push_back(joined.size());
    joined += desugar::expand(tokens[k]);
  }

  Piece out;
  std::vector<Comparator> comps;
  std::vector<bool> reported(tokens.size(), false);
  for (std::string_view part : js::split_space(joined)) {
    std::string comp = desugar::replace_gte0(part);
    Rejected rejected;
    std::optional<Comparator> c = read_comparator(comp, rejected);
    if (c) {
      comps.push_back(std::move(*c));
      continue;
    }
    auto offset = static_cast<std::size_t>(part.data() - joined.data());
    std::size_t token = static_cast<std::size_t>(
        std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin() - 1);
    if (reported[token]) continue;
    reported[token] = true;
    std::string_view tok = tokens[token];
    std::string reason;
    if (!rejected.reason.empty()) {
      reason =
          rejected.reason.rfind("longer", 0) == 0 ? "version " + rejected.reason : rejected.reason;
      if (comp != tok) reason += " (in " + quote(comp) + ")";
    } else {
      reason = diagnose::comparator_problem(tok);
    }
    std::string detail = quote(tok) + " is not a valid comparator";
    if (!reason.empty()) detail += ": " + reason;
    if (hyphen) detail = "in hyphen range " + quote(piece) + ", " + detail;
    out.problems.push_back(std::move(detail));
  }
  if (!out.problems.empty()) return out;

  // A null set replaces everything; otherwise drop duplicates, and "any" next to anything else.
  for (const Comparator& c : comps) {
    if (is_null_set(c)) {
      out.set = {c};
      return out;
    }
  }
  std::unordered_set<std::string> seen;
  for (Comparator& c : comps) {
    if (!seen.insert(value_of(c)).second) continue;
    out.set.push_back(std::move(c));
  }
  if (out.set.size() > 1) {
    std::erase_if(out.set, [](const Comparator& c) { return c.any; });
  }
  return out;
}

int compare_for(const Version& v, const Comparator& c) {
  return detail::node_compare(v, c.version);
}

bool test(const Comparator& c, const Version& v) {
  if (c.any) return true;
  if (c.version.scheme() != v.scheme()) return false;
  int r = compare_for(v, c);
  switch (c.op) {
    case Op::eq:
      return r == 0;
    case Op::lt:
      return r < 0;
    case Op::le:
      return r <= 0;
    case Op::gt:
      return r > 0;
    case Op::ge:
      return r >= 0;
  }
  return false;
}

// range.js testSet, with includePrerelease off unless `include`.
bool test_set(const std::vector<Comparator>& set, const Version& v, bool include = false) {
  for (const Comparator& c : set)
    if (!test(c, v)) return false;
  if (!v.is_prerelease() || include) return true;
  for (const Comparator& c : set) {
    if (c.any || !c.version.is_prerelease()) continue;
    if (c.version.major() == v.major() && c.version.minor() == v.minor() &&
        c.version.patch() == v.patch())
      return true;
  }
  return false;
}

}  // namespace

Result<Range> Range::parse(std::string_view text) {
  Range range;
  range.m_text = std::string(text);
  std::vector<std::string> problems;  // distinct, at most k_max_problems
  std::size_t more = 0;               // beyond those
  const std::string raw = js::collapse_space(text);
  for (std::string_view piece : desugar::split_or(raw)) {
    Piece p = parse_piece(piece);
    for (std::string& problem : p.problems) {
      if (std::find(problems.begin(), problems.end(), problem) != problems.end()) continue;
      if (problems.size() < k_max_problems)
        problems.push_back(std::move(problem));
      else
        ++more;
    }
    if (p.problems.empty()) range.m_sets.push_back(std::move(p.set));
  }
  if (!problems.empty()) {
    Error e(codes::invalid_range, "invalid range " + quote(text) + ": " + problems.front(), {},
            k_range_hint);
    for (std::size_t k = 1; k < problems.size(); ++k)
      e.causes.emplace_back(codes::invalid_range, problems[k]);
    if (more > 0)
      e.causes.emplace_back(codes::invalid_range, "and " + std::to_string(more) + " more problems");
    return fail(std::move(e));
  }

  // Range's constructor: with several sets, null sets go (unless all are), and "any" wins.
  auto& sets = range.m_sets;
  if (sets.size() > 1) {
    std::vector<Comparator> first = sets.front();
    std::erase_if(sets, [](const std::vector<Comparator>& s) { return is_null_set(s.front()); });
    if (sets.empty()) {
      sets.push_back(std::move(first));
    } else if (sets.size() > 1) {
      for (auto& s : sets) {
        if (s.size() == 1 && s.front().any) {
          std::vector<std::vector<Comparator>> only{std::move(s)};
          sets = std::move(only);
          break;
        }
      }
    }
  }
  return range;
}

Result<Range> Range::parse(std::string_view text, Scheme scheme) {
  if (scheme == Scheme::semver) return parse(text);
  const SchemeInfo& info = scheme_info(scheme);
  Range range;
  range.m_text = std::string(text);
  range.m_scheme = scheme;
  auto bad = [&](std::string why) {
    return fail(codes::invalid_range,
                "invalid " + std::string(info.name) + " range " + quote(text) + ": " + why, {},
                info.ordered
                    ? "write comparators such as \">=72.0\", \"^10.42\", \"~1.2\", "
                      "\"72.1\" (exactly) or \"1.0 - 2.0\"; separate them with spaces (all "
                      "must match) or \"||\" (either may match)"
                    : "string versions have no order: write the version itself, or "
                      "several separated by \"||\"");
  };
  auto version = [&](std::string_view t, Comparator& c) -> Status {
    auto v = Version::parse(t, scheme);
    if (!v) return bad(v.error().message.substr(v.error().message.find(": ") + 2));
    c.version = std::move(*v);
    return {};
  };
  std::string_view rest = text;
  while (true) {
    std::size_t bar = rest.find("||");
    std::string_view alt = rest.substr(0, bar);
    std::vector<std::string_view> words;
    for (std::size_t i = 0; i < alt.size();) {
      while (i < alt.size() && (alt[i] == ' ' || alt[i] == '\t'))
        ++i;
      std::size_t start = i;
      while (i < alt.size() && alt[i] != ' ' && alt[i] != '\t')
        ++i;
      if (i > start) words.push_back(alt.substr(start, i - start));
    }
    std::vector<Comparator> set;
    if (words.size() == 3 && words[1] == "-") {  // a - b
      Comparator lo{Op::ge, {}, false}, hi{Op::le, {}, false};
      if (!info.ordered) return bad("string versions have no order, so no \"a - b\"");
      TRY(version(words[0], lo));
      TRY(version(words[2], hi));
      set = {std::move(lo), std::move(hi)};
      words.clear();
    }
    for (std::string_view w : words) {
      if (w == "*") {
        set.push_back(Comparator{Op::eq, {}, true});
        continue;
      }
      std::size_t n = w.starts_with(">=") || w.starts_with("<=") ? 2
                      : w.starts_with(">") || w.starts_with("<") || w.starts_with("=") ||
                              w.starts_with("^") || w.starts_with("~")
                          ? 1
                          : 0;
      std::string_view op = w.substr(0, n), v = w.substr(n);
      if (v.empty()) return bad("expected a version after " + quote(op));
      if (!op.empty() && op != "=" && !info.ordered) {
        return bad("string versions have no order, so no " + quote(op));
      }
      if ((op == "^" || op == "~") && !info.caret) {
        return bad(std::string(info.name) + " versions have no " + quote(op) +
                   ": write \">=a <b\"");
      }
      Comparator c;
      TRY(version(v, c));
      if (op == "^" || op == "~") {
        std::string ceiling = caret_ceiling(v, op == "~");
        Comparator hi{Op::lt, {}, false};
        if (ceiling.empty()) return bad(quote(op) + " needs a version that starts with a number");
        TRY(version(ceiling, hi));
        c.op = Op::ge;
        set.push_back(std::move(c));
        set.push_back(std::move(hi));
        continue;
      }
      c.op = op == ">="   ? Op::ge
             : op == "<=" ? Op::le
             : op == ">"  ? Op::gt
             : op == "<"  ? Op::lt
                          : Op::eq;
      set.push_back(std::move(c));
    }
    if (set.empty()) set.push_back(Comparator{Op::eq, {}, true});
    if (set.size() > 1) std::erase_if(set, [](const Comparator& c) { return c.any; });
    range.m_sets.push_back(std::move(set));
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 2);
  }
  return range;
}

bool Range::satisfies(const Version& v) const {
  for (const auto& set : m_sets)
    if (test_set(set, v)) return true;
  return false;
}

bool Range::satisfies_including_prerelease(const Version& v) const {
  for (const auto& set : m_sets)
    if (test_set(set, v, true)) return true;
  return false;
}

std::string Range::normalized() const {
  // Range#format, then validRange's `|| '*'`.
  std::string out;
  for (std::size_t k = 0; k < m_sets.size(); ++k) {
    if (k > 0) out += "||";
    std::string set;
    for (std::size_t i = 0; i < m_sets[k].size(); ++i) {
      if (i > 0) set += ' ';
      set += value_of(m_sets[k][i]);
    }
    out += js::trim(set);
  }
  std::string_view trimmed = js::trim(out);
  return trimmed.empty() ? "*" : std::string(trimmed);
}

}  // namespace pinset::semver
