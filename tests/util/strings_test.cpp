#include "core/util/strings.hpp"

#include <gtest/gtest.h>

namespace pinset {
namespace {

TEST(Strings, TrimSplitJoin) {
  EXPECT_EQ(trim("  a b \t\n"), "a b");
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string_view>{"a", "", "b"}));
  EXPECT_EQ(join({"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_TRUE(starts_with("pinset", "pin"));
  EXPECT_FALSE(starts_with("pin", "pinset"));
}

TEST(Strings, EditDistanceCountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("dependecies", "dependencies"), 1u);  // insertion
  EXPECT_EQ(edit_distance("netlib", "netlob"), 1u);             // substitution
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("flaw", "lawn"), 2u);
}

std::vector<std::string_view> all_lines(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::string_view line : lines_of(text))
    out.push_back(line);
  return out;
}

TEST(Strings, LinesOfSplitsAtNewlines) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(all_lines(""), V{});
  EXPECT_EQ(all_lines("\n"), V{""});
  EXPECT_EQ(all_lines("a"), V{"a"});
  EXPECT_EQ(all_lines("a\n"), V{"a"});
  EXPECT_EQ(all_lines("a\n\nb"), (V{"a", "", "b"}));
  EXPECT_EQ(all_lines("a\r\nb\n\n"), (V{"a\r", "b", ""}));
}

}  // namespace
}  // namespace pinset
