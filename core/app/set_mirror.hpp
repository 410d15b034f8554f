#pragma once
// `pinset set mirror SET --to DIR`: a self-contained copy of a set for a closed network. DIR gets
// the set and its .sig byte for byte (so the signatures stay valid) and every artifact the set
// lists, each verified against its checksum (and size) as it downloads:
//   DIR/<set file>, DIR/<set file>.sig
//   DIR/<relative path>      an artifact named relative to the set (artifacts/x.tgz), as named
//   DIR/<host>/<path>        an artifact at https://<host>/<path> (or http)
//   DIR/file/<path>          an artifact at file:///<path> or an absolute path
// Served by any static web server, it is reached through mirror mappings (mirrors: in the
// manifest, or --mirror), which rewrite URLs at fetch time; `mappings` lists the ones needed.

#include <cstdint>
#include <string>
#include <vector>

#include "core/fs/file_system.hpp"
#include "core/model/manifest.hpp"
#include "core/net/fetcher.hpp"

namespace pinset::app {

struct SetMirrorOptions {
  std::string set;  // a path, or an http(s)/file URL
  std::string to;   // the output folder (created if missing)
  net::FetchOptions fetch;
  net::FetcherFactory fetchers;  // makes the fetcher (cli/: the curl fetcher)
};

struct MirroredArtifact {
  std::string label;  // "netlib 1.4.0"
  std::string url;    // the original, absolute URL (or path)
  std::string path;   // relative to the output folder
  std::uint64_t bytes = 0;
  bool downloaded = false;  // false: an identical file was already there
};

struct SetMirrorOutcome {
  std::string set_name;
  std::uint64_t serial = 0;
  std::string set_file;                     // relative to the output folder
  bool signatures = false;                  // a .sig was copied
  std::vector<MirroredArtifact> artifacts;  // in set order, each URL once
  // Prefix mappings a client needs, "to" relative to wherever the folder is served: the set's own
  // folder URL -> "", and each other host -> "<host>/".
  std::vector<model::MirrorRule> mappings;
};

// Errors: the set cannot be read or parsed; a layered set ("layered-set": mirror its flattened
// form); an artifact path that would leave DIR
// ("unsafe-path"); download and verification errors ("checksum-mismatch", ...) for every artifact
// that failed, combined as "mirror-failed" (what succeeded stays in DIR; a re-run downloads only
// what is missing).
Result<SetMirrorOutcome> mirror_set(fs::FileSystem& fs, const SetMirrorOptions& options);

}  // namespace pinset::app
