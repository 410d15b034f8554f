// pinset semver satisfies VERSION RANGE: node-semver compatible range check.
#include <iostream>

#include "cli/cli.hpp"
#include "core/semver/range.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string version;
  std::string range;
};

int satisfies(const Args& args, const Io& io) {
  auto version = semver::Version::parse(args.version);
  if (!version) {
    print_error(io, version.error());
    return k_exit_usage;
  }
  auto range = semver::Range::parse(args.range);
  if (!range) {
    print_error(io, range.error());
    return k_exit_usage;
  }
  bool ok = range->satisfies(*version);
  io.out << (ok ? "true" : "false") << '\n';
  return ok ? k_exit_ok : k_exit_failed;
}

void add(CLI::App& app, const Io& io, int& exit_code) {
  CLI::App* cmd =
      app.add_subcommand("semver", "Semantic version utilities (node-semver compatible)");
  cmd->require_subcommand(1);
  auto args = std::make_shared<Args>();
  CLI::App* sat = cmd->add_subcommand("satisfies", "Print true if VERSION satisfies RANGE");
  sat->footer(
      "Examples:\n"
      "  pinset semver satisfies 1.4.2 '^1.2.0'        true, exit 0\n"
      "  pinset semver satisfies 2.0.0-rc.1 '^1.2.0'   false, exit 1\n"
      "Exit codes: 0 satisfied, 1 not satisfied, 2 invalid version or range.");
  sat->add_option("VERSION", args->version, "A SemVer 2.0.0 version")->required();
  sat->add_option("RANGE", args->range, "A node-semver range, e.g. '^1.2.0 || >=2.1 <3'")
      ->required();
  sat->callback([args, &io, &exit_code] { exit_code = satisfies(*args, io); });
}

}  // namespace

Command semver_command() {
  return {"semver", "semantic version utilities",
          "  pinset semver satisfies 1.4.2 '^1.2.0'        true, exit 0\n"
          "  pinset semver satisfies 2.0.0 '^1.2.0'        false, exit 1",
          add};
}

}  // namespace pinset::cli
