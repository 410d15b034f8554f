// libFuzzer target: semver::Version::parse. A parsed version prints as canonical text that parses
// back to an equal version with the same text.
#include "core/semver/version.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace pinset;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  auto v = semver::Version::parse(fuzz::as_text(data, size));
  if (!v) {
    fuzz::check_error(v.error());
    fuzz::require(v.error().code == "invalid-version", "unexpected code " + v.error().code);
    return 0;
  }
  const std::string text = v->str();
  auto again = semver::Version::parse(text);
  fuzz::require(again.has_value(), "canonical text does not parse: " + text);
  fuzz::require(*again == *v, "canonical text parses to another version: " + text);
  fuzz::require(again->str() == text, "canonical text is not stable: " + text);
  fuzz::require(again->build() == v->build(), "build metadata lost: " + text);
  return 0;
}
