#include <gtest/gtest.h>

#include <string>

#include "core/util/error.hpp"

namespace pinset {
namespace {

Result<int> parse_positive(int v) {
  if (v <= 0) {
    return fail("not-positive", "the value " + std::to_string(v) + " is not positive");
  }
  return v;
}

Status check_both(int a, int b) {
  TRY(parse_positive(a));
  TRY(parse_positive(b));
  return {};
}

Result<int> sum(int a, int b) {
  int x = 0;
  int y = 0;
  TRY_ASSIGN(x, parse_positive(a));
  TRY_ASSIGN(y, parse_positive(b));
  return x + y;
}

TEST(TryMacros, PassesValuesThrough) {
  EXPECT_TRUE(check_both(1, 2).has_value());
  ASSERT_TRUE(sum(2, 3).has_value());
  EXPECT_EQ(*sum(2, 3), 5);
}

TEST(TryMacros, ReturnsTheFirstErrorUnchanged) {
  auto status = check_both(1, -4);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, "not-positive");
  EXPECT_EQ(status.error().message, "the value -4 is not positive");

  auto total = sum(-1, -2);
  ASSERT_FALSE(total.has_value());
  EXPECT_EQ(total.error().message, "the value -1 is not positive");
}

}  // namespace
}  // namespace pinset
