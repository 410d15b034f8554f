// Node lookup and the typed Reader: every error names the file, line, column and field path.
#include <algorithm>
#include <charconv>
#include <limits>

#include "core/doc/node.hpp"
#include "core/util/strings.hpp"

namespace pinset::doc {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool all_of(std::string_view text, bool (*pred)(char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), pred);
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' || c == '_' ||
         c == '-' || c == '@' || c == '/' || c == '+';
}

// "a number 42", "a string \"abc\"", "null", "a list": what a message says was found.
std::string describe(const Node& node) {
  std::string type = node.type_name();
  if (!node.is_scalar()) return type;
  std::string shown = quote(node.scalar);
  bool bare = node.style == Style::plain && type != "a string";
  if (bare) shown = shown.substr(1, shown.size() - 2);  // numbers and booleans read better bare
  return type + " " + shown;
}

}  // namespace

const Node* Node::find(std::string_view key) const {
  for (const auto& [k, value] : entries) {
    if (k.first == key) return &value;
  }
  return nullptr;
}

std::string Node::type_name() const {
  switch (kind) {
    case Kind::null:
      return "null";
    case Kind::sequence:
      return "a list";
    case Kind::mapping:
      return "a mapping";
    case Kind::scalar:
      break;
  }
  if (style == Style::plain) {
    if (is_bool_text(scalar)) return "a boolean";
    if (is_number_text(scalar)) return "a number";
  }
  return "a string";
}

std::string join_field(std::string_view parent, std::string_view key) {
  bool word = key.size() <= 80 && all_of(key, is_word_char);
  std::string out(parent);
  if (word) {
    if (!out.empty()) out += '.';
    out += key;
  } else {
    out += '[' + quote(key) + ']';
  }
  return out;
}

std::string index_field(std::string_view parent, std::size_t index) {
  return std::string(parent) + '[' + std::to_string(index) + ']';
}

bool is_bool_text(std::string_view t) {
  return t == "true" || t == "True" || t == "TRUE" || t == "false" || t == "False" || t == "FALSE";
}

bool is_number_text(std::string_view t) {
  auto hex = [](char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); };
  auto octal = [](char c) { return c >= '0' && c <= '7'; };
  if (t.size() > 2 && t.substr(0, 2) == "0x") return all_of(t.substr(2), hex);
  if (t.size() > 2 && t.substr(0, 2) == "0o") return all_of(t.substr(2), octal);
  if (t == ".nan" || t == ".NaN" || t == ".NAN") return true;
  std::string_view rest = t;
  if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) rest.remove_prefix(1);
  if (rest == ".inf" || rest == ".Inf" || rest == ".INF") return true;
  // [0-9]+(\.[0-9]*)? or \.[0-9]+, then an optional exponent.
  std::size_t i = 0;
  std::size_t int_digits = 0;
  while (i < rest.size() && is_digit(rest[i]))
    ++i, ++int_digits;
  std::size_t frac_digits = 0;
  if (i < rest.size() && rest[i] == '.') {
    ++i;
    while (i < rest.size() && is_digit(rest[i]))
      ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < rest.size() && (rest[i] == 'e' || rest[i] == 'E')) {
    ++i;
    if (i < rest.size() && (rest[i] == '-' || rest[i] == '+')) ++i;
    std::size_t exp_digits = 0;
    while (i < rest.size() && is_digit(rest[i]))
      ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == rest.size();
}

Error Reader::wrong_type(const Node& node, const std::string& field,
                         std::string_view expected) const {
  return Error(codes::wrong_type, "expected " + std::string(expected) + ", found " + describe(node),
               at(node, field));
}

Result<std::string> Reader::string(const Node& node, const std::string& field,
                                   bool allow_plain) const {
  if (!node.is_scalar()) return fail(wrong_type(node, field, "a string"));
  if (node.style == Style::plain && !allow_plain &&
      (is_bool_text(node.scalar) || is_number_text(node.scalar))) {
    Error e = wrong_type(node, field, "a string");
    e.hint = "put it in quotes to write it as a string: \"" + node.scalar + "\"";
    return fail(std::move(e));
  }
  if (node.scalar.empty()) return fail(wrong_type(node, field, "a non-empty string"));
  return node.scalar;
}

Result<std::uint64_t> Reader::unsigned_integer(const Node& node, const std::string& field) const {
  if (!node.is_scalar() || node.style != Style::plain || !all_of(node.scalar, is_digit)) {
    return fail(wrong_type(node, field, "an unsigned integer"));
  }
  std::uint64_t value = 0;
  const char* first = node.scalar.data();
  const char* last = first + node.scalar.size();
  auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || end != last) {
    return fail(wrong_type(node, field,
                           "an unsigned integer no larger than " +
                               std::to_string(std::numeric_limits<std::uint64_t>::max())));
  }
  return value;
}

Result<bool> Reader::boolean(const Node& node, const std::string& field) const {
  if (node.is_scalar() && node.style == Style::plain && is_bool_text(node.scalar)) {
    return node.scalar.front() == 't' || node.scalar.front() == 'T';
  }
  return fail(wrong_type(node, field, "true or false"));
}

void Reader::check_known_fields(const Node& map, const std::string& field,
                                std::span<const std::string_view> known, ErrorList& errors) const {
  if (!map.is_mapping()) return;
  std::string listing;
  for (std::string_view k : known) {
    if (!listing.empty()) listing += ", ";
    listing += k;
  }
  for (const auto& [key, value] : map.entries) {
    const std::string& name = key.first;
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string_view closest;
    std::size_t best = 3;  // suggest only names at most two edits away
    for (std::string_view k : known) {
      std::size_t d = edit_distance(name.substr(0, 100), k);
      if (d < best) best = d, closest = k;
    }
    std::string hint = closest.empty() ? "remove it, or fix its name"
                                       : "did you mean \"" + std::string(closest) + "\"?";
    std::string message = "unknown field " + quote(name) + "; ";
    message += known.size() == 0 ? std::string("no fields are allowed here")
                                 : "the known fields are: " + listing;
    errors.add(
        Error(codes::unknown_field, std::move(message),
              Location{m_source, key.second.line, key.second.column, join_field(field, name)},
              std::move(hint)));
  }
}

Error Reader::missing_field(const Node& map, const std::string& field, std::string_view name,
                            std::string hint) const {
  return Error(codes::missing_field, "missing required field \"" + std::string(name) + "\"",
               at(map, join_field(field, name)), std::move(hint));
}

}  // namespace pinset::doc
