#pragma once
// Signed package sets: reading SET.sig beside a set (local or remote) and checking it against the
// keys a manifest trusts; and the use cases behind `pinset set keygen`, `set sign`, `set verify`.
// The signature and file formats are in core/trust/signing.hpp.

#include <string>
#include <string_view>
#include <vector>

#include "core/app/project.hpp"
#include "core/trust/signing.hpp"

namespace pinset::app {

inline constexpr std::size_t k_max_signature_bytes = 1u << 20;

// The signature file of a set at `where`: "<path>.sig" or "<url>.sig".
DocumentLocation signature_location(const DocumentLocation& where);

// Reads the signatures beside the set at `where`, through `mirrors` (a missing file, or an HTTP
// 404/410, is zero signatures) and checks them over `set_bytes`. Errors: the signature file cannot
// be read or is invalid ("invalid-signature-file"), an http(s) set without `remote`
// ("unsupported-scheme"). `known`: a digest of the signature file trusted from the lock (a cached
// copy may be used); `digest` (optional) receives the sha256 of the file read.
Result<trust::SignatureCheck> check_signatures_at(
    const fs::FileSystem& fs, RemoteDocuments* remote, const DocumentLocation& where,
    std::string_view set_bytes, const model::SetTrust& trust,
    const std::vector<model::MirrorRule>& mirrors = {},
    const std::optional<crypto::Checksum>& known = {},
    std::optional<crypto::Checksum>* digest = nullptr);

// As above for a set already loaded: its bytes are read again (a remote set through `remote`,
// which serves the cached copy of that revision) and must still have the digest it was loaded
// with ("set-changed" otherwise).
Result<trust::SignatureCheck> check_set_signatures(const fs::FileSystem& fs, const Project& project,
                                                   RemoteDocuments* remote, const LoadedSet& loaded,
                                                   const model::SetTrust& trust);

// `pinset set keygen`: writes a new private key to `path` (mode 0600, PEM) and its public key to
// `path`.pub ("ed25519:<b64>\n"). Refuses to overwrite either ("exists"). Returns the public key.
Result<std::string> write_new_key(fs::FileSystem& fs, const std::string& path);

// `pinset set sign`: signs the exact bytes of the set file `set_path` with the PEM private key at
// `key_path` and adds the signature to `set_path`.sig (replacing this key's previous one).
Result<trust::Signature> sign_set_file(fs::FileSystem& fs, const std::string& set_path,
                                       const std::string& key_path);

// A public key named on the command line: "ed25519:<b64>" as is, else a file holding one (such as
// KEY.pub). Its name for messages is the file name, or the key id.
Result<model::TrustedKey> read_public_key(const fs::FileSystem& fs, const std::string& arg);

// `pinset set verify`: checks the signatures beside the local set file `set_path` against `keys`.
// Errors are input errors (unreadable set, bad signature file, threshold out of range); a failed
// check is a value (see SignatureCheck::ok and trust::require).
Result<trust::SignatureCheck> verify_set_file(const fs::FileSystem& fs, const std::string& set_path,
                                              const model::SetTrust& trust);

}  // namespace pinset::app
