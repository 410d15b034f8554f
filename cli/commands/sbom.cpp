// pinset sbom: a software bill of materials (CycloneDX 1.5 or SPDX 2.3 JSON) from the lock.
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "cli/cli.hpp"
#include "cli/commands/report_options.hpp"
#include "cli/output.hpp"
#include "core/app/report.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string manifest;
  std::string format = "cyclonedx";
  std::string output;
};

int execute(const Args& args, const Io& io) {
  auto when = app::report_time(
      io.env.source_date_epoch ? io.env.source_date_epoch->c_str() : nullptr, std::time(nullptr));
  if (!when) {
    print_error(io, when.error());
    return k_exit_usage;
  }
  auto inputs = load_report_inputs(io, args.manifest, "sbom");
  if (!inputs) {
    print_error(io, inputs.error());
    return k_exit_usage;
  }
  bool spdx = args.format == "spdx";
  std::string doc = app::make_sbom(
      *inputs, spdx ? app::SbomFormat::spdx : app::SbomFormat::cyclonedx, *when, PINSET_VERSION);
  if (args.output.empty()) {
    io.out << doc;
    return k_exit_ok;
  }
  if (auto written = fs::real_file_system().write_atomic(args.output, doc); !written) {
    print_error(io, written.error());
    return k_exit_usage;
  }
  std::size_t n = inputs->lock.packages.size();
  io.out << "Wrote " << args.output << ": " << (spdx ? "SPDX 2.3" : "CycloneDX 1.5") << ", " << n
         << (n == 1 ? " package" : " packages") << " from " << inputs->lock.set_name << " (serial "
         << inputs->lock.set_serial << ")\n";
  return k_exit_ok;
}

void add(CLI::App& app, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("sbom", "Write a CycloneDX 1.5 or SPDX 2.3 SBOM of the locked packages");
  cmd->footer(
      "Examples:\n"
      "  pinset sbom > bom.cdx.json               CycloneDX 1.5 JSON on stdout\n"
      "  pinset sbom --format spdx -o bom.spdx.json\n"
      "  SOURCE_DATE_EPOCH=1767225600 pinset sbom  a reproducible document (fixed timestamp)\n"
      "The lock must be up to date (pinset resolve --locked passes). docs/REPORTS.md has the\n"
      "mapping.\n"
      "Exit codes: 0 written, 2 bad input, a missing or stale lock, or an unwritable output.");
  cmd->add_option("--manifest,-m", args->manifest,
                  "Manifest file (default: pinset.yaml or pinset.json)");
  cmd->add_option("--format,-f", args->format, "cyclonedx (default) or spdx")
      ->check(CLI::IsMember({"cyclonedx", "spdx"}));
  cmd->add_option("--output,-o", args->output, "Write the document to this file (default: stdout)");
  cmd->callback([args, &io, &exit_code] { exit_code = execute(*args, io); });
}

}  // namespace

Command sbom_command() {
  return {"sbom", "write a CycloneDX or SPDX SBOM from the lock", "", add};
}

}  // namespace pinset::cli
