#pragma once
// The install stamp, <install folder>/.pinset/install-stamp.json: what the last successful install
// depended on, recorded when it ends (install.cpp), so that a `pinset install` with nothing changed
// can say "up to date" from a few small reads, without parsing the set or walking the tree (issue
// 13; as bun and pnpm decide their no-op). It records:
//   - the key: pinset's version and binary, the working folder, --manifest, the install folder,
//     the layout, the cache folder and --mirror: a run with any other is not the same run;
//   - every file the resolution read (manifest, lock, local set, its signatures, its layers: each
//     by path, sha256 and identity) or looked for and did not find; a remote document only when
//     it was served from the cache under the digest the manifest or the lock pins, as the cached
//     object's file (a remote set with nothing pinning it is never stamped);
//   - the identity of .pinset/state.json (pinset replaces it whole, so its inode and ctime name
//     its content), of the install folder (its mtime moves when a top-level entry is added or
//     removed, its inode when the folder is replaced) and of each folder holding package folders;
//   - the moment a date in the set or the overlay starts to matter (an expiry warning or refusal).
// A stamp is only ever a reason to do nothing: anything missing, damaged or different sends the
// install down its full path, which writes the stamp again.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/checksum.hpp"
#include "core/fs/file_system.hpp"
#include "core/fs/install_dir.hpp"

namespace pinset::app {

inline constexpr std::string_view k_stamp_name = "install-stamp.json";  // in k_state_dir
inline constexpr std::string_view k_stamp_file = ".pinset/install-stamp.json";
// Files up to this size are hashed on every check; larger ones are trusted by their identity
// unless they changed within the two seconds before the stamp was made (a change in the same
// clock tick as pinset's look would leave the identity as it was).
inline constexpr std::uint64_t k_stamp_hash_always_bytes = 64u << 10;

// The run a stamp is valid for. Compared whole.
struct StampKey {
  std::string pinset;                // version and the binary's identity
  std::string cwd;                   // the working folder (relative paths below are relative to it)
  std::string manifest;              // --manifest as given ("" for pinset.yaml / pinset.json)
  std::string prefix;                // the install folder as opened
  std::string layout;                // the layout's name
  std::string cache;                 // the cache folder
  std::vector<std::string> mirrors;  // --mirror, "FROM=TO"
  bool operator==(const StampKey&) const = default;
};

// A file the resolution read, or looked for.
struct StampInput {
  std::string path;
  bool present = true;                     // false: looked for and not found
  std::optional<crypto::Checksum> sha256;  // nullopt: only its presence mattered
  std::uint64_t size = 0;
  std::optional<fs::FileId> id;  // nullopt: its content is compared on every check
  bool operator==(const StampInput&) const = default;
};

struct StampFolder {
  std::string path;  // relative to the install folder; "" is the install folder
  fs::FileId id;
  bool operator==(const StampFolder&) const = default;
};

struct InstallStamp {
  StampKey key;
  std::size_t packages = 0;                 // how many the lock has
  std::optional<std::int64_t> valid_until;  // unix seconds; nullopt: no date matters
  std::vector<StampInput> inputs;
  fs::FileId state;                  // .pinset/state.json
  std::vector<StampFolder> folders;  // the install folder first
  bool operator==(const InstallStamp&) const = default;
};

std::string write_install_stamp(const InstallStamp& stamp);
// nullopt when the text is not a stamp this pinset writes (damaged, or another format).
std::optional<InstallStamp> parse_install_stamp(std::string_view text);

// Whether `path` (relative to the install folder) is one of the stamp's files: the stamp and the
// temporaries of its writes (fs::InstallFolder::write_meta), which a killed run may leave.
bool is_stamp_file(std::string_view path);

struct StampVerdict {
  bool fresh = false;
  std::string why;           // not fresh: what differs, for --verbose ("pinset.lock changed")
  std::string lock_text;     // fresh: the lock's bytes, as hashed
  std::size_t packages = 0;  // fresh: how many packages the lock has
};

// Reads the stamp of `dir` and checks it against `key`, `now` (unix seconds), the install folder
// and every input, in that order, cheapest first, stopping at the first difference. Reads the
// stamp, stats the install folder's recorded entries, reads and hashes each small input (a large
// one only when its identity changed); never reads the set when it is large and unchanged, never
// lists a folder. `lock_path` names the input whose bytes are returned.
StampVerdict check_install_stamp(const fs::FileSystem& fs, const fs::InstallFolder& dir,
                                 const StampKey& key, std::int64_t now,
                                 const std::string& lock_path);

}  // namespace pinset::app
