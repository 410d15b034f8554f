#pragma once
// The one place install meets core/layout: which layout a project uses, and laying the packages
// out in the staging folder (the swap and the install state stay install's).

#include <optional>
#include <string>
#include <vector>

#include "core/app/install_state.hpp"
#include "core/app/project.hpp"
#include "core/layout/layout.hpp"
#include "core/model/lock.hpp"
#include "core/store/cache.hpp"

namespace pinset::app {

// `option` (--layout) if given, else the manifest's `layout`, else `packages`. Errors:
// "unknown-layout" naming the manifest's line and column, or the option.
Result<layout::Kind> project_layout(const Project& project, const std::string& option);

struct StagedLayout {
  std::vector<std::string> package_paths;  // relative to the staging folder, one per package
  archive::Receipt entries;                // links and generated files, with their sha256
  std::vector<std::string> notes;          // said to the user after the install
};

// Lays out `trees` (one per lock package, in lock order) in the existing folder `staging`:
// plans the layout, then writes it through `fs`, linking each package with `link_packages`.
Result<StagedLayout> stage_layout(fs::FileSystem& fs, layout::Kind kind, const std::string& staging,
                                  const Project& project, const std::string& prefix,
                                  const model::Lock& lock,
                                  const std::vector<std::optional<store::Tree>>& trees,
                                  const layout::LinkPackages& link_packages);

}  // namespace pinset::app
