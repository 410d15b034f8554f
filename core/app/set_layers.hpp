#pragma once
// Reading package sets for the curation commands (paths, file:// and http(s) URLs) and loading
// layered sets: each base in `extends` is read, checked against its digest, flattened in turn and
// the whole flattened into one set (core/curate/layers.hpp).

#include <memory>
#include <optional>
#include <string>

#include "core/app/location.hpp"
#include "core/app/project.hpp"
#include "core/app/remote_documents.hpp"
#include "core/net/fetcher.hpp"
#include "core/store/cache.hpp"

namespace pinset::app {

struct SetDocument {
  DocumentLocation location;
  std::string bytes;
  model::PackageSet set;  // as written (not flattened)
};

// Reads and parses the set at `where` (a path relative to the current folder, file:///path, or
// an http(s) URL through `remote`; null refuses URLs). `known`: a digest the caller trusts for
// those bytes (lets `remote` use its cached copy). Errors: "not-found" and read errors ("cannot
// read the package set <where>: ..."), "unsupported-scheme", the parser's.
Result<SetDocument> read_set_document(const fs::FileSystem& fs, RemoteDocuments* remote,
                                      const std::string& where,
                                      const std::optional<crypto::Checksum>& known = {});

// Returns `set` flattened when it is layered (else as it is). Each base's URL is resolved against
// set.source; a base is read, its bytes checked against the digest in `extends`
// ("set-digest-mismatch", naming both sets), flattened in turn (at most 16 levels:
// "layers-too-deep"), and a base already being loaded is a cycle ("layer-cycle", naming the
// chain). Errors of the bases name the extends item; flattening errors are curate::flatten's.
Result<model::PackageSet> flatten_layers(const fs::FileSystem& fs, RemoteDocuments* remote,
                                         model::PackageSet set);

// Where an entry's artifact is fetched from: set.artifact_url(entry), a path made an absolute
// file:// URL.
std::string artifact_fetch_url(const model::PackageSet& set, const model::Entry& entry);

// Before sets are written to `output` (merge, flatten): when the paths involved are not all
// relative or all absolute, makes the output path and each set's `source` (when a path) absolute,
// so that relative artifact URLs can be rewritten from one to the other.
void align_paths(const std::vector<model::PackageSet*>& sets, std::string& output);

// read_set_document + flatten_layers.
Result<model::PackageSet> read_flat_set(const fs::FileSystem& fs, RemoteDocuments* remote,
                                        const std::string& where);

}  // namespace pinset::app
