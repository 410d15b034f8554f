#pragma once
// One nginx per test program, serving a folder of known files, shared by the tests of core/net.

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "core/crypto/digest.hpp"
#include "core/net/fetcher.hpp"
#include "tests/support/nginx_fixture.hpp"
#include "tests/support/process.hpp"

namespace pinset::net::fixture {

struct NetSite {
  test::TempDir root;
  std::map<std::string, std::string> files;  // path under root -> content
  std::unique_ptr<test::NginxFixture> nginx;

  static constexpr int k_many = 50;
  static std::string many(int i) { return "many/file-" + std::to_string(i) + ".bin"; }

  NetSite() {
    files["hello.txt"] = "hello, world\n";
    files["empty.txt"] = "";
    // Deterministic, incompressible-looking bytes of assorted sizes (some span many TLS records).
    std::uint32_t x = 2463534242u;
    auto bytes = [&x](std::size_t n) {
      std::string out(n, '\0');
      for (char& c : out) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = static_cast<char>(x & 0xff);
      }
      return out;
    };
    files["data/blob.bin"] = bytes(3 << 20);
    for (int i = 0; i < k_many; ++i)
      files[many(i)] = bytes(static_cast<std::size_t>(i) * 4001 + 1);
    for (const auto& [path, content] : files)
      root.write(path, content);
    nginx = std::make_unique<test::NginxFixture>(root.path());
  }
};

// Started on first use, stopped when the test program exits.
inline NetSite& site() {
  static NetSite s;
  return s;
}

inline crypto::Checksum sha256_of(const std::string& path) {
  return crypto::sha256(site().files.at(path));
}

// Short timeouts and backoff, so failures that take time take little of it.
inline FetchOptions test_options() {
  FetchOptions o;
  o.connect_timeout_s = 5;
  o.low_speed_time_s = 1;
  o.retry_delay = std::chrono::milliseconds(20);
  return o;
}

// What a failed fetch printed: "code: message | hint".
inline std::string describe(const Result<FetchResult>& r) {
  if (r) return "ok: " + r->url;
  return r.error().code + ": " + r.error().message + " | " + r.error().hint;
}

}  // namespace pinset::net::fixture
