#include <gtest/gtest.h>

#include "core/trust/signing.hpp"
#include "tests/support/error_text.hpp"

namespace pinset::trust {
namespace {

using test::error_of;

const std::string k_set = "format: 1\nname: acme\nserial: 3\npackages: {}\n";

struct Signer {
  std::string name;
  KeyPair key;
  std::string id;
};

class SignatureCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"alice", "bob", "carol", "mallory"}) {
      auto key = generate_key();
      ASSERT_TRUE(key);
      signers.push_back(Signer{name, *key, key_id(key->public_key).value()});
    }
  }
  model::SetTrust trust(int threshold, int keys = 3) const {
    model::SetTrust t;
    t.threshold = threshold;
    for (int i = 0; i < keys; ++i)
      t.keys.push_back(model::TrustedKey{signers[i].name, signers[i].key.public_key, i + 1});
    return t;
  }
  Signature sig(int who, const std::string& bytes = k_set) const {
    return sign(bytes, signers[who].key.private_pem).value();
  }
  std::vector<Signer> signers;
};

TEST_F(SignatureCheckTest, TwoOfThreeIsEnough) {
  auto check = check_signatures(k_set, {sig(0), sig(2)}, trust(2));
  EXPECT_TRUE(check.ok());
  EXPECT_EQ(check.valid, (std::vector<std::string>{"alice", "carol"}));
  EXPECT_TRUE(check.invalid.empty());
  EXPECT_TRUE(check.unknown.empty());
  EXPECT_EQ(error_of(require(check, "s.yaml").map([] { return 0; })), "ok");
}

TEST_F(SignatureCheckTest, Unsigned) {
  auto check = check_signatures(k_set, {}, trust(2));
  EXPECT_FALSE(check.ok());
  EXPECT_EQ(error_of(require(check, "sets/acme.yaml").map([] { return 0; })),
            "set-unsigned: sets/acme.yaml: the package set sets/acme.yaml is not signed (no "
            "signature in sets/acme.yaml.sig), but the manifest requires 2 valid signatures from "
            "its trusted keys\n"
            "  help: ask the set's maintainers to sign this exact revision (`pinset set sign`), or "
            "check package-set.trust in the manifest");
}

TEST_F(SignatureCheckTest, BadSignature) {
  auto check = check_signatures(k_set, {sig(0), sig(1, k_set + "# changed\n")}, trust(2));
  EXPECT_EQ(check.valid, std::vector<std::string>{"alice"});
  EXPECT_EQ(check.invalid, std::vector<std::string>{"bob"});
  EXPECT_EQ(error_of(require(check, "s.yaml").map([] { return 0; })),
            "bad-signature: s.yaml: the package set s.yaml is refused: the manifest requires 2 "
            "valid signatures from its trusted keys, found 1 valid signature (alice); the "
            "signature of bob does not verify over the set's exact bytes\n"
            "  help: the set was changed after it was signed, or the signature is damaged: do not "
            "use it; ask its maintainers for a correctly signed revision");
}

TEST_F(SignatureCheckTest, UnknownKey) {
  auto check = check_signatures(k_set, {sig(3)}, trust(1));
  EXPECT_EQ(check.unknown, std::vector<std::string>{signers[3].id});
  EXPECT_EQ(error_of(require(check, "s.yaml").map([] { return 0; })),
            "unknown-signer: s.yaml: the package set s.yaml is refused: the manifest requires 1 "
            "valid signature from its trusted keys, found 0 valid signatures; signed by 1 key the "
            "manifest does not trust (key id " +
                signers[3].id +
                ")\n"
                "  help: if you trust that key, add it to package-set.trust.keys in the manifest; "
                "otherwise ask the set's maintainers to sign with a key you trust");
}

TEST_F(SignatureCheckTest, BelowThreshold) {
  auto check = check_signatures(k_set, {sig(1), sig(3)}, trust(2));
  EXPECT_EQ(
      error_of(require(check, "s.yaml").map([] { return 0; })),
      "too-few-signatures: s.yaml: the package set s.yaml is refused: the manifest requires "
      "2 valid signatures from its trusted keys, found 1 valid signature (bob); signed by 1 "
      "key the manifest does not trust (key id " +
          signers[3].id +
          ")\n"
          "  help: ask the set's maintainers to sign this exact revision (`pinset set sign`), or "
          "check package-set.trust in the manifest");
}

TEST_F(SignatureCheckTest, OneKeyCountsOnceEvenWhenListedOrSigningTwice) {
  model::SetTrust t = trust(2, 1);
  t.keys.push_back(t.keys[0]);  // the same key twice under another entry
  auto check = check_signatures(k_set, {sig(0), sig(0)}, t);
  EXPECT_EQ(check.valid, std::vector<std::string>{"alice"});
  EXPECT_FALSE(check.ok());
}

TEST_F(SignatureCheckTest, AnyGoodSignatureOfAKeyCounts) {
  auto check = check_signatures(k_set, {sig(0, "other"), sig(0)}, trust(1));
  EXPECT_EQ(check.valid, std::vector<std::string>{"alice"});
  EXPECT_TRUE(check.invalid.empty());
}

TEST_F(SignatureCheckTest, UnnamedKeysAreShownByTheirId) {
  model::SetTrust t = trust(1, 1);
  t.keys[0].name.clear();
  auto check = check_signatures(k_set, {sig(0)}, t);
  EXPECT_EQ(check.valid, std::vector<std::string>{signers[0].id});
}

}  // namespace
}  // namespace pinset::trust
