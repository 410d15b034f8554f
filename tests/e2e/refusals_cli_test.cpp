// End-to-end: issue 10's smaller refusals that are not about the network: an expired set is not
// "valid", an overlong URL is refused, a look-alike character is shown by its code point, counts
// of one are singular.
#include <gtest/gtest.h>

#include "tests/support/process.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

std::string set_text(const std::string& name, const std::string& extra) {
  return "format: 1\nname: acme\nserial: 1\n" + extra + "packages:\n  " + name +
         ":\n    - version: 1.0.0\n      checksum: sha256:" + std::string(64, 'a') +
         "\n      url: a.tgz\n";
}

TEST(Refusals, ValidatingAnExpiredSetIsAnError) {
  TempDir dir;
  dir.write("old.yaml", set_text("a", "expires: 2001-01-01T00:00:00Z\n"));
  auto r = run_pinset({"set", "validate", "old.yaml"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "old.yaml: invalid, 1 problem\n");
  const std::string head =
      "error: old.yaml: expires: the package set acme (serial 1) expired at "
      "2001-01-01T00:00:00Z, ";
  const std::string tail =
      " days ago; an expired set is refused so that a stale or frozen copy cannot be served "
      "forever\n"
      "  help: ask the set's maintainers for a fresh, re-signed revision, then point "
      "package-set.url (and digest) at it\n";
  ASSERT_GT(r.err.size(), head.size() + tail.size()) << r.err;
  EXPECT_EQ(r.err.substr(0, head.size()), head) << r.err;
  EXPECT_EQ(r.err.substr(r.err.size() - tail.size()), tail) << r.err;

  dir.write("fresh.yaml", set_text("a", "expires: 2999-01-01T00:00:00Z\n"));
  auto ok = run_pinset({"set", "validate", "fresh.yaml"}, dir.path());
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, "fresh.yaml: valid (1 package, 1 entry)\n");
}

TEST(Refusals, ALookAlikeCharacterIsShownByItsCodePoint) {
  TempDir dir;
  dir.write("cyr.yaml", set_text("p\xD0\xB0"
                                 "ckage",
                                 ""));  // a Cyrillic "a", U+0430
  auto r = run_pinset({"set", "validate", "cyr.yaml"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("invalid package name \"p\\u0430ckage\": it contains the character "
                       "\"\\u0430\"\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("\xD0"), std::string::npos) << r.err;  // no raw byte of it anywhere
}

TEST(Refusals, AnOverlongUrlIsRefusedBeforeAnyRequest) {
  TestProject project;
  project.add({"libfoo", "2.1.0", {{"foo.h", "x\n"}}});
  std::string url = "https://127.0.0.1:9/" + std::string(9000, 'a') + ".yaml";
  project.write({{"libfoo", "^2.0.0"}}, 1, url);
  TempDir cache;
  auto r = run_pinset({"install"}, project.app(), {{"PINSET_CACHE_DIR", cache.path()}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: pinset.yaml:3: package-set.url: the URL is 9025 bytes long, more "
            "than the limit of 8192 bytes: \"https://127.0.0.1:9/" +
                std::string(40, 'a') +
                "...\"\n"
                "  help: use a shorter URL (a long query string is usually a mistake)\n");
}

}  // namespace
}  // namespace pinset::test
