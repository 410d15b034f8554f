#pragma once
// Mirror mappings: URL prefixes rewritten at fetch time only. The lock and the signed set keep the
// original URLs; the checksums decide whether what a mirror serves is right, so a mirror needs no
// trust of its own.

#include <string>
#include <string_view>
#include <vector>

#include "core/app/project.hpp"
#include "core/model/manifest.hpp"

namespace pinset::app {

// `url` with the first matching rule's `from` prefix replaced by its `to`; `url` itself when no
// rule matches.
std::string apply_mirrors(std::string_view url, const std::vector<model::MirrorRule>& rules);

// Reads the document at `where` (a set or its .sig): an http(s) URL is first rewritten by `rules`,
// then read from the filesystem when the mirror is a file:/// URL, else through `remote` (which
// may use the cached copy of `known`). A local path is read as it is. Errors: the reader's, and
// "unsupported-scheme" for an http(s) URL without `remote`.
Result<std::string> read_document(const fs::FileSystem& fs, RemoteDocuments* remote,
                                  const DocumentLocation& where,
                                  const std::vector<model::MirrorRule>& rules,
                                  const std::optional<crypto::Checksum>& known,
                                  std::size_t max_bytes);

// A command-line mapping "ORIGINAL_PREFIX=MIRROR_PREFIX", both absolute https://, http:// or
// file:/// URLs. Error "invalid-mirror" naming the value.
Result<model::MirrorRule> parse_mirror_arg(std::string_view arg);

}  // namespace pinset::app
