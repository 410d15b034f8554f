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
  if (error.code != "http-status") return 0;
  // status_failure() (core/net/fetch_error.cpp) writes "...: the server answered HTTP <status>".
  constexpr std::string_view k_marker = ": the server answered HTTP ";
  std::size_t at = error.message.rfind(k_marker);
  if (at == std::string::npos) return 0;
  int status = 0;
  for (std::size_t i = at + k_marker.size(); i < error.message.size(); ++i) {
    char c = error.message[i];
    if (c < '0' || c > '9') break;
    status = status * 10 + (c - '0');
  }
  return status;
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
