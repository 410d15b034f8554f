#pragma once
// Stamps: what each regular file of a cached tree looked like when it was stored (inode, size,
// modification time, permissions), kept beside the tree as `stamps`. Comparing them costs one
// stat per file, so every install can notice a tree whose files were edited through a hard link
// without hashing them (`pinset ci` re-derives every file from the verified archive instead).
// ctime cannot be used: making a hard link to a file changes it.

#include <string>
#include <string_view>

#include "core/archive/extractor.hpp"

namespace pinset::store {

// The stamps of the files of `receipt` under `files_dir`; "" when one cannot be read.
std::string make_stamps(const std::string& files_dir, const archive::Receipt& receipt);

struct StampCheck {
  enum class Result { unchanged, changed, unknown } result = Result::unknown;
  std::string what;  // for `changed`: "<path>: <what differs>"
};

// Compares the files under `files_dir` with `stamps` (from make_stamps with the same receipt).
// `unknown` when `stamps` is not readable (a tree stored by an older pinset).
StampCheck check_stamps(const std::string& files_dir, const archive::Receipt& receipt,
                        std::string_view stamps);

}  // namespace pinset::store
