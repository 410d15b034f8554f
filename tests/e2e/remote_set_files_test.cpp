// End-to-end: a package set fetched over http(s) never makes pinset read a local file, and a
// file:// artifact is read only when it is a regular file (a FIFO or /dev/zero is refused at once).
// Issue 10 item 6.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <memory>
#include <string>

#include "core/crypto/digest.hpp"
#include "tests/support/archive_builder.hpp"
#include "tests/support/nginx_fixture.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

class RemoteSetFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    artifact = ArchiveBuilder().file("pkg/secret.txt", "local\n").build();
    secret = root.write("local/secret.tgz", artifact);
    nginx = std::make_unique<NginxFixture>(root.path() + "/www");
  }
  // Publishes a set listing `url` for secret 1.0.0 (with the artifact's real checksum), and a
  // project using the set at `set_url`.
  void publish(const std::string& url, const std::string& set_url) {
    root.write("www/set.yaml",
               "format: 1\nname: acme\nserial: 1\npackages:\n  secret:\n"
               "    - version: 1.0.0\n      checksum: " +
                   crypto::sha256(artifact).str() + "\n      url: " + url + "\n");
    root.write("app/pinset.yaml",
               "name: app\npackage-set:\n  url: " + set_url + "\ndependencies:\n  secret: 1.0.0\n");
  }
  ProcessResult install() {
    return run_pinset({"install"}, root.path() + "/app",
                      {{"PINSET_CACHE_DIR", cache.path()},
                       {"PINSET_CA_BUNDLE", nginx->ca_file()},
                       {"PINSET_STALL_TIMEOUT", "2"}});
  }

  TempDir root;
  TempDir cache;
  std::string artifact;
  std::string secret;
  std::unique_ptr<NginxFixture> nginx;
};

TEST_F(RemoteSetFiles, AnHttpsSetCannotNameALocalFile) {
  std::string set_url = nginx->https_url("set.yaml");
  publish("file://" + secret, set_url);
  auto r = install();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: " + set_url +
                       ":6: packages.secret[0].url: secret 1.0.0 names the URL \"file://" + secret +
                       "\", but the package set \"" + set_url +
                       "\" was fetched over https, so it may name https artifacts only\n"
                       "  help: ask the set's curators to publish the artifact over https; to use "
                       "a local copy, map its URL with a mirror (mirrors: in the manifest, or "
                       "--mirror)\n");
  EXPECT_FALSE(root.exists("app/pinset_packages"));
  EXPECT_FALSE(root.exists("app/pinset.lock"));
}

TEST_F(RemoteSetFiles, AnHttpsSetCannotNamePlainHttpAndAnHttpSetsPathsStayOnItsServer) {
  std::string set_url = nginx->https_url("set.yaml");
  std::string http_artifact = nginx->http_url("secret.tgz");
  publish(http_artifact, set_url);
  auto r = install();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: " + set_url +
                       ":6: packages.secret[0].url: secret 1.0.0 names the URL \"" + http_artifact +
                       "\", but the package set \"" + set_url +
                       "\" was fetched over https, so it may name https artifacts only\n"
                       "  help: ask the set's curators to publish the artifact over https; to use "
                       "a local copy, map its URL with a mirror (mirrors: in the manifest, or "
                       "--mirror)\n");

  // In a remote set, a path is a reference relative to the set's own URL (RFC 3986): an absolute
  // path names a file on the same server, never one on this machine.
  std::string http_set = nginx->http_url("set.yaml");
  publish(secret, http_set);
  r = install();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "downloading 1 package\nerror: cannot download secret 1.0.0 from \"" +
                       nginx->http_url(secret.substr(1)) +
                       "\": the server answered HTTP 404\n"
                       "  help: the artifact is not at this URL: check the URL in the package set "
                       "or ask the set's curators\n");
  EXPECT_FALSE(root.exists("app/pinset_packages"));
}

TEST_F(RemoteSetFiles, ALocalSetMayNameAFileButOnlyARegularOne) {
  std::string fifo = root.path() + "/local/pipe.tgz";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  publish("file://" + fifo, "../www/set.yaml");
  auto r = install();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "downloading 1 package\nerror: cannot download secret 1.0.0 from \"file://" +
                       fifo +
                       "\": the path is a FIFO (named pipe), and pinset reads only regular files\n"
                       "  help: a file:// artifact must be a regular file: check the path in the "
                       "URL\n");

  publish("file:///dev/zero", "../www/set.yaml");
  r = install();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "downloading 1 package\nerror: cannot download secret 1.0.0 from "
            "\"file:///dev/zero\": the path is a "
            "character device, and pinset reads only regular files\n"
            "  help: a file:// artifact must be a regular file: check the path in the URL\n");

  publish("file://" + secret, "../www/set.yaml");
  r = install();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(root.path() + "/app/pinset_packages/secret/pkg/secret.txt"), "local\n");
}

TEST_F(RemoteSetFiles, AnArtifactUrlLongerThan8KiBIsRefused) {
  std::string set_url = nginx->https_url("set.yaml");
  std::string long_url = nginx->https_url("a?" + std::string(8192, 'q'));
  publish(long_url, set_url);
  auto r = install();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: " + set_url +
                       ":6: packages.secret[0].url: the artifact URL of secret "
                       "1.0.0 is " +
                       std::to_string(long_url.size()) +
                       " bytes long, more than the limit of 8192 bytes: \"" +
                       long_url.substr(0, 60) +
                       "...\"\n  help: use a shorter URL (a long query string is usually a "
                       "mistake)\n");
}

}  // namespace
}  // namespace pinset::test
