#include "core/net/url_check.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <new>
#include <optional>

#include "core/net/fetch_error.hpp"

namespace pinset::net::detail {
namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};

// Whether libcurl can parse `url`, and why not.
Status parse_check(std::string_view url) {
  if (url.find('\0') != std::string_view::npos)
    return fail(codes::invalid_url, "it contains a NUL byte");
  std::unique_ptr<CURLU, UrlDeleter> handle(curl_url());
  if (!handle) throw std::bad_alloc();
  std::string text(url);
  CURLUcode rc = curl_url_set(handle.get(), CURLUPART_URL, text.c_str(), 0);
  if (rc != CURLUE_OK) return fail(codes::invalid_url, curl_url_strerror(rc));
  return {};
}

// The known scheme of `url`, once it parses (nullopt: a scheme pinset does not fetch).
Result<std::optional<Scheme>> parse(std::string_view url) {
  Scheme scheme = url::scheme_of(url);
  if (scheme == Scheme::path || !url::has_valid_scheme(url)) {
    return fail(codes::invalid_url, "it has no scheme such as https://");
  }
  if (scheme == Scheme::other) return std::optional<Scheme>();
  TRY(parse_check(url));
  return std::optional<Scheme>(scheme);
}

// The URL is longer than pinset accepts anywhere.
Error too_long(const FetchRequest& request, const std::string& who, std::string_view url) {
  return fetch_error(request, codes::url_too_long,
                     who + std::to_string(url.size()) + " bytes long, more than the limit of " +
                         std::to_string(url::k_max_url_bytes) + " bytes",
                     "use a shorter URL (a long query string is usually a mistake)");
}

constexpr const char* k_hint_https = "use an https:// URL (or file:// for a local mirror)";

}  // namespace

Result<Scheme> check_url(const FetchRequest& request, const FetchOptions& options) {
  if (request.url.size() > url::k_max_url_bytes) {
    return fail(too_long(request, "the URL is ", request.url));
  }
  auto scheme = parse(request.url);
  if (!scheme) {
    return fail(fetch_error(request, codes::invalid_url,
                            "the URL is malformed (" + scheme.error().message + ")",
                            "check the URL"));
  }
  if (!*scheme) {
    return fail(fetch_error(request, codes::unsupported_scheme,
                            "the URL scheme " + quote(url::scheme_text(request.url)) +
                                " is not supported (only https, http and file are)",
                            k_hint_https));
  }
  if (**scheme == Scheme::http && !options.allow_insecure_http) {
    return fail(fetch_error(request, codes::insecure_url, "plain http is not allowed",
                            "use an https:// URL"));
  }
  return **scheme;
}

Result<Scheme> check_redirect(const FetchRequest& request, const FetchOptions& options,
                              Scheme from_scheme, std::string_view from, std::string_view to) {
  // Name the redirecting URL unless it is the request's own, which the message names already.
  std::string who = from == request.url ? "it" : show_url(from);
  if (to.size() > url::k_max_url_bytes) {
    return fail(too_long(request, who + " redirects to a URL ", to));
  }
  auto scheme = parse(to);
  if (!scheme) {
    return fail(fetch_error(request, codes::invalid_url,
                            who + " redirects to the malformed URL " + show_url(to) + " (" +
                                scheme.error().message + ")",
                            "check the URL or the mirror"));
  }
  if (!*scheme || **scheme == Scheme::file) {
    return fail(fetch_error(request, codes::unsupported_scheme,
                            who + " redirects to " + show_url(to) +
                                ", and only redirects to https or http are followed",
                            "check the URL or the mirror"));
  }
  if (**scheme == Scheme::http && from_scheme == Scheme::https) {
    return fail(fetch_error(request, codes::insecure_redirect,
                            who + " redirects from https to the plain http URL " + show_url(to),
                            "a download that starts on https must stay on https: ask the mirror "
                            "to fix its redirect, or point the package set at an https URL"));
  }
  if (**scheme == Scheme::http && !options.allow_insecure_http) {
    return fail(fetch_error(request, codes::insecure_url,
                            who + " redirects to the plain http URL " + show_url(to) +
                                ", and plain http is not allowed",
                            "use an https:// URL"));
  }
  return **scheme;
}

}  // namespace pinset::net::detail
