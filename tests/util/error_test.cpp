#include "core/util/error.hpp"

#include <gtest/gtest.h>

namespace pinset {
namespace {

TEST(Error, RendersLocationFieldPathCausesAndHint) {
  Error e("parse", "expected a string, found a list",
          Location{"set.yaml", 4, 7, "packages.a[0].url"}, "write the URL as a string");
  e.path = {"app", "a 1.0.0"};
  e.causes.push_back(Error("x", "second problem", Location{"set.yaml", 9, 0, ""}));
  EXPECT_EQ(e.render(),
            "set.yaml:4:7: packages.a[0].url: expected a string, found a list\n"
            "  required by: app -> a 1.0.0\n"
            "  set.yaml:9: second problem\n"
            "  help: write the URL as a string");
}

TEST(Error, QuoteEscapesControlsAndElides) {
  EXPECT_EQ(quote("a\"b\n"), "\"a\\\"b\\x0a\"");
  // Non-ASCII never passes raw: a Cyrillic look-alike shows as its code point; bad UTF-8 as bytes.
  EXPECT_EQ(quote("p\xD0\xB0"
                  "ckage"),
            "\"p\\u0430ckage\"");
  EXPECT_EQ(quote("\xF0\x9F\x98\x80"), "\"\\U0001F600\"");
  EXPECT_EQ(quote("a\xD0"), "\"a\\xd0\"");
  EXPECT_EQ(quote("\xC0\xAF"), "\"\\xc0\\xaf\"");           // overlong "/"
  EXPECT_EQ(quote("\xED\xA0\x80"), "\"\\xed\\xa0\\x80\"");  // a surrogate
  std::string longv(200, 'x');
  EXPECT_EQ(quote(longv), "\"" + std::string(80, 'x') + "...\"");
}

TEST(ErrorList, CombineKeepsSingleErrorAndSummarisesMany) {
  ErrorList one;
  one.add(Error("a", "only"));
  EXPECT_EQ(std::move(one).combine("parse", "bad file", {}).message, "only");
  ErrorList two;
  two.add(Error("a", "first"));
  two.add(Error("b", "second"));
  Error e =
      std::move(two).combine("invalid-set", "set.yaml is not a valid package set", {"set.yaml"});
  EXPECT_EQ(e.code, "invalid-set");
  EXPECT_EQ(e.message, "set.yaml is not a valid package set (2 errors)");
  ASSERT_EQ(e.causes.size(), 2u);
}

}  // namespace
}  // namespace pinset
