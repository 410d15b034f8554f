#pragma once
// The environment variables pinset reads, read once per process (Environment::from_process, when
// an Io is made) and handed to every command through Io, so that each variable is honoured the
// same way by every command. (PINSET_CACHE_DIR, XDG_CACHE_HOME and HOME are read by
// store::default_cache_dir, which takes getenv as a parameter.)

#include <optional>
#include <string>

#include "core/net/fetcher.hpp"
#include "core/util/error.hpp"

namespace pinset::cli {

struct Environment {
  std::string ca_bundle;      // PINSET_CA_BUNDLE: an extra CA bundle (PEM) for https
  std::string stall_timeout;  // PINSET_STALL_TIMEOUT: seconds the transfer rate is measured over
  std::string min_rate;       // PINSET_MIN_RATE: the lowest acceptable rate, bytes per second
  std::optional<std::string> source_date_epoch;  // SOURCE_DATE_EPOCH: reproducible documents
  bool no_color = false;                         // NO_COLOR is set
  bool dumb_terminal = false;                    // TERM=dumb

  static Environment from_process();
};

inline constexpr long k_max_stall_timeout_s = 3600;
inline constexpr long k_max_min_rate = 1L << 30;

// The fetch settings of every command that downloads: the CA bundle from `cacert` (--cacert) or
// PINSET_CA_BUNDLE; the rate window and minimum rate from the flags (0: not given), else
// PINSET_STALL_TIMEOUT and PINSET_MIN_RATE, else the fetcher's defaults (30 s, 1024 bytes/s).
// Error "invalid-environment" naming the variable and its value.
Result<net::FetchOptions> fetch_options(const Environment& env, const std::string& cacert,
                                        long stall_timeout = 0, long min_rate = 0);

}  // namespace pinset::cli
