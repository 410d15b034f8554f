// YAML into doc::Node through libyaml's event parser (yaml-cpp's scanner read ~3 MB/s; libyaml
// reads several times faster). libyaml only produces events: this builder checks, event by event,
// everything a loader of untrusted text must (alias cycles, alias expansion beyond the node and
// byte limits, nesting depth, duplicate keys, tags) and stops the parse by throwing.
#include <yaml.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "core/doc/loader.hpp"
#include "core/doc/text_checks.hpp"

namespace pinset::doc {

namespace {

using detail::LoadFailure;

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_str_tag = "tag:yaml.org,2002:str";
constexpr std::string_view k_null_tag = "tag:yaml.org,2002:null";
// Mappings with more keys than this look duplicates up in a hash table; smaller ones scan.
constexpr std::size_t k_scan_keys = 16;

// An anchor name for a message: escaped and cut short like quote(), without the quotes.
std::string shown(const std::string& anchor) {
  std::string q = quote(anchor);
  return q.substr(1, q.size() - 2);
}

std::string_view text_of(const yaml_char_t* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

// libyaml's marks count characters from after a byte order mark; ours count bytes from the start
// of the text, and lines only at '\n' (libyaml also breaks lines at U+0085, U+2028 and U+2029).
// Marks are asked for in increasing order nearly always, so both cursors only move forward.
class Positions {
 public:
  explicit Positions(std::string_view text) : m_text(text), m_lines(text) {
    if (m_text.substr(0, k_bom.size()) == k_bom) m_bom = k_bom.size();
    m_byte = m_bom;
    m_ascii = std::none_of(text.begin() + m_bom, text.end(), [](char c) { return c & 0x80; });
  }
  std::size_t bom() const { return m_bom; }
  Mark at(const yaml_mark_t& m) { return m_lines.at(byte_offset(m.index)); }
  Mark at_byte(std::size_t offset) { return m_lines.at(offset); }

 private:
  std::size_t byte_offset(std::size_t chars) {
    if (m_ascii) return m_bom + chars;
    if (chars < m_chars) m_chars = 0, m_byte = m_bom;  // went backwards: start over
    while (m_chars < chars && m_byte < m_text.size()) {
      ++m_byte;  // past the lead byte, then its continuation bytes
      while (m_byte < m_text.size() && (static_cast<unsigned char>(m_text[m_byte]) & 0xC0) == 0x80)
        ++m_byte;
      ++m_chars;
    }
    return m_byte;
  }

  std::string_view m_text;
  detail::LineCursor m_lines;
  std::size_t m_bom = 0;
  bool m_ascii = true;
  std::size_t m_chars = 0;  // a character index and its byte offset
  std::size_t m_byte = 0;
};

// Owns a parser or an event of libyaml's, whatever way the parse ends.
struct ParserGuard {
  yaml_parser_t parser{};
  bool ready = yaml_parser_initialize(&parser) != 0;
  ~ParserGuard() { yaml_parser_delete(&parser); }
};
struct EventGuard {
  yaml_event_t event{};
  ~EventGuard() { yaml_event_delete(&event); }
};

class Builder {
 public:
  Builder(std::string_view text, const std::string& source, const Limits& limits)
      : m_pos(text), m_source(source), m_limits(limits) {}

  int documents() const { return m_documents; }
  Node take_root() { return std::move(m_root); }
  Positions& positions() { return m_pos; }

  void handle(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_DOCUMENT_START_EVENT:
        if (++m_documents > 1) {
          throw failure(
              codes::parse, "the file holds more than one YAML document; pinset reads one",
              m_pos.at(e.start_mark),
              "remove the second document (from its \"---\" line on), or merge the two", false);
        }
        break;
      case YAML_SCALAR_EVENT:
        scalar(e);
        break;
      case YAML_ALIAS_EVENT:
        alias(e);
        break;
      case YAML_SEQUENCE_START_EVENT:
        open(Kind::sequence, m_pos.at(e.start_mark), text_of(e.data.sequence_start.tag),
             "tag:yaml.org,2002:seq", text_of(e.data.sequence_start.anchor));
        break;
      case YAML_MAPPING_START_EVENT:
        open(Kind::mapping, m_pos.at(e.start_mark), text_of(e.data.mapping_start.tag),
             "tag:yaml.org,2002:map", text_of(e.data.mapping_start.anchor));
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        close();
        break;
      default:
        break;  // stream start and end, document end
    }
  }

 private:
  // A sequence or mapping still being read.
  struct Frame {
    Node node;
    std::string anchor;             // "" when it has none
    std::size_t anchor_serial = 0;  // which definition of `anchor` this is
    bool is_key = false;            // used as a mapping key: an error once it closes
    std::size_t nodes_before = 0;   // m_nodes and m_bytes when it opened
    std::size_t bytes_before = 0;
    int child_height = 0;  // tallest finished child (a scalar is 0)
    bool has_key = false;  // mapping: a key is waiting for its value
    std::string key;
    Mark key_mark;
    std::unordered_map<std::string, int> key_lines;  // large mappings: line of each key
  };
  // What an anchor names: the node as finished, or `open` while it is still being read.
  struct Anchored {
    Mark mark;
    bool open = true;
    std::size_t serial = 0;
    Node node;
    std::size_t nodes = 0;
    std::size_t bytes = 0;
    int height = 0;
  };

  bool in_mapping() const { return !m_stack.empty() && m_stack.back().node.is_mapping(); }
  bool expecting_key() const { return in_mapping() && !m_stack.back().has_key; }

  // Field path of the position being read, for messages: "packages.netlib[0]".
  std::string path() const {
    std::string out;
    for (const Frame& f : m_stack) {
      if (f.node.is_mapping() && f.has_key) out = join_field(out, f.key);
      if (f.node.is_sequence()) out = index_field(out, f.node.items.size());
    }
    return out;
  }

  // An error at `mark`, naming the field path being read when `with_path` (not for errors about
  // size and depth, where the path would be a long run of "[0]").
  LoadFailure failure(std::string code, std::string message, Mark mark, std::string hint,
                      bool with_path = true) const {
    return LoadFailure{Error(std::move(code), std::move(message),
                             Location{m_source, mark.line, mark.column, with_path ? path() : ""},
                             std::move(hint))};
  }
  LoadFailure too_deep(Mark mark) const {
    return failure(
        codes::too_deep,
        "lists and mappings nest more than " + std::to_string(m_limits.max_depth) + " levels deep",
        mark, "pinset documents are never this deep; check that this is the right file", false);
  }
  LoadFailure unsupported_tag(std::string_view tag, Mark mark) const {
    return failure(codes::parse, "unsupported YAML tag " + quote(tag), mark,
                   "remove the tag; pinset documents use plain YAML values");
  }
  LoadFailure non_text_key(const Node& node, std::optional<Mark> at = std::nullopt) const {
    return failure(codes::parse, "a mapping key must be text, found " + node.type_name(),
                   at.value_or(node.mark), "use a name as the key");
  }

  static bool is_null_word(std::string_view s) {
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
  }

  void scalar(const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    std::string_view tag = text_of(s.tag);
    Mark mark = m_pos.at(e.start_mark);
    Node node;
    node.kind = Kind::scalar;
    node.mark = mark;
    bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
    if (tag.empty()) {
      node.style = plain ? Style::plain : Style::quoted;
      if (plain && !expecting_key() && is_null_word(text_of(s.value))) node.kind = Kind::null;
    } else if (tag == "!" || tag == k_str_tag) {
      node.style = Style::quoted;
    } else if (tag == k_null_tag) {
      node.kind = Kind::null;
    } else if (tag != "tag:yaml.org,2002:int" && tag != "tag:yaml.org,2002:float" &&
               tag != "tag:yaml.org,2002:bool") {
      throw unsupported_tag(tag, mark);
    }
    std::string_view anchor = text_of(s.anchor);
    if (expecting_key()) {
      if (node.is_null()) throw non_text_key(node);
      if (tag.empty() && plain && s.length == 0) {
        throw failure(codes::parse, "a mapping key is empty", mark, "write a name before the ':'");
      }
      return key(std::string(reinterpret_cast<const char*>(s.value), s.length), mark, anchor);
    }
    if (node.is_null()) {
      // An empty value ("url:") has no text of its own: point at the key it belongs to.
      if (s.length == 0 && in_mapping()) node.mark = m_stack.back().key_mark;
    } else {
      node.scalar.assign(reinterpret_cast<const char*>(s.value), s.length);
    }
    std::size_t bytes = node.scalar.size();
    value(std::move(node), anchor, 1, bytes, 0);
  }

  void alias(const yaml_event_t& e) {
    Mark mark = m_pos.at(e.start_mark);
    std::string name(text_of(e.data.alias.anchor));
    auto found = m_anchors.find(name);
    if (found == m_anchors.end()) {
      throw failure(codes::parse,
                    "the alias *" + shown(name) + " refers to no anchor written before it", mark,
                    "write the anchor (&" + shown(name) +
                        ") on the node to repeat, above "
                        "this alias");
    }
    Anchored& target = found->second;
    if (target.open) {
      throw failure(codes::alias_cycle,
                    "the alias *" + shown(name) + " refers to a node that contains it (&" +
                        shown(name) + " at line " + std::to_string(target.mark.line) +
                        "), which would make the document infinitely deep",
                    mark, "write the repeated part out instead of using an alias inside itself");
    }
    if (expecting_key()) {
      if (!target.node.is_scalar()) throw non_text_key(target.node, mark);
      return key(target.node.scalar, mark, {});
    }
    if (m_nodes + target.nodes > m_limits.max_nodes ||
        m_bytes + target.bytes > m_limits.max_bytes) {
      throw failure(codes::too_large,
                    "aliases expand the document beyond the limit of " +
                        std::to_string(m_limits.max_nodes) + " nodes or " +
                        std::to_string(m_limits.max_bytes) + " bytes (at alias *" + shown(name) +
                        ")",
                    mark, "write the document without nested aliases", false);
    }
    if (static_cast<int>(m_stack.size()) + target.height > m_limits.max_depth) {
      throw too_deep(mark);
    }
    Node copy = target.node;
    copy.mark = mark;
    // value() counts the copy's nodes and bytes again; it does not register an anchor for it.
    value(std::move(copy), {}, target.nodes, target.bytes, target.height);
  }

  void count(std::size_t nodes, std::size_t bytes, Mark mark) {
    m_nodes += nodes;
    m_bytes += bytes;
    if (m_nodes > m_limits.max_nodes) {
      throw failure(codes::too_large,
                    "the document has more than " + std::to_string(m_limits.max_nodes) + " nodes",
                    mark, "check that this is the right file; pinset refuses larger documents",
                    false);
    }
  }

  // A new definition of `name` (a later anchor of the same name replaces an earlier one).
  Anchored& define_anchor(std::string_view name, Mark mark) {
    Anchored& a = m_anchors[std::string(name)];
    a = Anchored{};
    a.mark = mark;
    a.serial = ++m_anchor_serial;
    return a;
  }

  void key(std::string text, Mark mark, std::string_view anchor) {
    Frame& f = m_stack.back();
    int first_line = 0;
    if (f.node.entries.size() < k_scan_keys) {
      for (const auto& entry : f.node.entries) {
        if (entry.first.first == text) first_line = entry.first.second.line;
      }
    } else {
      if (f.key_lines.empty()) {
        for (const auto& entry : f.node.entries)
          f.key_lines.emplace(entry.first.first, entry.first.second.line);
      }
      auto [it, inserted] = f.key_lines.try_emplace(text, mark.line);
      if (!inserted) first_line = it->second;
    }
    if (first_line != 0) {
      f.has_key = true, f.key = text;  // so that path() names the duplicate
      throw failure(
          codes::duplicate_key,
          "duplicate key " + quote(text) + " (first at line " + std::to_string(first_line) + ")",
          mark, "remove one of the two entries");
    }
    count(1, text.size(), mark);
    if (!anchor.empty()) {
      Anchored& a = define_anchor(anchor, mark);
      a.open = false;
      a.node.kind = Kind::scalar;
      a.node.scalar = text;
      a.node.mark = mark;
      a.nodes = 1, a.bytes = text.size();
    }
    f.has_key = true;
    f.key = std::move(text);
    f.key_mark = mark;
  }

  // A finished scalar, null or alias copy: count it, remember its anchor, attach it.
  void value(Node node, std::string_view anchor, std::size_t nodes, std::size_t bytes, int height) {
    count(nodes, bytes, node.mark);
    if (!anchor.empty()) {
      Anchored& a = define_anchor(anchor, node.mark);
      a.open = false;
      a.node = node;
      a.nodes = nodes, a.bytes = bytes, a.height = height;
    }
    attach(std::move(node), height);
  }

  void attach(Node node, int height) {
    if (m_stack.empty()) {
      m_root = std::move(node);
      return;
    }
    Frame& parent = m_stack.back();
    parent.child_height = std::max(parent.child_height, height);
    if (parent.node.is_sequence()) {
      parent.node.items.push_back(std::move(node));
    } else {
      parent.node.entries.emplace_back(std::make_pair(std::move(parent.key), parent.key_mark),
                                       std::move(node));
      parent.has_key = false;
      parent.key.clear();
    }
  }

  void open(Kind kind, Mark mark, std::string_view tag, std::string_view own_tag,
            std::string_view anchor) {
    if (!tag.empty() && tag != "!" && tag != own_tag) throw unsupported_tag(tag, mark);
    // A list or mapping used as a key is refused when it closes, not here, so that input which
    // never closes it still stops at the depth limit with "too-deep".
    bool is_key = expecting_key();
    if (static_cast<int>(m_stack.size()) + 1 > m_limits.max_depth) throw too_deep(mark);
    count(1, 0, mark);
    Frame f;
    if (!anchor.empty()) {
      f.anchor = anchor;
      f.anchor_serial = define_anchor(anchor, mark).serial;  // open until the node closes
    }
    f.node.kind = kind;
    f.node.mark = mark;
    f.is_key = is_key;
    f.nodes_before = m_nodes - 1;
    f.bytes_before = m_bytes;
    m_stack.push_back(std::move(f));
  }

  void close() {
    if (m_stack.empty()) return;  // libyaml never ends what it did not start
    Frame f = std::move(m_stack.back());
    m_stack.pop_back();
    if (f.is_key) throw non_text_key(f.node);
    int height = f.child_height + 1;
    if (!f.anchor.empty()) {
      auto found = m_anchors.find(f.anchor);
      // Unless a node inside redefined the name (then aliases after it mean that node).
      if (found != m_anchors.end() && found->second.serial == f.anchor_serial) {
        Anchored& a = found->second;
        a.open = false;
        a.node = f.node;
        a.nodes = m_nodes - f.nodes_before;
        a.bytes = m_bytes - f.bytes_before;
        a.height = height;
      }
    }
    attach(std::move(f.node), height);
  }

  Positions m_pos;
  const std::string& m_source;
  const Limits& m_limits;
  int m_documents = 0;
  std::vector<Frame> m_stack;
  Node m_root;
  std::unordered_map<std::string, Anchored> m_anchors;
  std::size_t m_anchor_serial = 0;
  std::size_t m_nodes = 0;  // nodes and scalar bytes so far, aliases expanded
  std::size_t m_bytes = 0;
};

// libyaml's error as ours: "invalid YAML: <problem> (<context> at line L, column C)".
Error parse_error(const yaml_parser_t& p, Positions& pos, const std::string& source) {
  if (p.error == YAML_MEMORY_ERROR) {
    return Error(codes::parse, "the YAML parser ran out of memory", Location{source},
                 "check that this is the right file");
  }
  std::string message =
      "invalid YAML: " + std::string(text_of(reinterpret_cast<const yaml_char_t*>(p.problem)));
  if (p.error == YAML_READER_ERROR) {  // at a byte offset, not a mark
    Mark at = pos.at_byte(pos.bom() + p.problem_offset);
    return Error(codes::parse, message, Location{source, at.line, at.column, ""},
                 "save the file as UTF-8 without control characters");
  }
  if (p.context != nullptr) {  // before the problem: asked first, as the positions move forward
    Mark ctx = pos.at(p.context_mark);
    message += " (" + std::string(p.context) + " at line " + std::to_string(ctx.line) +
               ", column " + std::to_string(ctx.column) + ")";
  }
  Mark at = pos.at(p.problem_mark);
  return Error(codes::parse, std::move(message), Location{source, at.line, at.column, ""},
               "fix the YAML syntax here (a value that holds \": \" or starts with a special "
               "character needs quotes)");
}

}  // namespace

Result<Node> load_yaml(std::string_view text, const std::string& source, const Limits& given) {
  const Limits limits = detail::effective(given);
  if (auto ok = detail::check_size(text, source, limits); !ok) return fail(ok.error());
  if (auto ok = detail::check_text(text, source, true); !ok) return fail(ok.error());

  ParserGuard guard;
  if (!guard.ready) {
    return fail(codes::parse, "the YAML parser could not start (out of memory)", Location{source});
  }
  Builder builder(text, source, limits);
  // check_text accepted UTF-8 only: libyaml is told so, and does not see the byte order mark
  // (its marks count from after it, as Positions expects).
  std::string_view body = text.substr(builder.positions().bom());
  yaml_parser_set_input_string(&guard.parser, reinterpret_cast<const unsigned char*>(body.data()),
                               body.size());
  yaml_parser_set_encoding(&guard.parser, YAML_UTF8_ENCODING);
  try {
    for (;;) {
      EventGuard event;
      if (!yaml_parser_parse(&guard.parser, &event.event)) {
        return fail(parse_error(guard.parser, builder.positions(), source));
      }
      if (event.event.type == YAML_STREAM_END_EVENT) break;
      builder.handle(event.event);
    }
  } catch (const LoadFailure& f) {
    return fail(f.error);
  } catch (const std::bad_alloc&) {
    return fail(codes::parse, "out of memory while reading the YAML", Location{source},
                "check that this is the right file");
  }
  if (builder.documents() == 0) {  // no document at all: empty text or only comments
    Node empty;
    empty.mark = Mark{1, 1};
    return empty;
  }
  return builder.take_root();
}

}  // namespace pinset::doc
