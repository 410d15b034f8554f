#pragma once
// Ed25519 signatures over a package set's exact bytes, and the SET.sig file that carries them.
//
// Keys. A private key is a PKCS#8 PEM file ("-----BEGIN PRIVATE KEY-----"), as `openssl genpkey
// -algorithm ed25519` writes it. A public key is written as text: "ed25519:<standard base64 of
// the 32 raw key bytes>", e.g. in KEY.pub and in a manifest's package-set.trust.keys.
//
// Signature file (SET.sig beside SET), line based:
//   pinset-signatures 1
//   ed25519 <key-id> <base64 public key> <base64 signature>
//   ...
// The first line names the format. Each further line is one signer: the key id (16 hex digits,
// see key_id), the 32-byte public key and the 64-byte signature over the set's exact bytes, all
// base64 standard with padding. Blank lines and lines starting with '#' are ignored.
//
// signing.cpp is the adapter over OpenSSL; the file format and the m-of-n check are pure.

#include <string>
#include <string_view>
#include <vector>

#include "core/model/manifest.hpp"
#include "core/util/base64.hpp"
#include "core/util/error.hpp"

namespace pinset::trust {

inline constexpr std::string_view k_signature_header = "pinset-signatures 1";

struct KeyPair {
  std::string private_pem;  // PKCS#8 PEM
  std::string public_key;   // "ed25519:<b64>"
};

// A fresh Ed25519 key pair from OpenSSL's random generator. Error "crypto" if OpenSSL fails.
Result<KeyPair> generate_key();

// The raw 32 bytes of a public key written "ed25519:<b64>". Error "invalid-key" naming the value
// and what is wrong (no "ed25519:" prefix, bad base64, wrong length).
Result<std::string> parse_public_key(std::string_view public_key);

// A short stable id for messages: the first 16 hex digits of the sha256 of the raw key bytes.
// Errors as parse_public_key.
Result<std::string> key_id(std::string_view public_key);

struct Signature {
  std::string public_key;     // "ed25519:<b64>"
  std::string signature_b64;  // base64 of the 64 signature bytes
  int line = 0;               // line in the signature file; 0 when made in memory
};

// Parses a signature file. Errors (every one found, combined as "invalid-signature-file"): a
// missing or wrong header, a line that is not four fields, an unknown algorithm, a key id that
// does not match its key, a bad key or signature; each names `source`, the line and the value.
Result<std::vector<Signature>> parse_signature_file(std::string_view text,
                                                    const std::string& source);

// `existing` (may be empty: a new file gets the header) with the line for `s` added at the end.
// A line by the same public key is replaced, so signing a new revision again does not pile up.
std::string append_signature(std::string_view existing_sig_file, const Signature& s);

// Signs `set_bytes` with a PEM private key. Errors: "invalid-key" (not a PEM Ed25519 private key),
// "crypto".
Result<Signature> sign(std::string_view set_bytes, std::string_view private_pem);

// True when `s` is a valid signature of `set_bytes` by s.public_key.
bool verify(std::string_view set_bytes, const Signature& s);

struct SignatureCheck {
  int threshold = 1;
  std::vector<std::string> valid;    // names (or ids) of trusted keys with a valid signature
  std::vector<std::string> invalid;  // trusted keys whose signature does not verify
  std::vector<std::string> unknown;  // signers not among the trusted keys
  bool ok() const { return static_cast<int>(valid.size()) >= threshold; }
};

// Checks every signature against `trust`: each trusted key counts once (its name, else its id);
// a trusted key that signed more than once counts as valid when any of its signatures verifies.
SignatureCheck check_signatures(std::string_view set_bytes, const std::vector<Signature>& sigs,
                                const model::SetTrust& trust);

// Nothing when check.ok(); else an error saying what was seen and what was required:
// "set-unsigned" (no signature at all), "bad-signature" (a trusted key's signature does not
// verify), "unknown-signer" (only keys the manifest does not trust signed), "too-few-signatures".
// `from` says where the trusted keys and the threshold came from, for the wording.
enum class TrustFrom { manifest, command_line };
Status require(const SignatureCheck& check, const std::string& set_source,
               TrustFrom from = TrustFrom::manifest);

}  // namespace pinset::trust
