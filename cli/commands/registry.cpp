// The one registration list of pinset's commands.
#include "cli/cli.hpp"

namespace pinset::cli {

Command resolve_command();
Command semver_command();

const std::vector<Command>& commands() {
  static const std::vector<Command> list = {
      resolve_command(),
      semver_command(),
  };
  return list;
}

}  // namespace pinset::cli
