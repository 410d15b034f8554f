// TLS verification is always on: each certificate problem is refused with a clear reason.

#include <gtest/gtest.h>

#include "core/net/fetcher.hpp"
#include "tests/net/net_site.hpp"

namespace pinset::net {
namespace {

using fixture::describe;
using fixture::site;
using fixture::test_options;

const std::string k_tls_hint =
    " | pass --cacert FILE (or set PINSET_CA_BUNDLE) if the server uses a private CA; a "
    "certificate that expired or names another host must be fixed on the server";

Result<FetchResult> fetch_with_ca(const std::string& url, const std::string& ca_file) {
  FetchOptions options = test_options();
  options.ca_file = ca_file;
  auto fetcher = make_curl_fetcher(options);
  return fetch_one(*fetcher, {url, std::nullopt, std::nullopt, std::nullopt, "netlib 1.4.0"});
}

TEST(FetcherTls, WithoutTheCaTheServerIsNotTrusted) {
  std::string url = site().nginx->https_url("hello.txt");
  EXPECT_EQ(describe(fetch_with_ca(url, "")),
            "tls: cannot download netlib 1.4.0 from \"" + url +
                "\": the server's certificate is not trusted (SSL certificate problem: unable to "
                "get local issuer certificate)" +
                k_tls_hint);
}

TEST(FetcherTls, CertificateForAnotherNameIsRefused) {
  std::string url = site().nginx->wrong_name_url("hello.txt");
  EXPECT_EQ(describe(fetch_with_ca(url, site().nginx->ca_file())),
            "tls: cannot download netlib 1.4.0 from \"" + url +
                "\": the server's certificate is not trusted (SSL: no alternative certificate "
                "subject name matches target host name '127.0.0.1')" +
                k_tls_hint);
}

TEST(FetcherTls, ExpiredCertificateIsRefused) {
  std::string url = site().nginx->expired_url("hello.txt");
  EXPECT_EQ(describe(fetch_with_ca(url, site().nginx->ca_file())),
            "tls: cannot download netlib 1.4.0 from \"" + url +
                "\": the server's certificate is not trusted (SSL certificate problem: "
                "certificate has expired)" +
                k_tls_hint);
}

TEST(FetcherTls, UnreadableCaFileIsReported) {
  std::string url = site().nginx->https_url("hello.txt");
  test::TempDir dir;
  std::string missing = dir.path() + "/no-such-ca.pem";
  EXPECT_EQ(describe(fetch_with_ca(url, missing)),
            "tls: cannot download netlib 1.4.0 from \"" + url +
                "\": the CA file cannot be used (error setting certificate file: " + missing +
                ") | check the --cacert file: it must hold PEM certificates");
}

TEST(FetcherTls, TlsFailuresAreNotRetried) {
  FetchOptions options = test_options();
  options.retries = 3;
  auto fetcher = make_curl_fetcher(options);
  auto r = fetch_one(*fetcher, {site().nginx->https_url("hello.txt")});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "tls");
  EXPECT_EQ(r.error().message.find("attempts"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace pinset::net
