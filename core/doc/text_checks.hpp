#pragma once
// Checks both loaders run on raw text before parsing it, and offset-to-position helpers.
// Internal to core/doc.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/doc/loader.hpp"
#include "core/util/error.hpp"

namespace pinset::doc::detail {

// Thrown inside a loader (e.g. from the YAML event builder) to abandon the parse with an Error;
// caught at the loader's boundary.
struct LoadFailure {
  Error error;
};

// `limits` with max_depth brought into [0, k_max_supported_depth].
Limits effective(const Limits& limits);

// Error "too-large" when `text` is longer than limits.max_bytes.
Status check_size(std::string_view text, const std::string& source, const Limits& limits);

// Error "parse" at the first byte that is not valid UTF-8 (bad lead byte, truncated or overlong
// sequence, surrogate, above U+10FFFF). With `yaml`, also at the first character YAML does not
// allow in a stream: C0 controls other than tab, LF and CR, DEL, C1 controls other than U+0085, and
// U+FFFE/U+FFFF.
Status check_text(std::string_view text, const std::string& source, bool yaml);

// Marks for offsets visited in increasing order, in time linear in the text overall.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : m_text(text) {}
  Mark at(std::size_t offset);

 private:
  std::string_view m_text;
  std::size_t m_offset = 0;      // position reached so far
  std::size_t m_line_start = 0;  // offset of the first byte of m_line
  int m_line = 1;
};

}  // namespace pinset::doc::detail
