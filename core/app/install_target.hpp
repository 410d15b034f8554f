#pragma once
// Where an install goes, and whether pinset may replace what is there (issue 10's rules): the
// install folder is reached without following a symbolic link (fs::InstallDir); the current
// folder, the project folder, the root and their ancestors are refused up front; an existing
// folder is replaced only when it is empty or pinset made it (.pinset/state.json) and it holds
// nothing pinset did not install.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/app/install_state.hpp"
#include "core/app/project.hpp"
#include "core/fs/install_dir.hpp"

namespace pinset::app {

struct InstallTarget {
  std::string shown;   // the install folder as the user named it (or the default)
  std::string origin;  // "--prefix", "install-dir in pinset.yaml", or "" for the default
  std::unique_ptr<fs::InstallFolder> dir;
};

// `prefix` is --prefix (empty: the manifest's install-dir, else the default folder of `layout`,
// a layout's name, beside the manifest). With `create`, missing folders above the install folder
// are made. Errors (exit 2): "install-dir-refused" (the current/project/root folder or an
// ancestor), "symlink-in-path", "not-a-folder", "io"; each names the folder and where it was set.
Result<InstallTarget> open_install_target(const fs::FileSystem& fs, const Project& project,
                                          const std::string& prefix, const std::string& layout,
                                          bool create);

// Checks that pinset may replace what is at the install path (nothing, an empty folder, or a
// folder it made holding nothing else: `state` is its .pinset/state.json). Returns the folders it
// holds that pinset did not make (empty ones: replacing the install removes them), topmost only.
// Errors: "install-dir-refused" saying what is there and what to do.
Result<std::vector<std::string>> check_replaceable(const InstallTarget& target,
                                                   const std::optional<InstallState>& state);

}  // namespace pinset::app
