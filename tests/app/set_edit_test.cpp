// pinset set add / remove use cases: download over HTTPS and file://, record checksum and size,
// refuse duplicates before downloading, bump the serial, rewrite deterministically.
#include "core/app/set_edit.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "core/crypto/digest.hpp"
#include "core/util/dates.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/memory_fetcher.hpp"
#include "tests/support/nginx_fixture.hpp"

namespace pinset::app {
namespace {

const std::string k_sum = "sha256:" + std::string(64, 'a');
const std::string k_archive = "an archive's bytes";

class SetEdit : public ::testing::Test {
 protected:
  void SetUp() override {
    site.write("netlib-1.5.0.tgz", k_archive);
    set = dir.write("sets/acme.yaml",
                    "# hand-written, with a comment the rewrite drops\n"
                    "format: 1\nname: acme\nserial: 41\npackages:\n"
                    "  netlib:\n    - version: 1.4.0\n      checksum: " +
                        k_sum + "\n      url: netlib-1.4.0.tgz\n");
  }
  Result<SetEditOutcome> add(SetAddOptions o) {
    net::FetchOptions options;
    options.ca_file = nginx.ca_file();
    options.retries = 0;
    SetAccess access(cache.path(), options, net::make_curl_fetcher);
    if (o.set.empty()) o.set = set;
    return add_to_set(fs::real_file_system(), access, o);
  }

  test::TempDir site, cache, dir;
  test::NginxFixture nginx{site.path()};
  std::string set;
};

TEST_F(SetEdit, AddsAnArtifactOverHttpsWithItsChecksumAndSize) {
  SetAddOptions o;
  o.name = "netlib";
  o.version = "1.5.0";
  o.url = nginx.https_url("netlib-1.5.0.tgz");
  o.deps = {"tls-shim=~0.9.4", "libfoo=^2.1.0"};
  o.license = "MIT";
  o.vetted_by = "alice@example.com";
  o.ticket = "SEC-1301";
  o.criteria = "safe-to-deploy";
  o.vetted_on = "2026-11-21";
  o.strip_components = 1;
  auto out = add(o);
  ASSERT_TRUE(out) << test::error_of(out);
  std::string sum = crypto::sha256(k_archive).str();
  EXPECT_EQ(out->serial, 42u);
  EXPECT_EQ(out->checksum, sum);
  EXPECT_EQ(out->size, k_archive.size());
  EXPECT_EQ(dir.read("sets/acme.yaml"),
            "format: 1\nname: acme\nserial: 42\npackages:\n  netlib:\n"
            "    - version: 1.4.0\n      checksum: " +
                k_sum +
                "\n      url: netlib-1.4.0.tgz\n"
                "    - version: 1.5.0\n      checksum: " +
                sum + "\n      url: " + nginx.https_url("netlib-1.5.0.tgz") +
                "\n      dependencies:\n        libfoo: ^2.1.0\n        tls-shim: ~0.9.4\n"
                "      license: MIT\n      size: 18\n      strip-components: 1\n"
                "      vetted:\n        by: alice@example.com\n        on: 2026-11-21\n"
                "        criteria: safe-to-deploy\n        ticket: SEC-1301\n");
  // The download is in the cache, ready for installs.
  auto cached = store::Cache::open(cache.path());
  ASSERT_TRUE(cached);
  EXPECT_TRUE(cached->has_object(crypto::sha256(k_archive)));
}

TEST_F(SetEdit, AddsARelativeFileAndRefusesADuplicateWithoutDownloading) {
  dir.write("sets/art/zlib-1.3.1.tgz", "zlib bytes");
  SetAddOptions o;
  o.name = "zlib";
  o.version = "1.3.1";
  o.url = "art/zlib-1.3.1.tgz";
  auto out = add(o);
  ASSERT_TRUE(out) << test::error_of(out);
  EXPECT_NE(dir.read("sets/acme.yaml")
                .find("  zlib:\n    - version: 1.3.1\n      checksum: " +
                      crypto::sha256("zlib bytes").str() +
                      "\n      url: art/zlib-1.3.1.tgz\n      size: 10\n"),
            std::string::npos);
  std::string before = dir.read("sets/acme.yaml");
  o.url = nginx.https_url("netlib-1.5.0.tgz");
  o.version = "1.3.1+rebuild";
  EXPECT_EQ(
      test::error_of(add(o)),
      "duplicate-entry: zlib 1.3.1+rebuild is already in " + set +
          " as 1.3.1, the same version (line 10)\n  help: remove it first (pinset set remove " +
          set + " zlib 1.3.1), or add another version");
  EXPECT_EQ(dir.read("sets/acme.yaml"), before);
  EXPECT_TRUE(nginx.access_log().empty());
}

TEST_F(SetEdit, RefusesBadArgumentsBeforeAnyWork) {
  struct Case {
    SetAddOptions options;
    std::string error;
  };
  auto make = [&](auto edit) {
    SetAddOptions o;
    o.name = "netlib";
    o.version = "1.5.0";
    o.url = nginx.https_url("netlib-1.5.0.tgz");
    o.vetted_on = "2026-11-21";
    edit(o);
    return o;
  };
  const Case cases[] = {
      {make([](SetAddOptions& o) { o.deps = {"libfoo^2"}; }),
       "invalid-argument: invalid --dep \"libfoo^2\": it has no \"=\"\n  help: write --dep "
       "NAME=RANGE, e.g. --dep libfoo='^2.1.0'"},
      {make([](SetAddOptions& o) { o.vetted_by = "alice"; }),
       "invalid-argument: --vetted-by needs --ticket (the review's reference)\n  help: record a "
       "review with --vetted-by WHO --ticket T [--criteria C]"},
      {make([](SetAddOptions& o) { o.ticket = "T-1"; }),
       "invalid-argument: --ticket and --criteria need --vetted-by\n  help: record a review with "
       "--vetted-by WHO --ticket T [--criteria C]"},
      {make([](SetAddOptions& o) { o.name = "-netlib"; }),
       "invalid-name: invalid package name \"-netlib\": it must start with a letter or "
       "digit\n  help: package names are letters, digits, '.', '_' and '-' in at most 16 "
       "'/'-separated "
       "segments, each starting with a letter or digit (the first may start with '@'), and at "
       "most 214 characters"},
      {make([](SetAddOptions& o) { o.url = "ftp://x/y.tgz"; }),
       "invalid-url: invalid url \"ftp://x/y.tgz\": the scheme \"ftp\" is not supported (http, "
       "https, file)\n  help: write an https://, http:// or file:// URL, or a path relative to "
       "the set such as artifacts/netlib-1.4.0.tar.gz"},
      {make([](SetAddOptions& o) { o.set = "https://sets.example/acme.yaml"; }),
       "unsupported-scheme: cannot edit \"https://sets.example/acme.yaml\": pinset edits local "
       "set files only\n  help: download the set, edit the file, and publish it again"},
  };
  std::string before = dir.read("sets/acme.yaml");
  for (const Case& c : cases) {
    EXPECT_EQ(test::error_of(add(c.options)), c.error);
  }
  EXPECT_EQ(dir.read("sets/acme.yaml"), before);
  EXPECT_TRUE(nginx.access_log().empty());
}

TEST_F(SetEdit, RecordsThePublicationTimeGivenOrTheServersLastModified) {
  // nginx sends the file's modification time as Last-Modified.
  const std::int64_t modified = *dates::parse_timestamp("2026-11-30T12:34:56Z");
  struct timespec times[2] = {{modified, 0}, {modified, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, (site.path() + "/netlib-1.5.0.tgz").c_str(), times, 0), 0);
  SetAddOptions o;
  o.name = "netlib";
  o.version = "1.5.0";
  o.url = nginx.https_url("netlib-1.5.0.tgz");
  o.published_at = k_published_from_server;
  o.publisher = "Alice <alice@example.com>";
  auto out = add(o);
  ASSERT_TRUE(out) << test::error_of(out);
  dir.write("sets/art/zlib-1.3.1.tgz", "zlib bytes");
  SetAddOptions z;
  z.name = "zlib";
  z.version = "1.3.1";
  z.url = "art/zlib-1.3.1.tgz";
  z.published_at = "2024-01-22T09:00:00.5+01:00";
  ASSERT_TRUE(add(z));
  auto written =
      model::parse_package_set(dir.read("sets/acme.yaml"), "acme.yaml", doc::Format::yaml);
  ASSERT_TRUE(written) << test::error_of(written);
  const model::Entry& netlib = written->find("netlib")->entries.at(1);
  EXPECT_EQ(netlib.version.str(), "1.5.0");
  EXPECT_EQ(netlib.published_at(), "2026-11-30T12:34:56Z");
  EXPECT_EQ(netlib.publisher(), "Alice <alice@example.com>");
  EXPECT_EQ(written->find("zlib")->entries.at(0).published_at(), "2024-01-22T09:00:00.5+01:00");
  EXPECT_EQ(written->find("zlib")->entries.at(0).publisher(), "");

  // A time that is not RFC 3339 is refused before any download.
  z.version = "1.3.2";
  z.published_at = "yesterday";
  std::string before = dir.read("sets/acme.yaml");
  EXPECT_EQ(test::error_of(add(z)),
            "invalid-timestamp: invalid timestamp \"yesterday\": it is not in the form "
            "YYYY-MM-DDTHH:MM:SS plus a zone\n  help: write an RFC 3339 timestamp such as "
            "2027-06-30T00:00:00Z or 2027-06-30T08:00:00+02:00");
  EXPECT_EQ(dir.read("sets/acme.yaml"), before);
}

TEST_F(SetEdit, LastModifiedThatTheServerDoesNotSendIsAnError) {
  test::MemoryWeb web;
  web.serve("https://files.test/netlib-1.5.0.tgz", k_archive);
  web.serve("https://files.test/netlib-1.6.0.tgz", k_archive + "!", 1764504000);
  SetAccess access(cache.path(), net::FetchOptions{}, web.factory());
  SetAddOptions o;
  o.set = set;
  o.name = "netlib";
  o.version = "1.5.0";
  o.url = "https://files.test/netlib-1.5.0.tgz";
  o.published_at = k_published_from_server;
  std::string before = dir.read("sets/acme.yaml");
  EXPECT_EQ(test::error_of(add_to_set(fs::real_file_system(), access, o)),
            "no-last-modified: cannot record when netlib 1.5.0 was published: the server sent no "
            "Last-Modified for \"https://files.test/netlib-1.5.0.tgz\"\n"
            "  help: give the time itself: --published-at 2026-11-30T12:00:00Z");
  EXPECT_EQ(dir.read("sets/acme.yaml"), before);
  o.version = "1.6.0";
  o.url = "https://files.test/netlib-1.6.0.tgz";
  ASSERT_TRUE(add_to_set(fs::real_file_system(), access, o));
  auto set_now = model::parse_package_set(dir.read("sets/acme.yaml"), "a.yaml", doc::Format::yaml);
  ASSERT_TRUE(set_now);
  EXPECT_EQ(set_now->find("netlib")->entries.at(1).published_at(), "2025-11-30T12:00:00Z");
}

TEST_F(SetEdit, RemovesAVersionOrAPackage) {
  auto gone = remove_from_set(fs::real_file_system(), set, "netlib", "1.4.1");
  EXPECT_EQ(
      test::error_of(gone),
      "not-in-set: " + set + " has no netlib 1.4.1 (it has 1.4.0)\n  help: check the version");
  auto out = remove_from_set(fs::real_file_system(), set, "netlib", "1.4.0");
  ASSERT_TRUE(out) << test::error_of(out);
  EXPECT_EQ(out->serial, 42u);
  EXPECT_EQ(dir.read("sets/acme.yaml"), "format: 1\nname: acme\nserial: 42\npackages: {}\n");
  EXPECT_EQ(test::error_of(remove_from_set(fs::real_file_system(), set, "netlib", "")),
            "not-in-set: " + set +
                " has no package \"netlib\"\n  help: check the name (pinset set diff and the set "
                "itself list its packages)");
}

// A set that declares its versioning takes versions and ranges in it (issue 11: `2026b`).
TEST_F(SetEdit, AddAndRemoveReadVersionsInTheSetsVersioning) {
  dir.write("sets/up.yaml",
            "format: 1\nname: up\nserial: 1\nversioning: debian\npackages:\n"
            "  tzdata:\n    - version: 2026a\n      checksum: " +
                k_sum + "\n      url: tzdata-2026a.tar.gz\n");
  dir.write("sets/tzdata-2026b.tar.gz", "tzdata bytes");
  SetAddOptions o;
  o.set = dir.path() + "/sets/up.yaml";
  o.name = "tzdata";
  o.version = "2026b";
  o.url = "tzdata-2026b.tar.gz";
  o.deps = {"zlib=>=1.2.13.dfsg"};
  auto out = add(o);
  ASSERT_TRUE(out) << test::error_of(out);
  const std::string text = dir.read("sets/up.yaml");
  EXPECT_NE(text.find("    - version: 2026b\n"), std::string::npos) << text;
  EXPECT_NE(text.find("        zlib: \">=1.2.13.dfsg\"\n"), std::string::npos) << text;
  auto gone = remove_from_set(fs::real_file_system(), o.set, "tzdata", "2026a");
  ASSERT_TRUE(gone) << test::error_of(gone);
  EXPECT_EQ(dir.read("sets/up.yaml").find("2026a"), std::string::npos);
}

}  // namespace
}  // namespace pinset::app
