// End-to-end: a manifest that trusts keys (m of n), expiry and rollback, through `pinset resolve`.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>

#include "core/trust/signing.hpp"
#include "tests/support/process.hpp"

namespace pinset::test {
namespace {

const std::string k_sum = "sha256:" + std::string(64, 'a');

std::string set_yaml(int serial, const std::string& expires = "") {
  return "format: 1\nname: acme\nserial: " + std::to_string(serial) + "\n" +
         (expires.empty() ? "" : "expires: " + expires + "\n") +
         "packages:\n  libfoo:\n    - version: 2.1.0\n      checksum: " + k_sum +
         "\n      url: libfoo-2.1.0.tgz\n";
}

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == '\n')
    s.pop_back();
  return s;
}

// An RFC 3339 timestamp `days` from now (UTC, whole seconds).
std::string days_from_now(double days) {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) +
           static_cast<std::time_t>(days * 86400);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

class SetTrustCli : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* who : {"alice", "bob", "carol", "mallory"}) {
      auto r = run_pinset({"set", "keygen", "-o", std::string(who) + ".key"}, dir.path());
      ASSERT_EQ(r.exit_code, 0) << r.err;
      pub[who] = trimmed(dir.read(std::string(who) + ".key.pub"));
    }
    dir.write("acme.yaml", set_yaml(3));
  }
  void manifest(int threshold) {
    dir.write("pinset.yaml",
              "name: app\npackage-set:\n  url: acme.yaml\n  trust:\n    threshold: " +
                  std::to_string(threshold) +
                  "\n    keys:\n"
                  "      - {name: alice, public-key: \"" +
                  pub["alice"] + "\"}\n" + "      - {name: bob, public-key: \"" + pub["bob"] +
                  "\"}\n" + "      - {name: carol, public-key: \"" + pub["carol"] + "\"}\n" +
                  "dependencies: {libfoo: ^2.0.0}\n");
  }
  void sign(const std::string& who) {
    auto r = run_pinset({"set", "sign", "acme.yaml", "--key", who + ".key"}, dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  TempDir dir;
  std::map<std::string, std::string> pub;
};

const std::string k_refused_help =
    "  help: ask the set's maintainers to sign this exact revision (`pinset set sign`), or check "
    "package-set.trust in the manifest\n";

TEST_F(SetTrustCli, TwoOfThreeResolves) {
  manifest(2);
  sign("alice");
  sign("carol");
  auto r = run_pinset({"resolve"}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(dir.exists("pinset.lock"));
}

TEST_F(SetTrustCli, UnsignedIsRefused) {
  manifest(2);
  auto r = run_pinset({"resolve"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "error: acme.yaml: the package set acme.yaml is not signed (no signature in "
            "acme.yaml.sig), but the manifest requires 2 valid signatures from its trusted keys\n" +
                k_refused_help);
  EXPECT_FALSE(dir.exists("pinset.lock"));
}

TEST_F(SetTrustCli, TamperedSetIsRefused) {
  manifest(2);
  sign("alice");
  sign("bob");
  dir.write("acme.yaml", set_yaml(3) + "  evil:\n    - version: 1.0.0\n      checksum: " + k_sum +
                             "\n      url: evil.tgz\n");
  auto r = run_pinset({"resolve"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: acme.yaml: the package set acme.yaml is refused: the manifest requires 2 valid "
            "signatures from its trusted keys, found 0 valid signatures; the signatures of alice, "
            "bob do not verify over the set's exact bytes\n"
            "  help: the set was changed after it was signed, or the signature is damaged: do not "
            "use it; ask its maintainers for a correctly signed revision\n");
}

TEST_F(SetTrustCli, UnknownKeyIsRefused) {
  manifest(1);
  sign("mallory");
  auto r = run_pinset({"resolve"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: acme.yaml: the package set acme.yaml is refused: the manifest requires 1 valid "
            "signature from its trusted keys, found 0 valid signatures; signed by 1 key the "
            "manifest does not trust (key id " +
                trust::key_id(pub["mallory"]).value() +
                ")\n"
                "  help: if you trust that key, add it to package-set.trust.keys in the manifest; "
                "otherwise ask the set's maintainers to sign with a key you trust\n");
}

TEST_F(SetTrustCli, BelowThresholdIsRefused) {
  manifest(2);
  sign("bob");
  auto r = run_pinset({"resolve"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: acme.yaml: the package set acme.yaml is refused: the manifest requires 2 valid "
            "signatures from its trusted keys, found 1 valid signature (bob)\n" +
                k_refused_help);
}

class SetFreshnessCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir.write("pinset.yaml",
              "name: app\npackage-set: {url: acme.yaml}\ndependencies: {libfoo: ^2.0.0}\n");
  }
  TempDir dir;
};

TEST_F(SetFreshnessCli, ExpiredSetIsRefused) {
  dir.write("acme.yaml", set_yaml(3, "2020-01-01T00:00:00Z"));
  auto r = run_pinset({"resolve"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  std::string prefix =
      "error: acme.yaml: expires: the package set acme (serial 3) expired at "
      "2020-01-01T00:00:00Z, ";
  ASSERT_EQ(r.err.substr(0, prefix.size()), prefix) << r.err;
  std::string rest = r.err.substr(r.err.find(" days ago;"));
  EXPECT_EQ(rest,
            " days ago; an expired set is refused so that a stale or frozen copy cannot be served "
            "forever\n"
            "  help: ask the set's maintainers for a fresh, re-signed revision, then point "
            "package-set.url (and digest) at it\n");
}

TEST_F(SetFreshnessCli, ExpiringSoonIsWarnedOnStderr) {
  std::string expires = days_from_now(3.5);
  dir.write("acme.yaml", set_yaml(3, expires));
  auto r = run_pinset({"resolve"}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "warning: the package set acme (serial 3) expires at " + expires +
                       ", in 3 days; ask its maintainers for a re-signed revision before then "
                       "(warning window: 14 days, package-set.expiry-warning-days)\n");
}

TEST_F(SetFreshnessCli, RollbackIsRefused) {
  dir.write("acme.yaml", set_yaml(8));
  ASSERT_EQ(run_pinset({"resolve"}, dir.path()).exit_code, 0);
  std::string lock = dir.read("pinset.lock");
  dir.write("acme.yaml", set_yaml(7));
  auto r = run_pinset({"resolve"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: acme.yaml: serial: the package set acme has serial 7, lower than serial 8 "
            "recorded in pinset.lock: an older revision is being served (rollback)\n"
            "  help: use the latest revision of the set; if its maintainers really went back, "
            "review the change (pinset set diff) and delete pinset.lock to accept it\n");
  EXPECT_EQ(dir.read("pinset.lock"), lock);
}

}  // namespace
}  // namespace pinset::test
