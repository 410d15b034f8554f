// The minimum transfer rate and the size-scaled deadline, the response-header cap, a body longer
// than its Content-Length, and downloads streamed to a file instead of memory (issue 10 items 8
// and 9, and its network "smaller refusals").
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <regex>

#include "core/net/fetcher.hpp"
#include "tests/net/net_site.hpp"
#include "tests/support/bad_server.hpp"

namespace pinset::net {
namespace {

using fixture::describe;
using fixture::test_options;
using Mode = test::BadServer::Mode;

FetchRequest request(std::string url) {
  FetchRequest r;
  r.url = std::move(url);
  r.label = "netlib 1.4.0";
  return r;
}

TEST(FetcherRate, DefaultsStopA4BytesPerSecondServerWellWithin90Seconds) {
  FetchOptions defaults;
  EXPECT_EQ(defaults.low_speed_limit, 1024);  // bytes/s
  EXPECT_EQ(defaults.low_speed_time_s, 30);   // the window
  EXPECT_EQ(defaults.connect_timeout_s, 15);
  EXPECT_EQ(defaults.retries, 2);
  // A live but slow server is stopped after one window and not retried (a stall, which is
  // retried, costs at most 3 windows plus the backoff: 30 + 0.5 + 30 + 1 + 30 s).
  long worst_stall_ms = 3 * defaults.low_speed_time_s * 1000 +
                        static_cast<long>(defaults.retry_delay.count()) * (1 + 2);
  EXPECT_LE(defaults.low_speed_time_s, 90);
  EXPECT_EQ(worst_stall_ms, 91'500);
}

TEST(FetcherRate, ASlowServerIsStoppedAfterOneWindowNamingTheRate) {
  test::BadServer server;
  server.route("/slow", {{.body = "abcdefgh", .mode = Mode::trickle, .rate = 4}});
  FetchOptions options = test_options();
  options.low_speed_time_s = 1;
  auto fetcher = make_curl_fetcher(options);
  std::string url = server.url("slow");
  std::string got = describe(fetch_one(*fetcher, request(url)));
  got = std::regex_replace(got, std::regex("too slow: [0-9]+ bytes/s"), "too slow: <rate> bytes/s");
  EXPECT_EQ(got, "timeout: cannot download netlib 1.4.0 from \"" + url +
                     "\": the transfer is too slow: <rate> bytes/s over the last 1 s, under the "
                     "minimum of 1024 bytes/s | the server or the network is too slow: use "
                     "another mirror, or lower the minimum with --min-rate");
  EXPECT_EQ(server.requests("/slow"), 1u);  // not retried
}

TEST(FetcherRate, TheRateSeenIsReported) {
  test::BadServer server;
  server.route("/slow", {{.body = "abcdefgh", .mode = Mode::trickle, .rate = 50}});
  FetchOptions options = test_options();
  options.low_speed_time_s = 1;
  options.low_speed_limit = 1000;
  auto fetcher = make_curl_fetcher(options);
  auto r = fetch_one(*fetcher, request(server.url("slow")));
  ASSERT_FALSE(r);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.error().message, m, std::regex("too slow: ([0-9]+) bytes/s")))
      << r.error().message;
  int rate = std::stoi(m[1]);
  EXPECT_GT(rate, 0);     // something arrived: slow, not stalled
  EXPECT_LT(rate, 1000);  // under the minimum
}

TEST(FetcherRate, AFastEnoughServerIsNotStopped) {
  test::BadServer server;
  std::string body(4000, 'x');
  server.route("/ok", {{.body = body}});
  FetchOptions options = test_options();
  options.low_speed_limit = 1024;
  auto fetcher = make_curl_fetcher(options);
  auto r = fetch_one(*fetcher, request(server.url("ok")));
  ASSERT_TRUE(r) << describe(r);
  EXPECT_EQ(r->body, body);
  EXPECT_EQ(r->size, body.size());
}

TEST(FetcherBadResponse, AOneMebibyteHeaderIsReportedAsSuch) {
  test::BadServer server;
  server.route("/big", {{.body = "x", .headers = {{"X-Big", std::string(1 << 20, 'a')}}}});
  server.route("/many", {{.body = "x",
                          .headers = std::vector<std::pair<std::string, std::string>>(
                              200, {"X-Many", std::string(1000, 'b')})}});
  auto fetcher = make_curl_fetcher(test_options());
  for (const char* path : {"big", "many"}) {
    std::string url = server.url(path);
    EXPECT_EQ(describe(fetch_one(*fetcher, request(url))),
              "bad-response: cannot download netlib 1.4.0 from \"" + url +
                  "\": the server's response headers are larger than 100 KiB | the server is "
                  "misbehaving: check the URL or use another mirror");
  }
}

TEST(FetcherBadResponse, ABodyLongerThanItsContentLengthIsReportedAsSuch) {
  test::BadServer server;
  server.route("/long", {{.body = "0123456789abcdef", .mode = Mode::long_body}});
  auto fetcher = make_curl_fetcher(test_options());
  std::string url = server.url("long");
  auto r = fetch_one(*fetcher, {url, crypto::sha256("0123456789abcdef"), std::nullopt, std::nullopt,
                                "netlib 1.4.0"});
  EXPECT_EQ(describe(r), "bad-response: cannot download netlib 1.4.0 from \"" + url +
                             "\": the server sent more than the 8 bytes its Content-Length "
                             "announced | the server is misbehaving: check the URL or use another "
                             "mirror");
}

TEST(FetcherUrl, AUrlLongerThan8KiBIsRefusedWithoutARequest) {
  test::BadServer server;
  std::string url = server.url("a?" + std::string(8192, 'q'));
  auto fetcher = make_curl_fetcher(test_options());
  auto r = fetch_one(*fetcher, request(url));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "url-too-long");
  EXPECT_NE(r.error().message.find("\": the URL is " + std::to_string(url.size()) +
                                   " bytes long, more than the limit of 8192 bytes"),
            std::string::npos)
      << r.error().message;
  EXPECT_EQ(server.connections(), 0u);
}

TEST(FetcherFile, OnlyARegularFileIsRead) {
  test::TempDir dir;
  std::string file = dir.write("a.tgz", "bytes");
  std::string fifo = dir.path() + "/pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string link = dir.path() + "/link.tgz";
  std::filesystem::create_symlink(file, link);
  auto fetcher = make_curl_fetcher(test_options());
  const std::string hint =
      " | a file:// artifact must be a regular file: check the path in the URL";
  EXPECT_EQ(describe(fetch_one(*fetcher, request("file://" + fifo))),
            "file-read: cannot download netlib 1.4.0 from \"file://" + fifo +
                "\": the path is a FIFO (named pipe), and pinset reads only regular files" + hint);
  EXPECT_EQ(describe(fetch_one(*fetcher, request("file:///dev/zero"))),
            "file-read: cannot download netlib 1.4.0 from \"file:///dev/zero\": the path is a "
            "character device, and pinset reads only regular files" +
                hint);
  EXPECT_EQ(describe(fetch_one(*fetcher, request("file://" + dir.path()))),
            "file-read: cannot download netlib 1.4.0 from \"file://" + dir.path() +
                "\": the path is a folder, and pinset reads only regular files" + hint);
  EXPECT_EQ(describe(fetch_one(*fetcher, request("file://" + link))),
            "file-read: cannot download netlib 1.4.0 from \"file://" + link +
                "\": the path is a symbolic link, which pinset does not follow | name the file "
                "itself, not a link to it");
  auto ok = fetch_one(*fetcher, request("file://" + file));
  ASSERT_TRUE(ok) << describe(ok);
  EXPECT_EQ(ok->body, "bytes");
}

TEST(FetcherSpool, BodiesGoToAFileInTheSpoolFolderAndFailuresLeaveNone) {
  test::TempDir dir;
  std::string spool = dir.path() + "/spool";
  std::filesystem::create_directory(spool);
  test::BadServer server;
  std::string body(200000, 'z');
  server.route("/a", {{.body = body}});
  server.route("/flipped", {{.body = body + "!"}});
  std::string local = dir.write("local.tgz", body);
  auto fetcher = make_curl_fetcher(test_options());
  for (const std::string& url : {server.url("a"), "file://" + local}) {
    FetchRequest r = request(url);
    r.expected = crypto::sha256(body);
    r.spool_dir = spool;
    auto got = fetch_one(*fetcher, r);
    ASSERT_TRUE(got) << describe(got);
    EXPECT_EQ(got->body, "");
    EXPECT_EQ(got->size, body.size());
    EXPECT_EQ(std::filesystem::path(got->file).parent_path(), spool);
    EXPECT_EQ(test::read_file(got->file), body);
    std::filesystem::remove(got->file);
  }
  FetchRequest bad = request(server.url("flipped"));
  bad.expected = crypto::sha256(body);
  bad.spool_dir = spool;
  EXPECT_EQ(fetch_one(*fetcher, bad).error().code, "checksum-mismatch");
  EXPECT_TRUE(std::filesystem::is_empty(spool));
}

}  // namespace
}  // namespace pinset::net
