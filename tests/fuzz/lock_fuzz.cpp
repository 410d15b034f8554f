// libFuzzer target: the lock parser. An accepted lock writes back to text that parses to the same
// lock, and writing is a fixed point.
#include "core/model/lock.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace pinset;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  auto lock = model::parse_lock(fuzz::as_text(data, size), "fuzz/pinset.lock");
  if (!lock) {
    fuzz::check_error(lock.error());
    return 0;
  }
  const std::string text = model::write_lock(*lock);
  auto again = model::parse_lock(text, "fuzz/rewritten.lock");
  fuzz::require(again.has_value(), "a written lock does not parse: " +
                                       (again ? std::string() : again.error().render()));
  fuzz::require(*again == *lock, "a written lock parses to another lock");
  fuzz::require(model::write_lock(*again) == text, "writing a lock is not a fixed point");
  return 0;
}
