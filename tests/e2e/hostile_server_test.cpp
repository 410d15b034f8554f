// End-to-end: misbehaving servers through `pinset install`. The set (a local file) lists libfoo,
// installed from a file:// URL, and "remote", whose artifact URL points at a server that
// misbehaves: a real nginx (redirect loop, https -> http, a certificate for another name, an
// expired certificate) or BadServer (endless body, stall, wrong body, short body). Each: exit 2
// with the exact error, nothing installed from it, the previous install and lock unchanged.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "core/crypto/digest.hpp"
#include "tests/support/archive_builder.hpp"
#include "tests/support/bad_server.hpp"
#include "tests/support/nginx_fixture.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Drops pinset's plain progress lines from stderr, keeping diagnostics.
std::string diagnostics(const std::string& err) {
  std::string out;
  std::size_t start = 0;
  while (start < err.size()) {
    std::size_t end = err.find('\n', start);
    end = end == std::string::npos ? err.size() : end + 1;
    const std::string line = err.substr(start, end - start);
    if (line.rfind("downloading ", 0) != 0 && line.rfind("fetched ", 0) != 0) out += line;
    start = end;
  }
  return out;
}

// The servers every case can use, started once for the whole program.
struct Servers {
  TempDir root;
  std::string artifact;  // the genuine artifact of remote 1.0.0
  std::string flipped;   // the artifact with one bit changed
  std::unique_ptr<NginxFixture> nginx;
  BadServer bad;

  Servers() {
    artifact = ArchiveBuilder().file("pkg/remote.txt", "genuine\n").build();
    root.write("remote-1.0.0.tgz", artifact);
    nginx = std::make_unique<NginxFixture>(root.path());
    bad.route("/endless.tgz", {{.body = "x", .mode = BadServer::Mode::endless}});
    bad.route("/stall.tgz", {{.body = artifact, .mode = BadServer::Mode::stall}});
    bad.route("/wrong.tgz", {{.body = ArchiveBuilder().file("pkg/remote.txt", "evil\n").build()}});
    flipped = artifact;
    flipped[flipped.size() / 2] ^= 1;
    bad.route("/flipped.tgz", {{.body = flipped}});
    bad.route("/short.tgz", {{.body = artifact, .mode = BadServer::Mode::short_body}});
    bad.route("/long.tgz", {{.body = artifact, .mode = BadServer::Mode::long_body}});
    bad.route("/trickle.tgz", {{.body = artifact, .mode = BadServer::Mode::trickle, .rate = 4}});
    bad.route("/big-header.tgz",
              {{.body = artifact, .headers = {{"X-Big", std::string(1 << 20, 'a')}}}});
  }
};

Servers& servers() {
  static Servers* s = new Servers();  // lives as long as the program; nginx dies with it
  return *s;
}

struct ServerCase {
  const char* name;
  std::function<std::string()> url;
  std::string error;  // the whole of stderr (progress aside), with <url>, <sum>, ... placeholders
};

void PrintTo(const ServerCase& c, std::ostream* os) {
  *os << c.name;
}

const ServerCase k_cases[] = {
    {"EndlessBody", [] { return servers().bad.url("endless.tgz"); },
     "error: cannot download remote 1.0.0 from \"<url>\": the body is longer than the expected 113 "
     "bytes\n"
     "  help: the artifact changed upstream or the server is misbehaving: ask the set's "
     "curators\n"},
    {"StalledConnection", [] { return servers().bad.url("stall.tgz"); },
     "error: cannot download remote 1.0.0 from \"<url>\": the transfer stalled (nothing received "
     "for 2 s), after 3 attempts\n"
     "  help: check the network connection or the mirror, then try again\n"},
    // 4 bytes/s is alive but far under the minimum rate: stopped after one window, not retried.
    {"TrickleAtFourBytesPerSecond", [] { return servers().bad.url("trickle.tgz"); },
     "error: cannot download remote 1.0.0 from \"<url>\": the transfer is too slow: <rate> bytes/s "
     "over the last 2 s, under the minimum of 1024 bytes/s\n"
     "  help: the server or the network is too slow: use another mirror, or lower the minimum "
     "with --min-rate\n"},
    {"BodyLongerThanContentLength", [] { return servers().bad.url("long.tgz"); },
     "error: cannot download remote 1.0.0 from \"<url>\": the server sent more than the 56 bytes "
     "its Content-Length announced\n"
     "  help: the server is misbehaving: check the URL or use another mirror\n"},
    {"ResponseHeaderOfOneMebibyte", [] { return servers().bad.url("big-header.tgz"); },
     "error: cannot download remote 1.0.0 from \"<url>\": the server's response headers are "
     "larger than 100 KiB\n"
     "  help: the server is misbehaving: check the URL or use another mirror\n"},
    {"WrongBody", [] { return servers().bad.url("wrong.tgz"); },
     "error: cannot download remote 1.0.0 from \"<url>\": the body is 109 bytes, not the expected "
     "113\n"
     "  help: the artifact changed upstream or the server is misbehaving: ask the set's "
     "curators\n"},
    {
        "WrongBodyOfTheRightSize",
        [] { return servers().bad.url("flipped.tgz"); },
        "error: cannot download remote 1.0.0 from \"<url>\": its checksum is <flipped-sum>, not "
        "the expected <sum>\n"
        "  help: the artifact changed upstream or was tampered with: do not use it, and ask the "
        "set's curators\n",
    },
    {"BodyShorterThanContentLength", [] { return servers().bad.url("short.tgz"); },
     "error: cannot download remote 1.0.0 from \"<url>\": the connection closed after 56 of 113 "
     "bytes, after 3 attempts\n"
     "  help: check the network connection or the mirror, then try again\n"},
    {"RedirectLoop", [] { return servers().nginx->https_url("redirect/loop"); },
     "error: cannot download remote 1.0.0 from \"<url>\": it redirects more than 5 times (the last "
     "to \"<url>\")\n"
     "  help: the server redirects in a loop or too deep: check the URL or the mirror\n"},
    {"RedirectFromHttpsToHttp",
     [] { return servers().nginx->https_url("redirect/http/remote-1.0.0.tgz"); },
     "error: cannot download remote 1.0.0 from \"<url>\": it redirects from https to the plain "
     "http URL \"http://<nginx-http>/remote-1.0.0.tgz\"\n"
     "  help: a download that starts on https must stay on https: ask the mirror to fix its "
     "redirect, or point the package set at an https URL\n"},
    {"CertificateForAnotherName",
     [] { return servers().nginx->wrong_name_url("remote-1.0.0.tgz"); },
     "error: cannot download remote 1.0.0 from \"<url>\": the server's certificate is not trusted "
     "(SSL: no alternative certificate subject name matches target host name '127.0.0.1')\n"
     "  help: pass --cacert FILE (or set PINSET_CA_BUNDLE) if the server uses a private CA; a "
     "certificate that expired or names another host must be fixed on the server\n"},
    {"ExpiredCertificate", [] { return servers().nginx->expired_url("remote-1.0.0.tgz"); },
     "error: cannot download remote 1.0.0 from \"<url>\": the server's certificate is not trusted "
     "(SSL certificate problem: certificate has expired)\n"
     "  help: pass --cacert FILE (or set PINSET_CA_BUNDLE) if the server uses a private CA; a "
     "certificate that expired or names another host must be fixed on the server\n"},
};

class HostileServer : public ::testing::TestWithParam<ServerCase> {};

TEST_P(HostileServer, FailsClearlyAndInstallsNothingFromIt) {
  const ServerCase& c = GetParam();
  Servers& s = servers();
  TestProject project;
  TempDir cache;
  std::map<std::string, std::string> env{{"PINSET_CACHE_DIR", cache.path()},
                                         {"PINSET_CA_BUNDLE", s.nginx->ca_file()}};
  project.add({"libfoo", "2.1.0", {{"foo.h", "#define FOO 1\n"}}});
  project.write({{"libfoo", "^2.1.0"}});
  auto first = run_pinset({"install"}, project.app(), env);
  ASSERT_EQ(first.exit_code, 0) << first.err;

  const std::string url = c.url();
  std::ofstream(project.set_dir() + "/set.yaml", std::ios::app)
      << "  remote:\n    - version: 1.0.0\n      checksum: " << crypto::sha256(s.artifact).str()
      << "\n      url: " << url << "\n      size: " << s.artifact.size() << "\n";
  project.dir().write("app/pinset.yaml",
                      "name: testapp\npackage-set:\n  url: ../set/set.yaml\ndependencies:\n"
                      "  libfoo: ^2.1.0\n  remote: 1.0.0\n");
  const auto installed = snapshot(project.app() + "/pinset_packages");
  const std::string lock = read_file(project.app() + "/pinset.lock");

  // The rate is measured over 2 s (a stall is given up after 2 s without a byte, 3 tries), not the
  // default 30 s.
  env["PINSET_STALL_TIMEOUT"] = "2";
  auto r = run_pinset({"install"}, project.app(), env);
  std::string err = replace_all(diagnostics(r.err), url, "<url>");
  err = replace_all(err, "127.0.0.1:" + std::to_string(s.bad.port()), "<bad-server>");
  err = replace_all(err, "127.0.0.1:" + std::to_string(s.nginx->https_port()), "<nginx>");
  err = replace_all(err, "127.0.0.1:" + std::to_string(s.nginx->http_port()), "<nginx-http>");
  err = replace_all(err, crypto::sha256(s.artifact).str(), "<sum>");
  err = replace_all(err, crypto::sha256(s.flipped).str(), "<flipped-sum>");
  err = std::regex_replace(err, std::regex("too slow: [0-9]+ bytes/s"), "too slow: <rate> bytes/s");
  EXPECT_EQ(err, c.error);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(snapshot(project.app() + "/pinset_packages"), installed);
  EXPECT_EQ(read_file(project.app() + "/pinset.lock"), lock);
  // Nothing from the server reached the cache's store.
  for (const auto& [path, what] : snapshot(cache.path())) {
    EXPECT_EQ(what.find("evil"), std::string::npos) << path;
  }
}

INSTANTIATE_TEST_SUITE_P(Servers, HostileServer, ::testing::ValuesIn(k_cases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace pinset::test

namespace pinset::test {
namespace {

TEST(StallTimeout, AnInvalidSettingIsAUsageError) {
  TestProject project;
  project.add({"libfoo", "2.1.0", {{"foo.h", "#define FOO 1\n"}}});
  project.write({{"libfoo", "^2.1.0"}});
  auto r = run_pinset({"install"}, project.app(), {{"PINSET_STALL_TIMEOUT", "15s"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: PINSET_STALL_TIMEOUT is \"15s\", not a whole number from 1 to 3600\n"
            "  help: set it to e.g. 60, or unset it for the default of 30\n");
  r = run_pinset({"install"}, project.app(), {{"PINSET_MIN_RATE", "0"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: PINSET_MIN_RATE is \"0\", not a whole number from 1 to 1073741824\n"
            "  help: set it to e.g. 512, or unset it for the default of 1024\n");
  EXPECT_FALSE(project.dir().exists("app/pinset_packages"));
}

// The transfer settings are read once, for every command that downloads, not only install.
TEST(StallTimeout, EveryCommandThatDownloadsReadsTheSameSettings) {
  TestProject project;
  project.add({"libfoo", "2.1.0", {{"foo.h", "#define FOO 1\n"}}});
  project.write({{"libfoo", "^2.1.0"}});
  ASSERT_EQ(run_pinset({"install"}, project.app()).exit_code, 0);
  const std::string expected =
      "error: PINSET_STALL_TIMEOUT is \"15s\", not a whole number from 1 to 3600\n"
      "  help: set it to e.g. 60, or unset it for the default of 30\n";
  const std::vector<std::vector<std::string>> commands = {
      {"upgrade", "--set", "../set/set.yaml", "--dry-run"},
      {"set", "mirror", "../set/set.yaml", "--to", "mirror"},
      {"set", "validate", "../set/set.yaml", "--fetch"},
      {"policy", "check"},
      {"sbom"},
      {"why", "libfoo"},
      {"tree"}};
  for (const auto& command : commands) {
    auto r = run_pinset(command, project.app(), {{"PINSET_STALL_TIMEOUT", "15s"}});
    EXPECT_EQ(r.exit_code, 2) << command[0] << " " << r.out;
    EXPECT_EQ(r.err, expected) << command[0];
  }
  EXPECT_FALSE(project.dir().exists("app/mirror"));
}

}  // namespace
}  // namespace pinset::test
