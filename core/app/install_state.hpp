#pragma once
// What is installed in an install folder: <prefix>/.pinset/state.json, written with the tree and
// swapped in with it. `pinset list` reads it; `pinset verify` checks the tree against its receipts.

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "core/archive/extractor.hpp"
#include "core/crypto/checksum.hpp"
#include "core/semver/version.hpp"
#include "core/util/error.hpp"

namespace pinset::app {

inline constexpr std::string_view k_state_dir = ".pinset";
inline constexpr std::string_view k_state_file = ".pinset/state.json";

struct InstalledPackage {
  semver::Version version;
  crypto::Checksum checksum;
  std::uint32_t strip_components = 0;
  archive::Receipt receipt;  // every file of <prefix>/<path>/, with its sha256
  std::string path;          // where the layout put it, relative to the prefix; "" means <name>
  const std::string& folder(const std::string& name) const { return path.empty() ? name : path; }
};

struct InstallState {
  std::string lock_digest;  // the lock's content digest when installed
  // By the lock's key: the name, or "name@version" for a name installed in several versions.
  std::map<std::string, InstalledPackage> packages;
  std::string layout = "packages";  // core/layout's name of the layout
  // What the layout wrote besides the packages (links, generated files), relative to the prefix.
  archive::Receipt layout_entries;
};

// The top-level entries of the prefix that the install made: the state folder, each package's
// first path part, and each layout entry's first path part.
std::set<std::string> owned_top_level(const InstallState& state);

std::string write_install_state(const InstallState& state);
// Errors: "corrupt-install" naming the file, saying to run `pinset install` again.
Result<InstallState> parse_install_state(std::string_view text, const std::string& source);

}  // namespace pinset::app
