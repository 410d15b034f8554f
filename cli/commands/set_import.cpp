// pinset set import FILE [-o OUT]: a package set from another tool's lock file.
#include <iostream>

#include "cli/commands/set.hpp"
#include "cli/commands/set_access.hpp"
#include "core/app/set_import.hpp"

namespace pinset::cli {

namespace {

struct Args {
  app::SetImportOptions options;
  std::string cacert;
};

int run_import(Args args, const Io& io) {
  app::SetImportOptions& options = args.options;
  if (!options.vetted_by.empty() && options.vetted_on.empty()) options.vetted_on = today_utc();
  auto made_access = make_set_access(io, args.cacert);
  if (!made_access) {
    print_error(io, made_access.error());
    return k_exit_usage;
  }
  app::SetAccess& access = *made_access;
  auto out = app::import_set(fs::real_file_system(), &access, options);
  if (!out) {
    print_error(io, out.error());
    return k_exit_usage;
  }
  // The set on stdout when no -o; the report on stderr then, so that stdout stays the set.
  std::ostream& report = options.output.empty() ? io.err : io.out;
  if (options.output.empty()) io.out << out->text;
  report << "imported " << out->entries << (out->entries == 1 ? " entry" : " entries") << " of "
         << out->packages << (out->packages == 1 ? " package" : " packages") << " from "
         << options.file << " (" << importer::format_name(out->format) << ")"
         << (options.output.empty() ? "" : " into " + options.output)
         << (out->fetched == 0   ? ""
             : out->fetched == 1 ? std::string("; downloaded 1 artifact for its checksum")
                                 : "; downloaded " + std::to_string(out->fetched) +
                                       " artifacts for their checksums")
         << "\n";
  // Each list is capped: a large lock can skip or drop hundreds of things.
  constexpr std::size_t k_max_lines = 50;
  auto more = [&](std::ostream& to, std::size_t total, const char* what) {
    if (total > k_max_lines) {
      to << "... and " << total - k_max_lines << " more " << what << "\n";
    }
  };
  for (std::size_t i = 0; i < out->skipped.size() && i < k_max_lines; ++i) {
    const importer::Skipped& s = out->skipped[i];
    report << "skipped  " << options.file << ":" << s.line << ": " << s.entry << ": " << s.reason
           << "\n";
  }
  more(report, out->skipped.size(), "skipped");
  for (std::size_t i = 0; i < out->refused.size() && i < k_max_lines; ++i)
    report << "refused  " << out->refused[i].headline() << "\n";
  more(report, out->refused.size(), "refused");
  for (std::size_t i = 0; i < out->unsatisfied.size() && i < k_max_lines; ++i)
    io.err << "warning: " << out->unsatisfied[i].headline() << "\n";
  more(io.err, out->unsatisfied.size(), "warnings");
  return k_exit_ok;
}

}  // namespace

void add_set_import(CLI::App& set, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  app::SetImportOptions& o = args->options;
  CLI::App* cmd = set.add_subcommand(
      "import",
      "Make a package set from a lock file or SBOM (npm, Cargo, uv, pnpm, yarn, pip, SBOM, .dsc)");
  cmd->footer(
      "Every entry keeps the lock's name, version, checksum, URL and dependencies; optional and\n"
      "platform-only entries and workspace members are skipped and listed. Entries that a set\n"
      "cannot hold (no checksum, a git source, a name or version the set rules refuse) fail the\n"
      "import, each named with its line; --partial writes the rest.\n"
      "Examples:\n"
      "  pinset set import package-lock.json -o sets/web.yaml --vetted-by alice --ticket SEC-7\n"
      "  pinset set import Cargo.lock -o sets/rust.yaml\n"
      "  pinset set import deps.lock --format uv > sets/py.yaml\n"
      "  pinset set import app.cdx.json --strip-components 1 -o sets/app.yaml\n"
      "  pinset set import requirements.txt --fetch -o sets/py.yaml\n"
      "Nothing is downloaded unless --fetch is given (then only artifacts without a checksum).\n"
      "Exit codes: 0 written, 2 the file cannot be read or imported (nothing is written).");
  cmd->add_option("FILE", o.file, "The lock file")->required();
  cmd->add_option("--format", o.format,
                  "npm, cargo, uv, pnpm, yarn, cyclonedx, spdx, dsc or requirements (default: from "
                  "FILE's name)");
  cmd->add_option("--dsc-url", o.dsc_url,
                  ".dsc: the files' URL, {file} being the name (default: the name, relative to "
                  "the set)");
  cmd->add_option("--strip-components", o.strip_components,
                  "SBOMs: leading folders to drop from every archive (default 0)");
  cmd->add_option("-o,--output", o.output, "Where to write the set (.json: JSON; default: stdout)");
  cmd->add_flag("--force", o.force, "Replace the output file when it exists");
  cmd->add_option("--name", o.name, "The set's name (default: imported)");
  cmd->add_option("--pypi-url", o.pypi_url,
                  "requirements: the sdist's URL, with {name}, {version} and {initial} "
                  "(default: PyPI's)");
  cmd->add_option("--crate-url", o.crate_url,
                  "Cargo: the registry's download URL, with {name} and {version} "
                  "(default: crates.io's)");
  cmd->add_flag("--partial", o.partial, "Write the entries that import; list the refused ones");
  cmd->add_flag("--fetch", o.fetch,
                "Download the artifacts whose checksum the file does not record, and record it");
  add_cacert_option(cmd, args->cacert);
  cmd->add_option("--vetted-by", o.vetted_by, "Who reviewed the pinned artifacts (needs --ticket)");
  cmd->add_option("--ticket", o.ticket, "The review's reference");
  cmd->add_option("--criteria", o.criteria, "What the review established, e.g. safe-to-deploy");
  cmd->add_option("--vetted-on", o.vetted_on, "The review's date, YYYY-MM-DD (default: today)");
  cmd->callback([args, &io, &exit_code] { exit_code = run_import(*args, io); });
}

}  // namespace pinset::cli
