// End-to-end: pinset set keygen, set sign and set verify.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <algorithm>

#include "core/trust/signing.hpp"
#include "tests/support/process.hpp"

namespace pinset::test {
namespace {

const std::string k_set = "format: 1\nname: acme\nserial: 3\npackages: {}\n";

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == '\n')
    s.pop_back();
  return s;
}

class SetSignCli : public ::testing::Test {
 protected:
  void SetUp() override { dir.write("acme.yaml", k_set); }
  // Makes NAME.key and NAME.key.pub; returns the public key.
  std::string keygen(const std::string& name) {
    auto r = run_pinset({"set", "keygen", "-o", name + ".key"}, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return trimmed(dir.read(name + ".key.pub"));
  }
  TempDir dir;
};

TEST_F(SetSignCli, KeygenWritesAPrivateKeyOnlyTheOwnerCanRead) {
  auto r = run_pinset({"set", "keygen", "-o", "alice.key"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string pub = trimmed(dir.read("alice.key.pub"));
  ASSERT_EQ(pub.rfind("ed25519:", 0), 0u) << pub;
  EXPECT_EQ(dir.read("alice.key").rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
  struct stat st {};
  ASSERT_EQ(::stat((dir.path() + "/alice.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "Wrote the private key alice.key (mode 0600: keep it secret)\n"
            "Wrote the public key alice.key.pub (key id " +
                trust::key_id(pub).value() + "):\n  " + pub + "\n");
}

TEST_F(SetSignCli, KeygenRefusesToOverwrite) {
  keygen("alice");
  std::string before = dir.read("alice.key");
  auto r = run_pinset({"set", "keygen", "-o", "alice.key"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "error: alice.key: alice.key already exists; pinset never overwrites a key\n"
            "  help: choose another name with -o, or remove the old key first\n");
  EXPECT_EQ(dir.read("alice.key"), before);
}

TEST_F(SetSignCli, TwoOfThreeSignersVerify) {
  keygen("alice");
  keygen("bob");
  keygen("carol");
  for (const char* who : {"alice", "carol"}) {
    auto r =
        run_pinset({"set", "sign", "acme.yaml", "--key", std::string(who) + ".key"}, dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  EXPECT_EQ(dir.read("acme.yaml"), k_set);  // the set itself is untouched
  std::string sig = dir.read("acme.yaml.sig");
  EXPECT_EQ(sig.rfind("pinset-signatures 1\ned25519 ", 0), 0u) << sig;
  auto r = run_pinset({"set", "verify", "acme.yaml", "--pubkey", "alice.key.pub", "--pubkey",
                       "bob.key.pub", "--pubkey", "carol.key.pub", "--threshold", "2"},
                      dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "Verified acme.yaml: 2 of the required 2 signatures are valid (alice.key.pub, "
            "carol.key.pub)\n");
  // Without --threshold every key must have signed.
  r = run_pinset({"set", "verify", "acme.yaml", "--pubkey", "alice.key.pub", "--pubkey",
                  "bob.key.pub", "--pubkey", "carol.key.pub"},
                 dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "error: acme.yaml: the package set acme.yaml is refused: 3 valid signatures are "
            "required from the keys given with --pubkey, found 2 valid signatures "
            "(alice.key.pub, carol.key.pub)\n"
            "  help: ask the set's maintainers to sign this exact revision (`pinset set sign`), or "
            "check the --pubkey and --threshold options\n");
}

TEST_F(SetSignCli, ATamperedSetFailsVerification) {
  std::string pub = keygen("alice");
  ASSERT_EQ(run_pinset({"set", "sign", "acme.yaml", "--key", "alice.key"}, dir.path()).exit_code,
            0);
  dir.write("acme.yaml", k_set + "# one more line\n");
  // The key given as text rather than a file: named by its id.
  auto r = run_pinset({"set", "verify", "acme.yaml", "--pubkey", pub}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  std::string id = r.err.substr(r.err.find("signature of ") + 13, 16);
  EXPECT_EQ(
      r.err,
      "error: acme.yaml: the package set acme.yaml is refused: 1 valid signature is required "
      "from the keys given with --pubkey, found 0 valid signatures; the signature of " +
          id +
          " does not verify over the set's exact bytes\n"
          "  help: the set was changed after it was signed, or the signature is damaged: do not "
          "use it; ask its maintainers for a correctly signed revision\n");
}

TEST_F(SetSignCli, UnsignedSetAndJson) {
  keygen("alice");
  auto r =
      run_pinset({"set", "verify", "acme.yaml", "--pubkey", "alice.key.pub", "--json"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(
      r.out,
      "{\n  \"set\": \"acme.yaml\",\n  \"ok\": false,\n  \"threshold\": 1,\n  \"valid\": [],\n"
      "  \"invalid\": [],\n  \"unknown\": [],\n  \"error\": {\n    \"code\": "
      "\"set-unsigned\",\n    \"message\": \"the package set acme.yaml is not signed (no "
      "signature in acme.yaml.sig), but 1 valid signature is required from the keys given "
      "with --pubkey\",\n    \"file\": \"acme.yaml\",\n    \"hint\": \"ask the set's "
      "maintainers to sign this exact revision (`pinset set sign`), or check the --pubkey "
      "and --threshold options\"\n  }\n}\n");
}

TEST_F(SetSignCli, ThresholdAboveTheKeysIsAUsageError) {
  keygen("alice");
  auto r = run_pinset(
      {"set", "verify", "acme.yaml", "--pubkey", "alice.key.pub", "--threshold", "2"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: --threshold 2 must be between 1 and the 1 keys given with --pubkey\n"
            "  help: give at least as many --pubkey options as the threshold\n");
}

TEST_F(SetSignCli, SigningNeverHidesADamagedSignatureFile) {
  keygen("alice");
  dir.write("acme.yaml.sig", "pinset-signatures 1\ned25519 garbage\n");
  auto r = run_pinset({"set", "sign", "acme.yaml", "--key", "alice.key"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: acme.yaml.sig:2:1: expected 4 fields (algorithm, key id, public key, "
            "signature), found 2 in \"ed25519 garbage\"\n"
            "  help: each line after the header \"pinset-signatures 1\" is \"ed25519 <key-id> "
            "<base64 public key> <base64 signature>\"; re-create the file with `pinset set "
            "sign`\n");
  EXPECT_EQ(dir.read("acme.yaml.sig"), "pinset-signatures 1\ned25519 garbage\n");
}

TEST_F(SetSignCli, ResigningWithOneKeyReplacesItsLine) {
  keygen("alice");
  keygen("bob");
  for (const char* who : {"alice", "bob", "alice"}) {
    ASSERT_EQ(
        run_pinset({"set", "sign", "acme.yaml", "--key", std::string(who) + ".key"}, dir.path())
            .exit_code,
        0);
  }
  std::string sig = dir.read("acme.yaml.sig");
  EXPECT_EQ(std::count(sig.begin(), sig.end(), '\n'), 3) << sig;  // header, bob, alice
  auto r = run_pinset(
      {"set", "verify", "acme.yaml", "--pubkey", "alice.key.pub", "--pubkey", "bob.key.pub"},
      dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Verified acme.yaml: 2 of the required 2 signatures are valid (alice.key.pub, "
            "bob.key.pub)\n");
}

TEST_F(SetSignCli, SigningWithSomethingElseThanAKeyIsRefused) {
  dir.write("notakey", "hello\n");
  auto r = run_pinset({"set", "sign", "acme.yaml", "--key", "notakey"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: notakey: the private key is not an Ed25519 private key in PEM form\n"
            "  help: use a key made by `pinset set keygen` (a file starting with "
            "\"-----BEGIN PRIVATE KEY-----\")\n");
  EXPECT_FALSE(dir.exists("acme.yaml.sig"));
}

}  // namespace
}  // namespace pinset::test
