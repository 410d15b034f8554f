#include "core/app/set_checks.hpp"

#include <chrono>

namespace pinset::app {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

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

std::string in_days(std::int64_t seconds) {
  std::int64_t days = seconds / 86400;
  if (days == 0) return "less than a day";
  return std::to_string(days) + (days == 1 ? " day" : " days");
}

}  // namespace

std::optional<std::int64_t> unix_time(std::string_view text) {
  int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || text[4] != '-' ||
      text[7] != '-') {
    return std::nullopt;
  }
  std::int64_t t = days_from_civil(year, unsigned(month), unsigned(day)) * 86400;
  if (text.size() == 10) return t;
  if (text[10] != 'T' && text[10] != 't') return std::nullopt;
  int hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
  if (hour < 0 || minute < 0 || second < 0) return std::nullopt;
  t += hour * 3600 + minute * 60 + second;
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
      ++pos;
  }
  if (pos >= text.size()) return std::nullopt;
  char zone = text[pos];
  if (zone == 'Z' || zone == 'z') return pos + 1 == text.size() ? std::optional(t) : std::nullopt;
  int oh = digits(text, pos + 1, 2), om = digits(text, pos + 4, 2);
  if ((zone != '+' && zone != '-') || oh < 0 || om < 0 || pos + 6 != text.size()) {
    return std::nullopt;
  }
  std::int64_t offset = oh * 3600 + om * 60;
  return zone == '+' ? t - offset : t + offset;
}

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status check_expiry(const model::PackageSet& set, std::int64_t now, int warning_days,
                    std::vector<std::string>& warnings) {
  if (!set.expires) return {};
  auto expires = unix_time(*set.expires);
  if (!expires) return {};  // the set parser has refused a malformed timestamp already
  std::string name = "the package set " + set.name + " (serial " + std::to_string(set.serial) + ")";
  if (*expires <= now) {
    return fail("set-expired",
                name + " expired at " + *set.expires + ", " + in_days(now - *expires) +
                    " ago; an expired set is refused so that a stale or frozen copy cannot be "
                    "served forever",
                Location{set.source, 0, 0, "expires"},
                "ask the set's maintainers for a fresh, re-signed revision, then point "
                "package-set.url (and digest) at it");
  }
  if (*expires - now < std::int64_t(warning_days) * 86400) {
    warnings.push_back(name + " expires at " + *set.expires + ", in " + in_days(*expires - now) +
                       "; ask its maintainers for a re-signed revision before then (warning "
                       "window: " +
                       std::to_string(warning_days) + " days, package-set.expiry-warning-days)");
  }
  return {};
}

Status check_rollback(const model::PackageSet& set, const crypto::Checksum& digest,
                      const std::string& set_url, bool remote, const model::Lock* lock,
                      const std::string& lock_path) {
  if (lock == nullptr) return {};
  bool same_url = !set_url.empty() && lock->set_url == set_url;
  if (!same_url && lock->set_name != set.name) return {};  // another set
  if (same_url && remote && set.serial == lock->set_serial && digest != lock->set_digest) {
    return fail("set-equivocation",
                "the package set at " + quote(set_url, 200) + " serves serial " +
                    std::to_string(set.serial) + " with digest " + digest.str() + ", but " +
                    lock_path + " recorded serial " + std::to_string(lock->set_serial) +
                    " with digest " + lock->set_digest.str() +
                    ": two different revisions under one serial (equivocation)",
                Location{set.source, 0, 0, "serial"},
                "do not use this set and tell its maintainers: a new revision must have a higher "
                "serial");
  }
  if (set.serial >= lock->set_serial) return {};
  std::string renamed = lock->set_name == set.name ? ""
                                                   : " (recorded as " + quote(lock->set_name) +
                                                         ", now named " + quote(set.name) + ")";
  return fail("set-rollback",
              "the package set " + set.name + " has serial " + std::to_string(set.serial) +
                  ", lower than serial " + std::to_string(lock->set_serial) + " recorded in " +
                  lock_path + renamed + ": an older revision is being served (rollback)",
              Location{set.source, 0, 0, "serial"},
              "use the latest revision of the set; if its maintainers really went back, review "
              "the change (pinset set diff) and delete " +
                  lock_path + " to accept it");
}

}  // namespace pinset::app
