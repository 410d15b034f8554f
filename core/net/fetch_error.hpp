#pragma once
// How a failed download is told: the errors of core/net and which of them are worth a retry.
// Internal to core/net.

#include <curl/curl.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/net/fetcher.hpp"

namespace pinset::net::detail {

// A URL in double quotes with control characters escaped. Unlike quote()'s default, elided only
// past 2,048 characters: the end of an artifact URL is usually the part that matters.
std::string show_url(std::string_view url);

// "cannot download <label> from "<url>": <reason>", with `hint`.
Error fetch_error(const FetchRequest& request, std::string code, std::string reason,
                  std::string hint);

// What is known about a transfer that libcurl ended with an error.
struct TransferFacts {
  std::uint64_t received = 0;        // body bytes received
  std::int64_t content_length = -1;  // announced by the server; -1 = unknown
  bool connected = false;            // a connection was established
  std::string detail;                // libcurl's error buffer (may be empty)
  std::uint64_t deadline_s = 0;      // the attempt's deadline (CURLOPT_TIMEOUT)
};

// An error for libcurl's `code`, and whether trying again might help (connect errors, resets,
// timeouts, connections closed early).
struct CurlFailure {
  Error error;
  bool transient = false;
};
CurlFailure curl_failure(const FetchRequest& request, const FetchOptions& options, CURLcode code,
                         const TransferFacts& facts);

// An error for an HTTP status other than 200 (after redirects), and whether it is transient
// (5xx, 408, 429).
CurlFailure status_failure(const FetchRequest& request, long status);

// The body's digest `actual` is not the request's expected checksum.
Error checksum_mismatch(const FetchRequest& request, const crypto::Checksum& actual);

// The body is larger than `limit` (`exact`: the request's exact size), as the server announced
// (`announced` >= 0, its Content-Length) or as counted.
Error too_large(const FetchRequest& request, std::uint64_t limit, bool exact,
                std::int64_t announced);

}  // namespace pinset::net::detail
