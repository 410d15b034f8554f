#include "core/app/set_checks.hpp"

#include "core/util/dates.hpp"

namespace pinset::app {

namespace {

std::string in_days(std::int64_t seconds) {
  std::int64_t days = seconds / 86400;
  if (days == 0) return "less than a day";
  return std::to_string(days) + (days == 1 ? " day" : " days");
}

}  // namespace

Status check_expiry(const model::PackageSet& set, std::int64_t now, int warning_days,
                    std::vector<std::string>& warnings) {
  if (!set.expires) return {};
  auto expires = dates::parse_date_or_timestamp(*set.expires);
  if (!expires) return {};  // the set parser has refused a malformed timestamp already
  std::string name = "the package set " + set.name + " (serial " + std::to_string(set.serial) + ")";
  if (*expires <= now) {
    return fail(codes::set_expired,
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

std::optional<std::int64_t> expiry_notice_at(const model::PackageSet& set, int warning_days) {
  if (!set.expires) return std::nullopt;
  auto expires = dates::parse_date_or_timestamp(*set.expires);
  if (!expires) return std::nullopt;  // check_expiry ignores it too
  return *expires - std::int64_t(warning_days) * 86400;
}

Status check_rollback(const model::PackageSet& set, const crypto::Checksum& digest,
                      const std::string& set_url, bool remote, const model::Lock* lock,
                      const std::string& lock_path) {
  if (lock == nullptr) return {};
  bool same_url = !set_url.empty() && lock->set_url == set_url;
  if (!same_url && lock->set_name != set.name) return {};  // another set
  if (same_url && remote && set.serial == lock->set_serial && digest != lock->set_digest) {
    return fail(codes::set_equivocation,
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
  return fail(codes::set_rollback,
              "the package set " + set.name + " has serial " + std::to_string(set.serial) +
                  ", lower than serial " + std::to_string(lock->set_serial) + " recorded in " +
                  lock_path + renamed + ": an older revision is being served (rollback)",
              Location{set.source, 0, 0, "serial"},
              "use the latest revision of the set; if its maintainers really went back, review "
              "the change (pinset set diff) and delete " +
                  lock_path + " to accept it");
}

}  // namespace pinset::app
