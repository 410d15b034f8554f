#include "core/crypto/digest.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace pinset::crypto {

struct Hasher::Impl {
  EVP_MD_CTX* ctx = nullptr;
  DigestAlgo algo;
  ~Impl() { EVP_MD_CTX_free(ctx); }
};

Hasher::Hasher(DigestAlgo algo) : m_impl(std::make_unique<Impl>()) {
  m_impl->algo = algo;
  m_impl->ctx = EVP_MD_CTX_new();
  const EVP_MD* md = algo == DigestAlgo::sha256 ? EVP_sha256() : EVP_sha512();
  if (m_impl->ctx == nullptr || EVP_DigestInit_ex(m_impl->ctx, md, nullptr) != 1) {
    throw std::runtime_error("OpenSSL could not initialise a digest context");
  }
}

Hasher::~Hasher() = default;
Hasher::Hasher(Hasher&&) noexcept = default;
Hasher& Hasher::operator=(Hasher&&) noexcept = default;

void Hasher::update(std::string_view bytes) {
  if (EVP_DigestUpdate(m_impl->ctx, bytes.data(), bytes.size()) != 1) {
    throw std::runtime_error("OpenSSL digest update failed");
  }
}

Checksum Hasher::finish() {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(m_impl->ctx, out, &len) != 1) {
    throw std::runtime_error("OpenSSL digest final failed");
  }
  return Checksum(m_impl->algo, std::string_view(reinterpret_cast<char*>(out), len));
}

Checksum digest(DigestAlgo algo, std::string_view bytes) {
  Hasher h(algo);
  h.update(bytes);
  return h.finish();
}

}  // namespace pinset::crypto
