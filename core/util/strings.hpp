#pragma once
// Small text helpers shared across core.

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace pinset {

std::string_view trim(std::string_view text);
bool starts_with(std::string_view text, std::string_view prefix);
std::vector<std::string_view> split(std::string_view text, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// "1 package", "2 packages": `n` and `one`, or `many` (default: `one` + "s") unless n is 1.
std::string count_of(std::size_t n, std::string_view one, std::string_view many = {});
// Levenshtein distance between a and b (for "did you mean" hints; cap the inputs' lengths).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The lines of `text` for a range-for, `for (std::string_view line : lines_of(text))`: split at
// '\n', which they do not include (a '\r' before it stays). A final '\n' ends the last line
// rather than starting an empty one; an empty text has no lines.
class Lines {
 public:
  class iterator {
   public:
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(std::string_view text, std::size_t start)
        : m_text(text), m_start(start), m_end(end_of_line()) {}
    std::string_view operator*() const { return m_text.substr(m_start, m_end - m_start); }
    iterator& operator++() {
      m_start = m_end + 1;
      m_end = end_of_line();
      return *this;
    }
    iterator operator++(int) {
      iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(std::default_sentinel_t) const { return m_start >= m_text.size(); }

   private:
    std::size_t end_of_line() const {
      std::size_t end = m_start < m_text.size() ? m_text.find('\n', m_start) : m_text.npos;
      return end == m_text.npos ? m_text.size() : end;
    }
    std::string_view m_text;
    std::size_t m_start = 0;
    std::size_t m_end = 0;
  };

  explicit Lines(std::string_view text) : m_text(text) {}
  iterator begin() const { return iterator(m_text, 0); }
  std::default_sentinel_t end() const { return {}; }

 private:
  std::string_view m_text;
};
inline Lines lines_of(std::string_view text) {
  return Lines(text);
}

}  // namespace pinset
