#pragma once
// `pinset set ...`: the commands that curate package sets. Each subcommand lives in its own file
// (cli/commands/set_<name>.cpp) and is added to the group by set.cpp's list.

#include "cli/cli.hpp"

namespace pinset::cli {

// Adds one subcommand under `set`; its callback stores the exit code in `exit_code`.
using AddSetSubcommand = void (*)(CLI::App& set, const Io& io, int& exit_code);

// Today's date (UTC), YYYY-MM-DD: the default of --vetted-on (set add, set import).
std::string today_utc();

}  // namespace pinset::cli
