#include "core/net/fetcher.hpp"

#include <gtest/gtest.h>

#include <set>

#include "tests/net/net_site.hpp"
#include "tests/support/bad_server.hpp"

namespace pinset::net {
namespace {

using fixture::describe;
using fixture::NetSite;
using fixture::sha256_of;
using fixture::site;
using fixture::test_options;

TEST(Fetcher, DownloadsOverHttpsWithTheGivenCaAndVerifiesTheChecksum) {
  FetchOptions options = test_options();
  options.ca_file = site().nginx->ca_file();
  auto fetcher = make_curl_fetcher(options);
  FetchRequest request{site().nginx->https_url("data/blob.bin"), sha256_of("data/blob.bin"),
                       3u << 20, std::nullopt, "blob 1.0.0"};
  auto r = fetch_one(*fetcher, request);
  ASSERT_TRUE(r) << describe(r);
  EXPECT_EQ(r->url, request.url);
  EXPECT_TRUE(r->body == site().files.at("data/blob.bin"));
  EXPECT_EQ(r->digest, sha256_of("data/blob.bin"));
}

TEST(Fetcher, DigestUsesTheExpectedAlgorithm) {
  FetchOptions options = test_options();
  options.ca_file = site().nginx->ca_file();
  auto fetcher = make_curl_fetcher(options);
  auto expected = crypto::digest(crypto::DigestAlgo::sha512, "hello, world\n");
  auto r = fetch_one(*fetcher, {site().nginx->https_url("hello.txt"), expected});
  ASSERT_TRUE(r) << describe(r);
  EXPECT_EQ(r->digest, expected);
  // Without an expected checksum, the digest is sha256.
  auto plain = fetch_one(*fetcher, {site().nginx->https_url("hello.txt")});
  ASSERT_TRUE(plain) << describe(plain);
  EXPECT_EQ(plain->digest, crypto::sha256("hello, world\n"));
}

TEST(Fetcher, DownloadsOverPlainHttpAndEmptyBodies) {
  auto fetcher = make_curl_fetcher(test_options());
  auto r = fetch_one(*fetcher, {site().nginx->http_url("hello.txt"), sha256_of("hello.txt")});
  ASSERT_TRUE(r) << describe(r);
  EXPECT_EQ(r->body, "hello, world\n");
  auto empty =
      fetch_one(*fetcher, {site().nginx->http_url("empty.txt"), sha256_of("empty.txt"), 0});
  ASSERT_TRUE(empty) << describe(empty);
  EXPECT_EQ(empty->body, "");
}

TEST(Fetcher, PlainHttpCanBeForbidden) {
  FetchOptions options = test_options();
  options.allow_insecure_http = false;
  test::BadServer server;
  auto fetcher = make_curl_fetcher(options);
  auto r = fetch_one(
      *fetcher, {server.url("a.tgz"), std::nullopt, std::nullopt, std::nullopt, "netlib 1.4.0"});
  EXPECT_EQ(describe(r), "insecure-url: cannot download netlib 1.4.0 from \"" +
                             server.url("a.tgz") +
                             "\": plain http is not allowed | use an https:// URL");
  EXPECT_EQ(server.connections(), 0u);
}

TEST(Fetcher, RefusesOtherSchemesWithoutAnyRequest) {
  test::BadServer server;
  std::string port = std::to_string(server.port());
  auto fetcher = make_curl_fetcher(test_options());
  std::vector<FetchRequest> requests = {
      {"ftp://127.0.0.1:" + port + "/a.tgz", std::nullopt, std::nullopt, std::nullopt, "a 1.0.0"},
      {"GOPHER://127.0.0.1:" + port + "/b", std::nullopt, std::nullopt, std::nullopt, "b 1.0.0"},
      {"127.0.0.1:" + port + "/c", std::nullopt, std::nullopt, std::nullopt, ""},
  };
  std::vector<std::string> got(requests.size());
  fetcher->fetch_all(requests, [&](std::size_t i, Result<FetchResult> r) { got[i] = describe(r); });
  const std::string hint = " | use an https:// URL (or file:// for a local mirror)";
  EXPECT_EQ(got[0], "unsupported-scheme: cannot download a 1.0.0 from \"ftp://127.0.0.1:" + port +
                        "/a.tgz\": the URL scheme \"ftp\" is not supported (only https, http and "
                        "file are)" +
                        hint);
  EXPECT_EQ(got[1],
            "unsupported-scheme: cannot download b 1.0.0 from \"GOPHER://127.0.0.1:" + port +
                "/b\": the URL scheme \"gopher\" is not supported (only https, http and "
                "file are)" +
                hint);
  EXPECT_EQ(got[2],
            "invalid-url: cannot download \"127.0.0.1:" + port +
                "/c\": the URL is malformed (it has no scheme such as https://) | check the "
                "URL");
  EXPECT_EQ(server.connections(), 0u);
}

TEST(Fetcher, ReadsFileUrls) {
  test::TempDir dir;
  dir.write("mirror/pkg 1.tgz", "archive bytes");
  std::string path = dir.write("mirror/pkg-2.tgz", "archive bytes");
  auto fetcher = make_curl_fetcher(test_options());
  auto r = fetch_one(*fetcher, {"file://" + dir.path() + "/mirror/pkg%201.tgz",
                                crypto::sha256("archive bytes"), 13});
  ASSERT_TRUE(r) << describe(r);
  EXPECT_EQ(r->body, "archive bytes");

  std::string missing = "file://" + dir.path() + "/mirror/missing.tgz";
  auto m = fetch_one(*fetcher, {missing, std::nullopt, std::nullopt, std::nullopt, "pkg 1.0.0"});
  EXPECT_EQ(describe(m), "file-read: cannot download pkg 1.0.0 from \"" + missing +
                             "\": the file does not exist or cannot be read | check the path in "
                             "the URL");

  auto big = fetch_one(*fetcher, {"file://" + path, std::nullopt, std::nullopt, 5});
  EXPECT_EQ(describe(big), "too-large: cannot download \"file://" + path +
                               "\": the server announces 13 bytes, more than the limit of 5 bytes "
                               "| the server sends more than the package set allows: check the "
                               "URL or ask the set's curators");
}

TEST(Fetcher, ManyParallelDownloadsAllArriveIntact) {
  FetchOptions options = test_options();
  options.ca_file = site().nginx->ca_file();
  options.jobs = 8;
  std::size_t progress_calls = 0;
  std::set<std::size_t> progressed;
  options.on_progress = [&](const Progress& p) {
    ++progress_calls;
    progressed.insert(p.index);
    EXPECT_LE(p.received, p.total);
  };
  auto fetcher = make_curl_fetcher(options);
  std::vector<FetchRequest> requests;
  for (int i = 0; i < NetSite::k_many; ++i) {
    std::string path = NetSite::many(i);
    requests.push_back({(i % 2 ? site().nginx->https_url(path) : site().nginx->http_url(path)),
                        sha256_of(path), site().files.at(path).size()});
  }
  std::vector<int> done(requests.size(), 0);
  fetcher->fetch_all(requests, [&](std::size_t i, Result<FetchResult> r) {
    ASSERT_LT(i, requests.size());
    ++done[i];
    ASSERT_TRUE(r) << describe(r);
    EXPECT_TRUE(r->body == site().files.at(NetSite::many(static_cast<int>(i))));
  });
  EXPECT_EQ(done, std::vector<int>(requests.size(), 1));
  EXPECT_EQ(progressed.size(), requests.size());
  EXPECT_GE(progress_calls, requests.size());

  // The same fetcher serves a second batch (reusing its connections).
  std::size_t second = 0;
  fetcher->fetch_all(requests, [&](std::size_t, Result<FetchResult> r) {
    EXPECT_TRUE(r) << describe(r);
    ++second;
  });
  EXPECT_EQ(second, requests.size());
}

// Two batches of 50 through one fetcher, counted in a fresh nginx's access log.
std::vector<test::AccessLogEntry> fetch_many_twice(const test::NginxFixture& server, bool https) {
  FetchOptions options = test_options();
  options.ca_file = server.ca_file();
  options.jobs = 8;
  auto fetcher = make_curl_fetcher(options);
  std::vector<FetchRequest> requests;
  for (int i = 0; i < NetSite::k_many; ++i) {
    std::string path = NetSite::many(i);
    requests.push_back({https ? server.https_url(path) : server.http_url(path), sha256_of(path)});
  }
  for (int batch = 0; batch < 2; ++batch) {
    fetcher->fetch_all(requests,
                       [&](std::size_t, Result<FetchResult> r) { EXPECT_TRUE(r) << describe(r); });
  }
  return server.access_log(2 * requests.size());
}

TEST(Fetcher, HttpsDownloadsShareOneHttp2Connection) {
  test::NginxFixture server(site().root.path());
  auto log = fetch_many_twice(server, true);
  ASSERT_EQ(log.size(), 2u * NetSite::k_many);
  std::set<std::uint64_t> connections;
  for (const auto& e : log) {
    EXPECT_EQ(e.protocol, "HTTP/2.0") << e.uri;
    EXPECT_EQ(e.status, 200) << e.uri;
    connections.insert(e.connection);
  }
  EXPECT_EQ(connections.size(), 1u);
}

TEST(Fetcher, HttpDownloadsReuseAtMostJobsConnections) {
  test::NginxFixture server(site().root.path());
  auto log = fetch_many_twice(server, false);
  ASSERT_EQ(log.size(), 2u * NetSite::k_many);
  std::set<std::uint64_t> connections;
  for (const auto& e : log) {
    EXPECT_EQ(e.protocol, "HTTP/1.1") << e.uri;
    connections.insert(e.connection);
  }
  EXPECT_LE(connections.size(), 8u);
}

TEST(Fetcher, AnExceptionFromOnDoneAbandonsTheRest) {
  FetchOptions options = test_options();
  options.ca_file = site().nginx->ca_file();
  auto fetcher = make_curl_fetcher(options);
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 20; ++i)
    requests.push_back({site().nginx->https_url(NetSite::many(i))});
  EXPECT_THROW(
      fetcher->fetch_all(
          requests, [](std::size_t, Result<FetchResult>) { throw std::runtime_error("stop"); }),
      std::runtime_error);
  // The fetcher is still usable.
  auto r = fetch_one(*fetcher, {site().nginx->https_url("hello.txt"), sha256_of("hello.txt")});
  EXPECT_TRUE(r) << describe(r);
}

TEST(Fetcher, AnExceptionFromOnProgressPropagates) {
  FetchOptions options = test_options();
  options.ca_file = site().nginx->ca_file();
  options.on_progress = [](const Progress& p) {
    if (p.received > 1000) throw std::length_error("enough");
  };
  auto fetcher = make_curl_fetcher(options);
  EXPECT_THROW(fetch_one(*fetcher, {site().nginx->https_url("data/blob.bin")}), std::length_error);
  auto r = fetch_one(*fetcher, {site().nginx->https_url("hello.txt"), sha256_of("hello.txt")});
  EXPECT_TRUE(r) << describe(r);
}

}  // namespace
}  // namespace pinset::net
