#include <string>

#include <gtest/gtest.h>

#include "tests/support/error_text.hpp"

#include "core/doc/loader.hpp"

namespace pinset::doc {
namespace {

using test::error_of;

Node load_ok(std::string_view text) {
  auto r = load_yaml(text, "t.yaml");
  EXPECT_TRUE(r) << error_of(r);
  return r ? *r : Node{};
}

TEST(YamlLoader, BuildsTreeWithOneBasedMarksAndStyles) {
  Node root = load_ok(
      "name: app\n"
      "version: \"1.0\"\n"
      "list:\n"
      "  - 1\n"
      "  - 'two'\n"
      "flow: {a: true, b: [x]}\n");
  ASSERT_TRUE(root.is_mapping());
  ASSERT_EQ(root.entries.size(), 4u);
  EXPECT_EQ(root.entries[0].first.first, "name");
  EXPECT_EQ(root.entries[0].first.second.line, 1);
  EXPECT_EQ(root.entries[0].first.second.column, 1);

  const Node* name = root.find("name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->scalar, "app");
  EXPECT_EQ(name->style, Style::plain);
  EXPECT_EQ(name->mark.line, 1);
  EXPECT_EQ(name->mark.column, 7);

  const Node* version = root.find("version");
  EXPECT_EQ(version->scalar, "1.0");
  EXPECT_EQ(version->style, Style::quoted);

  const Node* list = root.find("list");
  ASSERT_TRUE(list->is_sequence());
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(list->items[0].scalar, "1");
  EXPECT_EQ(list->items[0].style, Style::plain);
  EXPECT_EQ(list->items[1].scalar, "two");
  EXPECT_EQ(list->items[1].style, Style::quoted);
  EXPECT_EQ(list->items[1].mark.line, 5);
  EXPECT_EQ(list->items[1].mark.column, 5);

  const Node* flow = root.find("flow");
  ASSERT_TRUE(flow->is_mapping());
  EXPECT_EQ(flow->find("a")->scalar, "true");
  EXPECT_EQ(flow->find("b")->items.at(0).scalar, "x");
  EXPECT_EQ(flow->find("b")->mark.column, 20);
  EXPECT_EQ(root.find("missing"), nullptr);
}

TEST(YamlLoader, NullForms) {
  Node root = load_ok("a: ~\nb: null\nc:\nd: NULL\ne: \"null\"\nnull: 1\n~: 2\n");
  for (const char* key : {"a", "b", "c", "d"}) {
    ASSERT_NE(root.find(key), nullptr) << key;
    EXPECT_TRUE(root.find(key)->is_null()) << key;
  }
  EXPECT_EQ(root.find("e")->kind, Kind::scalar);
  EXPECT_EQ(root.find("e")->scalar, "null");
  // An empty value points at its key, not at the next line.
  EXPECT_EQ(root.find("c")->mark.line, 3);
  EXPECT_EQ(root.find("c")->mark.column, 1);
  // Keys written as null keep their text (a package may well be called "null").
  EXPECT_EQ(root.find("null")->scalar, "1");
  EXPECT_EQ(root.find("~")->scalar, "2");
}

TEST(YamlLoader, TagsForStrings) {
  Node root = load_ok("a: !!str 5\nb: !!int 5\nc: !!null ''\n");
  EXPECT_EQ(root.find("a")->style, Style::quoted);
  EXPECT_EQ(root.find("b")->style, Style::plain);
  EXPECT_TRUE(root.find("c")->is_null());
  EXPECT_EQ(error_of(load_yaml("a: !custom 5\n", "t.yaml")),
            "parse: t.yaml:1:4: a: unsupported YAML tag \"!custom\"\n"
            "  help: remove the tag; pinset documents use plain YAML values");
}

TEST(YamlLoader, EmptyDocumentIsNull) {
  EXPECT_TRUE(load_ok("").is_null());
  EXPECT_TRUE(load_ok("# only a comment\n").is_null());
  EXPECT_TRUE(load_ok("---\n...\n").is_null());
}

TEST(YamlLoader, ByteOrderMarkIsSkipped) {
  Node root = load_ok("\xEF\xBB\xBFnull: ~\nb: 1\n");
  EXPECT_TRUE(root.find("null")->is_null());
  EXPECT_EQ(root.find("b")->scalar, "1");
  EXPECT_EQ(root.find("null")->mark.column, 10);  // columns count bytes, the mark's included
  EXPECT_EQ(root.find("b")->mark.column, 4);
  EXPECT_EQ(error_of(load_yaml("\xEF\xBB\xBF"
                               "a: b: c\n",
                               "t.yaml")),
            "parse: t.yaml:1:8: invalid YAML: mapping values are not allowed in this context"
            "\n"
            "  help: fix the YAML syntax here (a value that holds \": \" or starts with a special "
            "character needs quotes)");
}

TEST(YamlLoader, AliasesExpandToCopies) {
  Node root = load_ok(
      "base: &b {url: x, size: 1}\n"
      "copy: *b\n"
      "name: &n hello\n"
      "again: *n\n"
      "&k key: 1\n"
      "value: *k\n");
  const Node* copy = root.find("copy");
  ASSERT_TRUE(copy->is_mapping());
  EXPECT_EQ(copy->find("url")->scalar, "x");
  EXPECT_EQ(copy->mark.line, 2);  // the alias, where the copy is used
  EXPECT_EQ(copy->mark.column, 7);
  EXPECT_EQ(root.find("again")->scalar, "hello");
  EXPECT_EQ(root.find("value")->scalar, "key");  // an anchored key can be used as a value
  EXPECT_EQ(error_of(load_yaml("&k key: 1\n*k : 2\n", "t.yaml")),
            "duplicate-key: t.yaml:2:1: key: duplicate key \"key\" (first at line 1)\n"
            "  help: remove one of the two entries");
}

TEST(YamlLoader, DuplicateKeysNameBothLines) {
  EXPECT_EQ(error_of(load_yaml("a: 1\nb: 2\na: 3\n", "t.yaml")),
            "duplicate-key: t.yaml:3:1: a: duplicate key \"a\" (first at line 1)\n"
            "  help: remove one of the two entries");
  EXPECT_EQ(error_of(load_yaml("packages:\n  x:\n    - url: u\n      size: 1\n      url: v\n",
                               "set.yaml")),
            "duplicate-key: set.yaml:5:7: packages.x[0].url: duplicate key \"url\" (first at "
            "line 3)\n"
            "  help: remove one of the two entries");
  // Quoting does not make a key different.
  EXPECT_EQ(error_of(load_yaml("{a: 1, \"a\": 2}", "t.yaml")),
            "duplicate-key: t.yaml:1:8: a: duplicate key \"a\" (first at line 1)\n"
            "  help: remove one of the two entries");
}

TEST(YamlLoader, DuplicateKeysInLargeMappings) {
  // Past 16 keys, duplicates are looked up in a table: still found, still naming both lines.
  std::string text;
  for (int i = 0; i < 40; ++i)
    text += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  EXPECT_EQ(load_ok(text).entries.size(), 40u);
  EXPECT_EQ(error_of(load_yaml(text + "k3: again\n", "t.yaml")),
            "duplicate-key: t.yaml:41:1: k3: duplicate key \"k3\" (first at line 4)\n"
            "  help: remove one of the two entries");
  EXPECT_EQ(error_of(load_yaml(text + "k39: again\n", "t.yaml")),
            "duplicate-key: t.yaml:41:1: k39: duplicate key \"k39\" (first at line 40)\n"
            "  help: remove one of the two entries");
}

TEST(YamlLoader, AnAliasNamesTheLatestAnchorOfItsName) {
  Node root = load_ok("a: &x 1\nb: &x 2\nc: *x\n");
  EXPECT_EQ(root.find("c")->scalar, "2");
  // Redefined inside the node that first carried the name: later aliases mean the inner node.
  root = load_ok("a: &x [&x 1, *x]\nb: *x\n");
  ASSERT_EQ(root.find("a")->items.size(), 2u);
  EXPECT_EQ(root.find("a")->items[1].scalar, "1");
  EXPECT_EQ(root.find("b")->scalar, "1");
}

TEST(YamlLoader, AliasCycleIsRefused) {
  EXPECT_EQ(error_of(load_yaml("a: &x [*x]\n", "t.yaml")),
            "alias-cycle: t.yaml:1:8: a[0]: the alias *x refers to a node that contains it (&x "
            "at line 1), which would make the document infinitely deep\n"
            "  help: write the repeated part out instead of using an alias inside itself");
  // The anchor is named where "&t" is written.
  EXPECT_EQ(error_of(load_yaml("top: &t\n  child:\n    loop: *t\n", "t.yaml")),
            "alias-cycle: t.yaml:3:11: top.child.loop: the alias *t refers to a node that "
            "contains it (&t at line 1), which would make the document infinitely deep\n"
            "  help: write the repeated part out instead of using an alias inside itself");
}

std::string billion_laughs() {
  std::string text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  std::string prev = "a";
  for (char c = 'b'; c <= 'i'; ++c) {
    std::string name(1, c);
    text += name + ": &" + name + " [";
    for (int i = 0; i < 9; ++i)
      text += (i ? ", *" : "*") + prev;
    text += "]\n";
    prev = name;
  }
  return text;
}

TEST(YamlLoader, BillionLaughsStopsAtNodeLimit) {
  Limits limits;
  limits.max_nodes = 1000;
  // a, b and c hold 10 + 91 + 820 nodes; the first *c in d would pass 1000.
  EXPECT_EQ(error_of(load_yaml(billion_laughs(), "t.yaml", limits)),
            "too-large: t.yaml:4:8: aliases expand the document beyond the limit of 1000 nodes "
            "or 67108864 bytes (at alias *c)\n"
            "  help: write the document without nested aliases");
  // With the default limits too: 9^9 strings are never built.
  auto r = load_yaml(billion_laughs(), "t.yaml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "too-large");
}

TEST(YamlLoader, AliasesOfLongStringsStopAtByteLimit) {
  Limits limits;
  limits.max_bytes = 1000;
  std::string text = "a: &a " + std::string(300, 'x') + "\nb: [*a, *a, *a]\n";
  EXPECT_EQ(error_of(load_yaml(text, "t.yaml", limits)),
            "too-large: t.yaml:2:13: aliases expand the document beyond the limit of 4000000 "
            "nodes or 1000 bytes (at alias *a)\n"
            "  help: write the document without nested aliases");
}

TEST(YamlLoader, NodeLimitWithoutAliases) {
  Limits limits;
  limits.max_nodes = 5;
  EXPECT_TRUE(load_yaml("[1, 2, 3, 4]", "t.yaml", limits));
  EXPECT_EQ(error_of(load_yaml("[1, 2, 3, 4, 5]", "t.yaml", limits)),
            "too-large: t.yaml:1:14: the document has more than 5 nodes\n"
            "  help: check that this is the right file; pinset refuses larger documents");
}

TEST(YamlLoader, DepthLimitIsExact) {
  Limits limits;
  limits.max_depth = 3;
  EXPECT_TRUE(load_yaml("[[[1]]]", "t.yaml", limits));
  EXPECT_TRUE(load_yaml("a:\n  b:\n    c: 1\n", "t.yaml", limits));
  const char* deep_message =
      "lists and mappings nest more than 3 levels deep\n"
      "  help: pinset documents are never this deep; check that this is the right file";
  EXPECT_EQ(error_of(load_yaml("[[[[1]]]]", "t.yaml", limits)),
            std::string("too-deep: t.yaml:1:4: ") + deep_message);
  EXPECT_EQ(error_of(load_yaml("a:\n  b:\n    c:\n      d: 1\n", "t.yaml", limits)),
            std::string("too-deep: t.yaml:4:7: ") + deep_message);
  // An alias cannot smuggle in more depth than its anchor had where it was written.
  EXPECT_EQ(error_of(load_yaml("a: &x [[1]]\nb: [*x]\n", "t.yaml", limits)),
            std::string("too-deep: t.yaml:2:5: ") + deep_message);
}

TEST(YamlLoader, HundredThousandDeepFlowSequences) {
  const char* deep_message =
      "lists and mappings nest more than 64 levels deep\n"
      "  help: pinset documents are never this deep; check that this is the right file";
  std::string open(100000, '[');
  EXPECT_EQ(error_of(load_yaml(open + std::string(100000, ']'), "t.yaml")),
            std::string("too-deep: t.yaml:1:65: ") + deep_message);
  // Unclosed, the same: the depth is checked as each list or mapping opens.
  EXPECT_EQ(error_of(load_yaml(open, "t.yaml")),
            std::string("too-deep: t.yaml:1:65: ") + deep_message);
  EXPECT_EQ(error_of(load_yaml(std::string(100000, '{'), "t.yaml")),
            std::string("too-deep: t.yaml:1:65: ") + deep_message);
}

TEST(YamlLoader, DepthLimitIsCapped) {
  Limits limits;
  limits.max_depth = 1'000'000;  // more than the stack allows: capped at k_max_supported_depth
  std::string text;
  for (int i = 0; i < 100000; ++i)
    text += "- ";
  // Block style: the check is capped at 256 levels.
  EXPECT_EQ(error_of(load_yaml(text, "t.yaml", limits)),
            "too-deep: t.yaml:1:513: lists and mappings nest more than 256 levels deep\n"
            "  help: pinset documents are never this deep; check that this is the right file");
  // Flow style too, with the place.
  EXPECT_EQ(
      error_of(load_yaml(std::string(100000, '[') + std::string(100000, ']'), "t.yaml", limits)),
      "too-deep: t.yaml:1:257: lists and mappings nest more than 256 levels deep\n"
      "  help: pinset documents are never this deep; check that this is the right file");
}

TEST(YamlLoader, HundredThousandDeepBlockSequences) {
  std::string text;
  for (int i = 0; i < 100000; ++i)
    text += "- ";
  text += "x\n";
  EXPECT_EQ(error_of(load_yaml(text, "t.yaml")),
            "too-deep: t.yaml:1:129: lists and mappings nest more than 64 levels deep\n"
            "  help: pinset documents are never this deep; check that this is the right file");
}

TEST(YamlLoader, OversizeTextIsRefusedBeforeParsing) {
  Limits limits;
  limits.max_bytes = 10;
  EXPECT_TRUE(load_yaml("a: 1234567", "t.yaml", limits));
  // Not even valid YAML: the size is checked first.
  EXPECT_EQ(error_of(load_yaml("a: [12345678", "t.yaml", limits)),
            "too-large: t.yaml: the document is 12 bytes, more than the limit of 10 bytes\n"
            "  help: check that this is the right file; pinset refuses larger documents");
}

TEST(YamlLoader, MoreThanOneDocument) {
  EXPECT_EQ(error_of(load_yaml("a: 1\n---\nb: 2\n", "t.yaml")),
            "parse: t.yaml:2:1: the file holds more than one YAML document; pinset reads one\n"
            "  help: remove the second document (from its \"---\" line on), or merge the two");
}

TEST(YamlLoader, KeysMustBeText) {
  EXPECT_EQ(error_of(load_yaml("? [a]\n: 1\n", "t.yaml")),
            "parse: t.yaml:1:3: a mapping key must be text, found a list\n"
            "  help: use a name as the key");
  EXPECT_EQ(error_of(load_yaml("x:\n  {a: 1}: 2\n", "t.yaml")),
            "parse: t.yaml:2:3: x: a mapping key must be text, found a mapping\n"
            "  help: use a name as the key");
  EXPECT_EQ(error_of(load_yaml("a: &n [1]\n*n : 2\n", "t.yaml")),
            "parse: t.yaml:2:1: a mapping key must be text, found a list\n"
            "  help: use a name as the key");
}

TEST(YamlLoader, SyntaxErrorsCarryPosition) {
  EXPECT_EQ(error_of(load_yaml("a: b: c\n", "t.yaml")),
            "parse: t.yaml:1:5: invalid YAML: mapping values are not allowed in this context"
            "\n"
            "  help: fix the YAML syntax here (a value that holds \": \" or starts with a special "
            "character needs quotes)");
  EXPECT_EQ(error_of(load_yaml("a: 1\nb: *nowhere\n", "t.yaml")),
            "parse: t.yaml:2:4: b: the alias *nowhere refers to no anchor written before it\n"
            "  help: write the anchor (&nowhere) on the node to repeat, above this alias");
  EXPECT_EQ(error_of(load_yaml("a: \"\\q\"\n", "t.yaml")),
            "parse: t.yaml:1:5: invalid YAML: found unknown escape character (while parsing a "
            "quoted scalar at line 1, column 4)"
            "\n"
            "  help: fix the YAML syntax here (a value that holds \": \" or starts with a special "
            "character needs quotes)");
  // Columns count bytes, also after multi-byte characters.
  EXPECT_EQ(error_of(load_yaml("a: \"\xC3\xA9\xC3\xA9\\q\"\n", "t.yaml")),
            "parse: t.yaml:1:9: invalid YAML: found unknown escape character (while parsing a "
            "quoted scalar at line 1, column 4)"
            "\n"
            "  help: fix the YAML syntax here (a value that holds \": \" or starts with a special "
            "character needs quotes)");
}

TEST(YamlLoader, EncodingErrorsCarryPosition) {
  EXPECT_EQ(error_of(load_yaml("a: 1\nb: \xC3\x28\n", "t.yaml")),
            "parse: t.yaml:2:4: the text is not valid UTF-8 (byte 0xc3)\n"
            "  help: save the file as UTF-8");
  EXPECT_EQ(error_of(load_yaml("a: \xED\xA0\x80\n", "t.yaml")),  // a UTF-16 surrogate
            "parse: t.yaml:1:4: the text is not valid UTF-8 (byte 0xed)\n"
            "  help: save the file as UTF-8");
  EXPECT_EQ(error_of(load_yaml("a: x\x1b[31m\n", "t.yaml")),
            "parse: t.yaml:1:5: the control character U+001B is not allowed in YAML\n"
            "  help: remove it, or write it as an escape such as \"\\t\" inside a double-quoted "
            "string");
  EXPECT_TRUE(load_yaml("a: \"caf\xC3\xA9\tb\"\r\nb: x\r\n", "t.yaml"));  // tab, CR
  // NEL, LS and PS: line breaks to YAML 1.1 readers, text to YAML 1.2 ones.
  const char* disputed =
      " is not allowed in YAML: some readers take it for a line break, others for text\n"
      "  help: remove it, or write it as the escape \"\\N\", \"\\L\" or \"\\P\" inside a "
      "double-quoted string";
  EXPECT_EQ(error_of(load_yaml("a: 1\nb: x\xC2\x85y\n", "t.yaml")),
            std::string("parse: t.yaml:2:5: the character U+0085") + disputed);
  EXPECT_EQ(error_of(load_yaml("a: \"x\xE2\x80\xA8\"\n", "t.yaml")),
            std::string("parse: t.yaml:1:6: the character U+2028") + disputed);
  Node escaped = load_ok("a: \"x\\Ny\"\n");
  EXPECT_EQ(escaped.find("a")->scalar, "x\xC2\x85y");
}

TEST(YamlLoader, LoadDispatchesOnFormat) {
  EXPECT_TRUE(load("a: 1", "t.yaml", Format::yaml));
  EXPECT_EQ(error_of(load("a: 1", "t.json", Format::json)),
            "parse: t.json:1:1: invalid JSON: syntax error while parsing value - invalid "
            "literal; last read: 'a'");
}

}  // namespace
}  // namespace pinset::doc
