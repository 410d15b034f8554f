// JSON into doc::Node with simdjson's On Demand API, which points into the input for every token
// (so each node gets a line and column). simdjson says nothing about where a syntax error is, so on
// any failure the text is run through nlohmann's SAX parser (iterative, so safe on deep input) for
// the position and wording of the first error.
#include <algorithm>
#include <unordered_map>
#include <vector>

#include <simdjson.h>
#include <nlohmann/json.hpp>

#include "core/doc/loader.hpp"
#include "core/doc/text_checks.hpp"

namespace pinset::doc {

namespace {

namespace od = simdjson::ondemand;

// A failure simdjson (or our own stricter number check) found; to be located by nlohmann.
struct SyntaxFailure {
  std::string what;
  std::size_t offset;  // where we were; used only if nlohmann finds nothing
};

// A SAX handler that accepts everything and records the first parse error.
class ErrorFinder final : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool failed = false;
  std::size_t position = 0;  // bytes read when the error was found
  std::string message;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string&,
                   const nlohmann::detail::exception& e) override {
    failed = true;
    position = pos;
    message = e.what();
    return false;
  }
};

// nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error ..."
// without the prefix (we print our own position), and cut short: "last read" can quote a long
// token.
std::string clean_message(const std::string& what) {
  std::string out = what;
  std::size_t at = out.find("parse error");
  if (at != std::string::npos) {
    std::size_t colon = out.find(": ", at);
    if (colon != std::string::npos) out = out.substr(colon + 2);
  }
  constexpr std::size_t k_max = 200;
  if (out.size() > k_max) {
    std::size_t cut = k_max;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
      --cut;
    out = out.substr(0, cut) + "...";
  }
  return out;
}

bool is_json_number(std::string_view t) {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9')
      ++i;
    return i - start;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (i < t.size() && t[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return false;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == t.size();
}

std::string_view trim_right(std::string_view t) {
  while (!t.empty() &&
         (t.back() == ' ' || t.back() == '\t' || t.back() == '\n' || t.back() == '\r'))
    t.remove_suffix(1);
  return t;
}

class Walker {
 public:
  // `base` is where the parsed bytes start, `shift` where that is in `text` (past a byte order
  // mark); offsets and marks are in `text`.
  Walker(const char* base, std::size_t shift, std::string_view text, const std::string& source,
         const Limits& limits)
      : m_base(base), m_shift(shift), m_cursor(text), m_source(source), m_limits(limits) {}

  // Reads `value` at nesting `depth` (containers it is inside) into `out`.
  void read(od::value value, int depth, Node& out) {
    std::string_view token = value.raw_json_token();
    std::size_t offset = offset_of(token.data());
    out.mark = m_cursor.at(offset);
    count(out.mark);
    od::json_type type;
    check(value.type().get(type), offset);
    switch (type) {
      case od::json_type::array: {
        Open open(*this, out, Kind::sequence, depth);
        od::array array;
        check(value.get_array().get(array), offset);
        for (auto element : array) {
          od::value item;
          check(std::move(element).get(item), offset);
          read(item, depth + 1, out.items.emplace_back());
        }
        return;
      }
      case od::json_type::object: {
        Open open(*this, out, Kind::mapping, depth);
        od::object object;
        check(value.get_object().get(object), offset);
        std::unordered_map<std::string, int> lines;
        for (auto entry : object) {
          od::field field;
          check(std::move(entry).get(field), offset);
          // raw() points just after the key's opening quote.
          std::size_t key_offset = offset_of(field.key().raw()) - 1;
          Mark key_mark = m_cursor.at(key_offset);
          std::string_view unescaped;
          check(field.unescaped_key().get(unescaped), key_offset);
          std::string key(unescaped);
          auto [it, inserted] = lines.try_emplace(key, key_mark.line);
          if (!inserted) {
            throw detail::LoadFailure{
                Error(codes::duplicate_key,
                      "duplicate key " + quote(key) + " (first at line " +
                          std::to_string(it->second) + ")",
                      Location{m_source, key_mark.line, key_mark.column, join_field(path(), key)},
                      "remove one of the two entries")};
          }
          count(key_mark);
          auto& slot = out.entries.emplace_back(std::make_pair(std::move(key), key_mark), Node{});
          read(field.value(), depth + 1, slot.second);
        }
        return;
      }
      case od::json_type::string: {
        std::string_view text;
        check(value.get_string().get(text), offset);
        out.kind = Kind::scalar;
        out.style = Style::quoted;
        out.scalar = text;
        return;
      }
      case od::json_type::number:
        return scalar(trim_right(token), offset, out);
      case od::json_type::boolean: {
        bool flag = false;
        check(value.get_bool().get(flag), offset);
        out.kind = Kind::scalar;
        out.scalar = flag ? "true" : "false";
        return;
      }
      case od::json_type::null: {
        bool is_null = false;
        check(value.is_null().get(is_null), offset);
        if (!is_null) throw SyntaxFailure{"invalid literal", offset};
        out.kind = Kind::null;
        return;
      }
    }
  }

  // A number: simdjson validates it only if asked for its value, so check its syntax here.
  void scalar(std::string_view number, std::size_t offset, Node& out) {
    if (!is_json_number(number)) throw SyntaxFailure{"invalid number", offset};
    out.kind = Kind::scalar;
    out.style = Style::plain;
    out.scalar = number;
  }

  std::size_t offset_of(const char* p) const {
    return static_cast<std::size_t>(p - m_base) + m_shift;
  }
  Mark mark(std::size_t offset) { return m_cursor.at(offset); }

  void check(simdjson::error_code error, std::size_t offset) const {
    if (error) throw SyntaxFailure{simdjson::error_message(error), offset};
  }
  void count(Mark mark) {
    if (++m_nodes > m_limits.max_nodes) {
      throw detail::LoadFailure{
          Error(codes::too_large,
                "the document has more than " + std::to_string(m_limits.max_nodes) + " nodes",
                Location{m_source, mark.line, mark.column, ""},
                "check that this is the right file; pinset refuses larger documents")};
    }
  }

 private:
  // A container being read, `depth` containers deep: refused when that is too deep, else made a
  // `kind` node and kept on the stack of open containers (for path()) until its reading ends.
  struct Open {
    Open(Walker& walker, Node& node, Kind kind, int depth) : m_stack(walker.m_open) {
      walker.enter(depth, node.mark);
      node.kind = kind;
      m_stack.push_back(&node);
    }
    ~Open() { m_stack.pop_back(); }
    Open(const Open&) = delete;
    Open& operator=(const Open&) = delete;
    std::vector<const Node*>& m_stack;
  };

  // The field path of the entry being read: each open container's last (current) element.
  std::string path() const {
    std::string out;
    for (std::size_t i = 0; i + 1 < m_open.size(); ++i) {
      const Node& n = *m_open[i];
      if (n.is_mapping() && !n.entries.empty()) out = join_field(out, n.entries.back().first.first);
      if (n.is_sequence() && !n.items.empty()) out = index_field(out, n.items.size() - 1);
    }
    return out;
  }

  void enter(int depth, Mark mark) const {
    if (depth + 1 > m_limits.max_depth) {
      throw detail::LoadFailure{
          Error(codes::too_deep,
                "lists and mappings nest more than " + std::to_string(m_limits.max_depth) +
                    " levels deep",
                Location{m_source, mark.line, mark.column, ""},
                "pinset documents are never this deep; check that this is the right file")};
    }
  }

  const char* m_base;
  std::size_t m_shift;
  detail::LineCursor m_cursor;
  const std::string& m_source;
  const Limits& m_limits;
  std::size_t m_nodes = 0;
  std::vector<const Node*> m_open;
};

// Reads the whole document; throws SyntaxFailure or detail::LoadFailure.
Node read_document(const simdjson::padded_string& padded, std::size_t shift, std::string_view text,
                   const std::string& source, const Limits& limits) {
  od::parser parser;
  // simdjson's own depth limit sits above ours, so that ours is the one that reports.
  std::size_t depth = static_cast<std::size_t>(std::max(limits.max_depth, 0)) + 2;
  if (auto error = parser.allocate(padded.size(), depth)) {
    throw SyntaxFailure{simdjson::error_message(error), 0};
  }
  Walker walker(padded.data(), shift, text, source, limits);
  od::document document;
  walker.check(parser.iterate(padded).get(document), 0);
  bool scalar = false;
  walker.check(document.is_scalar().get(scalar), 0);
  Node root;
  if (!scalar) {
    od::value value;
    walker.check(document.get_value().get(value), 0);
    walker.read(value, 0, root);
    const char* rest = nullptr;
    if (!document.current_location().get(rest)) {  // a location inside the text: something follows
      throw SyntaxFailure{"unexpected content after the document", walker.offset_of(rest)};
    }
    return root;
  }
  // A lone scalar ("42", "\"x\""): On Demand reads these from the document, not as a value.
  std::string_view token;
  walker.check(document.raw_json_token().get(token), 0);
  std::size_t offset = walker.offset_of(token.data());
  root.mark = walker.mark(offset);
  walker.count(root.mark);
  if (offset + token.size() < text.size()) {
    throw SyntaxFailure{"unexpected content after the document", offset + token.size()};
  }
  od::json_type type;
  walker.check(document.type().get(type), offset);
  switch (type) {
    case od::json_type::string: {
      std::string_view s;
      walker.check(document.get_string().get(s), offset);
      root.kind = Kind::scalar;
      root.style = Style::quoted;
      root.scalar = s;
      break;
    }
    case od::json_type::number:
      walker.scalar(trim_right(token), offset, root);
      break;
    case od::json_type::boolean: {
      bool flag = false;
      walker.check(document.get_bool().get(flag), offset);
      root.kind = Kind::scalar;
      root.scalar = flag ? "true" : "false";
      break;
    }
    case od::json_type::null: {
      bool is_null = false;
      walker.check(document.is_null().get(is_null), offset);
      if (!is_null) throw SyntaxFailure{"invalid literal", offset};
      root.kind = Kind::null;
      break;
    }
    default:
      throw SyntaxFailure{"unexpected token", offset};
  }
  return root;
}

}  // namespace

Result<Node> load_json(std::string_view text, const std::string& source, const Limits& given) {
  const Limits limits = detail::effective(given);
  if (auto ok = detail::check_size(text, source, limits); !ok) return fail(ok.error());
  if (auto ok = detail::check_text(text, source, false); !ok) return fail(ok.error());
  try {
    // A UTF-8 byte order mark is not JSON, but editors write one; nlohmann skips it too.
    constexpr std::string_view k_bom = "\xEF\xBB\xBF";
    std::size_t shift = text.substr(0, k_bom.size()) == k_bom ? k_bom.size() : 0;
    simdjson::padded_string padded(text.substr(shift));
    return read_document(padded, shift, text, source, limits);
  } catch (const detail::LoadFailure& f) {
    return fail(f.error);
  } catch (const SyntaxFailure& f) {
    ErrorFinder finder;
    try {
      nlohmann::json::sax_parse(text, &finder);
    } catch (const std::exception& e) {  // sax_parse reports through the handler; be safe anyway
      finder.failed = true;
      finder.message = e.what();
    }
    if (finder.failed) {
      std::size_t offset = finder.position > 0 ? finder.position - 1 : 0;
      Mark m = mark_at(text, offset);
      return fail(codes::parse, "invalid JSON: " + clean_message(finder.message),
                  Location{source, m.line, m.column, ""});
    }
    Mark m = mark_at(text, f.offset);
    return fail(codes::parse, "invalid JSON: " + f.what, Location{source, m.line, m.column, ""});
  } catch (const std::exception& e) {
    return fail(codes::parse, std::string("cannot read the JSON: ") + e.what(), Location{source});
  }
}

}  // namespace pinset::doc
