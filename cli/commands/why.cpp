// pinset why NAME: every dependency path from the manifest to a package.
#include <iostream>

#include "cli/cli.hpp"
#include "cli/commands/report_options.hpp"
#include "cli/output.hpp"
#include "core/app/report.hpp"
#include "core/report/why.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string manifest;
  std::string name;
  std::size_t limit = 100;
  bool json = false;
};

int fail_with(const Args& args, const Io& io, const Error& error, int code) {
  if (args.json) io.out << nlohmann::ordered_json{{"error", error_json(error)}}.dump(2) << '\n';
  print_error(io, error);
  return code;
}

int execute(const Args& args, const Io& io) {
  auto inputs = load_report_inputs(io, args.manifest, "why");
  if (!inputs) return fail_with(args, io, inputs.error(), k_exit_usage);
  auto why = report::why(inputs->input(), args.name, args.limit, inputs->project.lock_path);
  if (!why) return fail_with(args, io, why.error(), k_exit_failed);
  io.out << (args.json ? report::why_json(*why) : report::why_text(*why));
  return k_exit_ok;
}

void add(CLI::App& app, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("why", "Show every dependency path from the manifest to a package");
  cmd->footer(
      "Examples:\n"
      "  pinset why libfoo            myapp -> netlib@1.4.0 (^1.3.0) -> libfoo@2.1.0 (^2.1.0)\n"
      "  pinset why libfoo --json     the same paths as JSON\n"
      "Each step shows the version locked and, in parentheses, the range that asked for it.\n"
      "Exit codes: 0 shown, 1 the package is not in the resolved graph, 2 bad input or a missing\n"
      "or stale lock.");
  cmd->add_option("name", args->name, "Package name")->required();
  cmd->add_option("--manifest,-m", args->manifest,
                  "Manifest file (default: pinset.yaml or pinset.json)");
  cmd->add_option("--limit", args->limit, "Show at most this many paths (default 100)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  cmd->add_flag("--json", args->json, "Print JSON on stdout");
  cmd->callback([args, &io, &exit_code] { exit_code = execute(*args, io); });
}

}  // namespace

Command why_command() {
  return {"why", "show how a package is pulled in", "", add};
}

}  // namespace pinset::cli
