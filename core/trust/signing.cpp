// The OpenSSL adapter of core/trust: Ed25519 key generation, signing and verification.
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

#include "core/trust/signing.hpp"

namespace pinset::trust {

namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct CtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

constexpr std::size_t k_key_bytes = 32;
constexpr std::size_t k_signature_bytes = 64;

Error crypto_error(std::string what) {
  unsigned long code = ERR_get_error();
  char buf[256] = {0};
  if (code != 0) ERR_error_string_n(code, buf, sizeof buf);
  ERR_clear_error();
  return Error(codes::crypto, what + (code != 0 ? std::string(": ") + buf : std::string()), {},
               "this is a failure inside OpenSSL; check the installation of libssl3");
}

std::string public_key_text(EVP_PKEY* key) {
  unsigned char raw[k_key_bytes];
  std::size_t len = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(key, raw, &len) != 1 || len != k_key_bytes) return {};
  return "ed25519:" + base64_encode(std::string_view(reinterpret_cast<char*>(raw), len));
}

}  // namespace

Result<KeyPair> generate_key() {
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
    return fail(crypto_error("cannot generate an Ed25519 key"));
  }
  Pkey key(raw);
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return fail(crypto_error("cannot write the private key as PEM"));
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  KeyPair pair;
  pair.private_pem.assign(data, static_cast<std::size_t>(size));
  pair.public_key = public_key_text(key.get());
  if (pair.public_key.empty()) return fail(crypto_error("cannot read the public key"));
  return pair;
}

Result<Signature> sign(std::string_view set_bytes, std::string_view private_pem) {
  std::unique_ptr<BIO, BioFree> bio(
      BIO_new_mem_buf(private_pem.data(), static_cast<int>(private_pem.size())));
  Pkey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  ERR_clear_error();
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519) {
    return fail(codes::invalid_key, "the private key is not an Ed25519 private key in PEM form", {},
                "use a key made by `pinset set keygen` (a file starting with "
                "\"-----BEGIN PRIVATE KEY-----\")");
  }
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
  unsigned char sig[k_signature_bytes];
  std::size_t len = sizeof sig;
  if (!md || EVP_DigestSignInit(md.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(md.get(), sig, &len, reinterpret_cast<const unsigned char*>(set_bytes.data()),
                     set_bytes.size()) != 1) {
    return fail(crypto_error("cannot sign the package set"));
  }
  Signature s;
  s.public_key = public_key_text(key.get());
  s.signature_b64 = base64_encode(std::string_view(reinterpret_cast<char*>(sig), len));
  return s;
}

bool verify(std::string_view set_bytes, const Signature& s) {
  auto raw_key = parse_public_key(s.public_key);
  std::string sig;
  if (!raw_key || !base64_decode(s.signature_b64, sig) || sig.size() != k_signature_bytes) {
    return false;
  }
  Pkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                       reinterpret_cast<const unsigned char*>(raw_key->data()),
                                       raw_key->size()));
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
  bool ok = key && md &&
            EVP_DigestVerifyInit(md.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
            EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(sig.data()),
                             sig.size(), reinterpret_cast<const unsigned char*>(set_bytes.data()),
                             set_bytes.size()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace pinset::trust
