// libFuzzer target: the manifest parser. The first byte picks YAML or JSON.
#include "core/model/manifest.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace pinset;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const bool json = (data[0] & 1) != 0;
  auto manifest = model::parse_manifest(fuzz::as_text(data + 1, size - 1),
                                        json ? "fuzz/pinset.json" : "fuzz/pinset.yaml",
                                        json ? doc::Format::json : doc::Format::yaml);
  if (!manifest) {
    fuzz::check_error(manifest.error());
  }
  return 0;
}
