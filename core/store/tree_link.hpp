#pragma once
// Materializing an extracted tree from the cache into an install folder: hard links where the
// cache and the install folder share a filesystem (as uv, pnpm and bun do), copies where they do
// not. Stored files are read-only, so an edit through a link needs a chmod first, and
// `pinset verify` catches it by hashing against the receipt.

#include <cstddef>
#include <string>

#include "core/store/cache.hpp"
#include "core/util/error.hpp"

namespace pinset::store {

struct LinkStats {
  std::size_t linked = 0;
  std::size_t copied = 0;
};

// Creates `dest` (which must not exist) and every entry of `tree.receipt` in it. On error, removes
// `dest` again. Errors: "io" naming the entry.
Result<LinkStats> link_tree(const Tree& tree, const std::string& dest);

// Creates, mode 0755, the folders between `root` and the last segment of the '/'-separated
// `relative` ("@babel" for "@babel/core"; nothing for a plain name), never following a symbolic
// link: each segment is opened with O_NOFOLLOW relative to the one before. `relative` must be a
// checked package name (no empty, "." or ".." segment). Errors: "io" naming the folder.
Status make_parent_folders(const std::string& root, const std::string& relative);

}  // namespace pinset::store
