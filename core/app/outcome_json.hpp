#pragma once
// The `--json` documents of install/ci and upgrade, built here (not in cli/) so their shape is
// part of core and pinned by golden tests (tests/app/outcome_json_test.cpp). Keys are kebab-case
// and only ever added to: scripts read them.

#include <string>

#include <nlohmann/json.hpp>

#include "core/app/install.hpp"
#include "core/app/upgrade.hpp"

namespace pinset::app {

// What install does with a package: "keep", "link", "unpack" or "download".
const char* action_word(Source source);

// What an upgrade does to a package: "add", "remove", "upgrade", "downgrade" or "change".
const char* change_word(PackageChange::Kind kind);

// {"prefix", "layout", "up-to-date", "packages": [{"name", "version", "checksum", "action", "url",
// "previous"?}], "remove", "remove-folders", "repaired", "downloaded", "downloaded-bytes",
// "installed", "lock-written"}
nlohmann::ordered_json install_json(const InstallOutcome& out);

// {"from": {"name", "url", "serial"} or null, "to": {"name", "url", "serial", "digest"},
// "changes": [{"name", "kind", "from", "to"}], "unsatisfiable": [{"name", "range", "line",
// "available"}], "error"?, "written"}. `set_url` is the new set's URL as the user gave it.
nlohmann::ordered_json upgrade_json(const UpgradeOutcome& out, const std::string& set_url);

}  // namespace pinset::app
