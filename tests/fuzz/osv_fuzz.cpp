// libFuzzer target: OSV advisory documents (JSON).
#include "core/policy/osv.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace pinset;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  auto advisory = policy::parse_osv(fuzz::as_text(data, size), "fuzz/advisory.json");
  if (!advisory) {
    fuzz::check_error(advisory.error());
  }
  return 0;
}
