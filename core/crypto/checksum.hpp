#pragma once
// Artifact and document digests: "sha256:<64 lowercase hex>", "sha512:<128 lowercase hex>", and the
// SRI forms "sha256-<base64>" / "sha512-<base64>" used by npm and PureScript.

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/util/error.hpp"

namespace pinset::crypto {

enum class DigestAlgo : std::uint8_t { sha256, sha512 };

class Checksum {
 public:
  Checksum() = default;
  Checksum(DigestAlgo algo, std::string_view raw_bytes);  // raw digest bytes (32 or 64)

  // Errors: code "invalid-checksum" naming the value and what is wrong (unknown algorithm, wrong
  // length, bad alphabet, uppercase hex), with a hint showing the expected form.
  static Result<Checksum> parse(std::string_view text);

  DigestAlgo algo() const { return m_algo; }
  std::size_t size() const { return m_algo == DigestAlgo::sha256 ? 32 : 64; }
  std::string_view bytes() const { return {reinterpret_cast<const char*>(m_bytes.data()), size()}; }
  std::string hex() const;
  std::string str() const;        // canonical "sha256:<hex>"
  std::string sri() const;        // "sha256-<base64>"
  std::string short_str() const;  // "sha256:0123abcd" (first 8 hex digits), for listings
  bool operator==(const Checksum& other) const = default;

 private:
  DigestAlgo m_algo = DigestAlgo::sha256;
  std::array<std::uint8_t, 64> m_bytes{};
};

std::string_view algo_name(DigestAlgo algo);  // "sha256" / "sha512"

}  // namespace pinset::crypto
