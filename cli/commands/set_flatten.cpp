// pinset set flatten SET -o OUT: a layered set as one flat set.
#include <iostream>

#include "cli/commands/set.hpp"
#include "cli/commands/set_access.hpp"
#include "core/curate/edit.hpp"
#include "core/curate/set_writer.hpp"
#include "core/util/strings.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string set;
  std::string output;
  std::string cacert;
};

int run_flatten(const Args& args, const Io& io) {
  auto made_access = make_set_access(io, args.cacert);
  if (!made_access) {
    print_error(io, made_access.error());
    return k_exit_usage;
  }
  app::SetAccess& access = *made_access;
  auto doc = app::read_set_document(fs::real_file_system(), &access, args.set);
  if (!doc) {
    print_error(io, doc.error());
    return k_exit_usage;
  }
  std::size_t layers = doc->set.extends.size();
  auto flat = app::flatten_layers(fs::real_file_system(), &access, std::move(doc->set));
  if (!flat) {
    print_error(io, flat.error());
    return k_exit_failed;
  }
  std::string output = args.output;
  app::align_paths({&*flat}, output);
  model::PackageSet out = curate::relocate(*flat, output);
  auto written =
      fs::real_file_system().write_atomic(output, curate::write_set(out, doc::format_for(output)));
  if (!written) {
    print_error(io, written.error());
    return k_exit_usage;
  }
  std::size_t entries = 0;
  for (const model::Package& p : out.packages())
    entries += p.entries.size();
  io.out << "wrote " << args.output << ": " << count_of(out.packages().size(), "package") << ", "
         << count_of(entries, "entry", "entries") << " (" << layers
         << (layers == 1 ? " base set" : " base sets") << ")\n";
  return k_exit_ok;
}

}  // namespace

void add_set_flatten(CLI::App& set, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = set.add_subcommand(
      "flatten", "Write a layered set (extends, overrides, removes) as one flat set");
  cmd->footer(
      "Examples:\n"
      "  pinset set flatten package-sets/layers/team.yaml -o team-flat.yaml\n"
      "Exit codes: 0 written, 1 the layers do not fit together, 2 a set cannot be read.");
  cmd->add_option("SET", args->set, "The layered set (path, file:// or https:// URL)")->required();
  cmd->add_option("-o,--output", args->output, "Where to write the flat set (.json: JSON)")
      ->required();
  add_cacert_option(cmd, args->cacert);
  cmd->callback([args, &io, &exit_code] { exit_code = run_flatten(*args, io); });
}

}  // namespace pinset::cli
