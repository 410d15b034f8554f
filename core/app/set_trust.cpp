#include "core/app/set_trust.hpp"

#include <filesystem>

#include "core/app/mirrors.hpp"
#include "core/crypto/digest.hpp"
#include "core/net/fetcher.hpp"
#include "core/util/strings.hpp"

namespace pinset::app {

DocumentLocation signature_location(const DocumentLocation& where) {
  return DocumentLocation{where.scheme, where.text + ".sig"};
}

namespace {

bool is_missing(const Error& e) {
  if (e.code == codes::not_found) return true;
  return net::is_not_found(e);
}

}  // namespace

Result<trust::SignatureCheck> check_signatures_at(const fs::FileSystem& fs, RemoteDocuments* remote,
                                                  const DocumentLocation& where,
                                                  std::string_view set_bytes,
                                                  const model::SetTrust& trust,
                                                  const std::vector<model::MirrorRule>& mirrors,
                                                  const std::optional<crypto::Checksum>& known,
                                                  std::optional<crypto::Checksum>* digest) {
  DocumentLocation sig_at = signature_location(where);
  Result<std::string> text =
      read_document(fs, remote, sig_at, mirrors, known, k_max_signature_bytes);
  std::vector<trust::Signature> sigs;
  if (text) {
    if (digest != nullptr) *digest = crypto::sha256(*text);
    auto parsed = trust::parse_signature_file(*text, sig_at.text);
    if (!parsed) return fail(parsed.error());
    sigs = std::move(*parsed);
  } else if (!is_missing(text.error())) {
    Error e = text.error();
    e.message = "cannot read the set's signatures: " + e.message;
    return fail(std::move(e));
  }
  return trust::check_signatures(set_bytes, sigs, trust);
}

Result<trust::SignatureCheck> check_set_signatures(const fs::FileSystem& fs, const Project& project,
                                                   RemoteDocuments* remote, const LoadedSet& loaded,
                                                   const model::SetTrust& trust) {
  const auto& mirrors = project.manifest.mirrors;
  Result<std::string> bytes =
      read_document(fs, remote, loaded.location, mirrors, loaded.digest, k_max_set_bytes);
  if (!bytes) return fail(bytes.error());
  crypto::Checksum now = crypto::sha256(*bytes);
  if (now != loaded.digest) {
    return fail(codes::set_changed,
                "the package set " + loaded.location.text +
                    " changed while pinset used it: it was " + loaded.digest.str() +
                    ", it is now " + now.str(),
                Location{loaded.location.text}, "run the command again");
  }
  return check_signatures_at(fs, remote, loaded.location, *bytes, trust, mirrors);
}

Result<std::string> write_new_key(fs::FileSystem& fs, const std::string& path) {
  std::string pub_path = path + ".pub";
  auto exists = [](const std::string& p) {
    return fail(codes::exists, p + " already exists; pinset never overwrites a key", Location{p},
                "choose another name with -o, or remove the old key first");
  };
  for (const std::string& p : {path, pub_path}) {
    if (fs.stat(p).kind != fs::EntryKind::none) return exists(p);
  }
  auto key = trust::generate_key();
  if (!key) return fail(key.error());
  if (auto ok = fs.write_new(path, key->private_pem, 0600); !ok) {
    return ok.error().code == codes::exists ? exists(path) : fail(ok.error());
  }
  if (auto ok = fs.write_new(pub_path, key->public_key + "\n", 0644); !ok) {
    fs.remove_file(path);
    return ok.error().code == codes::exists ? exists(pub_path) : fail(ok.error());
  }
  return key->public_key;
}

Result<trust::Signature> sign_set_file(fs::FileSystem& fs, const std::string& set_path,
                                       const std::string& key_path) {
  auto set = fs.read(set_path, k_max_set_bytes);
  if (!set) return fail(set.error());
  auto pem = fs.read(key_path, 64u << 10);
  if (!pem) return fail(pem.error());
  auto sig = trust::sign(*set, *pem);
  if (!sig) {
    Error e = sig.error();
    e.where = Location{key_path};
    return fail(std::move(e));
  }
  std::string sig_path = set_path + ".sig";
  std::string existing;
  if (fs.exists(sig_path)) {
    auto text = fs.read(sig_path, k_max_signature_bytes);
    if (!text) return fail(text.error());
    // Refuse to add to a damaged file rather than hide its problems under a good line.
    if (auto parsed = trust::parse_signature_file(*text, sig_path); !parsed) {
      return fail(parsed.error());
    }
    existing = std::move(*text);
  }
  if (auto ok = fs.write_atomic(sig_path, trust::append_signature(existing, *sig)); !ok) {
    return fail(ok.error());
  }
  return sig;
}

Result<model::TrustedKey> read_public_key(const fs::FileSystem& fs, const std::string& arg) {
  model::TrustedKey key;
  if (starts_with(arg, "ed25519:")) {
    key.public_key = arg;
  } else {
    auto text = fs.read(arg, 64u << 10);
    if (!text) return fail(text.error());
    key.public_key = std::string(trim(*text));
    key.name = std::filesystem::path(arg).filename().string();
  }
  auto id = trust::key_id(key.public_key);
  if (!id) {
    Error e = id.error();
    if (!key.name.empty()) e.where = Location{arg, 1, 1, ""};
    return fail(std::move(e));
  }
  if (key.name.empty()) key.name = *id;
  return key;
}

Result<trust::SignatureCheck> verify_set_file(const fs::FileSystem& fs, const std::string& set_path,
                                              const model::SetTrust& trust) {
  if (trust.threshold < 1 || trust.threshold > static_cast<int>(trust.keys.size())) {
    return fail(codes::out_of_range,
                "--threshold " + std::to_string(trust.threshold) + " must be between 1 and the " +
                    std::to_string(trust.keys.size()) + " keys given with --pubkey",
                {}, "give at least as many --pubkey options as the threshold");
  }
  auto bytes = fs.read(set_path, k_max_set_bytes);
  if (!bytes) return fail(bytes.error());
  return check_signatures_at(fs, nullptr, DocumentLocation{Scheme::path, set_path}, *bytes, trust);
}

}  // namespace pinset::app
