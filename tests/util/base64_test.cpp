#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/util/base64.hpp"

namespace pinset {
namespace {

TEST(Base64, Rfc4648Vectors) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : cases) {
    EXPECT_EQ(base64_encode(plain), encoded) << plain;
    std::string back;
    ASSERT_TRUE(base64_decode(encoded, back)) << encoded;
    EXPECT_EQ(back, plain);
  }
}

TEST(Base64, RoundTripsBinary) {
  for (const std::string& s :
       std::vector<std::string>{"a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    std::string back;
    ASSERT_TRUE(base64_decode(base64_encode(s), back)) << s;
    EXPECT_EQ(back, s);
  }
}

TEST(Base64, IsStrictAndCanonical) {
  std::string out;
  EXPECT_FALSE(base64_decode("YQ", out));        // no padding
  EXPECT_FALSE(base64_decode("YR==", out));      // stray bits under two '='
  EXPECT_FALSE(base64_decode("Zm9=", out));      // stray bits under one '='
  EXPECT_FALSE(base64_decode("Y=Q=", out));      // padding inside
  EXPECT_FALSE(base64_decode("YQ==YQ==", out));  // padding before the end
  EXPECT_FALSE(base64_decode("YWJj\n", out));    // whitespace
  EXPECT_FALSE(base64_decode("YW-j", out));      // base64url alphabet
  EXPECT_FALSE(base64_decode(std::string("YW\0j", 4), out));
  EXPECT_TRUE(base64_decode("Zm8=", out));
  EXPECT_EQ(out, "fo");
}

}  // namespace
}  // namespace pinset
