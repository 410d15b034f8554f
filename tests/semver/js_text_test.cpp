#include "core/semver/js_text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pinset::semver::js {
namespace {

TEST(JsText, RecognisesExactlyJavaScriptWhitespace) {
  // WhiteSpace and LineTerminator of ECMAScript: what \s and String.prototype.trim match.
  const std::vector<std::string> spaces = {
      "\t",     "\n",     "\v",     "\f",     "\r",     " ",      "\u00A0", "\u1680", "\u2000",
      "\u2005", "\u200A", "\u2028", "\u2029", "\u202F", "\u205F", "\u3000", "\uFEFF"};
  for (const auto& s : spaces) {
    EXPECT_EQ(space_at(s, 0), s.size()) << s;
    EXPECT_EQ(space_at("x" + s, 1), s.size());
  }
  const std::vector<std::string> not_spaces = {"x",
                                               "\x01",
                                               "\x1c",
                                               "\x7f",
                                               "\u0085",
                                               "\u180E",
                                               "\u200B",
                                               "\u2060",
                                               "\u00E9",
                                               "\xC2",
                                               "\xE3\x80",
                                               "\xFF",
                                               std::string(1, '\0')};
  for (const auto& s : not_spaces)
    EXPECT_EQ(space_at(s, 0), 0u) << s;
  EXPECT_EQ(space_at("", 0), 0u);
  EXPECT_EQ(skip_space(" \t\u3000x ", 0), 5u);
}

TEST(JsText, TrimsAndSplitsLikeJavaScript) {
  EXPECT_EQ(trim("  a b \u3000"), "a b");
  EXPECT_EQ(trim("\uFEFF\u2028"), "");
  EXPECT_EQ(trim("a\u180E"), "a\u180E");
  EXPECT_EQ(trim(""), "");
  using V = std::vector<std::string_view>;
  EXPECT_EQ(split_space(""), (V{""}));
  EXPECT_EQ(split_space("a"), (V{"a"}));
  EXPECT_EQ(split_space("a  b\t\u00A0c"), (V{"a", "b", "c"}));
  EXPECT_EQ(split_space(" a "), (V{"", "a", ""}));
  EXPECT_EQ(split_space(" "), (V{"", ""}));
  // node-semver's Range constructor: range.trim().replace(/\s+/g, ' ')
  EXPECT_EQ(collapse_space("\u3000 a \t\u00A0b\u2028"), "a b");
  EXPECT_EQ(collapse_space("a||  b"), "a|| b");
  EXPECT_EQ(collapse_space(" \n "), "");
  EXPECT_EQ(collapse_space("a\u180Eb"), "a\u180Eb");  // not whitespace to JavaScript
}

TEST(JsText, CountsUtf16Units) {
  EXPECT_EQ(utf16_length(""), 0u);
  EXPECT_EQ(utf16_length("abc"), 3u);
  EXPECT_EQ(utf16_length("\u00E9\u20AC"), 2u);      // 2 and 3 bytes, one unit each
  EXPECT_EQ(utf16_length("\xF0\x9F\x98\x80"), 2u);  // U+1F600: a surrogate pair
  EXPECT_EQ(utf16_length("\xFF\xC3"), 2u);          // invalid bytes count one each
  EXPECT_EQ(utf16_length("\xED\xA0\x80"), 3u);      // an encoded surrogate is invalid UTF-8
  EXPECT_EQ(char_length("\xF0\x9F\x98\x80", 0), 4u);
  EXPECT_EQ(char_length("\xF0\x9F", 0), 1u);  // truncated sequence
}

}  // namespace
}  // namespace pinset::semver::js
