#pragma once
// What is installed in an install folder: <prefix>/.pinset/state.json, written with the tree and
// swapped in with it. `pinset list` reads it; `pinset verify` checks the tree against its receipts.

#include <map>
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
  archive::Receipt receipt;  // every file of <prefix>/<name>/, with its sha256
};

struct InstallState {
  std::string lock_digest;                           // the lock's content digest when installed
  std::map<std::string, InstalledPackage> packages;  // by name
};

std::string write_install_state(const InstallState& state);
// Errors: "corrupt-install" naming the file, saying to run `pinset install` again.
Result<InstallState> parse_install_state(std::string_view text, const std::string& source);

}  // namespace pinset::app
