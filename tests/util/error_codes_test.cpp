#include "core/util/error_codes.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

namespace pinset {
namespace {

// The values are what --json prints and scripts match: kebab-case, unique, and each constant's
// name is its value with '-' written '_' (so a renamed constant shows in review as a new name).
TEST(ErrorCodes, EveryCodeIsKebabCaseUniqueAndNamedAfterItsValue) {
  const std::regex kebab("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  std::set<std::string> seen;
  std::string previous;
  for (const char* code : codes::k_all) {
    std::string value(code);
    EXPECT_TRUE(std::regex_match(value, kebab)) << value;
    EXPECT_TRUE(seen.insert(value).second) << "twice: " << value;
    EXPECT_LT(previous, value) << "k_all is sorted";
    previous = value;
  }
  EXPECT_GE(seen.size(), 100u);
  EXPECT_STREQ(codes::not_found, "not-found");
  EXPECT_STREQ(codes::http_status, "http-status");
  EXPECT_STREQ(codes::lock_stale, "lock-stale");
}

}  // namespace
}  // namespace pinset
