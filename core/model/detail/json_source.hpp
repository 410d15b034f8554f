#pragma once
// The JSON fast path's source for the shared walker (detail/set_walker.hpp): simdjson's on-demand
// parser read straight into the PackageSet, with no intermediate tree, because sets can have
// hundreds of thousands of entries.
//
// Costs kept off the hot path: strings without escapes are viewed in the input, not copied;
// positions are byte offsets, turned into line and column only for an error (Entry::line is
// counted incrementally, once over the text); a value of an unexpected type is handed to
// doc::Reader as a one-node tree so that the rules and messages are exactly the YAML path's.

#include <algorithm>
#include <atomic>
#include <cstring>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "core/doc/loader.hpp"
#include "core/model/detail/set_parser.hpp"
#include "core/model/detail/set_walker.hpp"

namespace pinset::model::detail {

inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

inline std::string_view trim_right(std::string_view token) {
  while (!token.empty() && is_space(token.back()))
    token.remove_suffix(1);
  return token;
}

// RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
inline bool is_json_number(std::string_view t) {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9')
      ++i;
    return i > start;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (i < t.size() && t[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == t.size();
}

// What the two walkers of a split set share (see set_parser_json.cpp).
struct SplitState {
  std::size_t cut = 0;    // offset of the first package key of the second part
  bool adaptive = false;  // hand over only if the second part is far enough along to be worth it
  std::atomic<bool> cancelled{false};  // the first part reads every package; the second stops
  std::atomic<std::size_t> done{0};    // bytes of its part the second walker has gone through
};

class JsonSource {
 public:
  using Value = simdjson::ondemand::value;
  using Pos = std::size_t;  // byte offset into the text

  static constexpr Pos k_nowhere = std::numeric_limits<Pos>::max();

  // Reads the JSON in `buffer` (padded for simdjson), which holds the bytes of `text` from offset
  // `delta` on: positions are offsets in `text` either way (the second part of a split set is
  // `{` followed by the text from its first key on, so its delta is that key's offset - 1).
  JsonSource(std::string_view text, const char* buffer, std::size_t delta,
             const std::string& source)
      : m_text(text), m_base(buffer), m_delta(delta), m_reader(source) {}

  // Reads from `buffer` instead (same bytes, same delta), once it exists.
  void read_from(const char* buffer) { m_base = buffer; }
  // The document being read, asked where the packages mapping ended.
  void watch(simdjson::ondemand::document* document) { m_document = document; }
  // Makes this the first (`first`) or the second part of a split set. The first leaves the
  // packages from the key at the cut on to the second, unless no key starts exactly there (the cut
  // was a guess inside a string) or, when adaptive, the second part lags so far behind that
  // reading them alone is quicker: then it reads them all and cancels the second part.
  void split(SplitState* state, bool first) {
    m_split = state;
    m_first = first;
  }
  bool handed_off() const { return m_handed_off; }
  // Where the packages mapping's closing brace is, once read; k_nowhere before.
  Pos packages_end() const { return m_packages_end; }

  // The first simdjson error met (the document is not valid JSON), or SUCCESS.
  simdjson::error_code error() const { return m_error; }
  void fail(simdjson::error_code e) {
    if (m_error == simdjson::SUCCESS) m_error = e;
  }

  Pos pos(Value& v) { return offset(v.raw_json_token().data()); }
  Shape shape(Value& v) {
    std::string_view token = v.raw_json_token();
    char c = token.empty() ? '\0' : token[0];
    return c == '{' ? Shape::mapping : c == '[' ? Shape::list : Shape::scalar;
  }

  template <class F>
  void fields(Value& v, F&& f) {
    if (m_error) return;
    simdjson::ondemand::object object;
    if (auto e = v.get_object().get(object)) return fail(e);
    for (auto result : object) {
      simdjson::ondemand::field field;
      if (auto e = std::move(result).get(field)) return fail(e);
      // Keys are short: one inline scan to the closing quote (stage 1 checked there is one), and
      // simdjson unescapes the rare key with a backslash.
      const char* raw = field.key().raw();  // just past the opening quote
      const char* end = raw;
      while (*end != '"' && *end != '\\')
        ++end;
      std::string_view key(raw, static_cast<std::size_t>(end - raw));
      if (*end == '\\') {
        if (auto e = field.unescaped_key().get(key)) return fail(e);
      }
      f(key, offset(raw) - 1, field.value());
      if (m_error) return;
    }
  }

  template <class F>
  void items(Value& v, F&& f) {
    if (m_error) return;
    simdjson::ondemand::array array;
    if (auto e = v.get_array().get(array)) return fail(e);
    int index = 0;
    for (auto result : array) {
      Value item;
      if (auto e = std::move(result).get(item)) return fail(e);
      f(index++, item);
      if (m_error) return;
    }
  }

  std::optional<std::string_view> string(Value& v, const FieldPath& path, ErrorSink& errors) {
    if (m_error) return std::nullopt;
    std::string_view token = trim_right(v.raw_json_token());
    if (token.size() > 2 && token.front() == '"') {
      std::string_view body = token.substr(1, token.size() - 2);
      if (std::memchr(body.data(), '\\', body.size()) == nullptr) {
        // Consume the value: simdjson skips an unconsumed value by counting brackets only, so
        // `"url": "x": {...}` would pass unchecked (found by the set_json fuzz target).
        simdjson::ondemand::raw_json_string raw;
        if (auto e = v.get_raw_json_string().get(raw)) {
          fail(e);
          return std::nullopt;
        }
        return body;
      }
      std::string_view text;
      if (auto e = v.get_string().get(text)) {
        fail(e);
        return std::nullopt;
      }
      return text;  // in the parser's string buffer, which lives until the parse ends
    }
    std::optional<doc::Node> node = shallow(v);
    if (!node) return std::nullopt;
    auto text = m_reader.string(*node, path.str());
    if (!text) {
      errors.add(std::move(text.error()));
      return std::nullopt;
    }
    return m_strings.emplace_back(std::move(*text));
  }

  std::optional<std::uint64_t> unsigned_integer(Value& v, const FieldPath& path,
                                                ErrorSink& errors) {
    if (m_error) return std::nullopt;
    std::string_view token = v.raw_json_token();
    std::uint64_t n = 0;
    if (!token.empty() && token[0] >= '0' && token[0] <= '9' && !v.get_uint64().get(n)) return n;
    std::optional<doc::Node> node = shallow(v);
    if (!node) return std::nullopt;
    auto value = m_reader.unsigned_integer(*node, path.str());
    if (!value) {
      errors.add(std::move(value.error()));
      return std::nullopt;
    }
    return *value;
  }

  Error wrong_type(Value& v, const FieldPath& path, std::string_view expected) {
    std::optional<doc::Node> node = shallow(v);
    if (!node) return Error(codes::parse, "invalid JSON");  // replaced by load_json's error
    return m_reader.wrong_type(*node, path.str(), expected);
  }

  Error unknown_field(std::string_view key, Pos pos, const FieldPath& map,
                      std::initializer_list<std::string_view> known) {
    return unknown_field_error(m_reader, key, doc::mark_at(m_text, pos), map.str(), known);
  }

  Error missing_field(Pos map, const FieldPath& path, std::string_view name, std::string hint) {
    return missing_field_error(m_reader, doc::mark_at(m_text, map), path.str(), name,
                               std::move(hint));
  }
  bool take_package(Pos key_pos) {
    if (m_split == nullptr) return true;
    if (!m_first) {
      if (m_split->cancelled.load(std::memory_order_relaxed)) return false;
      m_split->done.store(key_pos - m_split->cut, std::memory_order_relaxed);
      return true;
    }
    if (m_handed_off) return false;
    if (key_pos < m_split->cut) return true;
    if (key_pos == m_split->cut && (!m_split->adaptive || worth_waiting(key_pos))) {
      m_handed_off = true;
      return false;
    }
    m_split->cancelled.store(true, std::memory_order_relaxed);
    m_split = nullptr;
    return true;
  }

  // On-demand parsing reads each value once, in order: a `versioning` after the packages is
  // found late (SetWalker::scheme_late) and the set is read again on the tree path.
  std::optional<std::string_view> peek(Value&, std::string_view) { return std::nullopt; }

  void packages_done() {
    // No package key at the cut: whatever the second part reads is not the rest of this mapping.
    if (m_split != nullptr && m_first && !m_handed_off) {
      m_split->cancelled.store(true, std::memory_order_relaxed);
    }
    // The document stands on the token after the mapping's closing brace (or at its end).
    const char* next = nullptr;
    if (m_document == nullptr || m_error) return;
    std::size_t at = m_document->current_location().get(next)
                         ? m_text.size() - m_delta
                         : static_cast<std::size_t>(next - m_base);
    while (at > 0 && is_space(m_base[at - 1]))
      --at;
    if (at > 0 && m_base[at - 1] == '}') m_packages_end = at - 1 + m_delta;
  }

  Location at(Pos pos, const FieldPath& path) {
    doc::Mark mark = doc::mark_at(m_text, pos);
    return Location{m_reader.source(), mark.line, mark.column, path.str()};
  }

  // Lines are counted from the previous call's position: entries come in document order, so the
  // text is scanned once in all.
  int line(Pos pos) {
    if (pos < m_line_pos) {
      m_line_pos = 0;
      m_line = 1;
    }
    const char* at = m_text.data() + m_line_pos;
    const char* stop = m_text.data() + pos;
    while (const void* nl = std::memchr(at, '\n', static_cast<std::size_t>(stop - at))) {
      ++m_line;
      at = static_cast<const char*>(nl) + 1;
    }
    m_line_pos = pos;
    return m_line;
  }

 private:
  // Whether the second part will be done sooner than this walker could read it alone, judged by
  // how far each got in the same time: `done` of its `total` bytes against this walker's `mine`.
  bool worth_waiting(std::size_t mine) const {
    double done = static_cast<double>(m_split->done.load(std::memory_order_relaxed));
    double total = static_cast<double>(m_text.size() - m_split->cut);
    return done > 0 && (total - std::min(done, total)) * static_cast<double>(mine) < done * total;
  }

  Pos offset(const char* p) const { return static_cast<Pos>(p - m_base) + m_delta; }

  // A one-node tree of the value (its type, its text, where it is) for doc::Reader, which then
  // applies the same typing rules and wording as for YAML. Validates what it reads; nullopt (and
  // error()) when the value is not valid JSON.
  std::optional<doc::Node> shallow(Value& v) {
    doc::Node node;
    node.mark = doc::mark_at(m_text, pos(v));
    std::string_view token = trim_right(v.raw_json_token());
    char c = token.empty() ? '\0' : token[0];
    if (c == '"') {
      std::string_view text;
      if (auto e = v.get_string().get(text)) {
        fail(e);
        return std::nullopt;
      }
      node.kind = doc::Kind::scalar;
      node.style = doc::Style::quoted;
      node.scalar = std::string(text);
    } else if (c == '{') {
      node.kind = doc::Kind::mapping;
    } else if (c == '[') {
      node.kind = doc::Kind::sequence;
    } else if (token == "null") {
      node.kind = doc::Kind::null;
    } else if (token == "true" || token == "false" || is_json_number(token)) {
      node.kind = doc::Kind::scalar;
      node.style = doc::Style::plain;
      node.scalar = std::string(token);
    } else {
      fail(simdjson::TAPE_ERROR);
      return std::nullopt;
    }
    return node;
  }

  std::string_view m_text;  // the whole document
  const char* m_base;       // what simdjson reads: m_text from m_delta on (see the constructor)
  std::size_t m_delta;
  simdjson::ondemand::document* m_document = nullptr;
  SplitState* m_split = nullptr;
  bool m_first = false;
  bool m_handed_off = false;
  Pos m_packages_end = k_nowhere;
  doc::Reader m_reader;
  simdjson::error_code m_error = simdjson::SUCCESS;
  std::deque<std::string> m_strings;  // strings the reader produced, kept until the parse ends
  std::size_t m_line_pos = 0;
  int m_line = 1;
};

}  // namespace pinset::model::detail
