#include "core/crypto/checksum.hpp"

#include <gtest/gtest.h>

#include "core/crypto/digest.hpp"

namespace pinset::crypto {
namespace {

constexpr const char* k_empty_sha256 =
    "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

TEST(Checksum, ParsesHexAndRoundTrips) {
  auto c = Checksum::parse(k_empty_sha256);
  ASSERT_TRUE(c) << c.error().render();
  EXPECT_EQ(c->str(), k_empty_sha256);
  EXPECT_EQ(c->algo(), DigestAlgo::sha256);
  EXPECT_EQ(c->short_str(), "sha256:e3b0c442");
}

TEST(Checksum, SriFormEqualsHexForm) {
  auto hex = Checksum::parse(k_empty_sha256);
  auto sri = Checksum::parse("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  ASSERT_TRUE(hex && sri);
  EXPECT_EQ(*hex, *sri);
  EXPECT_EQ(hex->sri(), "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

TEST(Checksum, Sha512) {
  auto d = digest(DigestAlgo::sha512, "abc");
  EXPECT_EQ(d.str(),
            "sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1"
            "a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  auto back = Checksum::parse(d.str());
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, d);
  auto sri = Checksum::parse(d.sri());
  ASSERT_TRUE(sri);
  EXPECT_EQ(*sri, d);
}

TEST(Checksum, StreamingEqualsOneShot) {
  Hasher h(DigestAlgo::sha256);
  h.update("a");
  h.update("bc");
  EXPECT_EQ(h.finish(), sha256("abc"));
  EXPECT_EQ(sha256("").str(), k_empty_sha256);
}

struct BadCase {
  const char* input;
  const char* message;
};

TEST(Checksum, RejectsBadInputWithReason) {
  const BadCase cases[] = {
      {"e3b0c442", "invalid checksum \"e3b0c442\": no algorithm prefix"},
      {"md5:d41d8cd98f00b204e9800998ecf8427e",
       "invalid checksum \"md5:d41d8cd98f00b204e9800998ecf8427e\": unknown algorithm \"md5\" "
       "(supported: sha256, sha512)"},
      {"sha256:abc", "invalid checksum \"sha256:abc\": sha256 takes 64 hex digits, found 3"},
      {"sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
       "invalid checksum "
       "\"sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855\""
       ": hex digits must be lowercase"},
      {"sha256:z3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       "invalid checksum "
       "\"sha256:z3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\""
       ": not a hex digit: \"z\""},
      {"sha256-AAAA",
       "invalid checksum \"sha256-AAAA\": sha256 digests are 32 bytes, this decodes to 3"},
      {"sha512-!!!!",
       "invalid checksum \"sha512-!!!!\": the SRI form needs standard base64 with padding"},
      // Non-canonical: the bits under the padding are not zero (...FV= instead of ...FU=).
      {"sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=",
       "invalid checksum \"sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=\": the SRI form "
       "needs standard base64 with padding"},
  };
  for (const auto& c : cases) {
    auto r = Checksum::parse(c.input);
    ASSERT_FALSE(r) << c.input;
    EXPECT_EQ(r.error().code, "invalid-checksum");
    EXPECT_EQ(r.error().message, c.message);
    EXPECT_FALSE(r.error().hint.empty());
  }
}

}  // namespace
}  // namespace pinset::crypto
