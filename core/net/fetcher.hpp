#pragma once
// Downloading artifacts over https, http and file URLs. The only module that includes libcurl
// (in its .cpp files); everything above it sees this interface, so tests of the layers above can
// replace it with an in-memory fake.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto/checksum.hpp"
#include "core/util/error.hpp"

namespace pinset::net {

// Bytes received so far by one transfer, for a progress bar. Reported from the thread that called
// fetch_all(), as data arrives; `received` restarts at 0 when a transfer is retried or redirected.
struct Progress {
  std::size_t index = 0;       // position of the request in fetch_all()'s vector
  std::uint64_t received = 0;  // body bytes so far
  std::uint64_t total = 0;     // expected body size (exact_size or Content-Length); 0 = unknown
};

struct FetchOptions {
  int jobs = 8;  // transfers in flight at once (values below 1 count as 1)
  // A CA bundle (PEM) for a private CA: --cacert / PINSET_CA_BUNDLE. It replaces libcurl's CA
  // file; the system's CA folder (Debian's libcurl: /etc/ssl/certs) stays trusted as well.
  std::string ca_file;
  long connect_timeout_s = 15;  // give up connecting after this long
  // The minimum transfer rate: a transfer that receives less than low_speed_limit bytes/s over
  // any low_speed_time_s seconds is stopped ("timeout", naming the rate seen); receiving nothing
  // at all for that long is a stall. Set by --min-rate / PINSET_MIN_RATE and --stall-timeout /
  // PINSET_STALL_TIMEOUT. Each attempt also has a deadline that grows with the expected size:
  // connect_timeout_s + low_speed_time_s + (exact_size, else the size ceiling) / low_speed_limit.
  long low_speed_time_s = 30;
  long low_speed_limit = 1024;
  int max_redirects = 5;
  // Further attempts after a transient failure (cannot connect, connection reset or closed early,
  // stalled, HTTP 5xx, 408, 429). Never after a checksum or size mismatch, a 4xx, a TLS failure.
  int retries = 2;
  std::chrono::milliseconds retry_delay{500};  // before the first retry; doubles for each next one
  std::uint64_t default_max_bytes = 512ull << 20;  // size ceiling for requests without one
  // Whether http:// URLs may be fetched at all. A redirect from https to http is always refused.
  bool allow_insecure_http = true;
  std::function<void(const Progress&)> on_progress;  // optional
};

struct FetchRequest {
  std::string url;  // https, http or file; any other scheme is refused without a request
  std::optional<crypto::Checksum> expected;  // verified on the bytes as they stream in
  std::optional<std::uint64_t> exact_size;   // a body of any other length is refused
  // Ceiling when exact_size is unset (else FetchOptions::default_max_bytes). Counted as bytes
  // arrive, so a body of unknown length is cut there; refused at once if the server announces more.
  std::optional<std::uint64_t> max_bytes;
  std::string label;  // names the artifact in messages: "netlib 1.4.0"
  // When set, the body is written to a new file in this folder as it arrives instead of being
  // held in memory (so a large artifact costs no memory): FetchResult::file names it.
  std::string spool_dir;
};

struct FetchResult {
  std::string url;          // where the body came from: the request's URL after any redirects
  std::string body;         // the exact bytes served (no content decoding is ever requested)
  crypto::Checksum digest;  // of body, in expected's algorithm, else sha256
  // With FetchRequest::spool_dir: the file holding the verified body (body is then empty). It is
  // the caller's: rename it into place or remove it. Failed requests leave no file behind.
  std::string file;
  std::uint64_t size = 0;  // bytes of the body
  // When the body last changed, in seconds since the epoch: the server's Last-Modified header
  // (http, https), the file's modification time (file); nullopt when the server sends none.
  std::optional<std::int64_t> last_modified;
};

// Downloads a batch of requests.
//
// Every error is one sentence naming the URL and the label, with a hint. Codes:
//   unsupported-scheme, invalid-url, url-too-long (past url::k_max_url_bytes), insecure-url
//   (http with allow_insecure_http off), insecure-redirect (https to http, naming both URLs),
//   too-many-redirects, http-status (a status other than 200; see http_status_of()), tls
//   (certificate or handshake), timeout (no connection, a stall, under the minimum rate over the
//   window with the rate seen, past the size-scaled deadline), network (resolve, connect, reset),
//   truncated (connection closed before Content-Length bytes), bad-response (headers past 100 KiB,
//   a body longer than its Content-Length), too-large, size-mismatch, checksum-mismatch (naming
//   expected and actual), file-read (missing, a symlink, not a regular file), fetch-failed
//   (anything else libcurl reports).
class Fetcher {
 public:
  virtual ~Fetcher() = default;

  // Fetches all `requests`, up to FetchOptions::jobs at a time, and calls on_done(index, result)
  // once per request, as each finishes (in completion order, from the calling thread), so the
  // caller can use one body while others download. Returns when all are done. If on_done throws,
  // the remaining transfers are abandoned and the exception propagates.
  virtual void fetch_all(const std::vector<FetchRequest>& requests,
                         const std::function<void(std::size_t, Result<FetchResult>)>& on_done) = 0;
};

// Makes the fetcher a use case downloads through, configured with `options` (jobs, CA file,
// timeouts, progress callback). The real one (make_curl_fetcher) is chosen once, at the edge
// (cli/); tests pass an in-memory one. Use cases call it only when they must download.
using FetcherFactory = std::function<std::unique_ptr<Fetcher>(const FetchOptions&)>;

// The factory's fetcher, or std::logic_error when no factory was passed in (a wiring bug).
std::unique_ptr<Fetcher> make_fetcher(const FetcherFactory& factory, const FetchOptions& options);

// The HTTP status of an "http-status" download error (Error::http_status; 0 for any other
// error). Callers branch on this, never on the message.
int http_status_of(const Error& error);
// Whether `error` says the server has nothing at the URL (HTTP 404 or 410).
bool is_not_found(const Error& error);

// The libcurl fetcher: TLS verification always on, HTTP/2 when the server offers it, connections
// and TLS sessions reused across requests and across fetch_all() calls on the same object.
// Redirects are followed by the fetcher itself, one hop at a time, so each target is checked.
std::unique_ptr<Fetcher> make_curl_fetcher(const FetchOptions& options);

// Fetches one request through `fetcher`.
Result<FetchResult> fetch_one(Fetcher& fetcher, const FetchRequest& request);

}  // namespace pinset::net
