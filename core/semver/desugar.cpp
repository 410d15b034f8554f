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

// replaceStars: comp.trim().replace(re[STAR], '') where STAR is `(<|>)?=?\s*\*`, first match only.
std::string replace_star(std::string_view text) {
  std::string_view comp = js::trim(text);
  for (std::size_t i = 0; i < comp.size(); i += js::char_length(comp, i)) {
    std::size_t j = i;
    if (comp[j] == '<' || comp[j] == '>') ++j;
    if (g::char_is(comp, j, '=')) ++j;
    j = js::skip_space(comp, j);
    if (g::char_is(comp, j, '*')) return str(comp.substr(0, i)) + str(comp.substr(j + 1));
  }
  return str(comp);
}

// Global replace of `(\s*)<lead>\s+` by `$1<lead char>`, where lead is "~>?" or "\^".
std::string trim_after(std::string_view text, char lead, bool optional_gt) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t b = js::skip_space(text, pos);
    if (g::char_is(text, b, lead)) {
      std::size_t c = b + 1;
      if (optional_gt && g::char_is(text, c, '>') && js::space_at(text, c + 1)) ++c;
      std::size_t d = js::skip_space(text, c);
      if (d > c) {
        out.append(text.substr(pos, b - pos));
        out += lead;
        pos = d;
        continue;
      }
    }
    // No match starts anywhere in [pos, b]: they all reach the same character at b.
    std::size_t next = b < text.size() ? b + js::char_length(text, b) : b;
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

std::string replace_hyphen(std::string_view piece, bool& matched) {
  matched = false;
  // ^\s*(XRANGEPLAIN)\s+-\s+(XRANGEPLAIN)\s*$
  std::size_t from_start = js::skip_space(piece, 0);
  Parts f;
  if (!g::xrange_plain_anchored(piece, g::skip_prefix(piece, from_start), f)) return str(piece);
  std::size_t dash = js::skip_space(piece, f.end);
  if (dash == f.end || !g::char_is(piece, dash, '-')) return str(piece);
  std::size_t to_start = js::skip_space(piece, dash + 1);
  if (to_start == dash + 1) return str(piece);
  Parts t;
  if (!g::xrange_plain_anchored(piece, g::skip_prefix(piece, to_start), t)) return str(piece);
  if (js::skip_space(piece, t.end) != piece.size()) return str(piece);
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
  // (\s*)((?:<|>)?=?)\s*([v=\s]*(?:LOOSEPLAIN core|XRANGEPLAIN core)), replaced by $1$2$3.
  std::string out;
  std::size_t pos = 0;
  // The loose core read from anywhere inside a run of digits continues the same way after the run,
  // so its failure is remembered for the rest of the run (else "000...0" takes quadratic time).
  std::size_t failed_from = g::npos, failed_run_end = 0;
  while (pos < text.size()) {
    std::size_t b = js::skip_space(text, pos);
    std::size_t c = b;
    if (g::char_is(text, c, '<') || g::char_is(text, c, '>')) ++c;
    if (g::char_is(text, c, '=')) ++c;
    std::size_t d = js::skip_space(text, c);
    std::size_t e = g::skip_prefix(text, d);
    std::size_t f = g::npos;
    if (!(failed_from != g::npos && e > failed_from && e < failed_run_end)) {
      f = g::loose_plain_core(text, e);
      if (f == g::npos && e < text.size() && g::is_digit(text[e])) {
        failed_from = e;
        failed_run_end = e;
        while (failed_run_end < text.size() && g::is_digit(text[failed_run_end]))
          ++failed_run_end;
      }
    }
    if (f == g::npos) f = g::xrange_plain_core(text, e);
    if (f != g::npos) {
      out.append(text.substr(pos, c - pos));
      out.append(text.substr(d, f - d));
      pos = f;
      continue;
    }
    // Every start in [pos, e) walks the same whitespace, operator and prefix characters to e, and
    // fails there the same way; e itself may start a match (e.g. the "<" of "v<1").
    std::size_t next = e > pos ? e : pos + js::char_length(text, pos);
    out.append(text.substr(pos, next - pos));
    pos = next;
  }
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
  // comp.trim().replace(/^\s*>=\s*0.0.0\s*$/, '')
  std::string_view comp = js::trim(text);
  if (comp.substr(0, 2) != ">=") return str(comp);
  std::size_t i = js::skip_space(comp, 2);
  for (int k = 0; k < 5; ++k) {
    if (i >= comp.size()) return str(comp);
    if (k % 2 == 0) {
      if (comp[i] != '0') return str(comp);
      ++i;
    } else {
      // `.`: one UTF-16 code unit other than a line terminator.
      if (js::line_terminator_at(comp, i) || js::utf16_units_at(comp, i) != 1) return str(comp);
      i += js::char_length(comp, i);
    }
  }
  return js::skip_space(comp, i) == comp.size() ? std::string() : str(comp);
}

}  // namespace pinset::semver::desugar
