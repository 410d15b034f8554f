#pragma once
// The one home of calendar dates and timestamps: YYYY-MM-DD dates and RFC 3339 date-times as
// counts of days and seconds since 1970-01-01 (UTC, proleptic Gregorian), on <chrono>'s calendar
// types. Pure except system_now(); "now" is passed in everywhere else so tests can fix it.
//
// Used by set expiry (model, app), overlay and waiver expiry (app, policy), advisory and set
// publication times (policy), the GitLab report's scan times (policy), and merged sets'
// `expires` (curate).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pinset::dates {

// Days since 1970-01-01 of a real calendar date YYYY-MM-DD (exactly ten characters); nullopt for
// anything else ("2023-02-29", "2026-1-01", "2026-01-01x").
std::optional<std::int64_t> parse_date(std::string_view text);

// Seconds since 1970-01-01T00:00:00Z of an RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS (T or t), an
// optional fraction (ignored), then Z, z or ±HH:MM. A leap second :60 counts as :59. nullopt for
// anything else, including a date-time without a zone.
std::optional<std::int64_t> parse_timestamp(std::string_view text);

// A date (its midnight UTC) or a timestamp, in seconds: what an `expires` field may hold.
std::optional<std::int64_t> parse_date_or_timestamp(std::string_view text);

// What is wrong with the YYYY-MM-DD at the start of `text`, for error messages ("there is no day
// 30 in February 2026 (it has 28 days)"), or "" when it is a real date.
std::string date_problem(std::string_view text);

// What is wrong with an RFC 3339 timestamp ("hour 24 is not 0-23", "it has no time zone: ..."),
// or "" when parse_timestamp accepts it.
std::string timestamp_problem(std::string_view text);

// The UTC date of a count of seconds since the epoch, as YYYY-MM-DD.
std::string format_date(std::int64_t seconds);

// The UTC date and time of a count of seconds since the epoch, as YYYY-MM-DDTHH:MM:SS with no
// zone (GitLab security reports' form).
std::string format_date_time(std::int64_t seconds);
// The same as RFC 3339 in UTC: YYYY-MM-DDTHH:MM:SSZ.
std::string format_timestamp(std::int64_t seconds);

// Whole days since the epoch of a count of seconds (rounding towards the past).
inline std::int64_t day_of(std::int64_t seconds) {
  return seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
}

// Seconds since the epoch, from the system clock.
std::int64_t system_now();

}  // namespace pinset::dates
