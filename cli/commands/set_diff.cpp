// pinset set diff OLD NEW [--format text|json|markdown]: what changed between two revisions.
#include <iostream>

#include "cli/commands/set.hpp"
#include "cli/commands/set_access.hpp"
#include "core/curate/diff.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string before;
  std::string after;
  std::string format = "text";
  std::string cacert;
};

int run_diff(const Args& args, const Io& io) {
  auto made_access = make_set_access(io, args.cacert);
  if (!made_access) {
    print_error(io, made_access.error());
    return k_exit_usage;
  }
  app::SetAccess& access = *made_access;
  auto before = app::read_flat_set(fs::real_file_system(), &access, args.before);
  if (!before) {
    print_error(io, before.error());
    return k_exit_usage;
  }
  auto after = app::read_flat_set(fs::real_file_system(), &access, args.after);
  if (!after) {
    print_error(io, after.error());
    return k_exit_usage;
  }
  // Both sets and the diff stay until the process ends (no time spent freeing them).
  model::PackageSet& old_set = keep_until_exit(std::move(*before));
  model::PackageSet& new_set = keep_until_exit(std::move(*after));
  // Artifact URLs are compared where they point: both sets' paths of one kind.
  std::string anchor = old_set.source;
  app::align_paths({&old_set, &new_set}, anchor);
  curate::SetDiff& diff = keep_until_exit(curate::diff_sets(old_set, new_set));
  if (args.format == "json") {
    io.out << curate::render_json(diff);
  } else if (args.format == "markdown") {
    io.out << curate::render_markdown(diff);
  } else {
    io.out << curate::render_text(diff);
  }
  return diff.empty() ? k_exit_ok : k_exit_failed;
}

}  // namespace

void add_set_diff(CLI::App& set, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = set.add_subcommand("diff", "Show what changed between two revisions of a set");
  cmd->footer(
      "Marks: + added, - removed, ^ upgraded, v downgraded, ~ changed, ! critical (the same\n"
      "version with a different checksum: a republished or tampered artifact).\n"
      "Examples:\n"
      "  pinset set diff sets/acme-41.yaml sets/acme-42.yaml\n"
      "  pinset set diff old.json new.json --format markdown   for a code review\n"
      "Exit codes: 0 no differences, 1 differences, 2 a set cannot be read.");
  cmd->add_option("OLD", args->before, "The old revision (path, file:// or https:// URL)")
      ->required();
  cmd->add_option("NEW", args->after, "The new revision")->required();
  cmd->add_option("--format", args->format, "text (default), markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  add_cacert_option(cmd, args->cacert);
  cmd->callback([args, &io, &exit_code] { exit_code = run_diff(*args, io); });
}

}  // namespace pinset::cli
