#pragma once
// Calendar arithmetic for policy checks: dates and RFC 3339 timestamps as counts of days and
// seconds since 1970-01-01 (UTC, proleptic Gregorian). Pure: "now" is always passed in.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pinset::policy {

// Days since 1970-01-01 of a real calendar date YYYY-MM-DD; nullopt for anything else.
std::optional<std::int64_t> parse_date(std::string_view text);

// Seconds since 1970-01-01T00:00:00Z of an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS, optional
// fraction (ignored), then Z or ±HH:MM); nullopt for anything else. A leap second :60 counts as
// :59.
std::optional<std::int64_t> parse_timestamp(std::string_view text);

// The UTC date of a count of seconds since the epoch, as YYYY-MM-DD.
std::string format_date(std::int64_t seconds);

// Whole days since the epoch of a count of seconds (rounding towards the past).
inline std::int64_t day_of(std::int64_t seconds) {
  return seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
}

}  // namespace pinset::policy
