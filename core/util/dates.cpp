#include "core/util/dates.hpp"

#include <chrono>
#include <cstdio>

namespace pinset::dates {

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr const char* k_months[] = {"January",   "February", "March",    "April",
                                    "May",       "June",     "July",     "August",
                                    "September", "October",  "November", "December"};

// The digits text[pos, pos+n) as a number, or -1.
int digits(std::string_view text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

// The date YYYY-MM-DD at the start of `text`, valid or not; nullopt when it is not in that form.
std::optional<year_month_day> date_at_start(std::string_view text) {
  int y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0 || text[4] != '-' || text[7] != '-') return std::nullopt;
  return year_month_day{year{y}, month{unsigned(m)}, day{unsigned(d)}};
}

std::int64_t days_of(const year_month_day& date) {
  return sys_days{date}.time_since_epoch().count();
}

// The parts of an RFC 3339 timestamp, and the first thing wrong with it.
struct Timestamp {
  std::int64_t seconds = 0;
  std::string problem;
};

Timestamp read_timestamp(std::string_view text) {
  auto problem = [](std::string why) { return Timestamp{0, std::move(why)}; };
  if (text.size() < 19 || (text[10] != 'T' && text[10] != 't') || digits(text, 11, 2) < 0 ||
      text[13] != ':' || digits(text, 14, 2) < 0 || text[16] != ':' || digits(text, 17, 2) < 0) {
    return problem("it is not in the form YYYY-MM-DDTHH:MM:SS plus a zone");
  }
  if (std::string why = date_problem(text); !why.empty()) return problem(why);
  int hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
  if (hour > 23) return problem("hour " + std::to_string(hour) + " is not 0-23");
  if (minute > 59) return problem("minute " + std::to_string(minute) + " is not 0-59");
  if (second > 60) return problem("second " + std::to_string(second) + " is not 0-60");
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    std::size_t start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
      ++pos;
    if (pos == start) return problem("the fraction of a second after \".\" has no digits");
  }
  std::int64_t offset = 0;
  std::string_view zone = text.substr(pos);
  if (zone.empty())
    return problem("it has no time zone: end it with Z or an offset such as +02:00");
  if (zone != "Z" && zone != "z") {
    int zone_hour = digits(zone, 1, 2), zone_minute = digits(zone, 4, 2);
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' || zone_hour < 0 ||
        zone_minute < 0) {
      return problem("the time zone \"" + std::string(zone) +
                     "\" is not Z or an offset such as +02:00");
    }
    if (zone_hour > 23 || zone_minute > 59) {
      return problem("the offset \"" + std::string(zone) + "\" is out of range");
    }
    offset = (zone_hour * 3600 + zone_minute * 60) * (zone[0] == '-' ? -1 : 1);
  }
  if (second == 60) second = 59;  // a leap second
  std::int64_t seconds = days_of(*date_at_start(text)) * 86400 + hour * 3600 + minute * 60 + second;
  return Timestamp{seconds - offset, ""};
}

}  // namespace

std::string date_problem(std::string_view text) {
  auto date = date_at_start(text);
  if (!date) return "it is not in the form YYYY-MM-DD";
  if (!date->month().ok()) return "there is no month " + std::to_string(unsigned(date->month()));
  if (!date->ok()) {
    unsigned last = unsigned((date->year() / date->month() / std::chrono::last).day());
    return "there is no day " + std::to_string(unsigned(date->day())) + " in " +
           k_months[unsigned(date->month()) - 1] + " " + std::to_string(int(date->year())) +
           " (it has " + std::to_string(last) + " days)";
  }
  return {};
}

std::optional<std::int64_t> parse_date(std::string_view text) {
  if (text.size() != 10 || !date_problem(text).empty()) return std::nullopt;
  return days_of(*date_at_start(text));
}

std::string timestamp_problem(std::string_view text) {
  return read_timestamp(text).problem;
}

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
  Timestamp t = read_timestamp(text);
  if (!t.problem.empty()) return std::nullopt;
  return t.seconds;
}

std::optional<std::int64_t> parse_date_or_timestamp(std::string_view text) {
  if (text.size() == 10) {
    auto days = parse_date(text);
    if (!days) return std::nullopt;
    return *days * 86400;
  }
  return parse_timestamp(text);
}

std::string format_date(std::int64_t seconds) {
  year_month_day date{sys_days{std::chrono::days{day_of(seconds)}}};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(date.year()), unsigned(date.month()),
                unsigned(date.day()));
  return buf;
}

std::string format_date_time(std::int64_t seconds) {
  std::int64_t in_day = seconds - day_of(seconds) * 86400;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d", format_date(seconds).c_str(),
                int(in_day / 3600), int(in_day / 60 % 60), int(in_day % 60));
  return buf;
}

std::string format_timestamp(std::int64_t seconds) {
  return format_date_time(seconds) + "Z";
}

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace pinset::dates
