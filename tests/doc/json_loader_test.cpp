#include <string>

#include <gtest/gtest.h>

#include "tests/support/error_text.hpp"

#include "core/doc/loader.hpp"

namespace pinset::doc {
namespace {

using test::error_of;

Node load_ok(std::string_view text) {
  auto r = load_json(text, "t.json");
  EXPECT_TRUE(r) << error_of(r);
  return r ? *r : Node{};
}

TEST(JsonLoader, BuildsTreeWithPositionsAndStyles) {
  Node root = load_ok(
      "{\n"
      "  \"name\": \"app\",\n"
      "  \"size\": 12,\n"
      "  \"ratio\": -2.5e3,\n"
      "  \"ok\": true,\n"
      "  \"none\": null,\n"
      "  \"text\": \"12\",\n"
      "  \"list\": [1, \"a\\nb\", {}],\n"
      "  \"caf\\u00e9\": []\n"
      "}\n");
  ASSERT_TRUE(root.is_mapping());
  EXPECT_EQ(root.mark.line, 1);
  EXPECT_EQ(root.mark.column, 1);
  ASSERT_EQ(root.entries.size(), 8u);
  EXPECT_EQ(root.entries[0].first.first, "name");
  EXPECT_EQ(root.entries[0].first.second.line, 2);
  EXPECT_EQ(root.entries[0].first.second.column, 3);

  const Node* name = root.find("name");
  EXPECT_EQ(name->scalar, "app");
  EXPECT_EQ(name->style, Style::quoted);
  EXPECT_EQ(name->mark.line, 2);
  EXPECT_EQ(name->mark.column, 11);

  EXPECT_EQ(root.find("size")->scalar, "12");
  EXPECT_EQ(root.find("size")->style, Style::plain);
  EXPECT_EQ(root.find("ratio")->scalar, "-2.5e3");
  EXPECT_EQ(root.find("ok")->scalar, "true");
  EXPECT_EQ(root.find("ok")->style, Style::plain);
  EXPECT_TRUE(root.find("none")->is_null());
  EXPECT_EQ(root.find("text")->style, Style::quoted);

  const Node* list = root.find("list");
  ASSERT_TRUE(list->is_sequence());
  EXPECT_EQ(list->mark.line, 8);
  EXPECT_EQ(list->mark.column, 11);
  ASSERT_EQ(list->items.size(), 3u);
  EXPECT_EQ(list->items[1].scalar, "a\nb");
  EXPECT_EQ(list->items[1].mark.column, 15);
  EXPECT_TRUE(list->items[2].is_mapping());
  EXPECT_NE(root.find("caf\xC3\xA9"), nullptr);
}

TEST(JsonLoader, ScalarDocuments) {
  EXPECT_EQ(load_ok("42").scalar, "42");
  EXPECT_EQ(load_ok(" \"x\" \n").scalar, "x");
  EXPECT_EQ(load_ok(" \"x\" \n").mark.column, 2);
  EXPECT_TRUE(load_ok("null").is_null());
  EXPECT_EQ(load_ok("false").scalar, "false");
}

TEST(JsonLoader, ByteOrderMarkIsSkipped) {
  Node root = load_ok("\xEF\xBB\xBF{\"a\": 1}");
  EXPECT_EQ(root.find("a")->scalar, "1");
  EXPECT_EQ(root.find("a")->mark.column, 10);  // columns count bytes, the mark's included
  EXPECT_EQ(error_of(load_json("\xEF\xBB\xBF{\"a\": 1,}", "t.json")),
            "parse: t.json:1:12: invalid JSON: syntax error while parsing object key - "
            "unexpected '}'; expected string literal");
}

TEST(JsonLoader, DuplicateKeysNameBothLines) {
  EXPECT_EQ(error_of(load_json("{\n  \"a\": 1,\n  \"b\": 2,\n  \"a\": 3\n}", "t.json")),
            "duplicate-key: t.json:4:3: a: duplicate key \"a\" (first at line 2)\n"
            "  help: remove one of the two entries");
  // Escapes do not make a key different; the path names where it is.
  EXPECT_EQ(error_of(load_json("{\"p\": {\"x\": [{\"url\": 1,\n \"\\u0075rl\": 2}]}}", "t.json")),
            "duplicate-key: t.json:2:2: p.x[0].url: duplicate key \"url\" (first at line 1)\n"
            "  help: remove one of the two entries");
}

TEST(JsonLoader, DepthLimitIsExact) {
  Limits limits;
  limits.max_depth = 3;
  EXPECT_TRUE(load_json("[[[1]]]", "t.json", limits));
  EXPECT_EQ(error_of(load_json("{\"a\": [{\"b\": [1]}]}", "t.json", limits)),
            "too-deep: t.json:1:14: lists and mappings nest more than 3 levels deep\n"
            "  help: pinset documents are never this deep; check that this is the right file");
}

TEST(JsonLoader, HundredThousandDeepNesting) {
  const char* deep_message =
      "lists and mappings nest more than 64 levels deep\n"
      "  help: pinset documents are never this deep; check that this is the right file";
  EXPECT_EQ(error_of(load_json(std::string(100000, '['), "t.json")),
            std::string("too-deep: t.json:1:65: ") + deep_message);
  EXPECT_EQ(error_of(load_json(std::string(100000, '[') + std::string(100000, ']'), "t.json")),
            std::string("too-deep: t.json:1:65: ") + deep_message);
  std::string objects;
  for (int i = 0; i < 100000; ++i)
    objects += "{\"a\":";
  EXPECT_EQ(error_of(load_json(objects, "t.json")),
            std::string("too-deep: t.json:1:321: ") + deep_message);
}

TEST(JsonLoader, DepthLimitIsCapped) {
  Limits limits;
  limits.max_depth = 1'000'000;  // more than the stack allows: capped at k_max_supported_depth
  EXPECT_EQ(error_of(load_json(std::string(100000, '['), "t.json", limits)),
            "too-deep: t.json:1:257: lists and mappings nest more than 256 levels deep\n"
            "  help: pinset documents are never this deep; check that this is the right file");
}

TEST(JsonLoader, OversizeTextIsRefusedBeforeParsing) {
  Limits limits;
  limits.max_bytes = 8;
  EXPECT_TRUE(load_json("[1, 2]", "t.json", limits));
  EXPECT_EQ(error_of(load_json("[1, 2, 3, 4]", "t.json", limits)),
            "too-large: t.json: the document is 12 bytes, more than the limit of 8 bytes\n"
            "  help: check that this is the right file; pinset refuses larger documents");
}

TEST(JsonLoader, NodeLimit) {
  Limits limits;
  limits.max_nodes = 4;
  EXPECT_TRUE(load_json("{\"a\": [1]}", "t.json", limits));  // mapping, key, list, 1
  EXPECT_EQ(error_of(load_json("{\"a\": [1, 2]}", "t.json", limits)),
            "too-large: t.json:1:11: the document has more than 4 nodes\n"
            "  help: check that this is the right file; pinset refuses larger documents");
}

TEST(JsonLoader, InvalidUtf8IsRefusedWithPosition) {
  EXPECT_EQ(error_of(load_json("{\"a\":\n \"\xFF\"}", "t.json")),
            "parse: t.json:2:3: the text is not valid UTF-8 (byte 0xff)\n"
            "  help: save the file as UTF-8");
  EXPECT_EQ(error_of(load_json("[\"\xC0\xAF\"]", "t.json")),  // overlong "/"
            "parse: t.json:1:3: the text is not valid UTF-8 (byte 0xc0)\n"
            "  help: save the file as UTF-8");
  EXPECT_EQ(error_of(load_json("[\"\xF0\x9F\x98\"]", "t.json")),  // truncated sequence
            "parse: t.json:1:3: the text is not valid UTF-8 (byte 0xf0)\n"
            "  help: save the file as UTF-8");
}

TEST(JsonLoader, SyntaxErrorsHaveExactLineAndColumn) {
  EXPECT_EQ(error_of(load_json("{\n  \"a\": 1,\n}", "t.json")),
            "parse: t.json:3:1: invalid JSON: syntax error while parsing object key - "
            "unexpected '}'; expected string literal");
  EXPECT_EQ(error_of(load_json("{\n  \"a\" 1\n}", "t.json")),
            "parse: t.json:2:7: invalid JSON: syntax error while parsing object separator - "
            "unexpected number literal; expected ':'");
  EXPECT_EQ(error_of(load_json("[1, 2", "t.json")),
            "parse: t.json:1:6: invalid JSON: syntax error while parsing array - unexpected end "
            "of input; expected ']'");
  EXPECT_EQ(error_of(load_json("", "t.json")),
            "parse: t.json:1:1: invalid JSON: syntax error while parsing value - unexpected end "
            "of input; expected '[', '{', or a literal");
  EXPECT_EQ(error_of(load_json("[\"a\tb\"]", "t.json")),
            "parse: t.json:1:4: invalid JSON: syntax error while parsing value - invalid string: "
            "control character U+0009 (HT) must be escaped to \\u0009 or \\t; last read: "
            "'\"a<U+0009>'");
}

TEST(JsonLoader, NumbersAreValidated) {
  EXPECT_EQ(error_of(load_json("[01]", "t.json")),
            "parse: t.json:1:3: invalid JSON: syntax error while parsing array - unexpected "
            "number literal; expected ']'");
  EXPECT_EQ(error_of(load_json("{\"a\": 1.}", "t.json")),
            "parse: t.json:1:9: invalid JSON: syntax error while parsing value - invalid number; "
            "expected digit after '.'; last read: '1.}'");
  EXPECT_EQ(error_of(load_json("[-]", "t.json")),
            "parse: t.json:1:3: invalid JSON: syntax error while parsing value - invalid number; "
            "expected digit after '-'; last read: '-]'");
  EXPECT_EQ(load_ok("[0, -0.5, 1E+2, 18446744073709551616]").items[3].scalar,
            "18446744073709551616");
}

TEST(JsonLoader, TrailingContentIsAnError) {
  EXPECT_EQ(error_of(load_json("{\"a\": 1}\n}", "t.json")),
            "parse: t.json:2:1: invalid JSON: syntax error while parsing value - unexpected '}'; "
            "expected end of input");
  EXPECT_EQ(error_of(load_json("42 43", "t.json")),
            "parse: t.json:1:5: invalid JSON: syntax error while parsing value - unexpected "
            "number literal; expected end of input");
  EXPECT_EQ(error_of(load_json("[] x", "t.json")),
            "parse: t.json:1:4: invalid JSON: syntax error while parsing value - invalid "
            "literal; last read: '[] x'; expected end of input");
}

TEST(JsonLoader, LongTokensAreCutShortInMessages) {
  std::string text = "[\"" + std::string(5000, 'a');  // never closed
  auto r = load_json(text, "t.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.line, 1);
  EXPECT_EQ(r.error().where.column, 5003);
  std::string start =
      "invalid JSON: syntax error while parsing value - invalid string: missing closing quote; "
      "last read: '\"aaaa";
  EXPECT_EQ(r.error().message.substr(0, start.size()), start);
  EXPECT_LT(r.error().message.size(), 250u);
  EXPECT_EQ(r.error().message.substr(r.error().message.size() - 3), "...");
}

}  // namespace
}  // namespace pinset::doc
