#pragma once
// Shared checks for the libFuzzer targets: a target aborts (which libFuzzer reports as a crash)
// when an invariant fails, after printing which one.

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/util/error.hpp"

namespace pinset::fuzz {

[[noreturn]] inline void die(std::string_view what) {
  std::fprintf(stderr, "fuzz invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

inline void require(bool ok, std::string_view what) {
  if (!ok) {
    die(what);
  }
}

// Every error, and each of its causes, has a code and a message, and renders.
inline void check_error(const Error& e) {
  require(!e.code.empty(), "an error without a code: " + e.render());
  require(!e.message.empty(), "an error without a message, code " + e.code);
  require(!e.render().empty(), "an error that renders empty");
  for (const Error& cause : e.causes) {
    check_error(cause);
  }
}

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace pinset::fuzz
