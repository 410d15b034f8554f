// Redirects are followed hop by hop, bounded, and never from https down to plain http.

#include <gtest/gtest.h>

#include "core/net/fetcher.hpp"
#include "tests/net/net_site.hpp"
#include "tests/support/bad_server.hpp"

namespace pinset::net {
namespace {

using fixture::describe;
using fixture::sha256_of;
using fixture::site;
using fixture::test_options;

const std::string k_insecure_hint =
    " | a download that starts on https must stay on https: ask the mirror to fix its redirect, "
    "or point the package set at an https URL";

std::unique_ptr<Fetcher> fetcher_with(int max_redirects = 5) {
  FetchOptions options = test_options();
  options.ca_file = site().nginx->ca_file();
  options.max_redirects = max_redirects;
  return make_curl_fetcher(options);
}

FetchRequest hello(std::string url) {
  return {std::move(url), sha256_of("hello.txt"), std::nullopt, std::nullopt, "hello 1.0.0"};
}

TEST(FetcherRedirect, FollowsHttpsToHttpsAndReportsTheFinalUrl) {
  auto fetcher = fetcher_with();
  auto r = fetch_one(*fetcher, hello(site().nginx->https_url("redirect/https/hello.txt")));
  ASSERT_TRUE(r) << describe(r);
  EXPECT_EQ(r->url, site().nginx->https_url("hello.txt"));
  EXPECT_EQ(r->body, "hello, world\n");
}

TEST(FetcherRedirect, FollowsHttpUpToHttps) {
  auto fetcher = fetcher_with();
  auto r = fetch_one(*fetcher, hello(site().nginx->http_url("redirect/https/hello.txt")));
  ASSERT_TRUE(r) << describe(r);
  EXPECT_EQ(r->url, site().nginx->https_url("hello.txt"));
}

TEST(FetcherRedirect, RefusesHttpsToHttp) {
  auto fetcher = fetcher_with();
  std::string url = site().nginx->https_url("redirect/http/hello.txt");
  EXPECT_EQ(describe(fetch_one(*fetcher, hello(url))),
            "insecure-redirect: cannot download hello 1.0.0 from \"" + url +
                "\": it redirects from https to the plain http URL \"" +
                site().nginx->http_url("hello.txt") + "\"" + k_insecure_hint);
}

TEST(FetcherRedirect, RefusesHttpsToHttpFurtherDownTheChain) {
  auto fetcher = fetcher_with();
  // http -> https -> http: the second hop leaves https.
  std::string url = site().nginx->http_url("redirect/https/redirect/http/hello.txt");
  EXPECT_EQ(describe(fetch_one(*fetcher, hello(url))),
            "insecure-redirect: cannot download hello 1.0.0 from \"" + url + "\": \"" +
                site().nginx->https_url("redirect/http/hello.txt") +
                "\" redirects from https to the plain http URL \"" +
                site().nginx->http_url("hello.txt") + "\"" + k_insecure_hint);
}

TEST(FetcherRedirect, LoopIsBounded) {
  auto fetcher = fetcher_with(5);
  std::string url = site().nginx->https_url("redirect/loop");
  EXPECT_EQ(describe(fetch_one(*fetcher, hello(url))),
            "too-many-redirects: cannot download hello 1.0.0 from \"" + url +
                "\": it redirects more than 5 times (the last to \"" + url +
                "\") | the server redirects in a loop or too deep: check the URL or the mirror");
}

TEST(FetcherRedirect, MaxRedirectsCountsHops) {
  std::string two_hops = site().nginx->https_url("redirect/https/redirect/https/hello.txt");
  auto ok = fetch_one(*fetcher_with(2), hello(two_hops));
  EXPECT_TRUE(ok) << describe(ok);
  auto refused = fetch_one(*fetcher_with(1), hello(two_hops));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "too-many-redirects");
  auto none =
      fetch_one(*fetcher_with(0), hello(site().nginx->https_url("redirect/https/hello.txt")));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, "too-many-redirects");
}

TEST(FetcherRedirect, RefusesRedirectsToFileUrlsAndMissingLocations) {
  test::BadServer server;
  server.route("/to-file", {{.status = 302, .headers = {{"Location", "file:///etc/passwd"}}}});
  server.route("/nowhere", {{.status = 302}});
  server.route("/relative", {{.status = 301, .headers = {{"Location", "../final?x=1"}}}});
  server.route("/final?x=1", {{.body = "hello, world\n"}});
  auto fetcher = fetcher_with();
  EXPECT_EQ(describe(fetch_one(*fetcher, hello(server.url("to-file")))),
            "unsupported-scheme: cannot download hello 1.0.0 from \"" + server.url("to-file") +
                "\": it redirects to \"file:///etc/passwd\", and only redirects to https or http "
                "are followed | check the URL or the mirror");
  EXPECT_EQ(describe(fetch_one(*fetcher, hello(server.url("nowhere")))),
            "http-status: cannot download hello 1.0.0 from \"" + server.url("nowhere") +
                "\": the server answered HTTP 302 without a usable Location | check the URL or "
                "the mirror");
  auto relative = fetch_one(*fetcher, hello(server.url("relative")));
  ASSERT_TRUE(relative) << describe(relative);
  EXPECT_EQ(relative->url, server.url("final?x=1"));
  EXPECT_EQ(server.requests("/final?x=1"), 1u);
}

}  // namespace
}  // namespace pinset::net
