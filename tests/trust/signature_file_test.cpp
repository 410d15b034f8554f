#include <gtest/gtest.h>

#include "core/trust/signing.hpp"
#include "tests/support/error_text.hpp"

namespace pinset::trust {
namespace {

using test::error_of;

const std::string k_key_b64 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
const std::string k_key = "ed25519:" + k_key_b64;
const std::string k_id = "66687aadf862bd77";
const std::string k_sig_b64 = base64_encode(std::string(64, 'x'));

TEST(SignatureFile, ParsesLinesWithTheirNumbers) {
  std::string text = "pinset-signatures 1\n\n# alice\ned25519 " + k_id + " " + k_key_b64 + " " +
                     k_sig_b64 + "\r\n";
  auto sigs = parse_signature_file(text, "set.yaml.sig");
  ASSERT_TRUE(sigs) << sigs.error().render();
  ASSERT_EQ(sigs->size(), 1u);
  EXPECT_EQ((*sigs)[0].public_key, k_key);
  EXPECT_EQ((*sigs)[0].signature_b64, k_sig_b64);
  EXPECT_EQ((*sigs)[0].line, 4);
}

TEST(SignatureFile, HeaderOnlyIsNoSignature) {
  auto sigs = parse_signature_file("pinset-signatures 1\n", "s.sig");
  ASSERT_TRUE(sigs);
  EXPECT_TRUE(sigs->empty());
}

TEST(SignatureFile, MissingHeaderIsRefused) {
  EXPECT_EQ(error_of(parse_signature_file("ed25519 x y z\n", "s.sig")),
            "invalid-signature-file: s.sig:1:1: the first line must be \"pinset-signatures 1\", "
            "found \"ed25519 x y z\"\n"
            "  help: each line after the header \"pinset-signatures 1\" is \"ed25519 <key-id> "
            "<base64 public key> <base64 signature>\"; re-create the file with `pinset set sign`");
}

TEST(SignatureFile, EveryBadLineIsReportedInOnePass) {
  std::string text =
      "pinset-signatures 1\n"
      "ed25519 " +
      k_id + " " + k_key_b64 +
      "\n"
      "rsa " +
      k_id + " " + k_key_b64 + " " + k_sig_b64 +
      "\n"
      "ed25519 0000000000000000 " +
      k_key_b64 + " " + k_sig_b64 +
      "\n"
      "ed25519 " +
      k_id + " AAAA " + k_sig_b64 +
      "\n"
      "ed25519 " +
      k_id + " " + k_key_b64 + " c2ln\n";
  const std::string help =
      "\n    help: each line after the header \"pinset-signatures 1\" is \"ed25519 <key-id> "
      "<base64 public key> <base64 signature>\"; re-create the file with `pinset set sign`";
  EXPECT_EQ(
      error_of(parse_signature_file(text, "s.sig")),
      "invalid-signature-file: s.sig is not a valid signature file (5 errors)\n"
      "  s.sig:2:1: expected 4 fields (algorithm, key id, public key, signature), found 3 in "
      "\"ed25519 66687aadf862bd77 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"" +
          help + "\n  s.sig:3:1: unknown signature algorithm \"rsa\"; only ed25519 is known" +
          help +
          "\n  s.sig:4:1: key id \"0000000000000000\" does not match the public key, whose id "
          "is \"66687aadf862bd77\"" +
          help +
          "\n  s.sig:5:1: invalid public key \"ed25519:AAAA\": an Ed25519 key has 32 bytes, "
          "found 3\n"
          "    help: write a public key as ed25519:<base64 of its 32 bytes>, as `pinset set "
          "keygen` writes it in KEY.pub"
          "\n  s.sig:6:1: invalid signature \"c2ln\": an Ed25519 signature is 64 bytes in "
          "standard base64 (88 characters)" +
          help);
}

TEST(SignatureFile, AppendStartsAFileAndReplacesTheSameKey) {
  Signature s{k_key, k_sig_b64, 0};
  std::string one = append_signature("", s);
  EXPECT_EQ(one, "pinset-signatures 1\ned25519 " + k_id + " " + k_key_b64 + " " + k_sig_b64 + "\n");
  Signature again{k_key, base64_encode(std::string(64, 'y')), 0};
  std::string other_line = "ed25519 abcdabcdabcdabcd BBBB= sig\n";
  std::string two = append_signature(one + other_line, again);
  EXPECT_EQ(two, "pinset-signatures 1\n" + other_line + "ed25519 " + k_id + " " + k_key_b64 + " " +
                     again.signature_b64 + "\n");
}

TEST(SignatureFile, AppendedFileParsesBack) {
  auto key = generate_key();
  ASSERT_TRUE(key);
  auto sig = sign("bytes", key->private_pem);
  ASSERT_TRUE(sig);
  auto parsed = parse_signature_file(append_signature("", *sig), "s.sig");
  ASSERT_TRUE(parsed) << parsed.error().render();
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_TRUE(verify("bytes", (*parsed)[0]));
}

}  // namespace
}  // namespace pinset::trust
