#pragma once
// "code: rendered error", or "ok" when the call succeeded: error tests compare the whole message.

#include <string>

#include "core/util/error.hpp"

namespace pinset::test {

inline std::string error_text(const Error& e) {
  return e.code + ": " + e.render();
}

template <class T>
std::string error_of(const Result<T>& r) {
  return r ? std::string("ok") : error_text(r.error());
}

}  // namespace pinset::test
