#include "core/net/fetch_error.hpp"

#include <cstdio>

namespace pinset::net::detail {
namespace {

constexpr const char* k_hint_network = "check the network connection or the mirror, then try again";
constexpr const char* k_hint_tls =
    "pass --cacert FILE (or set PINSET_CA_BUNDLE) if the server uses a private CA; a certificate "
    "that expired or names another host must be fixed on the server";
constexpr const char* k_hint_server = "the server failed: try again later or use another mirror";
constexpr const char* k_hint_missing =
    "the artifact is not at this URL: check the URL in the package set or ask the set's curators";
constexpr const char* k_hint_denied = "the server refuses access: check the URL and the mirror";
constexpr const char* k_hint_too_large =
    "the server sends more than the package set allows: check the URL or ask the set's curators";

std::string with_detail(std::string reason, const TransferFacts& facts, CURLcode code) {
  std::string detail = facts.detail.empty() ? curl_easy_strerror(code) : facts.detail;
  return reason + " (" + detail + ")";
}

}  // namespace

std::string show_url(std::string_view url) {
  return quote(url, 2048);
}

Error fetch_error(const FetchRequest& request, std::string code, std::string reason,
                  std::string hint) {
  std::string what = request.label.empty() ? show_url(request.url)
                                           : request.label + " from " + show_url(request.url);
  return Error(std::move(code), "cannot download " + what + ": " + reason, {}, std::move(hint));
}

Error checksum_mismatch(const FetchRequest& request, const crypto::Checksum& actual) {
  return fetch_error(
      request, "checksum-mismatch",
      "its checksum is " + actual.str() + ", not the expected " + request.expected->str(),
      "the artifact changed upstream or was tampered with: do not use it, "
      "and ask the set's curators");
}

Error too_large(const FetchRequest& request, std::uint64_t limit, bool exact,
                std::int64_t announced) {
  std::string size = std::to_string(limit) + " bytes";
  std::string reason;
  if (announced >= 0) {
    reason = "the server announces " + std::to_string(announced) + " bytes, " +
             (exact ? "not the expected " : "more than the limit of ") + size;
  } else {
    reason =
        "the body is longer than " + std::string(exact ? "the expected " : "the limit of ") + size;
  }
  if (exact) {
    return fetch_error(request, codes::size_mismatch, std::move(reason),
                       "the artifact changed upstream or the server is misbehaving: ask the "
                       "set's curators");
  }
  return fetch_error(request, codes::too_large, std::move(reason), k_hint_too_large);
}

CurlFailure status_failure(const FetchRequest& request, long status) {
  std::string reason = "the server answered HTTP " + std::to_string(status);
  bool transient = status >= 500 || status == 408 || status == 429;
  const char* hint = k_hint_server;
  if (status == 404 || status == 410) {
    hint = k_hint_missing;
  } else if (status == 401 || status == 403) {
    hint = k_hint_denied;
  } else if (status == 429) {
    hint = "the server is rate-limiting: try again later or use another mirror";
  } else if (status >= 300 && status < 400) {
    reason += " without a usable Location";
    hint = "check the URL or the mirror";
  } else if (status < 500) {
    hint = "check the URL or the mirror";
  }
  Error e = fetch_error(request, codes::http_status, std::move(reason), hint);
  e.http_status = int(status);
  return {std::move(e), transient};
}

CurlFailure curl_failure(const FetchRequest& request, const FetchOptions& options, CURLcode code,
                         const TransferFacts& facts) {
  auto fail_with = [&](const char* err_code, std::string reason, std::string hint, bool transient) {
    return CurlFailure{fetch_error(request, err_code, std::move(reason), std::move(hint)),
                       transient};
  };
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return fail_with(codes::network, "the host name cannot be resolved", k_hint_network, true);
    case CURLE_COULDNT_CONNECT:
      return fail_with(codes::network, "cannot connect to the server", k_hint_network, true);
    case CURLE_OPERATION_TIMEDOUT:
      if (!facts.connected) {
        return fail_with(codes::timeout,
                         "no connection within " + std::to_string(options.connect_timeout_s) + " s",
                         k_hint_network, true);
      }
      return fail_with(codes::timeout,
                       "the transfer did not finish within " + std::to_string(facts.deadline_s) +
                           " s, its deadline at the minimum rate of " +
                           std::to_string(options.low_speed_limit) + " bytes/s (" +
                           std::to_string(facts.received) + " bytes received)",
                       k_hint_network, false);
    case CURLE_PARTIAL_FILE:
      return fail_with(
          codes::truncated,
          "the connection closed after " + std::to_string(facts.received) +
              (facts.content_length >= 0 ? " of " + std::to_string(facts.content_length) : "") +
              " bytes",
          k_hint_network, true);
    case CURLE_GOT_NOTHING:
      return fail_with(codes::network, "the server closed the connection without answering",
                       k_hint_network, true);
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return fail_with(codes::network, with_detail("the connection failed", facts, code),
                       k_hint_network, true);
    case CURLE_PEER_FAILED_VERIFICATION:
      return fail_with(codes::tls,
                       with_detail("the server's certificate is not trusted", facts, code),
                       k_hint_tls, false);
    case CURLE_SSL_CONNECT_ERROR:
      return fail_with(codes::tls, with_detail("the TLS handshake failed", facts, code), k_hint_tls,
                       false);
    case CURLE_SSL_CACERT_BADFILE:
      return fail_with(codes::tls, with_detail("the CA file cannot be used", facts, code),
                       "check the --cacert file: it must hold PEM certificates", false);
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_ENGINE_INITFAILED:
      return fail_with(codes::tls, with_detail("TLS failed", facts, code), k_hint_tls, false);
    case CURLE_FILE_COULDNT_READ_FILE:
      return fail_with(codes::file_read, "the file does not exist or cannot be read",
                       "check the path in the URL", false);
    case CURLE_URL_MALFORMAT:
      return fail_with(codes::invalid_url, with_detail("the URL is malformed", facts, code),
                       "check the URL", false);
    case CURLE_UNSUPPORTED_PROTOCOL:
      return fail_with(codes::unsupported_scheme, with_detail("unsupported scheme", facts, code),
                       "use an https:// URL", false);
    default:
      return fail_with(codes::fetch_failed, with_detail("the transfer failed", facts, code),
                       k_hint_network, false);
  }
}

}  // namespace pinset::net::detail
