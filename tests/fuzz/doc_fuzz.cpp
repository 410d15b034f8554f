// libFuzzer target: the YAML and JSON loaders. The first byte picks the loader and a small depth
// limit, so both the limit checks and the recursion below them are exercised. Every node of an
// accepted tree respects the limits, and mappings hold no duplicate keys.
#include <set>

#include "core/doc/loader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace pinset;

namespace {

void check_tree(const doc::Node& node, int depth, const doc::Limits& limits, std::size_t& count) {
  ++count;
  fuzz::require(node.mark.line >= 0 && node.mark.column >= 0, "a negative position");
  if (node.is_sequence() || node.is_mapping()) {
    fuzz::require(depth < limits.max_depth, "a tree deeper than max_depth");
  }
  for (const doc::Node& item : node.items) {
    check_tree(item, depth + 1, limits, count);
  }
  std::set<std::string> keys;
  for (const auto& [key, value] : node.entries) {
    fuzz::require(keys.insert(key.first).second, "a duplicate key was accepted: " + key.first);
    check_tree(value, depth + 1, limits, count);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  doc::Limits limits;
  limits.max_depth = 1 + (data[0] >> 1) % 80;
  limits.max_nodes = 20'000;
  const bool json = (data[0] & 1) != 0;
  const std::string_view text = fuzz::as_text(data + 1, size - 1);
  auto node = json ? doc::load_json(text, "fuzz/doc.json", limits)
                   : doc::load_yaml(text, "fuzz/doc.yaml", limits);
  if (!node) {
    fuzz::check_error(node.error());
    return 0;
  }
  std::size_t count = 0;
  check_tree(*node, 0, limits, count);
  fuzz::require(count <= limits.max_nodes, "more nodes than max_nodes");
  return 0;
}
