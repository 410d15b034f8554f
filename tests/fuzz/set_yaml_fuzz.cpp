// libFuzzer target: a package set in YAML (doc::load_yaml, then the set rules).
#include "core/model/package_set.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace pinset;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  auto set =
      model::parse_package_set(fuzz::as_text(data, size), "fuzz/set.yaml", doc::Format::yaml);
  if (!set) {
    fuzz::check_error(set.error());
    return 0;
  }
  for (const model::Package& p : set->packages()) {
    fuzz::require(model::check_package_name(set->name_of(p.name)).has_value(),
                  "a set accepted an invalid package name");
    fuzz::require(!p.entries.empty(), "a package without entries");
  }
  return 0;
}
