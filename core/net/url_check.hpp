#pragma once
// Which URLs the fetcher may request, checked before any request and on every redirect hop.
// Internal to core/net.

#include <string>
#include <string_view>

#include "core/net/fetcher.hpp"
#include "core/util/url.hpp"

namespace pinset::net::detail {

using Scheme = url::Scheme;  // one of https, http, file once checked

// The scheme of a request's URL, if it may be fetched under `options`.
// Errors: invalid-url, url-too-long (past url::k_max_url_bytes), unsupported-scheme (not https,
// http or file), insecure-url (http while options.allow_insecure_http is off).
Result<Scheme> check_url(const FetchRequest& request, const FetchOptions& options);

// The scheme of `to`, where `from` (fetched with scheme `from_scheme`) redirects, if it may be
// followed: only to https, or to http from http when plain http is allowed.
// Errors: invalid-url, unsupported-scheme (e.g. a redirect to file://), insecure-redirect (https to
// http, naming both URLs), insecure-url.
Result<Scheme> check_redirect(const FetchRequest& request, const FetchOptions& options,
                              Scheme from_scheme, std::string_view from, std::string_view to);

}  // namespace pinset::net::detail
