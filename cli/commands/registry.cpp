// The one registration list of pinset's commands.
#include "cli/cli.hpp"

namespace pinset::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> list = {};
  return list;
}

}  // namespace pinset::cli
