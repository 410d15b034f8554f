#pragma once
// `pinset verify`: re-hashes the installed tree against the receipts recorded at install time.

#include <string>
#include <vector>

#include "core/archive/extractor.hpp"
#include "core/fs/file_system.hpp"
#include "core/util/error.hpp"

namespace pinset::app {

struct VerifyReport {
  std::size_t files_checked = 0;
  std::vector<std::string> modified;  // "<package>/<path>: <what differs>"
  std::vector<std::string> missing;   // "<package>/<path>"
  std::vector<std::string> extra;     // "<package>/<path>", or a top-level folder no package owns
  bool clean() const { return modified.empty() && missing.empty() && extra.empty(); }
};

// Whether the files under `root` are exactly those of `receipt` (same types, content and
// permissions, nothing missing or extra). Used by `pinset ci` to re-check the cache's trees.
bool tree_intact(const fs::FileSystem& fs, const std::string& root,
                 const archive::Receipt& receipt);
// The first difference tree_intact finds ("<path>: <what differs>", "<path>: missing",
// "<path>: not in the receipt"), or "" when the tree is intact.
std::string tree_damage(const fs::FileSystem& fs, const std::string& root,
                        const archive::Receipt& receipt);

// Errors: "not-installed" when `prefix` has no install state; "corrupt-install".
Result<VerifyReport> verify_install(const fs::FileSystem& fs, const std::string& prefix,
                                    int workers = 0);

}  // namespace pinset::app
