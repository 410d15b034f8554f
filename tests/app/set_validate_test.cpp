// pinset set validate's use case: set-level problems, unreadable sets, and --fetch over HTTPS and
// file:// through the cache.
#include "core/app/set_validate.hpp"

#include <gtest/gtest.h>

#include "core/crypto/digest.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/nginx_fixture.hpp"

namespace pinset::app {
namespace {

std::string texts(const std::vector<Error>& errors) {
  std::string out;
  for (const Error& e : errors)
    out += test::error_text(e) + "\n";
  return out;
}

class SetValidate : public ::testing::Test {
 protected:
  Result<SetValidateOutcome> validate(const std::string& set, bool fetch = false,
                                      const std::string& ca = "") {
    net::FetchOptions options;
    options.ca_file = ca;
    options.retries = 0;
    SetAccess access(cache.path(), options, net::make_curl_fetcher);
    return validate_set_at(fs::real_file_system(), access, SetValidateOptions{set, fetch});
  }
  test::TempDir cache;
  test::TempDir dir;
};

TEST_F(SetValidate, TheExampleIsValidAndItsArtifactsMatch) {
  std::string example = test::source_dir() + "/package-sets/example.yaml";
  auto out = validate(example, true);
  ASSERT_TRUE(out) << test::error_of(out);
  EXPECT_EQ(texts(out->errors), "");
  EXPECT_EQ(out->packages, 10u);
  EXPECT_EQ(out->entries, 19u);
  EXPECT_EQ(out->fetched, 19u);
  EXPECT_EQ(out->from_cache, 0u);
  auto again = validate(example, true);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->from_cache, 19u);
}

TEST_F(SetValidate, SchemaAndSetLevelProblemsAreInvalidNotUnreadable) {
  std::string bad = dir.write("bad.yaml",
                              "format: 1\nname: s\nserial: 1\npackages:\n  a:\n"
                              "    - version: 1.0.0\n      checksum: sha256:abc\n      url: a.tgz\n"
                              "      sizes: 3\n");
  auto out = validate(bad);
  ASSERT_TRUE(out) << test::error_of(out);
  EXPECT_EQ(out->errors.size(), 2u);
  EXPECT_EQ(out->errors.at(0).code, "invalid-checksum");
  EXPECT_EQ(out->errors.at(1).code, "unknown-field");
  std::string sum = "sha256:" + std::string(64, 'a');
  std::string unsat = dir.write("unsat.yaml",
                                "format: 1\nname: s\nserial: 1\npackages:\n  a:\n"
                                "    - version: 1.0.0\n      checksum: " +
                                    sum +
                                    "\n      url: a.tgz\n"
                                    "      dependencies: {b: ^2.0.0}\n");
  auto u = validate(unsat);
  ASSERT_TRUE(u);
  EXPECT_EQ(texts(u->errors), "unsatisfied-dependency: " + unsat +
                                  ":6: packages.a[0].dependencies.b: a 1.0.0 depends on b "
                                  "^2.0.0, but the set has no b\n"
                                  "  help: add b to the set, or remove the dependency\n");
}

TEST_F(SetValidate, UnreadableSetsAreErrors) {
  std::string broken = dir.write("broken.yaml", "format: 1\nname: [\n");
  auto out = validate(broken);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "parse");
  auto missing = validate(dir.path() + "/none.yaml");
  EXPECT_EQ(test::error_of(missing), "not-found: cannot read the package set " + dir.path() +
                                         "/none.yaml: No such file or directory\n"
                                         "  help: check the path");
}

TEST_F(SetValidate, FetchNamesEachArtifactThatDoesNotMatch) {
  test::TempDir site;
  site.write("a-1.0.0.tgz", "the real archive");
  site.write("b-1.0.0.tgz", "tampered bytes!!");
  test::NginxFixture nginx(site.path());
  std::string good = crypto::sha256("the real archive").str();
  std::string set =
      dir.write("s.yaml",
                "format: 1\nname: s\nserial: 1\npackages:\n  a:\n"
                "    - version: 1.0.0\n      checksum: " +
                    good + "\n      url: " + nginx.https_url("a-1.0.0.tgz") +
                    "\n      size: 16\n  b:\n    - version: 1.0.0\n      checksum: " + good +
                    "\n      url: " + nginx.https_url("b-1.0.0.tgz") +
                    "\n  c:\n    - version: 1.0.0\n      checksum: " + good +
                    "\n      url: " + nginx.https_url("c-1.0.0.tgz") + "\n");
  auto out = validate(set, true, nginx.ca_file());
  ASSERT_TRUE(out) << test::error_of(out);
  EXPECT_EQ(out->fetched, 3u);
  ASSERT_EQ(out->errors.size(), 2u) << texts(out->errors);
  std::string actual = crypto::sha256("tampered bytes!!").str();
  EXPECT_EQ(texts(out->errors),
            "checksum-mismatch: cannot download b 1.0.0 from \"" + nginx.https_url("b-1.0.0.tgz") +
                "\": its checksum is " + actual + ", not the expected " + good +
                "\n  help: the artifact changed upstream or was tampered with: do not use it, and "
                "ask the set's curators\n"
                "http-status: cannot download c 1.0.0 from \"" +
                nginx.https_url("c-1.0.0.tgz") +
                "\": the server answered HTTP 404\n  help: the artifact is not at this URL: check "
                "the URL in the package set or ask the set's curators\n");
}

TEST_F(SetValidate, FetchChecksTheRecordedSizeOfCachedArtifacts) {
  std::string archive = dir.write("art/a.tgz", "0123456789");
  std::string sum = crypto::sha256("0123456789").str();
  std::string right = dir.write("right.yaml",
                                "format: 1\nname: s\nserial: 1\npackages:\n  a:\n"
                                "    - version: 1.0.0\n      checksum: " +
                                    sum + "\n      url: art/a.tgz\n      size: 10\n");
  auto first = validate(right, true);
  ASSERT_TRUE(first);
  EXPECT_EQ(texts(first->errors), "");
  EXPECT_EQ(first->from_cache, 0u);
  std::string wrong = dir.write("wrong.yaml",
                                "format: 1\nname: s\nserial: 1\npackages:\n  a:\n"
                                "    - version: 1.0.0\n      checksum: " +
                                    sum + "\n      url: art/a.tgz\n      size: 11\n");
  auto second = validate(wrong, true);
  ASSERT_TRUE(second);
  EXPECT_EQ(texts(second->errors), "size-mismatch: " + wrong + ":6: a 1.0.0 (file://" + archive +
                                       ") is 10 bytes, but the set records 11\n"
                                       "  help: correct the size in the set\n");
}

}  // namespace
}  // namespace pinset::app
