#include "core/app/remote_documents.hpp"

#include <cstdlib>

namespace pinset::app {

Result<std::string> CachedRemoteDocuments::fetch(const std::string& url,
                                                 const std::optional<crypto::Checksum>& known) {
  if (known && (!m_refresh || m_offline) && m_cache->has_object(*known)) {
    auto cached = m_cache->read_object(*known, k_max_set_bytes);
    if (cached) return cached;
  }
  if (m_offline || m_fetcher == nullptr) {
    return fail(codes::offline_miss,
                "the package set " + quote(url) +
                    " is not in the cache, and --offline forbids "
                    "downloading it",
                {}, "run once without --offline to fill the cache");
  }
  net::FetchRequest request;
  request.url = url;
  request.max_bytes = k_max_set_bytes;
  request.label = "the package set";
  auto got = net::fetch_one(*m_fetcher, request);
  if (!got) return fail(got.error());
  if (auto stored = m_cache->put_object(got->digest, got->body); !stored)
    return fail(stored.error());
  return std::move(got->body);
}

Result<const store::Cache*> SetAccess::cache() {
  if (!m_cache) {
    auto opened = store::Cache::open_or_default(m_cache_dir);
    if (!opened) return fail(opened.error());
    m_cache.emplace(std::move(*opened));
  }
  return &*m_cache;
}

net::Fetcher& SetAccess::fetcher() {
  if (!m_fetcher) m_fetcher = net::make_fetcher(m_fetchers, m_options);
  return *m_fetcher;
}

Result<std::string> SetAccess::fetch(const std::string& url,
                                     const std::optional<crypto::Checksum>& known) {
  auto c = cache();
  if (!c) return fail(c.error());
  CachedRemoteDocuments remote(&fetcher(), *c, false, false);
  return remote.fetch(url, known);
}

}  // namespace pinset::app
