#pragma once
// The validators of the package set's field values that other documents and use cases share (a
// manifest's mirrors and trust, `pinset set add`): artifact URLs, timestamps and dates.

#include <string_view>

#include "core/util/error.hpp"

namespace pinset::model {

// Artifact URLs: an http, https or file URL with "//" and (http/https) a host, or a relative
// reference; not empty, no whitespace or control characters, no other scheme, no "//host" form.
// Errors: code "invalid-url" naming the value and the rule it breaks, with a hint.
Status check_url(std::string_view url);

// RFC 3339 date-time, e.g. 2027-06-30T00:00:00Z or 2027-06-30T08:00:00.5+02:00, with a real
// calendar date and times in range. Errors: code "invalid-timestamp".
Status check_timestamp(std::string_view text);

// YYYY-MM-DD, a real calendar date. Errors: code "invalid-date".
Status check_date(std::string_view text);

}  // namespace pinset::model
