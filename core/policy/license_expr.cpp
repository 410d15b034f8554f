#include "core/policy/license_expr.hpp"

#include <cstdio>
#include <optional>
#include <utility>

namespace pinset::policy {
namespace {

constexpr std::string_view k_hint =
    "write SPDX license ids joined by AND, OR and WITH, as in \"MIT OR Apache-2.0\" or "
    "\"GPL-2.0-only WITH Classpath-exception-2.0\"";
constexpr std::string_view k_license_ref = "LicenseRef-";
constexpr std::string_view k_document_ref = "DocumentRef-";

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// idstring characters, plus ':' which only a DocumentRef may use (checked after lexing).
bool is_word_char(char c) {
  return is_alnum(c) || c == '-' || c == '.' || c == ':';
}

enum class Tok { end, lparen, rparen, plus, word, op_and, op_or, op_with };

struct Token {
  Tok type = Tok::end;
  std::string_view text;
  std::size_t pos = 0;
};

std::string column(std::size_t pos) {
  return "column " + std::to_string(pos + 1);
}

class Parser {
 public:
  explicit Parser(std::string_view text) : m_text(text) {}

  Result<LicenseExpr> parse_all() {
    auto expr = parse_or();
    if (!expr) return expr;
    auto tok = peek();
    if (!tok) return tl::unexpected(tok.error());
    if (tok->type == Tok::end) return expr;
    if (tok->type == Tok::rparen)
      return error("unexpected \")\" at " + column(tok->pos) + " without a matching \"(\"");
    return unexpected_after_operand(*tok);
  }

 private:
  tl::unexpected<Error> error(const std::string& what) const {
    return fail(codes::invalid_license, "invalid license expression " + quote(m_text) + ": " + what,
                {}, std::string(k_hint));
  }

  // Lexes the token at m_pos (once; later calls return the same token until consume()).
  Result<Token> peek() {
    if (m_peeked) return *m_peeked;
    std::size_t pos = m_pos;
    while (pos < m_text.size() && is_space(m_text[pos]))
      ++pos;
    Token tok;
    tok.pos = pos;
    if (pos == m_text.size()) {
      tok.type = Tok::end;
    } else if (char c = m_text[pos]; c == '(' || c == ')' || c == '+') {
      tok.type = c == '(' ? Tok::lparen : c == ')' ? Tok::rparen : Tok::plus;
      tok.text = m_text.substr(pos, 1);
    } else if (is_word_char(c)) {
      std::size_t end = pos;
      while (end < m_text.size() && is_word_char(m_text[end]))
        ++end;
      tok.text = m_text.substr(pos, end - pos);
      tok.type = Tok::word;
      for (auto [spelling, type] : {std::pair{std::string_view("AND"), Tok::op_and},
                                    std::pair{std::string_view("OR"), Tok::op_or},
                                    std::pair{std::string_view("WITH"), Tok::op_with}}) {
        if (!iequals(tok.text, spelling)) continue;
        std::string lower;
        for (char ch : spelling)
          lower += ascii_lower(ch);
        if (tok.text != spelling && tok.text != lower)
          return error("operator " + quote(tok.text) + " at " + column(pos) + " must be written " +
                       quote(spelling) + " or " + quote(lower));
        tok.type = type;
      }
    } else {
      auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte >= 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02x", byte);
        return error("unexpected byte " + std::string(buf) + " at " + column(pos));
      }
      return error("unexpected " + quote(m_text.substr(pos, 1)) + " at " + column(pos));
    }
    m_peeked = tok;
    return tok;
  }

  void consume() {
    m_prev = m_peeked->text;
    m_pos = m_peeked->pos + m_peeked->text.size();
    m_peeked.reset();
  }

  tl::unexpected<Error> expected_license(const Token& tok) const {
    std::string what = "expected a license";
    if (!m_prev.empty()) what += " after " + quote(m_prev);
    if (tok.type != Tok::end) what += ", found " + quote(tok.text) + " at " + column(tok.pos);
    return error(what);
  }

  tl::unexpected<Error> unexpected_after_operand(const Token& tok) const {
    if (tok.type == Tok::plus)
      return error("unexpected \"+\" at " + column(tok.pos) +
                   ": a \"+\" follows a license id directly, as in \"Apache-2.0+\"");
    if (tok.type == Tok::op_with)
      return error(quote(tok.text) + " at " + column(tok.pos) +
                   " must follow a single license, not " + quote(m_prev));
    return error(
        std::string(m_last_was_license ? "expected AND, OR or WITH" : "expected AND or OR") +
        " after " + quote(m_prev) + ", found " + quote(tok.text) + " at " + column(tok.pos));
  }

  static LicenseExpr combine(LicenseExpr::Kind kind, std::vector<LicenseExpr> parts) {
    if (parts.size() == 1) return std::move(parts.front());
    LicenseExpr node;
    node.kind = kind;
    for (auto& part : parts) {
      if (part.kind == kind) {
        for (auto& inner : part.operands)
          node.operands.push_back(std::move(inner));
      } else {
        node.operands.push_back(std::move(part));
      }
    }
    return node;
  }

  Result<LicenseExpr> parse_or() { return parse_list(Tok::op_or, LicenseExpr::Kind::any_of); }

  Result<LicenseExpr> parse_and() { return parse_list(Tok::op_and, LicenseExpr::Kind::all_of); }

  Result<LicenseExpr> parse_list(Tok op, LicenseExpr::Kind kind) {
    std::vector<LicenseExpr> parts;
    while (true) {
      auto part = op == Tok::op_or ? parse_and() : parse_with();
      if (!part) return part;
      parts.push_back(std::move(*part));
      auto tok = peek();
      if (!tok) return tl::unexpected(tok.error());
      if (tok->type != op) break;
      consume();
    }
    return combine(kind, std::move(parts));
  }

  Result<LicenseExpr> parse_with() {
    auto tok = peek();
    if (!tok) return tl::unexpected(tok.error());
    if (tok->type == Tok::lparen) return parse_group(*tok);
    if (tok->type != Tok::word) return expected_license(*tok);
    auto term = parse_simple(*tok);
    if (!term) return tl::unexpected(term.error());
    auto next = peek();
    if (!next) return tl::unexpected(next.error());
    if (next->type == Tok::op_with) {
      consume();
      auto exc = peek();
      if (!exc) return tl::unexpected(exc.error());
      std::string what = "expected an exception id after " + quote(m_prev);
      if (exc->type != Tok::word) {
        if (exc->type != Tok::end)
          what += ", found " + quote(exc->text) + " at " + column(exc->pos);
        return error(what);
      }
      if (exc->text.find(':') != std::string_view::npos)
        return error(what + ", found " + quote(exc->text) + " at " + column(exc->pos) +
                     " (an exception id has no \":\")");
      term->exception = std::string(exc->text);
      consume();
      m_last_was_license = false;
    }
    LicenseExpr expr;
    expr.term = std::move(*term);
    return expr;
  }

  Result<LicenseExpr> parse_group(const Token& open) {
    if (m_depth == k_max_license_nesting)
      return error("parentheses nested deeper than " + std::to_string(k_max_license_nesting) +
                   " at " + column(open.pos));
    consume();
    ++m_depth;
    auto inner = parse_or();
    if (!inner) return inner;
    auto tok = peek();
    if (!tok) return tl::unexpected(tok.error());
    if (tok->type == Tok::end)
      return error("missing \")\" to close the \"(\" at " + column(open.pos));
    if (tok->type != Tok::rparen) return unexpected_after_operand(*tok);
    consume();
    --m_depth;
    m_last_was_license = false;
    return inner;
  }

  // A license id with an optional "+", or a (DocumentRef-...:)LicenseRef-...; `tok` is a word.
  Result<LicenseTerm> parse_simple(const Token& tok) {
    std::string_view word = tok.text;
    std::size_t colon = word.find(':');
    bool is_ref = istarts_with(word, k_license_ref);
    if (colon != std::string_view::npos) {
      std::string_view doc = word.substr(0, colon);
      std::string_view ref = word.substr(colon + 1);
      if (!istarts_with(doc, k_document_ref) || doc.size() == k_document_ref.size() ||
          !istarts_with(ref, k_license_ref) || ref.find(':') != std::string_view::npos)
        return error(quote(word) + " at " + column(tok.pos) +
                     " is not a license: a \":\" only joins \"DocumentRef-<id>:LicenseRef-<id>\"");
      is_ref = true;
      word = ref;
    } else if (istarts_with(word, k_document_ref)) {
      return error(quote(word) + " at " + column(tok.pos) + " needs \":LicenseRef-<id>\" after it");
    }
    if (is_ref && word.size() == k_license_ref.size())
      return error(quote(tok.text) + " at " + column(tok.pos) +
                   " needs an id after \"LicenseRef-\"");
    consume();
    LicenseTerm term;
    term.id = std::string(tok.text);
    m_last_was_license = true;
    // "+" belongs to the id only when it follows with no space in between.
    if (m_pos < m_text.size() && m_text[m_pos] == '+') {
      if (is_ref)
        return error("\"+\" at " + column(m_pos) + " cannot follow LicenseRef " + quote(tok.text));
      auto plus = peek();
      if (!plus) return tl::unexpected(plus.error());
      consume();
      term.or_later = true;
    }
    return term;
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
  std::optional<Token> m_peeked;
  std::string_view m_prev;  // text of the last consumed token, for "after ..." messages
  bool m_last_was_license = false;
  int m_depth = 0;
};

void collect_ids(const LicenseExpr& expr, std::vector<std::string>& out) {
  if (expr.kind != LicenseExpr::Kind::term) {
    for (const auto& operand : expr.operands)
      collect_ids(operand, out);
    return;
  }
  for (const auto& seen : out)
    if (iequals(seen, expr.term.id)) return;
  out.push_back(expr.term.id);
}

std::optional<LicenseTerm> parse_entry(std::string_view entry) {
  auto expr = parse_license_expression(entry);
  if (!expr || expr->kind != LicenseExpr::Kind::term) return std::nullopt;
  return std::move(expr->term);
}

// A bare entry covers its "+" and WITH forms; "+" or WITH in the entry must be in the term too.
bool covers(const LicenseTerm& entry, const LicenseTerm& term) {
  if (!iequals(entry.id, term.id)) return false;
  if (entry.or_later && !term.or_later) return false;
  if (!entry.exception.empty() && !iequals(entry.exception, term.exception)) return false;
  return true;
}

struct CompiledPolicy {
  std::vector<LicenseTerm> allow;
  std::vector<LicenseTerm> deny;
};

bool any_covers(const std::vector<LicenseTerm>& entries, const LicenseTerm& term) {
  for (const auto& entry : entries)
    if (covers(entry, term)) return true;
  return false;
}

LicenseVerdict evaluate_node(const LicenseExpr& expr, const CompiledPolicy& policy,
                             bool allow_list_empty) {
  LicenseVerdict verdict;
  switch (expr.kind) {
    case LicenseExpr::Kind::term: {
      std::string text = expr.term.text();
      if (any_covers(policy.deny, expr.term)) {
        verdict.problems.push_back({LicenseProblem::Kind::denied, std::move(text)});
      } else if (!allow_list_empty && !any_covers(policy.allow, expr.term)) {
        verdict.problems.push_back({LicenseProblem::Kind::not_allowed, std::move(text)});
      } else {
        verdict.allowed = true;
        verdict.chosen.push_back(std::move(text));
      }
      return verdict;
    }
    case LicenseExpr::Kind::all_of: {
      verdict.allowed = true;
      for (const auto& operand : expr.operands) {
        auto sub = evaluate_node(operand, policy, allow_list_empty);
        if (!sub.allowed) verdict.allowed = false;
        for (auto& c : sub.chosen)
          verdict.chosen.push_back(std::move(c));
        for (auto& p : sub.problems)
          verdict.problems.push_back(std::move(p));
      }
      break;
    }
    case LicenseExpr::Kind::any_of: {
      for (const auto& operand : expr.operands) {
        auto sub = evaluate_node(operand, policy, allow_list_empty);
        if (sub.allowed) return sub;
        for (auto& p : sub.problems)
          verdict.problems.push_back(std::move(p));
      }
      break;
    }
  }
  if (verdict.allowed) {
    verdict.problems.clear();
  } else {
    verdict.chosen.clear();
  }
  return verdict;
}

}  // namespace

std::string LicenseTerm::text() const {
  std::string out = id;
  if (or_later) out += '+';
  if (!exception.empty()) out += " WITH " + exception;
  return out;
}

Result<LicenseExpr> parse_license_expression(std::string_view text) {
  auto bad = [&](const std::string& what) {
    return fail(codes::invalid_license, "invalid license expression " + quote(text) + ": " + what,
                {}, std::string(k_hint));
  };
  if (text.size() > k_max_license_expression_length)
    return bad("longer than " + std::to_string(k_max_license_expression_length) + " characters");
  bool blank = true;
  for (char c : text)
    blank = blank && is_space(c);
  if (blank) return bad("the expression is empty");
  return Parser(text).parse_all();
}

std::string to_string(const LicenseExpr& expr) {
  if (expr.kind == LicenseExpr::Kind::term) return expr.term.text();
  bool is_and = expr.kind == LicenseExpr::Kind::all_of;
  std::string out;
  for (const auto& operand : expr.operands) {
    if (!out.empty()) out += is_and ? " AND " : " OR ";
    // Only an OR inside an AND needs parentheses: AND binds tighter, and like kinds are flat.
    bool paren = is_and && operand.kind == LicenseExpr::Kind::any_of;
    out += paren ? "(" + to_string(operand) + ")" : to_string(operand);
  }
  return out;
}

std::vector<std::string> license_ids(const LicenseExpr& expr) {
  std::vector<std::string> out;
  collect_ids(expr, out);
  return out;
}

Result<std::vector<std::string>> license_ids(std::string_view text) {
  auto expr = parse_license_expression(text);
  if (!expr) return tl::unexpected(expr.error());
  return license_ids(*expr);
}

Status validate_license_policy(const LicensePolicy& policy) {
  ErrorList errors;
  auto check = [&](const std::vector<std::string>& entries, const char* list) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
      Location where;
      where.field = std::string(list) + "[" + std::to_string(i) + "]";
      auto expr = parse_license_expression(entries[i]);
      if (!expr) {
        Error e = std::move(expr.error());
        e.where = where;
        errors.add(std::move(e));
      } else if (expr->kind != LicenseExpr::Kind::term) {
        errors.add(Error(codes::invalid_license,
                         "license policy entry " + quote(entries[i]) +
                             " is an expression; an entry is one license, optionally with \"+\" "
                             "or \"WITH <exception>\"",
                         where, "list each license as its own entry"));
      }
    }
  };
  check(policy.allow, "allow");
  check(policy.deny, "deny");
  if (errors.empty()) return {};
  return tl::unexpected(
      std::move(errors).combine(codes::invalid_license, "invalid license policy", {}));
}

std::string LicenseProblem::message() const {
  return license + (kind == Kind::denied ? " is denied" : " is not in the allow list");
}

std::string LicenseVerdict::summary() const {
  std::string out;
  for (const auto& problem : problems) {
    if (!out.empty()) out += "; ";
    out += problem.message();
  }
  return out;
}

LicenseVerdict evaluate(const LicenseExpr& expr, const LicensePolicy& policy) {
  CompiledPolicy compiled;
  for (const auto& entry : policy.allow)
    if (auto term = parse_entry(entry)) compiled.allow.push_back(std::move(*term));
  for (const auto& entry : policy.deny)
    if (auto term = parse_entry(entry)) compiled.deny.push_back(std::move(*term));
  // An allow list whose entries are all invalid still restricts: it is not "empty".
  auto verdict = evaluate_node(expr, compiled, policy.allow.empty());
  // Each offending term once, first appearance first.
  std::vector<LicenseProblem> unique;
  for (auto& problem : verdict.problems) {
    bool seen = false;
    for (const auto& u : unique)
      seen = seen || (u.kind == problem.kind && iequals(u.license, problem.license));
    if (!seen) unique.push_back(std::move(problem));
  }
  verdict.problems = std::move(unique);
  return verdict;
}

Result<LicenseVerdict> evaluate(std::string_view expr, const LicensePolicy& policy) {
  auto parsed = parse_license_expression(expr);
  if (!parsed) return tl::unexpected(parsed.error());
  return evaluate(*parsed, policy);
}

}  // namespace pinset::policy
