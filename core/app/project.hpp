#pragma once
// Loading a project: its manifest, its package set and its lock.

#include <optional>
#include <string>
#include <vector>

#include "core/app/location.hpp"
#include "core/crypto/checksum.hpp"
#include "core/fs/file_system.hpp"
#include "core/model/lock.hpp"
#include "core/model/manifest.hpp"
#include "core/model/package_set.hpp"
#include "core/trust/signing.hpp"

namespace pinset::app {

inline constexpr std::size_t k_max_manifest_bytes = 4u << 20;
inline constexpr std::size_t k_max_lock_bytes = 256u << 20;
inline constexpr std::size_t k_max_set_bytes = 256u << 20;

struct Project {
  std::string manifest_path;  // as given (for messages)
  std::string dir;            // the manifest's folder
  std::string lock_path;      // <dir>/pinset.lock
  model::Manifest manifest;
};

// Finds the manifest: `path` if given, else pinset.yaml, else pinset.json in the current folder.
// Errors: "not-found" (saying how to create one), or the manifest's parse errors.
Result<Project> load_project(const fs::FileSystem& fs, const std::string& path);

struct LoadedSet {
  model::PackageSet set;
  crypto::Checksum digest;  // sha256 of the set's bytes as read
  DocumentLocation location;
  // What a command prints as "warning: ..." on stderr (e.g. the set expires soon).
  std::vector<std::string> warnings;
  // The signature check, when the manifest has package-set.trust (it passed: load_set refuses
  // a set that fails it).
  std::optional<trust::SignatureCheck> signatures;
  // sha256 of the remote set's .sig as read (recorded in the lock for offline installs).
  std::optional<crypto::Checksum> signatures_digest;
};

// Where http(s) set documents come from (app/remote_documents.hpp has the real one: the network
// through the cache). `known` is a digest the caller already trusts for these bytes (the manifest's
// pin, or the lock's record of the set): with it, a cached copy may be used without any request.
class RemoteDocuments {
 public:
  virtual ~RemoteDocuments() = default;
  virtual Result<std::string> fetch(const std::string& url,
                                    const std::optional<crypto::Checksum>& known) = 0;
};

// Reads the project's set (local paths directly; http(s) through `remote`, refused when it is
// null); checks the manifest's pinned digest (if any) against the exact bytes before parsing
// ("set-digest-mismatch"); with package-set.trust, checks the signatures in <set>.sig over the
// same bytes before parsing ("set-unsigned", "bad-signature", "unknown-signer",
// "too-few-signatures"); parses it; refuses it once expired at `now` (unix seconds; nullopt: the
// system clock) ("set-expired", and a warning within expiry-warning-days); refuses a serial lower
// than the lock's ("set-rollback"). `lock` (optional) also lets a cached copy of the set revision
// it records be used without a request.
Result<LoadedSet> load_set(const fs::FileSystem& fs, const Project& project,
                           RemoteDocuments* remote = nullptr, const model::Lock* lock = nullptr,
                           std::optional<std::int64_t> now = std::nullopt);

// The project's lock, or nullopt when there is none. A damaged or edited lock is an error.
Result<std::optional<model::Lock>> load_lock(const fs::FileSystem& fs, const Project& project);

}  // namespace pinset::app
