// libFuzzer target: the policy parser (policy::parse_policy). The first byte picks YAML or JSON.
#include "core/policy/policy.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace pinset;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const bool json = (data[0] & 1) != 0;
  auto policy = policy::parse_policy(fuzz::as_text(data + 1, size - 1),
                                     json ? "fuzz/policy.json" : "fuzz/policy.yaml",
                                     json ? doc::Format::json : doc::Format::yaml);
  if (!policy) {
    fuzz::check_error(policy.error());
  }
  return 0;
}
