#pragma once
// Internal to the package set parser: the pieces of the rules that do not depend on how the
// document is read (field paths, the capped error collector, checksums), used by the walker
// (detail/set_walker.hpp) that both the YAML and the JSON path run. The validators of URLs,
// timestamps and dates are public (core/model/set_rules.hpp).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/checksum.hpp"
#include "core/model/set_rules.hpp"
#include "core/util/error.hpp"

namespace pinset::model::detail {

// A field path such as `packages.netlib[1].checksum`, built on the stack while walking the document
// and turned into text only when an error is reported.
struct FieldPath {
  const FieldPath* parent = nullptr;
  std::string_view key;  // mapping key; empty for a list item or the root
  int index = -1;        // list index, or -1

  // As doc::join_field and doc::index_field write it: a key that is not a plain word is quoted
  // (packages["a b"]), so hostile keys cannot garble a message.
  std::string str() const;
};

// The errors of one parse. Keeps the first k_max_errors and counts the rest, so that a set broken
// in every entry reports quickly and readably; reports them in document order.
class ErrorSink {
 public:
  static constexpr std::size_t k_max_errors = 100;

  void add(Error e);
  // Takes the errors another sink collected for another part of the same document.
  void absorb(ErrorSink&& other);
  bool empty() const { return m_errors.empty(); }
  // code "invalid-set": "<source> is not a valid package set (N errors)", the errors as causes
  // sorted by line and column; a lone error is returned as it is.
  Error finish(const std::string& source) &&;

 private:
  std::vector<Error> m_errors;
  std::size_t m_dropped = 0;
};

// crypto::Checksum::parse, which defines the forms and errors, with a shortcut for the canonical
// "sha256:<hex>" / "sha512:<hex>" text that a large set has once per entry.
Result<crypto::Checksum> parse_checksum(std::string_view text);

// The one rule for `strip-components`, in set entries and manifest overlay entries alike: a
// number of leading path components, at most k_max_strip_components (no real archive nests its
// files deeper). Error "out-of-range" naming the value; the caller adds the location.
inline constexpr std::uint64_t k_max_strip_components = 64;
Result<std::uint32_t> check_strip_components(std::uint64_t n);

}  // namespace pinset::model::detail
