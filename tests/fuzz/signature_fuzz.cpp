// libFuzzer target: signature files (trust::parse_signature_file). The signatures of an accepted
// file, appended one by one to a new file, parse back to the same keys and signatures.
#include "core/trust/signing.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace pinset;

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  auto sigs = trust::parse_signature_file(fuzz::as_text(data, size), "fuzz/set.yaml.sig");
  if (!sigs) {
    fuzz::check_error(sigs.error());
    return 0;
  }
  if (sigs->empty()) {
    return 0;
  }
  std::string rebuilt;
  for (const trust::Signature& s : *sigs) {
    rebuilt = trust::append_signature(rebuilt, s);
  }
  auto again = trust::parse_signature_file(rebuilt, "fuzz/rebuilt.sig");
  fuzz::require(again.has_value(), "rebuilt signatures do not parse: " +
                                       (again ? std::string() : again.error().render()));
  // append_signature replaces a line by the same key, so the last one of each key is kept.
  for (const trust::Signature& s : *again) {
    bool found = false;
    for (const trust::Signature& original : *sigs) {
      found = found ||
              (original.public_key == s.public_key && original.signature_b64 == s.signature_b64);
    }
    fuzz::require(found, "a rebuilt signature was not in the original file: " + s.public_key);
  }
  return 0;
}
