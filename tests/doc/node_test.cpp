#include <string>

#include <gtest/gtest.h>

#include "tests/support/error_text.hpp"

#include "core/doc/loader.hpp"
#include "core/doc/node.hpp"

namespace pinset::doc {
namespace {

using test::error_of;
std::string rendered(const Error& e) {
  return test::error_text(e);
}

Node yaml(std::string_view text) {
  auto r = load_yaml(text, "set.yaml");
  EXPECT_TRUE(r) << error_of(r);
  return r ? *r : Node{};
}

TEST(Node, TypeNames) {
  Node doc = yaml("[x, \"12\", 12, -1.5e3, 0x1F, .inf, true, False, ~, [], {}, 1.2.3]");
  std::vector<std::string> names;
  for (const Node& n : doc.items)
    names.push_back(n.type_name());
  EXPECT_EQ(names, (std::vector<std::string>{"a string", "a string", "a number", "a number",
                                             "a number", "a number", "a boolean", "a boolean",
                                             "null", "a list", "a mapping", "a string"}));
}

TEST(Node, NumberAndBooleanText) {
  for (const char* t :
       {"0", "12", "-3", "+4", "1.", ".5", "1.5e-3", "2E10", "0o17", "0x1f", "-.inf", ".NaN"}) {
    EXPECT_TRUE(is_number_text(t)) << t;
  }
  for (const char* t : {"", "-", ".", "1.2.3", "1e", "e5", "0x", "0o8", "12a", "inf", "1_000"}) {
    EXPECT_FALSE(is_number_text(t)) << t;
  }
  EXPECT_TRUE(is_bool_text("TRUE"));
  EXPECT_FALSE(is_bool_text("yes"));  // YAML 1.1 only
}

TEST(Node, FieldPaths) {
  EXPECT_EQ(join_field("", "packages"), "packages");
  EXPECT_EQ(join_field("packages", "net-lib_2.x"), "packages.net-lib_2.x");
  EXPECT_EQ(join_field("packages", "a b"), "packages[\"a b\"]");
  EXPECT_EQ(join_field("", "\x1b[31m"), "[\"\\x1b[31m\"]");
  EXPECT_EQ(index_field("packages.a", 3), "packages.a[3]");
}

TEST(Reader, StringAcceptsQuotedAndPlainText) {
  Reader r("set.yaml");
  Node doc = yaml("a: hello\nb: \"42\"\nc: 1.2.3\nd: 42\ne: true\n");
  EXPECT_EQ(*r.string(*doc.find("a"), "a"), "hello");
  EXPECT_EQ(*r.string(*doc.find("b"), "b", false), "42");
  EXPECT_EQ(*r.string(*doc.find("c"), "c", false), "1.2.3");
  EXPECT_EQ(*r.string(*doc.find("d"), "d"), "42");  // plain text accepted by default
  EXPECT_EQ(error_of(r.string(*doc.find("d"), "d", false)),
            "wrong-type: set.yaml:4:4: d: expected a string, found a number 42\n"
            "  help: put it in quotes to write it as a string: \"42\"");
  EXPECT_EQ(error_of(r.string(*doc.find("e"), "e", false)),
            "wrong-type: set.yaml:5:4: e: expected a string, found a boolean true\n"
            "  help: put it in quotes to write it as a string: \"true\"");
}

TEST(Reader, StringRefusesOtherTypesAndEmptyText) {
  Reader r("set.yaml");
  Node doc = yaml("a: [1]\nb:\nc: \"\"\nd: {x: 1}\n");
  EXPECT_EQ(error_of(r.string(*doc.find("a"), "a")),
            "wrong-type: set.yaml:1:4: a: expected a string, found a list");
  EXPECT_EQ(error_of(r.string(*doc.find("b"), "b")),
            "wrong-type: set.yaml:2:1: b: expected a string, found null");
  EXPECT_EQ(error_of(r.string(*doc.find("c"), "c")),
            "wrong-type: set.yaml:3:4: c: expected a non-empty string, found a string \"\"");
  EXPECT_EQ(error_of(r.string(*doc.find("d"), "d")),
            "wrong-type: set.yaml:4:4: d: expected a string, found a mapping");
}

TEST(Reader, UnsignedInteger) {
  Reader r("set.yaml");
  Node doc = yaml(
      "packages:\n"
      "  a:\n"
      "    - size: 18446744073709551615\n"
      "      a: \"12\"\n"
      "      b: -1\n"
      "      c: 1.5\n"
      "      d: 18446744073709551616\n"
      "      e: 0x10\n");
  const Node& entry = doc.find("packages")->find("a")->items[0];
  EXPECT_EQ(*r.unsigned_integer(*entry.find("size"), "packages.a[0].size"),
            18446744073709551615ull);
  EXPECT_EQ(error_of(r.unsigned_integer(*entry.find("a"), "packages.a[0].size")),
            "wrong-type: set.yaml:4:10: packages.a[0].size: expected an unsigned integer, found "
            "a string \"12\"");
  EXPECT_EQ(error_of(r.unsigned_integer(*entry.find("b"), "b")),
            "wrong-type: set.yaml:5:10: b: expected an unsigned integer, found a number -1");
  EXPECT_EQ(error_of(r.unsigned_integer(*entry.find("c"), "c")),
            "wrong-type: set.yaml:6:10: c: expected an unsigned integer, found a number 1.5");
  EXPECT_EQ(error_of(r.unsigned_integer(*entry.find("d"), "d")),
            "wrong-type: set.yaml:7:10: d: expected an unsigned integer no larger than "
            "18446744073709551615, found a number 18446744073709551616");
  EXPECT_EQ(error_of(r.unsigned_integer(*entry.find("e"), "e")),
            "wrong-type: set.yaml:8:10: e: expected an unsigned integer, found a number 0x10");
}

TEST(Reader, Boolean) {
  Reader r("t.json");
  auto doc = load_json("{\"a\": true, \"b\": false, \"c\": \"true\", \"d\": 1}", "t.json");
  ASSERT_TRUE(doc);
  EXPECT_TRUE(*r.boolean(*doc->find("a"), "a"));
  EXPECT_FALSE(*r.boolean(*doc->find("b"), "b"));
  EXPECT_EQ(error_of(r.boolean(*doc->find("c"), "c")),
            "wrong-type: t.json:1:30: c: expected true or false, found a string \"true\"");
  EXPECT_EQ(error_of(r.boolean(*doc->find("d"), "d")),
            "wrong-type: t.json:1:43: d: expected true or false, found a number 1");
}

TEST(Reader, HostileTextIsQuotedInMessages) {
  Reader r("set.yaml");
  Node doc = yaml("a: \"\\e[2J" + std::string(100, 'x') + "\"\n");
  EXPECT_EQ(error_of(r.unsigned_integer(*doc.find("a"), "a")),
            "wrong-type: set.yaml:1:4: a: expected an unsigned integer, found a string "
            "\"\\x1b[2J" +
                std::string(76, 'x') + "...\"");
}

TEST(Reader, UnknownFieldsAreEachReported) {
  Reader r("pinset.yaml");
  Node doc = yaml(
      "name: app\n"
      "dependecies: {}\n"
      "package-set:\n"
      "  url: x\n"
      "  digset: sha256:00\n"
      "colour: red\n");
  ErrorList errors;
  r.check_known_fields(doc, "", {"name", "package-set", "dependencies"}, errors);
  r.check_known_fields(*doc.find("package-set"), "package-set", {"url", "digest"}, errors);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(rendered(errors.errors()[0]),
            "unknown-field: pinset.yaml:2:1: dependecies: unknown field \"dependecies\"; the "
            "known fields are: name, package-set, dependencies\n"
            "  help: did you mean \"dependencies\"?");
  EXPECT_EQ(rendered(errors.errors()[1]),
            "unknown-field: pinset.yaml:6:1: colour: unknown field \"colour\"; the known fields "
            "are: name, package-set, dependencies\n"
            "  help: remove it, or fix its name");
  EXPECT_EQ(rendered(errors.errors()[2]),
            "unknown-field: pinset.yaml:5:3: package-set.digset: unknown field \"digset\"; the "
            "known fields are: url, digest\n"
            "  help: did you mean \"digest\"?");
}

TEST(Reader, MissingField) {
  Reader r("pinset.yaml");
  Node doc = yaml("name: app\n");
  EXPECT_EQ(rendered(r.missing_field(doc, "", "package-set", "add it")),
            "missing-field: pinset.yaml:1:1: package-set: missing required field "
            "\"package-set\"\n"
            "  help: add it");
}

TEST(Loader, FormatFor) {
  EXPECT_EQ(format_for("pinset.json"), Format::json);
  EXPECT_EQ(format_for("sets/MAIN.JSON"), Format::json);
  EXPECT_EQ(format_for("https://example.org/set.json?token=abc#x"), Format::json);
  EXPECT_EQ(format_for("pinset.yaml"), Format::yaml);
  EXPECT_EQ(format_for("set.yml"), Format::yaml);
  EXPECT_EQ(format_for("json"), Format::yaml);
  EXPECT_EQ(format_for(""), Format::yaml);
}

TEST(Loader, MarkAt) {
  std::string_view text = "ab\ncd\n\nxyz";
  EXPECT_EQ(mark_at(text, 0).line, 1);
  EXPECT_EQ(mark_at(text, 0).column, 1);
  EXPECT_EQ(mark_at(text, 2).column, 3);  // the newline itself ends line 1
  EXPECT_EQ(mark_at(text, 3).line, 2);
  EXPECT_EQ(mark_at(text, 3).column, 1);
  EXPECT_EQ(mark_at(text, 6).line, 3);
  EXPECT_EQ(mark_at(text, 9).line, 4);
  EXPECT_EQ(mark_at(text, 9).column, 3);
  EXPECT_EQ(mark_at(text, 1000).line, 4);  // past the end: the end
  EXPECT_EQ(mark_at(text, 1000).column, 4);
  EXPECT_EQ(mark_at("caf\xC3\xA9!", 5).column, 6);  // columns count bytes
}

}  // namespace
}  // namespace pinset::doc
