#pragma once
// Standard base64 (RFC 4648 section 4) with padding: the one encoder and decoder of pinset, used by
// SRI checksums (core/crypto) and Ed25519 keys and signatures (core/trust).

#include <string>
#include <string_view>

namespace pinset {

std::string base64_encode(std::string_view bytes);

// Decodes `text` into `out`. Strict and canonical: false on a length that is not a multiple of 4,
// any character outside the alphabet (whitespace included), padding anywhere but the end, or
// non-zero bits in the padding (so each byte string has exactly one accepted text).
bool base64_decode(std::string_view text, std::string& out);

}  // namespace pinset
