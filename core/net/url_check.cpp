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

std::optional<Scheme> known_scheme(std::string_view name) {
  if (name == "https") return Scheme::https;
  if (name == "http") return Scheme::http;
  if (name == "file") return Scheme::file;
  return std::nullopt;
}

// The lowercase scheme of `url` (RFC 3986: a letter, then letters, digits, '+', '-', '.'), or
// why there is none.
Result<std::string> scheme_of(std::string_view url) {
  std::size_t colon = url.find(':');
  auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto is_scheme_char = [&](char c) {
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
  };
  if (colon == std::string_view::npos || colon == 0 || !is_alpha(url[0]) ||
      !std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(colon), is_scheme_char)) {
    return fail("invalid-url", "it has no scheme such as https://");
  }
  std::string out(url.substr(0, colon));
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Whether libcurl can parse `url`, and why not.
Status parse_check(std::string_view url) {
  if (url.find('\0') != std::string_view::npos)
    return fail("invalid-url", "it contains a NUL byte");
  std::unique_ptr<CURLU, UrlDeleter> handle(curl_url());
  if (!handle) throw std::bad_alloc();
  std::string text(url);
  CURLUcode rc = curl_url_set(handle.get(), CURLUPART_URL, text.c_str(), 0);
  if (rc != CURLUE_OK) return fail("invalid-url", curl_url_strerror(rc));
  return {};
}

// The known scheme of `url`, once it parses.
Result<std::optional<Scheme>> parse(std::string_view url) {
  auto name = scheme_of(url);
  if (!name) return fail(std::move(name.error()));
  std::optional<Scheme> scheme = known_scheme(*name);
  if (!scheme) return std::optional<Scheme>();
  if (auto ok = parse_check(url); !ok) return fail(std::move(ok.error()));
  return scheme;
}

constexpr const char* k_hint_https = "use an https:// URL (or file:// for a local mirror)";

}  // namespace

const char* scheme_name(Scheme scheme) {
  switch (scheme) {
    case Scheme::https:
      return "https";
    case Scheme::http:
      return "http";
    case Scheme::file:
      return "file";
  }
  return "https";
}

Result<Scheme> check_url(const FetchRequest& request, const FetchOptions& options) {
  auto scheme = parse(request.url);
  if (!scheme) {
    return fail(fetch_error(request, "invalid-url",
                            "the URL is malformed (" + scheme.error().message + ")",
                            "check the URL"));
  }
  if (!*scheme) {
    return fail(fetch_error(request, "unsupported-scheme",
                            "the URL scheme " + quote(*scheme_of(request.url)) +
                                " is not supported (only https, http and file are)",
                            k_hint_https));
  }
  if (**scheme == Scheme::http && !options.allow_insecure_http) {
    return fail(
        fetch_error(request, "insecure-url", "plain http is not allowed", "use an https:// URL"));
  }
  return **scheme;
}

Result<Scheme> check_redirect(const FetchRequest& request, const FetchOptions& options,
                              Scheme from_scheme, std::string_view from, std::string_view to) {
  // Name the redirecting URL unless it is the request's own, which the message names already.
  std::string who = from == request.url ? "it" : show_url(from);
  auto scheme = parse(to);
  if (!scheme) {
    return fail(fetch_error(request, "invalid-url",
                            who + " redirects to the malformed URL " + show_url(to) + " (" +
                                scheme.error().message + ")",
                            "check the URL or the mirror"));
  }
  if (!*scheme || **scheme == Scheme::file) {
    return fail(fetch_error(request, "unsupported-scheme",
                            who + " redirects to " + show_url(to) +
                                ", and only redirects to https or http are followed",
                            "check the URL or the mirror"));
  }
  if (**scheme == Scheme::http && from_scheme == Scheme::https) {
    return fail(fetch_error(request, "insecure-redirect",
                            who + " redirects from https to the plain http URL " + show_url(to),
                            "a download that starts on https must stay on https: ask the mirror "
                            "to fix its redirect, or point the package set at an https URL"));
  }
  if (**scheme == Scheme::http && !options.allow_insecure_http) {
    return fail(fetch_error(request, "insecure-url",
                            who + " redirects to the plain http URL " + show_url(to) +
                                ", and plain http is not allowed",
                            "use an https:// URL"));
  }
  return **scheme;
}

}  // namespace pinset::net::detail
