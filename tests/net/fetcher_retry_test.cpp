// Transient failures are retried with backoff; everything else fails on the first attempt.

#include <gtest/gtest.h>

#include "core/net/fetcher.hpp"
#include "tests/net/net_site.hpp"
#include "tests/support/bad_server.hpp"

namespace pinset::net {
namespace {

using fixture::describe;
using fixture::test_options;
using Mode = test::BadServer::Mode;

const std::string k_network_hint = " | check the network connection or the mirror, then try again";

std::unique_ptr<Fetcher> fetcher(int retries) {
  FetchOptions options = test_options();
  options.retries = retries;
  return make_curl_fetcher(options);
}

FetchRequest request(std::string url) {
  return {std::move(url), std::nullopt, std::nullopt, std::nullopt, "netlib 1.4.0"};
}

TEST(FetcherRetry, ServiceUnavailableThenSuccess) {
  test::BadServer server;
  server.route("/a.tgz", {{.status = 503}, {.body = "payload"}});
  auto r = fetch_one(*fetcher(2), {server.url("a.tgz"), crypto::sha256("payload")});
  ASSERT_TRUE(r) << describe(r);
  EXPECT_EQ(r->body, "payload");
  EXPECT_EQ(server.requests("/a.tgz"), 2u);
}

TEST(FetcherRetry, PersistentServerErrorGivesUpAfterTheRetries) {
  test::BadServer server;
  server.route("/a.tgz", {{.status = 503, .body = "busy"}});
  std::string url = server.url("a.tgz");
  EXPECT_EQ(describe(fetch_one(*fetcher(2), request(url))),
            "http-status: cannot download netlib 1.4.0 from \"" + url +
                "\": the server answered HTTP 503, after 3 attempts | the server failed: try "
                "again later or use another mirror");
  EXPECT_EQ(server.requests("/a.tgz"), 3u);
}

TEST(FetcherRetry, NotFoundIsNotRetried) {
  test::BadServer server;
  std::string url = server.url("missing.tgz");
  EXPECT_EQ(describe(fetch_one(*fetcher(3), request(url))),
            "http-status: cannot download netlib 1.4.0 from \"" + url +
                "\": the server answered HTTP 404 | the artifact is not at this URL: check the "
                "URL in the package set or ask the set's curators");
  EXPECT_EQ(server.requests("/missing.tgz"), 1u);
}

TEST(FetcherRetry, StalledTransferTimesOut) {
  test::BadServer server;
  server.route("/stall", {{.body = "never sent", .mode = Mode::stall}});
  std::string url = server.url("stall");
  EXPECT_EQ(describe(fetch_one(*fetcher(1), request(url))),
            "timeout: cannot download netlib 1.4.0 from \"" + url +
                "\": the transfer stalled (nothing received for 1 s), after 2 attempts" +
                k_network_hint);
  EXPECT_EQ(server.requests("/stall"), 2u);
}

TEST(FetcherRetry, ShortBodyIsTruncatedAndRetried) {
  test::BadServer server;
  server.route("/short", {{.body = std::string(100, 'x'), .mode = Mode::short_body},
                          {.body = std::string(100, 'y')}});
  auto r = fetch_one(*fetcher(1), request(server.url("short")));
  ASSERT_TRUE(r) << describe(r);
  EXPECT_EQ(r->body, std::string(100, 'y'));

  server.route("/always-short", {{.body = std::string(100, 'x'), .mode = Mode::short_body}});
  std::string url = server.url("always-short");
  EXPECT_EQ(describe(fetch_one(*fetcher(1), request(url))),
            "truncated: cannot download netlib 1.4.0 from \"" + url +
                "\": the connection closed after 50 of 100 bytes, after 2 attempts" +
                k_network_hint);
  EXPECT_EQ(server.requests("/always-short"), 2u);
}

TEST(FetcherRetry, ConnectionRefusedIsRetried) {
  std::string url;
  {
    test::BadServer gone;  // a port that was just free
    url = gone.url("a.tgz");
  }
  EXPECT_EQ(describe(fetch_one(*fetcher(1), request(url))),
            "network: cannot download netlib 1.4.0 from \"" + url +
                "\": cannot connect to the server, after 2 attempts" + k_network_hint);
}

TEST(FetcherRetry, MixedBatchReportsEachRequestOnce) {
  test::BadServer server;
  server.route("/flaky", {{.status = 500}, {.status = 429}, {.body = "flaky"}});
  server.route("/ok", {{.body = "ok"}});
  FetchOptions options = test_options();
  options.jobs = 2;
  auto f = make_curl_fetcher(options);
  std::vector<FetchRequest> requests = {request(server.url("flaky")), request(server.url("gone")),
                                        request(server.url("ok")), request("ftp://x/y")};
  std::vector<std::string> got(requests.size());
  f->fetch_all(requests, [&](std::size_t i, Result<FetchResult> r) {
    EXPECT_EQ(got[i], "") << "reported twice: " << i;
    got[i] = r ? "body " + r->body : r.error().code;
  });
  EXPECT_EQ(got, (std::vector<std::string>{"body flaky", "http-status", "body ok",
                                           "unsupported-scheme"}));
  EXPECT_EQ(server.requests("/flaky"), 3u);
  EXPECT_EQ(server.requests("/gone"), 1u);
}

}  // namespace
}  // namespace pinset::net
