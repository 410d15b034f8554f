#pragma once
// Message digests (OpenSSL EVP), one-shot and streaming. The only module that includes OpenSSL.

#include <memory>
#include <string>
#include <string_view>

#include "core/crypto/checksum.hpp"

namespace pinset::crypto {

// Streaming digest: update() with each chunk as it arrives, then finish() once.
class Hasher {
 public:
  explicit Hasher(DigestAlgo algo);
  ~Hasher();
  Hasher(Hasher&&) noexcept;
  Hasher& operator=(Hasher&&) noexcept;
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  void update(std::string_view bytes);
  Checksum finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

Checksum digest(DigestAlgo algo, std::string_view bytes);
inline Checksum sha256(std::string_view bytes) {
  return digest(DigestAlgo::sha256, bytes);
}

}  // namespace pinset::crypto
