#pragma once
// The content-addressed cache: downloaded objects (artifacts, sets) stored by digest, and the
// extracted trees of artifacts that installs hard-link from (as uv, pnpm and bun do).
//
// Layout under the cache root:
//   objects/<algo>/<hex[0:2]>/<hex>          an artifact or set, byte for byte, read-only
//   trees/<algo>-<hex>-s<strip>/files/...     the artifact extracted (strip-components applied)
//   trees/<algo>-<hex>-s<strip>/receipt.json  what files/ holds, with a sha256 per file
//   trees/<algo>-<hex>-s<strip>/stamps        inode, size, mtime, mode per file (tree_stamps.hpp)
//   tmp/                                      work in progress, on the same filesystem
// Every entry is made in tmp/ and renamed into place, so the cache never holds an object whose
// content does not match its name, nor a half-extracted tree. Stored files are read-only.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/archive/extractor.hpp"
#include "core/crypto/checksum.hpp"
#include "core/store/tree_stamps.hpp"
#include "core/util/error.hpp"

namespace pinset::store {

// $PINSET_CACHE_DIR, else $XDG_CACHE_HOME/pinset, else $HOME/.cache/pinset. `getenv` is injected
// for tests. Error "no-cache-dir" when none of them is set.
Result<std::string> default_cache_dir(const char* (*getenv)(const char*));

struct Tree {
  std::string files_dir;  // the extracted files
  archive::Receipt receipt;
};

class Cache {
 public:
  // Creates the root and its folders if needed. Errors: "io" naming the folder.
  static Result<Cache> open(const std::string& root);
  // open(root), or open(default_cache_dir(std::getenv)) when `root` is empty (a --cache-dir
  // option that was not given). Errors: "no-cache-dir", "io".
  static Result<Cache> open_or_default(const std::string& root);
  // The folder open_or_default(root) opens, without opening it. Errors: "no-cache-dir".
  static Result<std::string> root_or_default(const std::string& root);

  const std::string& root() const { return m_root; }

  std::string object_path(const crypto::Checksum& digest) const;
  bool has_object(const crypto::Checksum& digest) const;
  // Reads an object and checks its digest ("corrupt-cache" if it no longer matches its name: the
  // object is then removed so the next run downloads it again).
  Result<std::string> read_object(const crypto::Checksum& digest, std::size_t max_bytes) const;
  // Stores bytes whose digest the caller has verified. No fsync: a crash loses at most the cache
  // entry, never leaves a wrong one (the rename is the commit point).
  Status put_object(const crypto::Checksum& digest, std::string_view bytes) const;

  // Moves `verified_file` (on the cache's filesystem, e.g. a download spooled under tmp/, whose
  // digest the caller has verified) into the store as the object `digest`, read-only. Kept as is
  // when the object is there already (the file is then removed). Errors: "io".
  Status adopt_object(const crypto::Checksum& digest, const std::string& verified_file) const;
  // Re-hashes the stored object as it reads it (memory does not grow with its size): an object
  // that no longer matches its name is removed ("corrupt-cache").
  Status check_object(const crypto::Checksum& digest) const;

  std::string tree_path(const crypto::Checksum& digest, std::uint32_t strip) const;
  // The extracted tree, if present and its receipt is readable.
  std::optional<Tree> find_tree(const crypto::Checksum& digest, std::uint32_t strip) const;
  // Whether the tree's folder is there (one stat; its receipt is not read).
  bool has_tree(const crypto::Checksum& digest, std::uint32_t strip) const;
  // Extracts `archive_bytes` (already verified against `digest`) into a new tree, makes its files
  // read-only, writes the receipt, and renames it into place. If another process made the same tree
  // meanwhile, theirs is kept. Errors: the extractor's (naming `label`), or "io".
  Result<Tree> put_tree(const crypto::Checksum& digest, std::uint32_t strip,
                        std::string_view archive_bytes, const std::string& label,
                        const archive::Limits& limits) const;

  // put_tree() from the stored object `digest` (already verified), streamed from its file when it
  // is large, so memory does not grow with the archive's size.
  Result<Tree> put_tree_from_object(const crypto::Checksum& digest, std::uint32_t strip,
                                    const std::string& label, const archive::Limits& limits) const;

  // Removes a tree (a damaged one, found by `pinset ci`), so the next put_tree rebuilds it.
  void drop_tree(const crypto::Checksum& digest, std::uint32_t strip) const;

  // Whether a stored tree's files still look as they did when stored (one stat per file).
  StampCheck check_tree(const crypto::Checksum& digest, std::uint32_t strip,
                        const Tree& tree) const;
  // Records the stamps of a tree stored without them, once the caller has hashed it intact.
  void write_stamps(const crypto::Checksum& digest, std::uint32_t strip, const Tree& tree) const;

  // What is wrong with the files under a folder compared with a receipt ("" when nothing).
  using DamageCheck = std::function<std::string(const std::string&, const archive::Receipt&)>;
  struct Rederived {
    Tree tree;
    std::string repaired;  // what was wrong with the stored tree it replaced ("" when nothing)
  };
  // Extracts `archive_bytes` (verified against `digest`) afresh and checks the stored tree
  // against what it yields: a stored tree whose receipt differs or whose files `damage` finds
  // different from the fresh receipt is replaced by the fresh one (one rename), and `repaired`
  // says why. Never trusts the stored receipt. Errors: as put_tree.
  Result<Rederived> rederive_tree(const crypto::Checksum& digest, std::uint32_t strip,
                                  std::string_view archive_bytes, const std::string& label,
                                  const archive::Limits& limits, const DamageCheck& damage) const;

  // rederive_tree() from the stored object `digest` (already verified), streamed from its file.
  Result<Rederived> rederive_tree_from_object(const crypto::Checksum& digest, std::uint32_t strip,
                                              const std::string& label,
                                              const archive::Limits& limits,
                                              const DamageCheck& damage) const;

  // A fresh empty folder under tmp/ (for staging work on the cache's filesystem).
  Result<std::string> make_temp_dir(std::string_view hint) const;

 private:
  explicit Cache(std::string root) : m_root(std::move(root)) {}
  // Extracts into a folder it is given (`files`), with the options given.
  using Extract = std::function<Result<archive::Receipt>(const std::string& files,
                                                         const archive::Options& options)>;
  // Extracts into a new folder under tmp/ (files/, receipt.json, stamps); returns the folder.
  Result<std::pair<std::string, archive::Receipt>> extract_to_temp(
      std::uint32_t strip, const Extract& extract, const archive::Limits& limits) const;
  // put_tree's work, with the extraction passed in: the tree if stored, else extract_to_temp and
  // rename it into place.
  Result<Tree> make_tree(const crypto::Checksum& digest, std::uint32_t strip,
                         const Extract& extract, const archive::Limits& limits) const;
  Result<Rederived> rederive(const crypto::Checksum& digest, std::uint32_t strip,
                             const Extract& extract, const archive::Limits& limits,
                             const DamageCheck& damage) const;
  std::string m_root;
};

// Removes a folder tree, making read-only folders writable first. Best effort; never follows links.
void remove_tree(const std::string& path);

}  // namespace pinset::store
