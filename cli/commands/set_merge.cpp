// pinset set merge A B [C ...] --strategy S -o OUT: combine sets into one.
#include <malloc.h>

#include <iostream>

#include "cli/commands/set.hpp"
#include "cli/commands/set_access.hpp"
#include "core/curate/layers.hpp"
#include "core/curate/merge.hpp"
#include "core/curate/set_writer.hpp"
#include "core/util/strings.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::vector<std::string> sets;
  std::string strategy = "fail";
  std::string output;
  std::string name;
  std::optional<std::uint64_t> serial;
  std::string cacert;
};

int run_merge(const Args& args, const Io& io) {
  auto strategy = curate::parse_strategy(args.strategy);
  if (!strategy) {
    print_error(io, strategy.error());
    return k_exit_usage;
  }
  auto made_access = make_set_access(io, args.cacert);
  if (!made_access) {
    print_error(io, made_access.error());
    return k_exit_usage;
  }
  app::SetAccess& access = *made_access;
  std::vector<model::PackageSet> sets;
  for (const std::string& where : args.sets) {
    auto set = app::read_flat_set(fs::real_file_system(), &access, where);
    if (!set) {
      print_error(io, set.error());
      return k_exit_usage;
    }
    sets.push_back(std::move(*set));
  }
  std::string output = args.output;
  std::vector<model::PackageSet*> pointers;
  for (model::PackageSet& s : sets)
    pointers.push_back(&s);
  app::align_paths(pointers, output);
  std::vector<curate::MergeInput> inputs;
  // The inputs are given up to the merge, which empties them as it goes (memory: about the
  // inputs' size, not the inputs and the result).
  for (model::PackageSet& s : sets)
    inputs.push_back({&s, curate::set_label(s), &s});
  curate::MergeOptions options;
  options.strategy = *strategy;
  options.name = args.name;
  options.serial = args.serial;
  options.source = output;
  auto merged = curate::merge_sets(inputs, options);
  if (!merged) {
    print_error(io, merged.error());
    return k_exit_failed;
  }
  std::size_t inputs_read = sets.size();
  // The result holds copies of what it needs: the inputs go before the text is made (a merge of
  // two 100,000-package sets would otherwise hold both, the result and its text at once).
  inputs.clear();
  sets = {};
  // Give the freed heap back to the system before the text (~90 MB) is allocated beside it.
  ::malloc_trim(0);
  // The result stays until the process ends (no time spent freeing it).
  const model::PackageSet& result = keep_until_exit(std::move(*merged));
  auto written = fs::real_file_system().write_atomic(
      output, curate::write_set(result, doc::format_for(output)));
  if (!written) {
    print_error(io, written.error());
    return k_exit_usage;
  }
  std::size_t entries = 0;
  for (const model::Package& p : result.packages())
    entries += p.entries.size();
  io.out << "wrote " << args.output << ": " << count_of(result.packages().size(), "package") << ", "
         << count_of(entries, "entry", "entries") << " from " << inputs_read << " sets (strategy "
         << args.strategy << ")\n";
  return k_exit_ok;
}

}  // namespace

void add_set_merge(CLI::App& set, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = set.add_subcommand("merge", "Combine several sets into one");
  cmd->footer(
      "A conflict is a package pinned to different versions by different sets. Strategies:\n"
      "  fail     report every conflict, write nothing (default)\n"
      "  first    take the first set's pins (in argument order)\n"
      "  last     take the last set's pins\n"
      "  highest  take the pins of the set with the highest version\n"
      "  union    keep every version of every set\n"
      "The same version with different checksums is always an error. Each entry of the result\n"
      "records its set (name@serial) in `from`.\n"
      "Examples:\n"
      "  pinset set merge org.yaml team.yaml --strategy union -o merged.yaml\n"
      "Exit codes: 0 written, 1 conflicts (nothing written), 2 a set cannot be read.");
  cmd->add_option("SETS", args->sets, "The sets (paths, file:// or https:// URLs)")
      ->required()
      ->expected(2, -1);
  cmd->add_option("--strategy", args->strategy, "fail, first, last, highest or union");
  cmd->add_option("-o,--output", args->output, "Where to write the result (.json: JSON)")
      ->required();
  cmd->add_option("--name", args->name, "The result's name (default: the first set's)");
  cmd->add_option("--serial", args->serial, "The result's serial (default: the highest)");
  add_cacert_option(cmd, args->cacert);
  cmd->callback([args, &io, &exit_code] { exit_code = run_merge(*args, io); });
}

}  // namespace pinset::cli
