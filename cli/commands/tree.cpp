// pinset tree: the resolved dependency graph as an indented tree.
#include <iostream>

#include "cli/cli.hpp"
#include "cli/commands/report_options.hpp"
#include "cli/output.hpp"
#include "core/app/report.hpp"
#include "core/report/tree.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string manifest;
  bool json = false;
  std::size_t depth = report::k_default_tree_depth;
};

int execute(const Args& args, const Io& io) {
  auto inputs = load_report_inputs(io, args.manifest, "tree");
  if (!inputs) {
    if (args.json)
      io.out << nlohmann::ordered_json{{"error", error_json(inputs.error())}}.dump(2) << '\n';
    print_error(io, inputs.error());
    return k_exit_usage;
  }
  io.out << (args.json ? report::tree_json(inputs->input(), args.depth)
                       : report::tree_text(inputs->input(), args.depth));
  return k_exit_ok;
}

void add(CLI::App& app, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("tree", "Show the resolved dependency graph as a tree");
  cmd->footer(
      "Examples:\n"
      "  pinset tree           myapp, then each dependency with its locked version and range\n"
      "  pinset tree --json    the same tree as JSON\n"
      "  pinset tree --depth 2 the project's dependencies and theirs only\n"
      "A package whose dependencies were already shown is marked and not expanded again.\n"
      "Exit codes: 0 shown, 2 bad input or a missing or stale lock.");
  cmd->add_option("--manifest,-m", args->manifest,
                  "Manifest file (default: pinset.yaml or pinset.json)");
  cmd->add_option("--depth", args->depth,
                  "Show at most this many levels (default " +
                      std::to_string(report::k_default_tree_depth) + ")")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  cmd->add_flag("--json", args->json, "Print JSON on stdout");
  cmd->callback([args, &io, &exit_code] { exit_code = execute(*args, io); });
}

}  // namespace

Command tree_command() {
  return {"tree", "show the resolved dependency tree", "", add};
}

}  // namespace pinset::cli
