#include "core/net/fetcher.hpp"

#include <stdexcept>

namespace pinset::net {

std::unique_ptr<Fetcher> make_fetcher(const FetcherFactory& factory, const FetchOptions& options) {
  if (!factory)
    throw std::logic_error("no fetcher factory was passed to a use case that downloads");
  auto fetcher = factory(options);
  if (!fetcher) throw std::logic_error("the fetcher factory made no fetcher");
  return fetcher;
}

int http_status_of(const Error& error) {
  return error.code == codes::http_status ? error.http_status : 0;
}

bool is_not_found(const Error& error) {
  int status = http_status_of(error);
  return status == 404 || status == 410;
}

Result<FetchResult> fetch_one(Fetcher& fetcher, const FetchRequest& request) {
  std::optional<Result<FetchResult>> out;
  fetcher.fetch_all(
      {request}, [&](std::size_t, Result<FetchResult> result) { out.emplace(std::move(result)); });
  if (!out) throw std::logic_error("Fetcher::fetch_all() did not report its request");
  return std::move(*out);
}

}  // namespace pinset::net
