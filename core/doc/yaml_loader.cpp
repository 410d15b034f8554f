// YAML into doc::Node through yaml-cpp's event API. yaml-cpp's own YAML::Load would build a cyclic
// graph from `a: &x [*x]`, expand aliases without bound and recurse as deep as the input nests, so
// this builder checks each of those itself, event by event, and stops the parse by throwing.
#include <algorithm>
#include <istream>
#include <streambuf>
#include <unordered_map>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "core/doc/loader.hpp"
#include "core/doc/text_checks.hpp"

namespace pinset::doc {

namespace {

using detail::LoadFailure;

// An istream source over text we do not own, without copying it.
class TextBuffer : public std::streambuf {
 public:
  explicit TextBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // only ever read: no put area is set
    setg(begin, begin, begin + text.size());
  }
};

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

// An anchor name for a message: escaped and cut short like quote(), without the quotes.
std::string shown(const std::string& anchor) {
  std::string q = quote(anchor);
  return q.substr(1, q.size() - 2);
}

// yaml-cpp's 0-based mark as ours: 1-based, columns counting bytes from the start of the line
// (yaml-cpp does not count a byte order mark, which is `bom` bytes on line 1).
Mark mark_of(const YAML::Mark& m, std::size_t bom) {
  int shift = m.line == 0 ? static_cast<int>(bom) : 0;
  return Mark{m.line + 1, m.column + 1 + shift};
}
constexpr std::string_view k_str_tag = "tag:yaml.org,2002:str";

class Builder final : public YAML::EventHandler {
 public:
  Builder(std::string_view text, const std::string& source, const Limits& limits)
      : m_text(text), m_source(source), m_limits(limits) {
    // yaml-cpp's positions do not count a byte order mark.
    if (m_text.substr(0, k_bom.size()) == k_bom) m_bom = k_bom.size();
  }

  int documents() const { return m_documents; }
  Node take_root() { return std::move(m_root); }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++m_documents > 1) {
      throw failure(
          "parse", "the file holds more than one YAML document; pinset reads one", to_mark(mark),
          "remove the second document (from its \"---\" line on), or merge the two", false);
    }
  }
  void OnDocumentEnd() override {}

  void OnAnchor(const YAML::Mark&, const std::string& name) override { m_anchor_name = name; }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    std::string_view written = null_text_at(mark);
    if (expecting_key()) {
      if (written.empty()) {
        throw failure("parse", "a mapping key is empty", to_mark(mark),
                      "write a name before the ':'");
      }
      return key(std::string(written), to_mark(mark), anchor);
    }
    Node node;
    node.kind = Kind::null;
    // An empty value ("url:") has no text of its own: yaml-cpp marks the next token, which may be
    // on a later line, so point at the key the value belongs to instead.
    node.mark = written.empty() && in_mapping() ? m_stack.back().key_mark : to_mark(mark);
    value(std::move(node), anchor, 1, 0, 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& text) override {
    Node node;
    node.kind = Kind::scalar;
    node.mark = to_mark(mark);
    node.scalar = text;
    if (tag == "!" || tag == k_str_tag) {
      node.style = Style::quoted;
    } else if (tag == "tag:yaml.org,2002:null") {
      node.kind = Kind::null;
      node.scalar.clear();
    } else if (tag != "?" && tag != "tag:yaml.org,2002:int" && tag != "tag:yaml.org,2002:float" &&
               tag != "tag:yaml.org,2002:bool") {
      throw unsupported_tag(tag, node.mark);
    }
    if (expecting_key()) {
      if (node.is_null()) throw non_text_key(node);
      return key(std::move(node.scalar), node.mark, anchor);
    }
    std::size_t bytes = node.scalar.size();
    value(std::move(node), anchor, 1, bytes, 0);
  }

  void OnAlias(const YAML::Mark& at, YAML::anchor_t anchor) override {
    Mark mark = to_mark(at);
    auto found = m_anchors.find(anchor);
    if (found == m_anchors.end()) {  // yaml-cpp rejects unknown anchors itself; never trust that
      throw failure("parse", "an alias refers to an unknown anchor", mark, "");
    }
    Anchored& target = found->second;
    if (target.open) {
      std::string name = shown(target.name);
      throw failure("alias-cycle",
                    "the alias *" + name + " refers to a node that contains it (&" + name +
                        " at line " + std::to_string(target.mark.line) +
                        "), which would make the document infinitely deep",
                    mark, "write the repeated part out instead of using an alias inside itself");
    }
    if (expecting_key()) {
      if (!target.node.is_scalar()) throw non_text_key(target.node, mark);
      return key(target.node.scalar, mark, 0);
    }
    if (m_nodes + target.nodes > m_limits.max_nodes ||
        m_bytes + target.bytes > m_limits.max_bytes) {
      throw failure("too-large",
                    "aliases expand the document beyond the limit of " +
                        std::to_string(m_limits.max_nodes) + " nodes or " +
                        std::to_string(m_limits.max_bytes) + " bytes (at alias *" +
                        shown(target.name) + ")",
                    mark, "write the document without nested aliases", false);
    }
    if (static_cast<int>(m_stack.size()) + target.height > m_limits.max_depth) {
      throw too_deep(mark);
    }
    Node copy = target.node;
    copy.mark = mark;
    // value() counts the copy's nodes and bytes again; it does not register anchors for it.
    value(std::move(copy), 0, target.nodes, target.bytes, target.height);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Kind::sequence, to_mark(mark), tag, "tag:yaml.org,2002:seq", anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(Kind::mapping, to_mark(mark), tag, "tag:yaml.org,2002:map", anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  // A sequence or mapping still being read.
  struct Frame {
    Node node;
    YAML::anchor_t anchor = 0;
    bool is_key = false;           // used as a mapping key: an error once it closes
    std::size_t nodes_before = 0;  // m_nodes and m_bytes when it opened
    std::size_t bytes_before = 0;
    int child_height = 0;  // tallest finished child (a scalar is 0)
    bool has_key = false;  // mapping: a key is waiting for its value
    std::string key;
    Mark key_mark;
    std::unordered_map<std::string, int> key_lines;  // mapping: line where each key first appeared
  };
  // What an anchor names: the node as finished, or `open` while it is still being read.
  struct Anchored {
    std::string name;
    Mark mark;
    bool open = true;
    Node node;
    std::size_t nodes = 0;
    std::size_t bytes = 0;
    int height = 0;
  };

  Mark to_mark(const YAML::Mark& m) const { return mark_of(m, m_bom); }

  bool in_mapping() const { return !m_stack.empty() && m_stack.back().node.is_mapping(); }
  bool expecting_key() const { return in_mapping() && !m_stack.back().has_key; }

  // The text of an explicit null ("~", "null", "Null", "NULL") at `m`, or "" for an empty node.
  std::string_view null_text_at(const YAML::Mark& m) const {
    if (m.pos < 0) return {};
    std::size_t at = static_cast<std::size_t>(m.pos) + m_bom;
    if (at >= m_text.size()) return {};
    std::string_view rest = m_text.substr(at);
    for (std::string_view word : {"~", "null", "Null", "NULL"}) {
      if (rest.substr(0, word.size()) != word) continue;
      std::string_view after = rest.substr(word.size(), 1);
      if (after.empty() || after.find_first_of(" \t\r\n,:]}#") == 0) return word;
    }
    return {};
  }

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
        "too-deep",
        "lists and mappings nest more than " + std::to_string(m_limits.max_depth) + " levels deep",
        mark, "pinset documents are never this deep; check that this is the right file", false);
  }
  LoadFailure unsupported_tag(const std::string& tag, Mark mark) const {
    return failure("parse", "unsupported YAML tag " + quote(tag), mark,
                   "remove the tag; pinset documents use plain YAML values");
  }
  LoadFailure non_text_key(const Node& node, std::optional<Mark> at = std::nullopt) const {
    return failure("parse", "a mapping key must be text, found " + node.type_name(),
                   at.value_or(node.mark), "use a name as the key");
  }

  void count(std::size_t nodes, std::size_t bytes, Mark mark) {
    m_nodes += nodes;
    m_bytes += bytes;
    if (m_nodes > m_limits.max_nodes) {
      throw failure("too-large",
                    "the document has more than " + std::to_string(m_limits.max_nodes) + " nodes",
                    mark, "check that this is the right file; pinset refuses larger documents",
                    false);
    }
  }

  Anchored& define_anchor(YAML::anchor_t anchor, Mark mark) {
    Anchored& a = m_anchors[anchor];
    a.name = std::move(m_anchor_name);
    a.mark = mark;
    m_anchor_name.clear();
    return a;
  }

  void key(std::string text, Mark mark, YAML::anchor_t anchor) {
    Frame& f = m_stack.back();
    auto [it, inserted] = f.key_lines.try_emplace(text, mark.line);
    if (!inserted) {
      f.has_key = true, f.key = text;  // so that path() names the duplicate
      throw failure(
          "duplicate-key",
          "duplicate key " + quote(text) + " (first at line " + std::to_string(it->second) + ")",
          mark, "remove one of the two entries");
    }
    count(1, text.size(), mark);
    if (anchor != 0) {
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
  void value(Node node, YAML::anchor_t anchor, std::size_t nodes, std::size_t bytes, int height) {
    count(nodes, bytes, node.mark);
    if (anchor != 0) {
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

  void open(Kind kind, Mark mark, const std::string& tag, std::string_view own_tag,
            YAML::anchor_t anchor) {
    if (tag != "?" && tag != "!" && tag != own_tag) throw unsupported_tag(tag, mark);
    // A list or mapping used as a key is refused when it closes, not here, so that input which
    // never closes it (yaml-cpp reads an unclosed "[[[[" as lists keying mappings) still stops at
    // the depth limit with "too-deep".
    bool is_key = expecting_key();
    // Checked here, before yaml-cpp's own recursion guard (which allows far more, and reports a
    // bare "bad file"), so that deep input stops early with a clear error.
    if (static_cast<int>(m_stack.size()) + 1 > m_limits.max_depth) throw too_deep(mark);
    count(1, 0, mark);
    if (anchor != 0) define_anchor(anchor, mark).open = true;
    Frame f;
    f.node.kind = kind;
    f.node.mark = mark;
    f.anchor = anchor;
    f.is_key = is_key;
    f.nodes_before = m_nodes - 1;
    f.bytes_before = m_bytes;
    m_stack.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(m_stack.back());
    m_stack.pop_back();
    if (f.is_key) throw non_text_key(f.node);
    int height = f.child_height + 1;
    if (f.anchor != 0) {
      Anchored& a = m_anchors[f.anchor];
      a.open = false;
      a.node = f.node;
      a.nodes = m_nodes - f.nodes_before;
      a.bytes = m_bytes - f.bytes_before;
      a.height = height;
    }
    attach(std::move(f.node), height);
  }

  std::string_view m_text;
  const std::string& m_source;
  const Limits& m_limits;
  std::size_t m_bom = 0;
  int m_documents = 0;
  std::vector<Frame> m_stack;
  Node m_root;
  std::unordered_map<YAML::anchor_t, Anchored> m_anchors;
  std::string m_anchor_name;  // from OnAnchor, for the node event that follows
  std::size_t m_nodes = 0;    // nodes and scalar bytes so far, aliases expanded
  std::size_t m_bytes = 0;
};

}  // namespace

Result<Node> load_yaml(std::string_view text, const std::string& source, const Limits& given) {
  const Limits limits = detail::effective(given);
  if (auto ok = detail::check_size(text, source, limits); !ok) return fail(ok.error());
  if (auto ok = detail::check_text(text, source, true); !ok) return fail(ok.error());

  std::size_t bom = text.substr(0, k_bom.size()) == k_bom ? k_bom.size() : 0;
  auto located = [&](const YAML::Mark& m) {
    Mark at = mark_of(m, bom);
    return m.is_null() ? Location{source, 0, 0, ""} : Location{source, at.line, at.column, ""};
  };
  Builder builder(text, source, limits);
  try {
    TextBuffer buffer(text);
    std::istream in(&buffer);
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const LoadFailure& f) {
    return fail(f.error);
  } catch (const YAML::DeepRecursion& e) {
    return fail("too-deep", "the YAML parser's nesting limit was reached", located(e.mark),
                "pinset documents are never this deep; check that this is the right file");
  } catch (const YAML::Exception& e) {
    return fail("parse", "invalid YAML: " + e.msg, located(e.mark));
  } catch (const std::exception& e) {
    return fail("parse", std::string("cannot read the YAML: ") + e.what(), Location{source});
  }
  if (builder.documents() == 0) {  // no document at all: empty text or only comments
    Node empty;
    empty.mark = Mark{1, 1};
    return empty;
  }
  return builder.take_root();
}

}  // namespace pinset::doc
