#include "core/util/url.hpp"

namespace pinset::url {
namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The text before the scheme's colon, or npos when there is no scheme.
std::size_t scheme_end(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return colon;
  std::size_t slash = text.find('/');
  if (slash != std::string_view::npos && slash < colon) return std::string_view::npos;
  return colon;
}

}  // namespace

std::string scheme_text(std::string_view text) {
  std::size_t end = scheme_end(text);
  if (end == std::string_view::npos) return "";
  std::string out(text.substr(0, end));
  for (char& c : out)
    c = lower(c);
  return out;
}

bool has_valid_scheme(std::string_view text) {
  std::string name = scheme_text(text);
  if (name.empty() || !is_alpha(name.front())) return false;
  for (char c : name) {
    bool ok = is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

Scheme scheme_of(std::string_view text) {
  std::size_t end = scheme_end(text);
  if (end == std::string_view::npos) return Scheme::path;
  std::string name = scheme_text(text);
  if (name.empty() || !is_alpha(name.front())) return Scheme::other;
  if (name == "https") return Scheme::https;
  if (name == "http") return Scheme::http;
  if (name == "file") return Scheme::file;
  return Scheme::other;
}

const char* scheme_name(Scheme scheme) {
  switch (scheme) {
    case Scheme::https:
      return "https";
    case Scheme::http:
      return "http";
    case Scheme::file:
      return "file";
    case Scheme::path:
      return "path";
    case Scheme::other:
      return "other";
  }
  return "other";
}

bool may_name(Scheme document, Scheme target) {
  switch (target) {
    case Scheme::https:
      return document != Scheme::other;
    case Scheme::http:
      return document == Scheme::http || is_local(document);
    case Scheme::file:
    case Scheme::path:
      return is_local(document);
    case Scheme::other:
      return false;
  }
  return false;
}

Status check_length(std::string_view text, const std::string& what) {
  if (text.size() <= k_max_url_bytes) return {};
  return fail(codes::url_too_long,
              what + " is " + std::to_string(text.size()) + " bytes long, more than the limit of " +
                  std::to_string(k_max_url_bytes) + " bytes: " + quote(text, 60),
              {}, "use a shorter URL (a long query string is usually a mistake)");
}

}  // namespace pinset::url
