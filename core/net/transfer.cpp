#include "core/net/transfer.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "core/net/fetch_error.hpp"

namespace pinset::net::detail {
namespace {

// Bodies of answers other than 200 are read (so the connection can be reused) up to this much.
constexpr std::uint64_t k_max_discarded = 64 * 1024;
// A server's Retry-After is honoured up to this long.
constexpr std::chrono::milliseconds k_max_retry_after{10'000};
constexpr const char* k_user_agent = "pinset/0.1";
// Response headers of one answer, all lines together (libcurl refuses a single line past 100 KiB).
constexpr std::uint64_t k_max_header_bytes = 100 * 1024;

bool is_redirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

template <class T>
void set(CURL* easy, CURLoption option, T value) {
  CURLcode rc = curl_easy_setopt(easy, option, value);
  if (rc != CURLE_OK) {
    throw std::runtime_error(std::string("libcurl refused an option: ") + curl_easy_strerror(rc));
  }
}

}  // namespace

Result<std::unique_ptr<Transfer>> Transfer::create(std::size_t index, const FetchRequest& request,
                                                   const FetchOptions& options, CURLSH* share) {
  auto scheme = check_url(request, options);
  if (!scheme) return fail(std::move(scheme.error()));
  return std::unique_ptr<Transfer>(new Transfer(index, request, options, share, *scheme));
}

Transfer::Transfer(std::size_t index, const FetchRequest& request, const FetchOptions& options,
                   CURLSH* share, Scheme scheme)
    : m_index(index),
      m_request(request),
      m_options(options),
      m_share(share),
      m_easy(curl_easy_init()),
      m_start_scheme(scheme),
      m_scheme(scheme),
      m_url(request.url) {
  if (m_easy == nullptr) throw std::runtime_error("libcurl could not create a transfer");
}

Transfer::~Transfer() {
  if (m_multi != nullptr) curl_multi_remove_handle(m_multi, m_easy);
  curl_easy_cleanup(m_easy);
}

std::uint64_t Transfer::limit() const {
  if (m_request.exact_size) return *m_request.exact_size;
  return m_request.max_bytes.value_or(m_options.default_max_bytes);
}

void Transfer::start(CURLM* multi) {
  m_body_started = false;
  m_keep_body = false;
  m_content_length = -1;
  m_received = 0;
  m_discarded = 0;
  m_body.clear();
  m_hasher = std::make_unique<crypto::Hasher>(m_request.expected ? m_request.expected->algo()
                                                                 : crypto::DigestAlgo::sha256);
  m_abort = Abort::none;
  m_errbuf[0] = '\0';
  m_spool_error.reset();
  if (!m_request.spool_dir.empty()) {
    if (auto ok = m_spool.start(m_request.spool_dir); !ok) m_spool_error = ok.error();
  }

  // Reset keeps the handle's live connections and caches; every option is set again below.
  curl_easy_reset(m_easy);
  set(m_easy, CURLOPT_URL, m_url.c_str());
  // Only the scheme already checked for this hop; redirects are followed here, not by libcurl.
  set(m_easy, CURLOPT_PROTOCOLS_STR, url::scheme_name(m_scheme));
  set(m_easy, CURLOPT_FOLLOWLOCATION, 0L);
  set(m_easy, CURLOPT_NOSIGNAL, 1L);
  set(m_easy, CURLOPT_SHARE, m_share);
  set(m_easy, CURLOPT_USERAGENT, k_user_agent);
  set(m_easy, CURLOPT_ERRORBUFFER, m_errbuf.data());
  m_header_bytes = 0;
  m_excess = false;
  set(m_easy, CURLOPT_FILETIME, 1L);  // Last-Modified, for FetchResult::last_modified
  set(m_easy, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
  set(m_easy, CURLOPT_HEADERDATA, static_cast<void*>(this));
  // libcurl drops bytes past the Content-Length and says so only in its informational text; a
  // body cut there would otherwise be reported as a wrong checksum.
  set(m_easy, CURLOPT_DEBUGFUNCTION, &Transfer::on_debug);
  set(m_easy, CURLOPT_DEBUGDATA, static_cast<void*>(this));
  set(m_easy, CURLOPT_VERBOSE, 1L);
  set(m_easy, CURLOPT_WRITEFUNCTION, &Transfer::on_write);
  set(m_easy, CURLOPT_WRITEDATA, static_cast<void*>(this));
  set(m_easy, CURLOPT_SSL_VERIFYPEER, 1L);
  set(m_easy, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!m_options.ca_file.empty()) set(m_easy, CURLOPT_CAINFO, m_options.ca_file.c_str());
  set(m_easy, CURLOPT_CONNECTTIMEOUT, m_options.connect_timeout_s);
  // The minimum rate is checked here (on_xferinfo), over a sliding window: libcurl's own
  // low-speed check averages over its last 5 s and so trips seconds late. The deadline is
  // libcurl's.
  m_rate_samples.clear();
  m_rate_samples.push_back({Clock::now(), 0});
  m_rate_seen = 0;
  m_stalled = false;
  set(m_easy, CURLOPT_NOPROGRESS, 0L);
  set(m_easy, CURLOPT_XFERINFOFUNCTION, &Transfer::on_xferinfo);
  set(m_easy, CURLOPT_XFERINFODATA, static_cast<void*>(this));
  set(m_easy, CURLOPT_TIMEOUT_MS,
      static_cast<long>(std::min<std::uint64_t>(deadline_ms(), std::numeric_limits<long>::max())));
  set(m_easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  // Wait for a connection that may multiplex (HTTP/2) rather than open a new one per transfer.
  set(m_easy, CURLOPT_PIPEWAIT, 1L);
  // No CURLOPT_ACCEPT_ENCODING: the checksum is of the bytes as served, never of a decoding.

  CURLMcode rc = curl_multi_add_handle(multi, m_easy);
  if (rc != CURLM_OK) {
    throw std::runtime_error(std::string("libcurl could not start a transfer: ") +
                             curl_multi_strerror(rc));
  }
  m_multi = multi;
}

std::size_t Transfer::on_header(char*, std::size_t size, std::size_t count, void* self) {
  auto* t = static_cast<Transfer*>(self);
  t->m_header_bytes += size * count;
  if (t->m_header_bytes <= k_max_header_bytes) return size * count;
  t->m_abort = Abort::header_too_large;
  return 0;
}

int Transfer::on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* self) {
  if (type == CURLINFO_TEXT &&
      std::string_view(data, size).find("Excess found") != std::string_view::npos) {
    static_cast<Transfer*>(self)->m_excess = true;
  }
  return 0;
}

std::uint64_t Transfer::deadline_ms() const {
  std::uint64_t rate = static_cast<std::uint64_t>(std::max(m_options.low_speed_limit, 1L));
  std::uint64_t seconds = static_cast<std::uint64_t>(std::max(m_options.connect_timeout_s, 0L)) +
                          static_cast<std::uint64_t>(std::max(m_options.low_speed_time_s, 1L)) +
                          limit() / rate + 1;
  return std::min<std::uint64_t>(seconds, std::numeric_limits<std::uint32_t>::max()) * 1000;
}

int Transfer::on_xferinfo(void* self, curl_off_t, curl_off_t now_bytes, curl_off_t, curl_off_t) {
  return static_cast<Transfer*>(self)->check_rate(static_cast<std::uint64_t>(now_bytes)) ? 0 : 1;
}

bool Transfer::check_rate(std::uint64_t bytes) {
  if (m_options.low_speed_time_s <= 0 || m_options.low_speed_limit <= 0) return true;
  Clock::time_point now = Clock::now();
  const auto window = std::chrono::seconds(m_options.low_speed_time_s);
  if (now - m_rate_samples.back().at >= std::chrono::milliseconds(250)) {
    m_rate_samples.push_back({now, bytes});
  }
  // Keep one sample at or before the window's start: the front.
  while (m_rate_samples.size() > 1 && now - m_rate_samples[1].at >= window)
    m_rate_samples.pop_front();
  const RateSample& from = m_rate_samples.front();
  if (now - from.at < window) return true;  // not a whole window yet
  double seconds = std::chrono::duration<double>(now - from.at).count();
  std::uint64_t got = bytes - std::min(bytes, from.bytes);
  if (static_cast<double>(got) >= static_cast<double>(m_options.low_speed_limit) * seconds)
    return true;
  m_rate_seen = static_cast<std::uint64_t>(static_cast<double>(got) / seconds);
  m_stalled = got == 0;
  m_abort = Abort::too_slow;
  return false;
}

std::size_t Transfer::on_write(char* data, std::size_t size, std::size_t count, void* self) {
  return static_cast<Transfer*>(self)->write(data, size * count);
}

void Transfer::begin_body() {
  m_body_started = true;
  long status = 0;
  curl_easy_getinfo(m_easy, CURLINFO_RESPONSE_CODE, &status);
  m_keep_body = m_scheme == Scheme::file || status == 200;
  curl_off_t length = -1;
  curl_easy_getinfo(m_easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  m_content_length = length;
  if (m_keep_body && !m_spool.open() && length > 0 &&
      static_cast<std::uint64_t>(length) <= limit()) {
    m_body.reserve(static_cast<std::size_t>(length));
  }
}

// Returning anything but `size` makes libcurl end the transfer with CURLE_WRITE_ERROR.
std::size_t Transfer::write(const char* data, std::size_t size) {
  if (!m_body_started) {
    begin_body();
    if (m_keep_body && m_content_length >= 0 &&
        static_cast<std::uint64_t>(m_content_length) > limit()) {
      m_abort = Abort::too_large;
      return 0;
    }
  }
  if (!m_keep_body) {
    m_discarded += size;
    if (m_discarded <= k_max_discarded) return size;
    m_abort = Abort::error_body;
    return 0;
  }
  if (size > limit() - m_received) {
    m_abort = Abort::too_large;
    return 0;
  }
  try {
    m_hasher->update({data, size});
    if (m_spool_error) {
      m_abort = Abort::spool;
      return 0;
    }
    if (m_spool.open()) {
      if (auto ok = m_spool.write({data, size}); !ok) {
        m_spool_error = ok.error();
        m_abort = Abort::spool;
        return 0;
      }
    } else {
      m_body.append(data, size);
    }
    m_received += size;
    if (m_options.on_progress) {
      std::uint64_t total = m_request.exact_size.value_or(
          m_content_length > 0 ? static_cast<std::uint64_t>(m_content_length) : 0);
      m_options.on_progress(Progress{m_index, m_received, total});
    }
  } catch (...) {
    m_exception = std::current_exception();
    m_abort = Abort::exception;
    return 0;
  }
  return size;
}

Transfer::Step Transfer::finish(CURLcode code) {
  curl_multi_remove_handle(m_multi, m_easy);
  m_multi = nullptr;
  if (m_exception) std::rethrow_exception(m_exception);
  if (m_abort == Abort::spool || (m_spool_error && code == CURLE_OK)) {
    Error e = *m_spool_error;
    e.message = "cannot download " +
                (m_request.label.empty() ? show_url(m_request.url) : m_request.label) + ": " +
                e.message;
    return {fail(std::move(e))};
  }
  if (m_abort == Abort::too_large) {
    // Counted past the limit, or refused at once for the Content-Length announced.
    std::int64_t announced = m_received == 0 ? m_content_length : -1;
    return {fail(too_large(m_request, limit(), m_request.exact_size.has_value(), announced))};
  }
  if (m_abort == Abort::header_too_large || (code == CURLE_OUT_OF_MEMORY && !m_body_started)) {
    // libcurl reports a header line past its limit as "out of memory".
    return {fail(fetch_error(m_request, codes::bad_response,
                             "the server's response headers are larger than " +
                                 std::to_string(k_max_header_bytes / 1024) + " KiB",
                             "the server is misbehaving: check the URL or use another mirror"))};
  }
  if (code != CURLE_OK && m_abort != Abort::error_body) {
    TransferFacts facts;
    facts.received = m_received;
    curl_off_t length = -1;
    curl_easy_getinfo(m_easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    facts.content_length = length;
    long status = 0;
    curl_off_t connect_us = 0;
    curl_easy_getinfo(m_easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(m_easy, CURLINFO_CONNECT_TIME_T, &connect_us);
    facts.connected = status != 0 || connect_us > 0;
    facts.detail = m_errbuf.data();
    if (m_abort == Abort::too_slow) {
      // A stall may be a passing network fault; a live but slow server stays slow.
      std::string window = std::to_string(m_options.low_speed_time_s) + " s";
      std::string reason = m_stalled ? "the transfer stalled (nothing received for " + window + ")"
                                     : "the transfer is too slow: " + std::to_string(m_rate_seen) +
                                           " bytes/s over the last " + window +
                                           ", under the minimum of " +
                                           std::to_string(m_options.low_speed_limit) + " bytes/s";
      return retry_or_fail(fetch_error(m_request, codes::timeout, reason,
                                       m_stalled ? "check the network connection or the mirror, "
                                                   "then try again"
                                                 : "the server or the network is too slow: use "
                                                   "another mirror, or lower the minimum with "
                                                   "--min-rate"),
                           m_stalled);
    }
    facts.deadline_s = deadline_ms() / 1000;
    CurlFailure failure = curl_failure(m_request, m_options, code, facts);
    return retry_or_fail(std::move(failure.error), failure.transient);
  }
  return complete();
}

Transfer::Step Transfer::complete() {
  long status = 0;
  curl_easy_getinfo(m_easy, CURLINFO_RESPONSE_CODE, &status);
  if (m_scheme != Scheme::file) {
    char* location = nullptr;
    if (is_redirect(status) &&
        curl_easy_getinfo(m_easy, CURLINFO_REDIRECT_URL, &location) == CURLE_OK &&
        location != nullptr) {
      std::string next(location);
      if (m_hops >= m_options.max_redirects) {
        return {
            fail(fetch_error(m_request, codes::too_many_redirects,
                             "it redirects more than " + std::to_string(m_options.max_redirects) +
                                 " times (the last to " + show_url(next) + ")",
                             "the server redirects in a loop or too deep: check the URL or "
                             "the mirror"))};
      }
      auto scheme = check_redirect(m_request, m_options, m_scheme, m_url, next);
      if (!scheme) return {fail(std::move(scheme.error()))};
      m_scheme = *scheme;
      m_url = std::move(next);
      ++m_hops;
      return {std::nullopt, std::chrono::milliseconds(0)};
    }
    if (status != 200) {
      CurlFailure failure = status_failure(m_request, status);
      return retry_or_fail(std::move(failure.error), failure.transient);
    }
  }
  if (m_excess && m_keep_body) {
    return {fail(fetch_error(m_request, codes::bad_response,
                             "the server sent more than the " + std::to_string(m_content_length) +
                                 " bytes its Content-Length announced",
                             "the server is misbehaving: check the URL or use another mirror"))};
  }
  if (m_request.exact_size && m_received != *m_request.exact_size) {
    return {
        fail(fetch_error(m_request, codes::size_mismatch,
                         "the body is " + std::to_string(m_received) + " bytes, not the expected " +
                             std::to_string(*m_request.exact_size),
                         "the artifact changed upstream or the server is misbehaving: ask the "
                         "set's curators"))};
  }
  crypto::Checksum digest = m_hasher->finish();
  if (m_request.expected && digest != *m_request.expected) {
    return {fail(checksum_mismatch(m_request, digest))};
  }
  FetchResult out{m_url, std::move(m_body), digest, "", m_received, std::nullopt};
  curl_off_t filetime = -1;
  if (curl_easy_getinfo(m_easy, CURLINFO_FILETIME_T, &filetime) == CURLE_OK && filetime >= 0) {
    out.last_modified = static_cast<std::int64_t>(filetime);
  }
  if (m_spool.open()) {
    auto file = m_spool.release();
    if (!file) return {fail(std::move(file.error()))};
    out.file = std::move(*file);
  }
  return {std::move(out)};
}

Transfer::Step Transfer::retry_or_fail(Error error, bool transient) {
  if (!transient || m_attempt >= m_options.retries) {
    if (m_attempt > 0) error.message += ", after " + std::to_string(m_attempt + 1) + " attempts";
    return {fail(std::move(error))};
  }
  std::chrono::milliseconds delay = m_options.retry_delay * (1 << std::min(m_attempt, 16));
  curl_off_t retry_after = 0;
  if (curl_easy_getinfo(m_easy, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK &&
      retry_after > 0) {
    delay =
        std::max(delay, std::min(std::chrono::milliseconds(retry_after * 1000), k_max_retry_after));
  }
  ++m_attempt;
  m_hops = 0;
  m_url = m_request.url;
  m_scheme = m_start_scheme;
  return {std::nullopt, delay};
}

}  // namespace pinset::net::detail
