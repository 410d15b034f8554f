#pragma once
// Text primitives with JavaScript's semantics, so that pinset reads range and version text exactly
// as node-semver does: `\s` and String.prototype.trim() (the same set of code points),
// split(/\s+/), and String.length (UTF-16 code units). Input is UTF-8; a byte that is not part of a
// valid UTF-8 sequence counts as one character that is not whitespace.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pinset::semver::js {

// Byte length of the JavaScript whitespace or line terminator at text[i], or 0 if there is none.
std::size_t space_at(std::string_view text, std::size_t i);

// The first index at or after i that does not start a whitespace character.
std::size_t skip_space(std::string_view text, std::size_t i);

// Byte length of the character (code point, or invalid byte) at text[i]; 0 at the end.
std::size_t char_length(std::string_view text, std::size_t i);

// JavaScript's String.prototype.length.
std::size_t utf16_length(std::string_view text);

// String.prototype.trim().
std::string_view trim(std::string_view text);

// text.trim().replace(/\s+/g, ' '): each run of whitespace becomes one space.
std::string collapse_space(std::string_view text);

// String.prototype.split(/\s+/): "" gives {""}; leading or trailing whitespace gives an empty first
// or last piece.
std::vector<std::string_view> split_space(std::string_view text);

}  // namespace pinset::semver::js
