// The libcurl fetcher: one multi handle drives up to `jobs` transfers from the calling thread.

#include <curl/curl.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "core/net/fetcher.hpp"
#include "core/net/file_source.hpp"
#include "core/net/transfer.hpp"
#include "core/net/url_check.hpp"

namespace pinset::net {
namespace {

using Clock = std::chrono::steady_clock;
using detail::Transfer;

// libcurl wants curl_global_init() once, before any other call, and not concurrently.
void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl could not be initialised");
    }
  });
}

// Longest wait for socket activity when nothing else is due, so a missed wake-up costs little.
constexpr std::chrono::milliseconds k_max_poll{1000};

class CurlFetcher final : public Fetcher {
 public:
  explicit CurlFetcher(FetchOptions options) : m_options(std::move(options)) {
    init_curl_once();
    m_options.jobs = std::max(m_options.jobs, 1);
    m_options.retries = std::max(m_options.retries, 0);
    m_options.max_redirects = std::max(m_options.max_redirects, 0);
    m_multi = curl_multi_init();
    m_share = curl_share_init();
    if (m_multi == nullptr || m_share == nullptr) {
      cleanup();
      throw std::runtime_error("libcurl could not create a transfer set");
    }
    // Transfers in one multi handle already share connections and DNS; sharing TLS sessions lets
    // parallel HTTP/1.1 connections to the same host skip full handshakes.
    curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    // Keep idle connections for the next batch. libcurl's default cache holds 4 per transfer
    // currently added, which shrinks as a batch drains and closes connections still of use.
    curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, static_cast<long>(m_options.jobs) * 4);
  }
  ~CurlFetcher() override { cleanup(); }
  CurlFetcher(const CurlFetcher&) = delete;
  CurlFetcher& operator=(const CurlFetcher&) = delete;

  void fetch_all(const std::vector<FetchRequest>& requests,
                 const std::function<void(std::size_t, Result<FetchResult>)>& on_done) override;

 private:
  void cleanup() {
    if (m_multi != nullptr) curl_multi_cleanup(m_multi);
    if (m_share != nullptr) curl_share_cleanup(m_share);
    m_multi = nullptr;
    m_share = nullptr;
  }

  FetchOptions m_options;
  CURLM* m_multi = nullptr;
  CURLSH* m_share = nullptr;
};

struct Waiting {
  Clock::time_point due;
  std::unique_ptr<Transfer> transfer;
};

void CurlFetcher::fetch_all(const std::vector<FetchRequest>& requests,
                            const std::function<void(std::size_t, Result<FetchResult>)>& on_done) {
  std::deque<std::size_t> queue;
  for (std::size_t i = 0; i < requests.size(); ++i)
    queue.push_back(i);
  // A Transfer leaves the multi handle when destroyed, so an exception from on_done (or from the
  // progress callback) abandons the transfers still running without leaking them.
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> active;
  std::vector<Waiting> waiting;  // retries, until their backoff has passed
  std::size_t remaining = requests.size();

  auto start = [&](std::unique_ptr<Transfer> transfer) {
    transfer->start(m_multi);
    CURL* handle = transfer->handle();
    active.emplace(handle, std::move(transfer));
  };
  auto report = [&](std::size_t index, Result<FetchResult> result) {
    --remaining;
    on_done(index, std::move(result));
  };

  while (remaining > 0) {
    // Fill the free slots: retries that are due first, then new requests.
    Clock::time_point now = Clock::now();
    while (active.size() < static_cast<std::size_t>(m_options.jobs)) {
      auto due = std::find_if(waiting.begin(), waiting.end(),
                              [&](const Waiting& w) { return w.due <= now; });
      if (due != waiting.end()) {
        std::unique_ptr<Transfer> transfer = std::move(due->transfer);
        waiting.erase(due);
        start(std::move(transfer));
      } else if (!queue.empty()) {
        std::size_t index = queue.front();
        queue.pop_front();
        if (url::scheme_of(requests[index].url) == url::Scheme::file) {
          // Read here, never by libcurl: only a regular file (see file_source.hpp).
          auto scheme = detail::check_url(requests[index], m_options);
          report(index, scheme ? detail::read_file_url(requests[index], m_options)
                               : fail(std::move(scheme.error())));
          continue;
        }
        auto transfer = Transfer::create(index, requests[index], m_options, m_share);
        if (!transfer) {
          report(index, fail(std::move(transfer.error())));
          continue;
        }
        start(std::move(*transfer));
      } else {
        break;
      }
    }
    if (remaining == 0) break;

    int running = 0;
    curl_multi_perform(m_multi, &running);
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(m_multi, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      auto found = active.find(message->easy_handle);
      if (found == active.end()) continue;
      std::unique_ptr<Transfer> transfer = std::move(found->second);
      active.erase(found);
      Transfer::Step step = transfer->finish(message->data.result);
      if (step.result) {
        report(transfer->index(), std::move(*step.result));
      } else if (step.delay.count() == 0) {
        start(std::move(transfer));  // a redirect: the next hop at once
      } else {
        waiting.push_back({Clock::now() + step.delay, std::move(transfer)});
      }
    }

    // Sleep until a socket is ready or the next retry is due.
    auto timeout = k_max_poll;
    for (const Waiting& w : waiting) {
      auto until = std::chrono::duration_cast<std::chrono::milliseconds>(w.due - Clock::now());
      timeout = std::clamp(until, std::chrono::milliseconds(0), timeout);
    }
    if (active.empty() && !waiting.empty()) {
      // Nothing for libcurl to do: curl_multi_poll() would return at once.
      std::this_thread::sleep_for(timeout);
    } else if (!active.empty()) {
      curl_multi_poll(m_multi, nullptr, 0, static_cast<int>(timeout.count()), nullptr);
    }
  }
}

}  // namespace

std::unique_ptr<Fetcher> make_curl_fetcher(const FetchOptions& options) {
  return std::make_unique<CurlFetcher>(options);
}

}  // namespace pinset::net
