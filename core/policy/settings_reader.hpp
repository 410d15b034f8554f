#pragma once
// Typed reads of policy settings for the rule table's parse functions: each read that fails adds
// its error (file, line, column, field path) to the shared list and leaves the setting as it was,
// so one pass reports every problem. Internal to core/policy.

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/doc/node.hpp"
#include "core/semver/range.hpp"
#include "core/util/error.hpp"

namespace pinset::policy::detail {

class SettingsReader {
 public:
  SettingsReader(doc::Reader& reader, ErrorList& errors) : m_reader(reader), m_errors(errors) {}

  doc::Reader& doc() { return m_reader; }
  const std::string& source() const { return m_reader.source(); }
  void add(Error e) { m_errors.add(std::move(e)); }
  void check_known_fields(const doc::Node& map, const std::string& field,
                          std::span<const std::string_view> known) {
    m_reader.check_known_fields(map, field, known, m_errors);
  }

  // map[name] as a boolean, when present.
  void boolean(const doc::Node& map, const std::string& field, std::string_view name, bool& out);
  // A number of days (at most 100000); nullopt (and an error) otherwise.
  std::optional<std::uint64_t> days_value(const doc::Node& n, const std::string& field);
  // map[name] as a number of days, when present.
  void days(const doc::Node& map, const std::string& field, std::string_view name,
            std::uint64_t& out);
  // A list of non-empty strings (a lone string counts as a list of one). `indices` (optional)
  // receives the list index of each string returned, since items that are not strings are
  // reported and left out.
  std::vector<std::string> strings(const doc::Node& n, const std::string& field,
                                   std::vector<std::size_t>* indices = nullptr);
  // A list of words from a closed vocabulary, without repeats.
  std::vector<std::string> words(const doc::Node& n, const std::string& field,
                                 std::initializer_list<std::string_view> known);
  // map[name], when present, as a list of mappings with only the `known` keys: `item` gets each
  // mapping and its field path. A value that is not a list ("expected a list of {name, reason}")
  // and an item that is not a mapping ("expected a mapping with name and reason") are reported,
  // naming the keys `shown`.
  void mappings(const doc::Node& map, const std::string& field, std::string_view name,
                std::initializer_list<std::string_view> shown,
                std::initializer_list<std::string_view> known,
                const std::function<void(const doc::Node& item, const std::string& field)>& item);
  // map[name] as a string; a missing field is an error with `hint`.
  bool required_string(const doc::Node& map, const std::string& field, std::string_view name,
                       std::string hint, std::string& out);
  // A version range ("*" when `n` is null); errors give nullopt.
  std::optional<semver::Range> range_of(const doc::Node* n, const std::string& field);

  // Where item `i` of a list written at `n` is (the list itself when written as a lone value).
  Location item_at(const doc::Node& n, const std::string& field, std::size_t i) const;

 private:
  doc::Reader& m_reader;
  ErrorList& m_errors;
};

}  // namespace pinset::policy::detail
