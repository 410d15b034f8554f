// The one registration list of pinset's commands.
#include "cli/cli.hpp"

namespace pinset::cli {

Command resolve_command();
Command install_command();
Command ci_command();
Command list_command();
Command verify_command();
Command semver_command();
Command set_command();
Command sbom_command();
Command why_command();
Command tree_command();
Command policy_command();
Command upgrade_command();

const std::vector<Command>& commands() {
  static const std::vector<Command> list = {
      resolve_command(), install_command(), ci_command(),     list_command(),
      verify_command(),  semver_command(),  set_command(),    sbom_command(),
      why_command(),     tree_command(),    policy_command(), upgrade_command(),
  };
  return list;
}

}  // namespace pinset::cli
