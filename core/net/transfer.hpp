#pragma once
// One request on its way through libcurl: its easy handle, the body and digest as they stream
// in, redirect hops and attempts. Internal to core/net; driven by the curl fetcher's multi loop.

#include <curl/curl.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <optional>
#include <string>

#include "core/crypto/digest.hpp"
#include "core/net/fetcher.hpp"
#include "core/net/spool_file.hpp"
#include "core/net/url_check.hpp"

namespace pinset::net::detail {

class Transfer {
 public:
  // What to do once libcurl has finished a hop: report `result`, or start again after `delay`
  // (zero for a redirect, the backoff for a retry).
  struct Step {
    std::optional<Result<FetchResult>> result;
    std::chrono::milliseconds delay{0};
  };

  // Errors: those of check_url(), before any request is made.
  static Result<std::unique_ptr<Transfer>> create(std::size_t index, const FetchRequest& request,
                                                  const FetchOptions& options, CURLSH* share);
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  std::size_t index() const { return m_index; }
  CURL* handle() const { return m_easy; }

  // Configures the handle for the current URL and adds it to `multi`. Throws std::runtime_error
  // if libcurl refuses (out of memory).
  void start(CURLM* multi);
  // Removes the handle from `multi` after libcurl reported it done with `code`, and decides the
  // next step. Rethrows an exception thrown by the progress callback.
  Step finish(CURLcode code);

 private:
  Transfer(std::size_t index, const FetchRequest& request, const FetchOptions& options,
           CURLSH* share, Scheme scheme);
  static std::size_t on_write(char* data, std::size_t size, std::size_t count, void* self);
  std::size_t write(const char* data, std::size_t size);
  void begin_body();
  Step complete();
  Step retry_or_fail(Error error, bool transient);
  std::uint64_t limit() const;
  std::uint64_t deadline_ms() const;
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
  static int on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* self);
  static int on_xferinfo(void* self, curl_off_t, curl_off_t now_bytes, curl_off_t, curl_off_t);
  // False (stop) when less than the minimum rate arrived over the last window.
  bool check_rate(std::uint64_t bytes);

  using Clock = std::chrono::steady_clock;
  struct RateSample {
    Clock::time_point at;
    std::uint64_t bytes = 0;
  };

  // Why a callback stopped the transfer.
  enum class Abort { none, too_large, error_body, exception, too_slow, header_too_large, spool };

  std::size_t m_index;
  const FetchRequest& m_request;
  const FetchOptions& m_options;
  CURLSH* m_share;
  CURL* m_easy = nullptr;
  CURLM* m_multi = nullptr;  // set while added

  Scheme m_start_scheme;
  Scheme m_scheme;
  std::string m_url;  // of the current hop
  int m_attempt = 0;  // retries made
  int m_hops = 0;     // redirects followed in this attempt

  // Per hop.
  bool m_body_started = false;
  bool m_keep_body = false;  // false for a non-200 answer, whose body is discarded
  std::int64_t m_content_length = -1;
  std::uint64_t m_received = 0;
  std::uint64_t m_discarded = 0;
  std::string m_body;
  std::unique_ptr<crypto::Hasher> m_hasher;
  Abort m_abort = Abort::none;
  std::exception_ptr m_exception;
  std::array<char, CURL_ERROR_SIZE> m_errbuf{};
  std::deque<RateSample> m_rate_samples;  // (time, body bytes) a quarter second apart or more
  std::uint64_t m_rate_seen = 0;          // bytes/s over the window that was too slow
  bool m_stalled = false;                 // nothing at all arrived in it
  std::uint64_t m_header_bytes = 0;       // response headers of this hop
  bool m_excess = false;                  // libcurl saw bytes past the Content-Length
  SpoolFile m_spool;                      // the body, with FetchRequest::spool_dir
  std::optional<Error> m_spool_error;
};

}  // namespace pinset::net::detail
