#include "core/net/fetcher.hpp"

#include <stdexcept>

namespace pinset::net {

Result<FetchResult> fetch_one(Fetcher& fetcher, const FetchRequest& request) {
  std::optional<Result<FetchResult>> out;
  fetcher.fetch_all(
      {request}, [&](std::size_t, Result<FetchResult> result) { out.emplace(std::move(result)); });
  if (!out) throw std::logic_error("Fetcher::fetch_all() did not report its request");
  return std::move(*out);
}

}  // namespace pinset::net
