#include "cli/environment.hpp"

#include <cstdlib>

namespace pinset::cli {

namespace {

std::string variable(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// `flag` if positive, else the variable `name` (its text `text`) parsed as a whole number in
// [lo, hi], else `fallback`.
Result<long> flag_or_env(long flag, const char* name, const std::string& text, long lo, long hi,
                         long fallback, const std::string& example) {
  if (flag > 0) return flag;
  if (text.empty()) return fallback;
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (*end != '\0' || value < lo || value > hi) {
    return fail(codes::invalid_environment,
                std::string(name) + " is " + quote(text) + ", not a whole number from " +
                    std::to_string(lo) + " to " + std::to_string(hi),
                {},
                "set it to e.g. " + example + ", or unset it for the default of " +
                    std::to_string(fallback));
  }
  return value;
}

}  // namespace

Environment Environment::from_process() {
  Environment env;
  env.ca_bundle = variable("PINSET_CA_BUNDLE");
  env.stall_timeout = variable("PINSET_STALL_TIMEOUT");
  env.min_rate = variable("PINSET_MIN_RATE");
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) env.source_date_epoch = epoch;
  env.no_color = std::getenv("NO_COLOR") != nullptr;
  env.dumb_terminal = variable("TERM") == "dumb";
  return env;
}

Result<net::FetchOptions> fetch_options(const Environment& env, const std::string& cacert,
                                        long stall_timeout, long min_rate) {
  net::FetchOptions fetch;
  fetch.ca_file = cacert.empty() ? env.ca_bundle : cacert;
  TRY_ASSIGN(fetch.low_speed_time_s,
             flag_or_env(stall_timeout, "PINSET_STALL_TIMEOUT", env.stall_timeout, 1,
                         k_max_stall_timeout_s, fetch.low_speed_time_s, "60"));
  TRY_ASSIGN(fetch.low_speed_limit, flag_or_env(min_rate, "PINSET_MIN_RATE", env.min_rate, 1,
                                                k_max_min_rate, fetch.low_speed_limit, "512"));
  return fetch;
}

}  // namespace pinset::cli
