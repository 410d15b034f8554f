// pinset list / pinset verify: what is installed, and whether it is still what was installed.
#include <iostream>

#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "core/app/install.hpp"
#include "core/app/verify.hpp"
#include "core/model/lock.hpp"
#include "core/util/strings.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string manifest;
  std::string prefix;
  bool json = false;
};

Result<std::string> prefix_for(const Args& args) {
  if (!args.prefix.empty()) return args.prefix;
  auto project = app::load_project(fs::real_file_system(), args.manifest);
  if (!project) return fail(project.error());
  return app::install_prefix(*project, "");
}

int list(const Args& args, const Io& io) {
  auto prefix = prefix_for(args);
  if (!prefix) {
    print_error(io, prefix.error());
    return k_exit_usage;
  }
  auto state = app::read_install_state(fs::real_file_system(), *prefix);
  if (!state) {
    print_error(io, state.error());
    return k_exit_usage;
  }
  if (args.json) {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    if (*state) {
      for (const auto& [key, p] : (*state)->packages) {
        j.push_back({{"name", std::string(model::split_key(key).first)},
                     {"version", p.version.str()},
                     {"checksum", p.checksum.str()},
                     {"files", p.receipt.files.size()}});
      }
    }
    io.out << j.dump(2) << '\n';
    return k_exit_ok;
  }
  if (!*state) {
    io.out << "nothing is installed in " << *prefix << '\n';
    return k_exit_ok;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& [key, p] : (*state)->packages) {
    // A name installed in several versions is keyed name@version: the name column shows the name.
    rows.push_back(
        {std::string(model::split_key(key).first), p.version.str(), p.checksum.short_str()});
  }
  io.out << table(rows, "");
  return k_exit_ok;
}

int verify(const Args& args, const Io& io) {
  auto prefix = prefix_for(args);
  if (!prefix) {
    print_error(io, prefix.error());
    return k_exit_usage;
  }
  auto report = app::verify_install(fs::real_file_system(), *prefix);
  if (!report) {
    print_error(io, report.error());
    return k_exit_usage;
  }
  if (args.json) {
    io.out << nlohmann::ordered_json{{"files-checked", report->files_checked},
                                     {"modified", report->modified},
                                     {"missing", report->missing},
                                     {"extra", report->extra}}
                  .dump(2)
           << '\n';
  } else {
    for (const auto& m : report->modified)
      io.out << "modified  " << m << '\n';
    for (const auto& m : report->missing)
      io.out << "missing   " << m << '\n';
    for (const auto& m : report->extra)
      io.out << "extra     " << m << '\n';
  }
  if (report->clean()) {
    if (!args.json)
      io.out << "verified " << count_of(report->files_checked, "file") << " in " << *prefix
             << ": all intact\n";
    return k_exit_ok;
  }
  std::size_t n = report->modified.size() + report->missing.size() + report->extra.size();
  io.err << "error: " << *prefix << " differs from what was installed in " << n
         << (n == 1 ? " place" : " places")
         << "\n  help: run `pinset ci` to reinstall it cleanly\n";
  return k_exit_failed;
}

void add_list(CLI::App& app, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("list", "Show what is installed (name, version, checksum)");
  cmd->add_option("--manifest,-m", args->manifest,
                  "Manifest file (default: pinset.yaml or pinset.json)");
  cmd->add_option("--prefix", args->prefix,
                  "Install folder (default: pinset_packages beside the manifest)");
  cmd->add_flag("--json", args->json, "Print JSON on stdout");
  cmd->callback([args, &io, &exit_code] { exit_code = list(*args, io); });
}

void add_verify(CLI::App& app, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("verify", "Re-hash the installed files against the install receipts");
  cmd->footer(
      "Exit codes: 0 intact, 1 modified, missing or extra files, 2 nothing installed or bad "
      "input.");
  cmd->add_option("--manifest,-m", args->manifest,
                  "Manifest file (default: pinset.yaml or pinset.json)");
  cmd->add_option("--prefix", args->prefix,
                  "Install folder (default: pinset_packages beside the manifest)");
  cmd->add_flag("--json", args->json, "Print JSON on stdout");
  cmd->callback([args, &io, &exit_code] { exit_code = verify(*args, io); });
}

}  // namespace

Command list_command() {
  return {"list", "show installed packages",
          "  pinset list                     name, version and checksum of each installed package\n"
          "  pinset list --json              the same as JSON",
          add_list};
}
Command verify_command() {
  return {"verify", "check installed files",
          "  pinset verify                   re-hash every installed file against its receipt\n"
          "  pinset ci && pinset verify      a CI job: clean locked install, then check it\n"
          "  pinset verify --json            modified, missing and extra files as JSON",
          add_verify};
}

}  // namespace pinset::cli
