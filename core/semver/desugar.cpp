#include "core/semver/desugar.hpp"

#include "core/semver/grammar.hpp"
#include "core/semver/js_text.hpp"

namespace pinset::semver::desugar {

namespace g = grammar;

namespace {

using Parts = g::XRangeParts;

std::string str(std::string_view s) {
  return std::string(s);
}

// A whole-string match of `^<lead>[v=\s]*XRANGEPLAIN$` where the lead ends at i.
bool anchored_to_end(std::string_view comp, std::size_t i, Parts& p) {
  return g::xrange_plain_anchored(comp, g::skip_prefix(comp, i), p) && p.end == comp.size();
}

// comp.split(/\s+/).map(fn).join(' ')
template <class Fn>
std::string map_join(std::string_view text, Fn fn) {
  std::string out;
  bool first = true;
  for (std::string_view part : js::split_space(text)) {
    if (!first) out += ' ';
    first = false;
    out += fn(part);
  }
  return out;
}

// replaceCaret
std::string replace_caret(std::string_view comp) {
  Parts p;
  if (!g::char_is(comp, 0, '^') || !anchored_to_end(comp, 1, p)) return str(comp);
  std::string M = str(p.major), m = str(p.minor), pt = str(p.patch);
  if (g::is_x(p.major, true)) return "";
  if (g::is_x(p.minor, p.has_minor)) return ">=" + M + ".0.0 <" + g::increment(M) + ".0.0-0";
  if (g::is_x(p.patch, p.has_patch)) {
    if (M == "0") return ">=" + M + "." + m + ".0 <" + M + "." + g::increment(m) + ".0-0";
    return ">=" + M + "." + m + ".0 <" + g::increment(M) + ".0.0-0";
  }
  std::string low = ">=" + M + "." + m + "." + pt;
  if (p.has_prerelease) low += "-" + str(p.prerelease);
  if (M == "0") {
    if (m == "0") return low + " <" + M + "." + m + "." + g::increment(pt) + "-0";
    return low + " <" + M + "." + g::increment(m) + ".0-0";
  }
  return low + " <" + g::increment(M) + ".0.0-0";
}

// replaceTilde
std::string replace_tilde(std::string_view comp) {
  if (!g::char_is(comp, 0, '~')) return str(comp);
  std::size_t i = g::char_is(comp, 1, '>') ? 2 : 1;
  Parts p;
  if (!anchored_to_end(comp, i, p)) return str(comp);
  std::string M = str(p.major), m = str(p.minor), pt = str(p.patch);
  if (g::is_x(p.major, true)) return "";
  if (g::is_x(p.minor, p.has_minor)) return ">=" + M + ".0.0 <" + g::increment(M) + ".0.0-0";
  if (g::is_x(p.patch, p.has_patch))
    return ">=" + M + "." + m + ".0 <" + M + "." + g::increment(m) + ".0-0";
  std::string low = ">=" + M + "." + m + "." + pt;
  if (p.has_prerelease) low += "-" + str(p.prerelease);
  return low + " <" + M + "." + g::increment(m) + ".0-0";
}

// replaceXRange
std::string replace_xrange(std::string_view text) {
  std::string_view comp = js::trim(text);
  std::size_t i = 0;
  if (g::char_is(comp, i, '<') || g::char_is(comp, i, '>')) ++i;
  if (g::char_is(comp, i, '=')) ++i;
  std::string gtlt = str(comp.substr(0, i));
  Parts p;
  if (!anchored_to_end(comp, js::skip_space(comp, i), p)) return str(comp);
  if (g::invalid_x_order(p)) return str(comp);
  bool xM = g::is_x(p.major, true);
  bool xm = xM || g::is_x(p.minor, p.has_minor);
  bool xp = xm || g::is_x(p.patch, p.has_patch);
  if (gtlt == "=" && xp) gtlt.clear();
  std::string M = str(p.major), m = str(p.minor), pt = str(p.patch);
  if (xM) return (gtlt == ">" || gtlt == "<") ? "<0.0.0-0" : "*";
  if (!gtlt.empty() && xp) {
    if (xm) m = "0";
    pt = "0";
    if (gtlt == ">") {
      gtlt = ">=";
      if (xm) {
        M = g::increment(M);
        m = "0";
      } else {
        m = g::increment(m);
      }
      pt = "0";
    } else if (gtlt == "<=") {
      gtlt = "<";
      if (xm)
        M = g::increment(M);
      else
        m = g::increment(m);
    }
    return gtlt + M + "." + m + "." + pt + (gtlt == "<" ? "-0" : "");
  }
  if (xm) return ">=" + M + ".0.0 <" + g::increment(M) + ".0.0-0";
  if (xp) return ">=" + M + "." + m + ".0 <" + M + "." + g::increment(m) + ".0-0";
  return str(comp);
}

// replaceStars: comp.trim().replace(re[STAR], '') where STAR is `(<|>)?=?\s{0,1}\*`, first match
// only.
std::string replace_star(std::string_view text) {
  std::string_view comp = js::trim(text);
  for (std::size_t i = 0; i < comp.size(); i += js::char_length(comp, i)) {
    std::size_t j = i;
    if (comp[j] == '<' || comp[j] == '>') ++j;
    if (g::char_is(comp, j, '=')) ++j;
    j += js::space_at(comp, j);
    if (g::char_is(comp, j, '*')) return str(comp.substr(0, i)) + str(comp.substr(j + 1));
  }
  return str(comp);
}

// Global replace of `(\s{0,1})<lead>\s{1,1}` by `$1<lead char>`, where lead is "~>?" or "\^": one
// whitespace character after the lead goes.
std::string trim_after(std::string_view text, char lead, bool optional_gt) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t b = pos + js::space_at(text, pos);
    if (g::char_is(text, b, lead)) {
      std::size_t c = b + 1;
      if (optional_gt && g::char_is(text, c, '>') && js::space_at(text, c + 1)) ++c;
      if (std::size_t n = js::space_at(text, c)) {
        out.append(text.substr(pos, b - pos));
        out += lead;
        pos = c + n;
        continue;
      }
    }
    // No match starts at pos (one starting at b, after a whitespace at pos, is tried next).
    std::size_t next = pos + js::char_length(text, pos);
    out.append(text.substr(pos, next - pos));
    pos = next;
  }
  return out;
}

}  // namespace

std::vector<std::string_view> split_or(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < text.size();) {
    if (text[i] == '|' && text[i + 1] == '|') {
      out.push_back(js::trim(text.substr(start, i - start)));
      i += 2;
      start = i;
    } else {
      ++i;
    }
  }
  out.push_back(js::trim(text.substr(start)));
  return out;
}

std::string strip_builds(std::string_view piece) {
  std::string out;
  std::size_t pos = 0;
  while (pos < piece.size()) {
    std::size_t plus = piece.find('+', pos);
    if (plus == g::npos) break;
    std::size_t end = plus + 1;
    while (end < piece.size() && g::is_ident(piece[end]))
      ++end;
    if (end == plus + 1) {  // "+" alone is not build metadata
      out.append(piece.substr(pos, end - pos));
      pos = end;
      continue;
    }
    while (g::char_is(piece, end, '.') && end + 1 < piece.size() && g::is_ident(piece[end + 1])) {
      end += 2;
      while (end < piece.size() && g::is_ident(piece[end]))
        ++end;
    }
    out.append(piece.substr(pos, plus - pos));
    pos = end;
  }
  out.append(piece.substr(pos));
  return out;
}

std::string replace_hyphen(std::string_view piece, bool& matched) {
  matched = false;
  // ^\s{0,1}(XRANGEPLAIN)\s{1,1}-\s{1,1}(XRANGEPLAIN)\s{0,1}$, where XRANGEPLAIN starts with
  // `[v=\s]*`: any whitespace before each version, one on each side of "-", at most one at the end.
  std::size_t from_start = js::space_at(piece, 0);
  Parts f;
  if (!g::xrange_plain_anchored(piece, g::skip_prefix(piece, from_start), f)) return str(piece);
  std::size_t gap = js::space_at(piece, f.end);
  std::size_t dash = f.end + gap;
  if (gap == 0 || !g::char_is(piece, dash, '-')) return str(piece);
  std::size_t to_start = dash + 1 + js::space_at(piece, dash + 1);
  if (to_start == dash + 1) return str(piece);
  Parts t;
  if (!g::xrange_plain_anchored(piece, g::skip_prefix(piece, to_start), t)) return str(piece);
  if (t.end + js::space_at(piece, t.end) != piece.size()) return str(piece);
  matched = true;

  // hyphenReplace (includePrerelease off)
  std::string from;
  if (g::is_x(f.major, true)) {
    from = "";
  } else if (g::is_x(f.minor, f.has_minor)) {
    from = ">=" + str(f.major) + ".0.0";
  } else if (g::is_x(f.patch, f.has_patch)) {
    from = ">=" + str(f.major) + "." + str(f.minor) + ".0";
  } else {
    from = ">=" + str(piece.substr(from_start, f.end - from_start));
  }
  std::string to;
  if (g::is_x(t.major, true)) {
    to = "";
  } else if (g::is_x(t.minor, t.has_minor)) {
    to = "<" + g::increment(t.major) + ".0.0-0";
  } else if (g::is_x(t.patch, t.has_patch)) {
    to = "<" + str(t.major) + "." + g::increment(t.minor) + ".0-0";
  } else if (t.has_prerelease) {
    to = "<=" + str(t.major) + "." + str(t.minor) + "." + str(t.patch) + "-" + str(t.prerelease);
  } else {
    to = "<=" + str(piece.substr(to_start, t.end - to_start));
  }
  return str(js::trim(from + " " + to));
}

std::string trim_comparators(std::string_view text) {
  // internal/trim-comparator-whitespace.js: at each operator, "v"/"="/whitespace prefix or version,
  // find where a version starts; if whitespace follows `\s?(<|>)?=?` there, drop that one
  // character; then skip the whole version.
  std::string out;
  std::size_t copy_from = 0;
  std::size_t cursor = 0;
  g::DigitRuns digit_runs;
  auto is_prefix = [&](std::size_t i) {
    return g::char_is(text, i, 'v') || g::char_is(text, i, '=') || js::space_at(text, i) > 0;
  };
  while (cursor < text.size()) {
    std::size_t match_start = cursor;
    if (text[cursor] == '<' || text[cursor] == '>') {
      ++cursor;
    } else if (!is_prefix(cursor) && !g::is_version_start(text, cursor)) {
      cursor += js::char_length(text, cursor);
      continue;
    }
    // Consume a v/=/whitespace run once, even when no version follows it.
    while (cursor < text.size() && is_prefix(cursor))
      cursor += text[cursor] == 'v' || text[cursor] == '=' ? 1 : js::space_at(text, cursor);
    if (!g::is_version_start(text, cursor)) continue;

    // findRemovableWhitespaceIndex
    std::size_t position = match_start + js::space_at(text, match_start);
    if (g::char_is(text, position, '<') || g::char_is(text, position, '>')) ++position;
    if (g::char_is(text, position, '=')) ++position;
    if (std::size_t n = js::space_at(text, position)) {
      out.append(text.substr(copy_from, position - copy_from));
      copy_from = position + n;
    }
    cursor = g::find_version_end(text, cursor, digit_runs);
  }
  out.append(text.substr(copy_from));
  return out;
}

std::string trim_tildes(std::string_view text) {
  return trim_after(text, '~', true);
}
std::string trim_carets(std::string_view text) {
  return trim_after(text, '^', false);
}

std::string expand(std::string_view token) {
  std::string carets = map_join(js::trim(token), replace_caret);
  std::string tildes = map_join(js::trim(carets), replace_tilde);
  std::string xranges = map_join(tildes, replace_xrange);
  return replace_star(xranges);
}

std::string replace_gte0(std::string_view text) {
  // comp.trim().replace(/^\s{0,1}>=\s{0,1}0\.0\.0\s{0,1}$/, '')
  std::string_view comp = js::trim(text);
  if (comp.substr(0, 2) != ">=") return str(comp);
  std::size_t i = 2 + js::space_at(comp, 2);
  return comp.substr(i) == "0.0.0" ? std::string() : str(comp);
}

}  // namespace pinset::semver::desugar
