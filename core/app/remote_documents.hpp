#pragma once
// Set documents over http(s), through the content-addressed cache: a set revision already in the
// cache under a digest the caller trusts is used without any request (a warm install makes none).

#include <memory>
#include <optional>
#include <string>

#include "core/app/project.hpp"
#include "core/net/fetcher.hpp"
#include "core/store/cache.hpp"

namespace pinset::app {

class CachedRemoteDocuments final : public RemoteDocuments {
 public:
  // `fetcher` may be null when `offline`. Neither pointer is owned.
  CachedRemoteDocuments(net::Fetcher* fetcher, const store::Cache* cache, bool offline,
                        bool refresh)
      : m_fetcher(fetcher), m_cache(cache), m_offline(offline), m_refresh(refresh) {}

  // With `known` and a cached copy (and not refresh): the copy, re-verified. Offline without one:
  // "offline-miss". Otherwise downloads (verifying `known` only when it is the manifest's pin is
  // the caller's job: it compares digests after) and stores the bytes under their sha256.
  Result<std::string> fetch(const std::string& url,
                            const std::optional<crypto::Checksum>& known) override;

 private:
  net::Fetcher* m_fetcher;
  const store::Cache* m_cache;
  bool m_offline;
  bool m_refresh;
};

// CachedRemoteDocuments over the default (or given) cache folder and a fetcher, both opened only
// when an http(s) document is first asked for, so a command on a project with a local set touches
// no cache folder: the curation commands (which also reach the cache and the fetcher for
// artifacts), reports and policy checks. Never offline, never refreshing.
class SetAccess final : public RemoteDocuments {
 public:
  // `cache_dir` empty: store::default_cache_dir. `fetchers` makes the fetcher on first use.
  SetAccess(std::string cache_dir, net::FetchOptions fetch, net::FetcherFactory fetchers)
      : m_cache_dir(std::move(cache_dir)),
        m_options(std::move(fetch)),
        m_fetchers(std::move(fetchers)) {}

  Result<std::string> fetch(const std::string& url,
                            const std::optional<crypto::Checksum>& known) override;
  // Errors: "no-cache-dir", or the cache's "io".
  Result<const store::Cache*> cache();
  net::Fetcher& fetcher();

 private:
  std::string m_cache_dir;
  net::FetchOptions m_options;
  net::FetcherFactory m_fetchers;
  std::optional<store::Cache> m_cache;
  std::unique_ptr<net::Fetcher> m_fetcher;
};

}  // namespace pinset::app
