// libFuzzer target: semver::Range::parse and satisfies. node-semver's normalized form of a range
// parses again, to a range with the same normalized form.
#include "core/semver/range.hpp"
#include "core/semver/version.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace pinset;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  auto r = semver::Range::parse(fuzz::as_text(data, size));
  if (!r) {
    fuzz::check_error(r.error());
    fuzz::require(r.error().code == "invalid-range", "unexpected code " + r.error().code);
    return 0;
  }
  const std::string normalized = r->normalized();
  auto again = semver::Range::parse(normalized);
  fuzz::require(again.has_value(), "normalized range does not parse: " + normalized);
  fuzz::require(again->normalized() == normalized, "normalized form is not stable: " + normalized);
  // Every version a comparator names is checked against both ranges: they must agree.
  for (const auto& set : r->sets()) {
    for (const auto& c : set) {
      fuzz::require(
          r->satisfies(c.version) == again->satisfies(c.version),
          "range and its normalized form disagree on " + c.version.str() + ": " + normalized);
    }
  }
  return 0;
}
