#pragma once
// The one URL-scheme check of pinset: what kind of place a URL or path in a manifest, a set or a
// lock names, how long a URL may be, and which artifacts a set may name given where the set itself
// was read from. Pure: no parsing beyond the scheme (core/net checks the rest before a request).

#include <cstddef>
#include <string>
#include <string_view>

#include "core/util/error.hpp"

namespace pinset::url {

// path: no scheme (a filesystem path, relative or absolute); other: a scheme pinset never reads
// (ftp:, data:, ...).
enum class Scheme { path, file, http, https, other };

// Longest URL pinset accepts anywhere (a request line, a set entry, a lock).
inline constexpr std::size_t k_max_url_bytes = 8u << 10;

// The scheme of `text`, compared case-insensitively. A colon before the first slash (or in a text
// without one) starts a scheme: "https://x", "FILE:///x", "ftp://x" (other), "C:x" (other);
// "a/b:c" and "/x" are paths.
Scheme scheme_of(std::string_view text);

// Whether `text` starts with a well-formed scheme (RFC 3986: a letter, then letters, digits, '+',
// '-', '.', then ':'), known or not.
bool has_valid_scheme(std::string_view text);

// The scheme's name as written before "://" ("https", "http", "file"); "path" and "other".
const char* scheme_name(Scheme scheme);

// The scheme as written at the start of `text` (lowercased), or "" when it has none.
std::string scheme_text(std::string_view text);

inline bool is_remote(Scheme s) {
  return s == Scheme::http || s == Scheme::https;
}
inline bool is_local(Scheme s) {
  return s == Scheme::path || s == Scheme::file;
}

// Whether a document read from a place of scheme `document` (a package set) may name something to
// fetch at a place of scheme `target`: never weaker than the document's own scheme. An https set
// names https only; an http set http or https; only a local set (a path or file://) names file://
// or paths. `other` is never allowed.
bool may_name(Scheme document, Scheme target);

// Refuses a URL longer than k_max_url_bytes ("url-too-long"; the message shows its start and its
// length, `what` names it: "the artifact URL of netlib 1.4.0").
Status check_length(std::string_view text, const std::string& what);

}  // namespace pinset::url
