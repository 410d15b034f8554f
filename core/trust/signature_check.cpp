// The m-of-n check of a set's signatures against the keys a manifest trusts, and its error texts.
#include <algorithm>

#include "core/trust/signing.hpp"
#include "core/util/strings.hpp"

namespace pinset::trust {

namespace {

void add_once(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

SignatureCheck check_signatures(std::string_view set_bytes, const std::vector<Signature>& sigs,
                                const model::SetTrust& trust) {
  SignatureCheck check;
  check.threshold = trust.threshold;
  // Keys are compared by their raw bytes, so two spellings of one key are one key.
  auto raw_of = [](const std::string& text) { return parse_public_key(text).value_or(""); };
  std::vector<std::string> seen_raw;  // trusted keys already counted
  for (const model::TrustedKey& key : trust.keys) {
    std::string raw = raw_of(key.public_key);
    if (raw.empty() || std::find(seen_raw.begin(), seen_raw.end(), raw) != seen_raw.end()) continue;
    seen_raw.push_back(raw);
    std::string label = key.name.empty() ? key_id(key.public_key).value_or("?") : key.name;
    bool signed_by = false, good = false;
    for (const Signature& s : sigs) {
      if (raw_of(s.public_key) != raw) continue;
      signed_by = true;
      if (verify(set_bytes, s)) good = true;
    }
    if (good) {
      check.valid.push_back(label);
    } else if (signed_by) {
      check.invalid.push_back(label);
    }
  }
  for (const Signature& s : sigs) {
    std::string raw = raw_of(s.public_key);
    if (std::find(seen_raw.begin(), seen_raw.end(), raw) != seen_raw.end()) continue;
    add_once(check.unknown, key_id(s.public_key).value_or(s.public_key));
  }
  return check;
}

Status require(const SignatureCheck& check, const std::string& set_source, TrustFrom from) {
  if (check.ok()) return {};
  const bool manifest = from == TrustFrom::manifest;
  std::string count = plural(std::size_t(check.threshold), "valid signature");
  std::string required = manifest ? "the manifest requires " + count + " from its trusted keys"
                                  : count + (check.threshold == 1 ? " is" : " are") +
                                        " required from the keys given with --pubkey";
  std::string hint =
      manifest ? "ask the set's maintainers to sign this exact revision (`pinset set sign`), or "
                 "check package-set.trust in the manifest"
               : "ask the set's maintainers to sign this exact revision (`pinset set sign`), or "
                 "check the --pubkey and --threshold options";
  if (check.valid.empty() && check.invalid.empty() && check.unknown.empty()) {
    return fail(codes::set_unsigned,
                "the package set " + set_source + " is not signed (no signature in " + set_source +
                    ".sig), but " + required,
                Location{set_source}, hint);
  }
  std::string seen = "found " + plural(check.valid.size(), "valid signature");
  if (!check.valid.empty()) seen += " (" + join(check.valid, ", ") + ")";
  if (!check.invalid.empty()) {
    seen += check.invalid.size() == 1 ? "; the signature of " + check.invalid.front() + " does"
                                      : "; the signatures of " + join(check.invalid, ", ") + " do";
    seen += " not verify over the set's exact bytes";
  }
  if (!check.unknown.empty()) {
    seen += "; signed by " + plural(check.unknown.size(), "key") +
            (manifest ? " the manifest does not trust" : " not given with --pubkey") + " (key id " +
            join(check.unknown, ", ") + ")";
  }
  std::string code = !check.invalid.empty()                          ? codes::bad_signature
                     : check.valid.empty() && !check.unknown.empty() ? codes::unknown_signer
                                                                     : "too-few-signatures";
  if (code == codes::bad_signature) {
    hint =
        "the set was changed after it was signed, or the signature is damaged: do not use it; "
        "ask its maintainers for a correctly signed revision";
  } else if (code == codes::unknown_signer) {
    hint = std::string(manifest ? "if you trust that key, add it to package-set.trust.keys in "
                                  "the manifest"
                                : "if you trust that key, pass it with --pubkey") +
           "; otherwise ask the set's maintainers to sign with a key you trust";
  }
  return fail(code, "the package set " + set_source + " is refused: " + required + ", " + seen,
              Location{set_source}, hint);
}

}  // namespace pinset::trust
