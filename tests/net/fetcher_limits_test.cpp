// Size ceilings, exact sizes and checksums are enforced on the bytes as they arrive, and a
// mismatch is never retried.

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

const std::string k_too_large_hint =
    " | the server sends more than the package set allows: check the URL or ask the set's "
    "curators";
const std::string k_size_hint =
    " | the artifact changed upstream or the server is misbehaving: ask the set's curators";

FetchRequest request(std::string url, std::optional<std::uint64_t> exact,
                     std::optional<std::uint64_t> max) {
  return {std::move(url), std::nullopt, exact, max, "netlib 1.4.0"};
}

std::unique_ptr<Fetcher> fetcher() {
  FetchOptions options = test_options();
  options.ca_file = site().nginx->ca_file();
  return make_curl_fetcher(options);
}

TEST(FetcherLimits, EndlessBodyIsCutAtMaxBytes) {
  test::BadServer server;
  server.route("/endless", {{.mode = test::BadServer::Mode::endless}});
  std::string url = server.url("endless");
  EXPECT_EQ(describe(fetch_one(*fetcher(), request(url, std::nullopt, 100000))),
            "too-large: cannot download netlib 1.4.0 from \"" + url +
                "\": the body is longer than the limit of 100000 bytes" + k_too_large_hint);

  FetchOptions options = test_options();
  options.default_max_bytes = 50000;
  auto with_default = make_curl_fetcher(options);
  EXPECT_EQ(describe(fetch_one(*with_default, request(url, std::nullopt, std::nullopt))),
            "too-large: cannot download netlib 1.4.0 from \"" + url +
                "\": the body is longer than the limit of 50000 bytes" + k_too_large_hint);

  EXPECT_EQ(describe(fetch_one(*fetcher(), request(url, 10, std::nullopt))),
            "size-mismatch: cannot download netlib 1.4.0 from \"" + url +
                "\": the body is longer than the expected 10 bytes" + k_size_hint);
  EXPECT_EQ(server.requests("/endless"), 3u);
}

TEST(FetcherLimits, AnnouncedLengthOverTheLimitIsRefusedAtOnce) {
  std::string url = site().nginx->https_url("data/blob.bin");
  EXPECT_EQ(describe(fetch_one(*fetcher(), request(url, std::nullopt, 1 << 20))),
            "too-large: cannot download netlib 1.4.0 from \"" + url +
                "\": the server announces 3145728 bytes, more than the limit of 1048576 bytes" +
                k_too_large_hint);
}

TEST(FetcherLimits, ExactSizeMismatch) {
  std::string big = site().nginx->https_url("data/blob.bin");
  EXPECT_EQ(describe(fetch_one(*fetcher(), request(big, 1000, std::nullopt))),
            "size-mismatch: cannot download netlib 1.4.0 from \"" + big +
                "\": the server announces 3145728 bytes, not the expected 1000 bytes" +
                k_size_hint);
  std::string small = site().nginx->https_url("hello.txt");
  EXPECT_EQ(describe(fetch_one(*fetcher(), request(small, 100, std::nullopt))),
            "size-mismatch: cannot download netlib 1.4.0 from \"" + small +
                "\": the body is 13 bytes, not the expected 100" + k_size_hint);
  // The exact size overrides a smaller max_bytes.
  auto ok = fetch_one(*fetcher(), request(small, 13, 5));
  EXPECT_TRUE(ok) << describe(ok);
}

TEST(FetcherLimits, ChecksumMismatchNamesBothAndIsNotRetried) {
  test::BadServer server;
  server.route("/a.tgz", {{.body = "tampered bytes"}});
  FetchOptions options = test_options();
  options.retries = 3;
  auto f = make_curl_fetcher(options);
  auto expected = crypto::sha256("original bytes");
  std::string url = server.url("a.tgz");
  EXPECT_EQ(describe(fetch_one(*f, {url, expected, std::nullopt, std::nullopt, "netlib 1.4.0"})),
            "checksum-mismatch: cannot download netlib 1.4.0 from \"" + url +
                "\": its checksum is " + crypto::sha256("tampered bytes").str() +
                ", not the expected " + expected.str() +
                " | the artifact changed upstream or was tampered with: do not use it, and ask "
                "the set's curators");
  EXPECT_EQ(server.requests("/a.tgz"), 1u);
}

TEST(FetcherLimits, SizeMismatchIsNotRetried) {
  test::BadServer server;
  server.route("/a.tgz", {{.body = "0123456789"}});
  FetchOptions options = test_options();
  options.retries = 3;
  auto f = make_curl_fetcher(options);
  auto r = fetch_one(*f, request(server.url("a.tgz"), 5, std::nullopt));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "size-mismatch");
  EXPECT_EQ(server.requests("/a.tgz"), 1u);
}

}  // namespace
}  // namespace pinset::net
