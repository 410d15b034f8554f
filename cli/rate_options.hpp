#pragma once
// The transfer-rate settings of the commands that download: --min-rate / PINSET_MIN_RATE (bytes
// per second) and --stall-timeout / PINSET_STALL_TIMEOUT (seconds: the window the rate is measured
// over). A flag wins over the environment; neither: the fetcher's defaults (1024 bytes/s, 30 s).

#include <cstdlib>
#include <string>

#include "core/net/fetcher.hpp"
#include "core/util/error.hpp"

namespace pinset::cli {

inline constexpr long k_max_stall_timeout_s = 3600;
inline constexpr long k_max_min_rate = 1L << 30;

// `flag` if positive, else the environment variable `name` parsed as a whole number in [lo, hi],
// else `fallback`. Error "invalid-environment" naming the variable and its value.
inline Result<long> flag_or_env(long flag, const char* name, long lo, long hi, long fallback,
                                const std::string& example) {
  if (flag > 0) return flag;
  const char* env = std::getenv(name);
  if (env == nullptr || *env == '\0') return fallback;
  char* end = nullptr;
  long value = std::strtol(env, &end, 10);
  if (*end != '\0' || value < lo || value > hi) {
    return fail("invalid-environment",
                std::string(name) + " is " + quote(env) + ", not a whole number from " +
                    std::to_string(lo) + " to " + std::to_string(hi),
                {},
                "set it to e.g. " + example + ", or unset it for the default of " +
                    std::to_string(fallback));
  }
  return value;
}

inline Status apply_rate_options(net::FetchOptions& fetch, long stall_timeout, long min_rate) {
  auto window = flag_or_env(stall_timeout, "PINSET_STALL_TIMEOUT", 1, k_max_stall_timeout_s,
                            fetch.low_speed_time_s, "60");
  if (!window) return fail(window.error());
  auto rate =
      flag_or_env(min_rate, "PINSET_MIN_RATE", 1, k_max_min_rate, fetch.low_speed_limit, "512");
  if (!rate) return fail(rate.error());
  fetch.low_speed_time_s = *window;
  fetch.low_speed_limit = *rate;
  return {};
}

}  // namespace pinset::cli
