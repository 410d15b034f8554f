// libFuzzer target: the receipt parser (simdjson; the cache's receipt.json, read once per package
// by every install). An accepted receipt names only safe relative paths, writes back to text that
// parses to the same receipt, and is what the nlohmann reader of the install state makes of it.
#include <nlohmann/json.hpp>

#include "core/store/receipt_io.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace pinset;

namespace {

bool same(const archive::Receipt& a, const archive::Receipt& b) {
  if (a.total_bytes != b.total_bytes || a.files.size() != b.files.size()) return false;
  for (std::size_t i = 0; i < a.files.size(); ++i) {
    const auto& x = a.files[i];
    const auto& y = b.files[i];
    if (x.path != y.path || x.type != y.type || x.mode != y.mode || x.size != y.size ||
        x.sha256 != y.sha256 || x.link_target != y.link_target) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  auto receipt = store::parse_receipt(text, "fuzz/receipt.json");
  if (!receipt) {
    fuzz::check_error(receipt.error());
    return 0;
  }
  for (const auto& f : receipt->files)
    fuzz::require(store::is_safe_relative_path(f.path), "an unsafe path was accepted: " + f.path);
  const std::string written = store::write_receipt(*receipt);
  auto again = store::parse_receipt(written, "fuzz/rewritten.json");
  fuzz::require(again.has_value(), "a written receipt does not parse");
  fuzz::require(same(*again, *receipt), "a written receipt parses to another receipt");
  // The install state's reader (nlohmann) agrees on what this pinset writes.
  auto other = store::receipt_from_json(nlohmann::json::parse(written), "fuzz/rewritten.json");
  fuzz::require(other.has_value() && same(*other, *receipt), "the two receipt readers disagree");
  return 0;
}
