#include "core/trust/signing.hpp"

#include <gtest/gtest.h>

#include "tests/support/error_text.hpp"

namespace pinset::trust {
namespace {

using test::error_of;

const std::string k_set = "format: 1\nname: acme\nserial: 3\npackages: {}\n";

TEST(TrustKeys, GeneratedKeySignsAndVerifies) {
  auto key = generate_key();
  ASSERT_TRUE(key) << key.error().render();
  EXPECT_EQ(key->private_pem.rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
  EXPECT_EQ(key->public_key.rfind("ed25519:", 0), 0u);
  EXPECT_EQ(key->public_key.size(), 8u + 44u);
  auto sig = sign(k_set, key->private_pem);
  ASSERT_TRUE(sig) << sig.error().render();
  EXPECT_EQ(sig->public_key, key->public_key);
  EXPECT_EQ(sig->signature_b64.size(), 88u);
  EXPECT_TRUE(verify(k_set, *sig));
  EXPECT_FALSE(verify(k_set + " ", *sig));
  std::string changed = k_set;
  changed[20] = '4';
  EXPECT_FALSE(verify(changed, *sig));
}

TEST(TrustKeys, TwoKeysDiffer) {
  auto a = generate_key();
  auto b = generate_key();
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->public_key, b->public_key);
  auto sig = sign(k_set, a->private_pem);
  ASSERT_TRUE(sig);
  Signature forged = *sig;
  forged.public_key = b->public_key;
  EXPECT_FALSE(verify(k_set, forged));
}

TEST(TrustKeys, KeyIdIsStableSixteenHexDigits) {
  // The key of 32 zero bytes: its id is the start of sha256 of 32 zero bytes.
  std::string zero = "ed25519:" + base64_encode(std::string(32, '\0'));
  EXPECT_EQ(zero, "ed25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  EXPECT_EQ(key_id(zero).value_or("error"), "66687aadf862bd77");
}

TEST(TrustKeys, BadPublicKeysAreNamed) {
  EXPECT_EQ(error_of(key_id("rsa:AAAA")),
            "invalid-key: invalid public key \"rsa:AAAA\": it must start with \"ed25519:\"\n"
            "  help: write a public key as ed25519:<base64 of its 32 bytes>, as `pinset set "
            "keygen` writes it in KEY.pub");
  EXPECT_EQ(error_of(key_id("ed25519:AA*A")),
            "invalid-key: invalid public key \"ed25519:AA*A\": the part after \"ed25519:\" is not "
            "standard base64 with padding\n"
            "  help: write a public key as ed25519:<base64 of its 32 bytes>, as `pinset set "
            "keygen` writes it in KEY.pub");
  EXPECT_EQ(
      error_of(key_id("ed25519:AAAA")),
      "invalid-key: invalid public key \"ed25519:AAAA\": an Ed25519 key has 32 bytes, found 3\n"
      "  help: write a public key as ed25519:<base64 of its 32 bytes>, as `pinset set "
      "keygen` writes it in KEY.pub");
}

TEST(TrustKeys, SignRefusesWhatIsNotAnEd25519PemKey) {
  EXPECT_EQ(error_of(sign(k_set, "not a key")),
            "invalid-key: the private key is not an Ed25519 private key in PEM form\n"
            "  help: use a key made by `pinset set keygen` (a file starting with \"-----BEGIN "
            "PRIVATE KEY-----\")");
}

}  // namespace
}  // namespace pinset::trust
