#pragma once
// Internal to the package set parser: the pieces of the rules that do not depend on how the
// document is read (field paths, the capped error collector, the rules of an entry's fields),
// used by the walker (detail/set_walker.hpp) that both the YAML and the JSON path run, and by the
// manifest's overlay entries (detail/manifest_sections.hpp). The validators of URLs, timestamps
// and dates are public (core/model/set_rules.hpp).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/checksum.hpp"
#include "core/model/set_rules.hpp"
#include "core/semver/range.hpp"
#include "core/semver/version.hpp"
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

// The fields of an entry (package-sets/README.md, "Entries"), one rule each, for the two readers
// of entries: the set walker (either source) and the manifest's overlay entries. A reader types
// each value as doc::Reader does (a string: non-empty, a plain scalar read as its text; an
// unsigned integer), hands it to the field's rule, and places the error a rule returns at the
// value; a dependency's name is placed at its key, with the path of `dependencies`.
//   version           entry_version, in the document's versioning
//   checksum          parse_checksum
//   url               check_url (core/model/set_rules.hpp)
//   dependencies      a mapping (k_dependencies_expected) from package names (check_package_name)
//                     to ranges (dependency_range, in the document's versioning), kept in name
//                     order
//   license           a string, as written
//   size              an unsigned integer (bytes)
//   strip-components  check_strip_components
inline Result<semver::Version> entry_version(std::string_view text, semver::Scheme scheme) {
  return semver::Version::parse(text, scheme);
}
inline Result<semver::Range> dependency_range(std::string_view text, semver::Scheme scheme) {
  return semver::Range::parse(text, scheme);
}
// What `dependencies` must be, as a wrong-type error says it: "expected a mapping".
inline constexpr std::string_view k_dependencies_expected = "a mapping";

// crypto::Checksum::parse, which defines the forms and errors, with a shortcut for the canonical
// "sha256:<hex>" / "sha512:<hex>" text that a large set has once per entry.
Result<crypto::Checksum> parse_checksum(std::string_view text);

// `strip-components`: a number of leading path components, at most k_max_strip_components (no
// real archive nests its files deeper). Error "out-of-range" naming the value.
inline constexpr std::uint64_t k_max_strip_components = 64;
Result<std::uint32_t> check_strip_components(std::uint64_t n);

}  // namespace pinset::model::detail
