#pragma once
// An in-memory web for tests of the use cases: URLs mapped to bodies (or HTTP statuses), served by
// fetchers that keep net::Fetcher's contract (checksum, exact size and size ceiling checked on the
// body, the same error codes and HTTP status field) without a socket. Every request is recorded,
// so a test can say which URLs were asked for, and that none were.
//
//   test::MemoryWeb web;
//   web.serve("https://sets.test/acme.yaml", set_text);
//   options.fetchers = web.factory();
//   ...
//   EXPECT_EQ(web.requests(), (std::vector<std::string>{"https://sets.test/acme.yaml"}));

#include <stdlib.h>
#include <unistd.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto/digest.hpp"
#include "core/net/fetcher.hpp"

namespace pinset::test {

class MemoryWeb {
 public:
  // `url` answers 200 with `body`.
  void serve(const std::string& url, std::string body) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pages[url] = Page{200, std::move(body), std::nullopt};
  }
  // `url` answers 200 with `body` and a Last-Modified of `modified` (seconds since the epoch).
  void serve(const std::string& url, std::string body, std::int64_t modified) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pages[url] = Page{200, std::move(body), modified};
  }
  // `url` answers HTTP `status` (a URL never served answers 404).
  void answer(const std::string& url, int status) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pages[url] = Page{status, "", std::nullopt};
  }

  // Every URL requested so far, in order, by every fetcher the factory made.
  std::vector<std::string> requests() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_requests;
  }
  // The options of the last fetcher made (jobs, timeouts, CA file as the use case set them).
  net::FetchOptions last_options() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_last_options;
  }
  std::size_t fetchers_made() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_made;
  }

  net::FetcherFactory factory() {
    return [this](const net::FetchOptions& options) -> std::unique_ptr<net::Fetcher> {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_last_options = options;
      ++m_made;
      return std::make_unique<Fetcher>(*this, options);
    };
  }

 private:
  struct Page {
    int status = 200;
    std::string body;
    std::optional<std::int64_t> modified;
  };

  class Fetcher final : public net::Fetcher {
   public:
    Fetcher(MemoryWeb& web, net::FetchOptions options)
        : m_web(web), m_options(std::move(options)) {}
    void fetch_all(
        const std::vector<net::FetchRequest>& requests,
        const std::function<void(std::size_t, Result<net::FetchResult>)>& on_done) override {
      for (std::size_t i = 0; i < requests.size(); ++i) {
        on_done(i, get(i, requests[i]));
      }
    }

   private:
    Error error(const net::FetchRequest& r, std::string code, std::string reason) const {
      std::string what =
          r.label.empty() ? quote(r.url, 2048) : r.label + " from " + quote(r.url, 2048);
      return Error(std::move(code), "cannot download " + what + ": " + reason);
    }

    Result<net::FetchResult> get(std::size_t index, const net::FetchRequest& r) {
      Page page{404, "", std::nullopt};
      {
        std::lock_guard<std::mutex> lock(m_web.m_mutex);
        m_web.m_requests.push_back(r.url);
        auto it = m_web.m_pages.find(r.url);
        if (it != m_web.m_pages.end()) page = it->second;
      }
      if (page.status != 200) {
        Error e =
            error(r, "http-status", "the server answered HTTP " + std::to_string(page.status));
        e.http_status = page.status;
        return fail(std::move(e));
      }
      std::uint64_t size = page.body.size();
      if (r.exact_size && size != *r.exact_size) {
        return fail(error(r, "size-mismatch",
                          "the server announces " + std::to_string(size) +
                              " bytes, not the expected " + std::to_string(*r.exact_size) +
                              " bytes"));
      }
      std::uint64_t limit = r.max_bytes.value_or(m_options.default_max_bytes);
      if (!r.exact_size && size > limit) {
        return fail(error(r, "too-large",
                          "the server announces " + std::to_string(size) +
                              " bytes, more than the limit of " + std::to_string(limit) +
                              " bytes"));
      }
      if (m_options.on_progress) m_options.on_progress(net::Progress{index, size, size});
      net::FetchResult out;
      out.url = r.url;
      out.digest =
          crypto::digest(r.expected ? r.expected->algo() : crypto::DigestAlgo::sha256, page.body);
      if (r.expected && out.digest != *r.expected) {
        return fail(error(
            r, "checksum-mismatch",
            "the checksum is " + out.digest.str() + ", not the expected " + r.expected->str()));
      }
      out.size = page.body.size();
      out.last_modified = page.modified;
      if (r.spool_dir.empty()) {
        out.body = std::move(page.body);
        return out;
      }
      // As the real fetcher does: the body in a new file in spool_dir, the caller's to keep.
      std::string tmpl = r.spool_dir + "/fetch-XXXXXX";
      int fd = ::mkstemp(tmpl.data());
      if (fd < 0) return fail(error(r, "io", "cannot create a file in " + r.spool_dir));
      bool ok =
          ::write(fd, page.body.data(), page.body.size()) == static_cast<ssize_t>(page.body.size());
      ::close(fd);
      if (!ok) return fail(error(r, "io", "cannot write " + tmpl));
      out.file = tmpl;
      return out;
    }

    MemoryWeb& m_web;
    net::FetchOptions m_options;
  };

  mutable std::mutex m_mutex;
  std::map<std::string, Page> m_pages;
  std::vector<std::string> m_requests;
  net::FetchOptions m_last_options;
  std::size_t m_made = 0;
};

}  // namespace pinset::test
