// load_set with package-set.trust (signatures before parsing), expiry and rollback protection.
#include "core/app/set_trust.hpp"

#include <gtest/gtest.h>

#include "core/app/resolve_project.hpp"
#include "core/app/set_checks.hpp"
#include "core/crypto/digest.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/memory_fs.hpp"

namespace pinset::app {
namespace {

using test::error_of;

const std::string k_sum = "sha256:" + std::string(64, 'a');

std::string set_yaml(int serial, const std::string& expires = "") {
  return "format: 1\nname: acme\nserial: " + std::to_string(serial) + "\n" +
         (expires.empty() ? "" : "expires: " + expires + "\n") +
         "packages:\n  libfoo:\n    - version: 2.1.0\n      checksum: " + k_sum +
         "\n      url: libfoo-2.1.0.tgz\n";
}

// 2026-11-21T00:00:00Z
const std::int64_t k_now = 1795219200;

class SetTrustTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 4; ++i) {
      auto key = trust::generate_key();
      ASSERT_TRUE(key);
      keys.push_back(*key);
      ids.push_back(trust::key_id(key->public_key).value());
    }
  }
  // A manifest trusting keys 0..2 (alice, bob, carol) with `threshold`.
  void write_manifest(int threshold, const std::string& extra = "") {
    std::string m = "name: app\npackage-set:\n  url: sets/acme.yaml\n" + extra +
                    "  trust:\n    threshold: " + std::to_string(threshold) + "\n    keys:\n";
    const char* names[] = {"alice", "bob", "carol"};
    for (int i = 0; i < 3; ++i)
      m += "      - {name: " + std::string(names[i]) + ", public-key: \"" + keys[i].public_key +
           "\"}\n";
    fs.files["p/pinset.yaml"] = m + "dependencies: {libfoo: ^2.0.0}\n";
  }
  void sign_with(std::initializer_list<int> who, const std::string& over = "") {
    std::string bytes = over.empty() ? fs.files["p/sets/acme.yaml"] : over;
    std::string sig_file;
    for (int i : who)
      sig_file = trust::append_signature(sig_file, trust::sign(bytes, keys[i].private_pem).value());
    fs.files["p/sets/acme.yaml.sig"] = sig_file;
  }
  Result<LoadedSet> load(const model::Lock* lock = nullptr) {
    auto project = load_project(fs, "p/pinset.yaml");
    if (!project) return fail(project.error());
    return load_set(fs, *project, nullptr, lock, k_now);
  }
  test::MemoryFileSystem fs;
  std::vector<trust::KeyPair> keys;
  std::vector<std::string> ids;
};

const std::string k_refused_help =
    "  help: ask the set's maintainers to sign this exact revision (`pinset set sign`), or check "
    "package-set.trust in the manifest";

TEST_F(SetTrustTest, TwoOfThreeLoads) {
  write_manifest(2);
  fs.files["p/sets/acme.yaml"] = set_yaml(3);
  sign_with({0, 2});
  auto loaded = load();
  ASSERT_TRUE(loaded) << loaded.error().render();
  ASSERT_TRUE(loaded->signatures);
  EXPECT_EQ(loaded->signatures->valid, (std::vector<std::string>{"alice", "carol"}));
  EXPECT_TRUE(loaded->warnings.empty());
}

TEST_F(SetTrustTest, UnsignedIsRefused) {
  write_manifest(2);
  fs.files["p/sets/acme.yaml"] = set_yaml(3);
  EXPECT_EQ(error_of(load()),
            "set-unsigned: p/sets/acme.yaml: the package set p/sets/acme.yaml is not signed (no "
            "signature in p/sets/acme.yaml.sig), but the manifest requires 2 valid signatures "
            "from its trusted keys\n" +
                k_refused_help);
}

TEST_F(SetTrustTest, BadSignatureIsRefusedBeforeParsing) {
  write_manifest(1);
  fs.files["p/sets/acme.yaml"] = "not: [a valid set";  // never parsed
  sign_with({1}, set_yaml(3));
  EXPECT_EQ(error_of(load()),
            "bad-signature: p/sets/acme.yaml: the package set p/sets/acme.yaml is refused: the "
            "manifest requires 1 valid signature from its trusted keys, found 0 valid signatures; "
            "the signature of bob does not verify over the set's exact bytes\n"
            "  help: the set was changed after it was signed, or the signature is damaged: do not "
            "use it; ask its maintainers for a correctly signed revision");
}

TEST_F(SetTrustTest, UnknownKeyIsRefused) {
  write_manifest(1);
  fs.files["p/sets/acme.yaml"] = set_yaml(3);
  sign_with({3});
  EXPECT_EQ(error_of(load()),
            "unknown-signer: p/sets/acme.yaml: the package set p/sets/acme.yaml is refused: the "
            "manifest requires 1 valid signature from its trusted keys, found 0 valid signatures; "
            "signed by 1 key the manifest does not trust (key id " +
                ids[3] +
                ")\n"
                "  help: if you trust that key, add it to package-set.trust.keys in the manifest; "
                "otherwise ask the set's maintainers to sign with a key you trust");
}

TEST_F(SetTrustTest, BelowThresholdIsRefused) {
  write_manifest(2);
  fs.files["p/sets/acme.yaml"] = set_yaml(3);
  sign_with({1});
  EXPECT_EQ(error_of(load()),
            "too-few-signatures: p/sets/acme.yaml: the package set p/sets/acme.yaml is refused: "
            "the manifest requires 2 valid signatures from its trusted keys, found 1 valid "
            "signature (bob)\n" +
                k_refused_help);
}

TEST_F(SetTrustTest, DamagedSignatureFileIsAnError) {
  write_manifest(1);
  fs.files["p/sets/acme.yaml"] = set_yaml(3);
  fs.files["p/sets/acme.yaml.sig"] = "garbage\n";
  EXPECT_EQ(error_of(load()),
            "invalid-signature-file: p/sets/acme.yaml.sig:1:1: the first line must be "
            "\"pinset-signatures 1\", found \"garbage\"\n"
            "  help: each line after the header \"pinset-signatures 1\" is \"ed25519 <key-id> "
            "<base64 public key> <base64 signature>\"; re-create the file with `pinset set sign`");
}

TEST_F(SetTrustTest, CheckSetSignaturesRereadsTheLoadedSet) {
  write_manifest(1);
  fs.files["p/sets/acme.yaml"] = set_yaml(3);
  sign_with({0});
  auto project = load_project(fs, "p/pinset.yaml");
  ASSERT_TRUE(project);
  auto loaded = load_set(fs, *project, nullptr, nullptr, k_now);
  ASSERT_TRUE(loaded);
  model::SetTrust other;  // e.g. a policy's own list of keys
  other.threshold = 1;
  other.keys.push_back(model::TrustedKey{"dave", keys[3].public_key, 0});
  auto check = check_set_signatures(fs, *project, nullptr, *loaded, other);
  ASSERT_TRUE(check) << check.error().render();
  EXPECT_FALSE(check->ok());
  EXPECT_EQ(check->unknown, std::vector<std::string>{ids[0]});
  // Without a .sig file: zero signatures, not an error.
  fs.files.erase("p/sets/acme.yaml.sig");
  check = check_set_signatures(fs, *project, nullptr, *loaded, other);
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->valid.empty() && check->invalid.empty() && check->unknown.empty());
  // The set changed on disk since it was loaded.
  fs.files["p/sets/acme.yaml"] = set_yaml(4);
  EXPECT_EQ(error_of(check_set_signatures(fs, *project, nullptr, *loaded, other)),
            "set-changed: p/sets/acme.yaml: the package set p/sets/acme.yaml changed while pinset "
            "used it: it was " +
                loaded->digest.str() + ", it is now " + crypto::sha256(set_yaml(4)).str() +
                "\n  help: run the command again");
}

class SetChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs.files["p/pinset.yaml"] =
        "name: app\npackage-set: {url: sets/acme.yaml}\ndependencies: {libfoo: ^2.0.0}\n";
  }
  Result<LoadedSet> load(const model::Lock* lock = nullptr) {
    auto project = load_project(fs, "p/pinset.yaml");
    if (!project) return fail(project.error());
    return load_set(fs, *project, nullptr, lock, k_now);
  }
  test::MemoryFileSystem fs;
};

TEST_F(SetChecksTest, ExpiredSetIsRefused) {
  fs.files["p/sets/acme.yaml"] = set_yaml(3, "2026-11-01T00:00:00Z");
  EXPECT_EQ(error_of(load()),
            "set-expired: p/sets/acme.yaml: expires: the package set acme (serial 3) expired at "
            "2026-11-01T00:00:00Z, 20 days ago; an expired set is refused so that a stale or "
            "frozen copy cannot be served forever\n"
            "  help: ask the set's maintainers for a fresh, re-signed revision, then point "
            "package-set.url (and digest) at it");
  // The very second of expiry counts as expired.
  fs.files["p/sets/acme.yaml"] = set_yaml(3, "2026-11-21T00:00:00Z");
  EXPECT_EQ(load().error().code, "set-expired");
}

TEST_F(SetChecksTest, ExpiringSoonIsAWarning) {
  fs.files["p/sets/acme.yaml"] = set_yaml(3, "2026-11-26T12:00:00+02:00");
  auto loaded = load();
  ASSERT_TRUE(loaded) << loaded.error().render();
  EXPECT_EQ(loaded->warnings,
            std::vector<std::string>{
                "the package set acme (serial 3) expires at 2026-11-26T12:00:00+02:00, in 5 "
                "days; ask its maintainers for a re-signed revision before then (warning window: "
                "14 days, package-set.expiry-warning-days)"});
  // Outside the window: quiet. The window is the manifest's.
  fs.files["p/sets/acme.yaml"] = set_yaml(3, "2026-12-06T00:00:00Z");
  loaded = load();
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(loaded->warnings.empty());
  fs.files["p/pinset.yaml"] =
      "name: app\npackage-set: {url: sets/acme.yaml, expiry-warning-days: 30}\n"
      "dependencies: {}\n";
  loaded = load();
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->warnings.size(), 1u);
}

TEST_F(SetChecksTest, RollbackIsRefused) {
  fs.files["p/sets/acme.yaml"] = set_yaml(5);
  model::Lock lock;
  lock.set_name = "acme";
  lock.set_serial = 7;
  EXPECT_EQ(error_of(load(&lock)),
            "set-rollback: p/sets/acme.yaml: serial: the package set acme has serial 5, lower "
            "than serial 7 recorded in p/pinset.lock: an older revision is being served "
            "(rollback)\n"
            "  help: use the latest revision of the set; if its maintainers really went back, "
            "review the change (pinset set diff) and delete p/pinset.lock to accept it");
  lock.set_serial = 5;
  EXPECT_TRUE(load(&lock));
  lock.set_serial = 9;
  lock.set_name = "another-set";  // the project moved to another set: serials do not compare
  EXPECT_TRUE(load(&lock));
}

TEST_F(SetChecksTest, ResolveRefusesARollbackAgainstItsLock) {
  fs.files["p/sets/acme.yaml"] = set_yaml(7);
  ResolveOptions options;
  options.manifest_path = "p/pinset.yaml";
  options.now = k_now;
  ASSERT_TRUE(resolve_project(fs, options));
  fs.files["p/sets/acme.yaml"] = set_yaml(6);
  auto r = resolve_project(fs, options);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "set-rollback");
}

}  // namespace
}  // namespace pinset::app
