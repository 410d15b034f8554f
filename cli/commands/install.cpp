// pinset install / pinset ci: fetch, verify, extract and link the locked packages.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "core/app/install.hpp"
#include "core/app/install_stamp.hpp"
#include "core/app/mirrors.hpp"
#include "core/app/outcome_json.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string manifest;
  std::string prefix;
  std::string layout;
  std::string cacert;
  int jobs = 16;           // 16 in flight: ~30 % faster than 8 on a real 435-package closure
  long stall_timeout = 0;  // seconds; 0: PINSET_STALL_TIMEOUT, else the fetcher's default
  long min_rate = 0;       // bytes/s; 0: PINSET_MIN_RATE, else the fetcher's default
  bool locked = false;
  bool offline = false;
  bool frozen = false;
  bool refresh = false;
  bool dry_run = false;
  bool quiet = false;
  bool json = false;
  bool verbose = false;
  bool ci = false;
  std::vector<std::string> mirrors;  // --mirror FROM=TO
};

int execute(Args args, const Io& io) {
  if (args.ci) args.locked = true;
  if (args.frozen) args.locked = args.offline = true;
  app::InstallOptions options;
  options.manifest_path = args.manifest;
  options.prefix = args.prefix;
  options.layout = args.layout;
  options.locked = args.locked;
  options.offline = args.offline;
  options.refresh = args.refresh;
  options.dry_run = args.dry_run;
  options.clean = args.ci;
  options.version = PINSET_VERSION;
  options.list_packages = args.json || args.dry_run;  // the text says how many
  for (const std::string& m : args.mirrors) {
    auto rule = app::parse_mirror_arg(m);
    if (!rule) {
      print_error(io, rule.error());
      return k_exit_usage;
    }
    options.mirrors.push_back(std::move(*rule));
  }
  auto fetch = fetch_options(io.env, args.cacert, args.stall_timeout, args.min_rate);
  if (!fetch) {
    print_error(io, fetch.error());
    return k_exit_usage;
  }
  options.fetch = std::move(*fetch);
  options.fetch.jobs = args.jobs;
  options.fetchers = net::make_curl_fetcher;
  Progress progress(io.err, args.json ? Progress::Mode::quiet
                                      : Progress::mode_for(STDERR_FILENO, args.quiet, io.env));
  options.observer = &progress;
  auto out = app::install(fs::real_file_system(), options);
  progress.finish();
  if (!out) {
    if (args.json)
      io.out << nlohmann::ordered_json{{"error", error_json(out.error())}}.dump(2) << '\n';
    print_error(io, out.error());
    const std::string& code = out.error().code;
    // A stale lock and a set serving two revisions under one serial are failed checks.
    return code == codes::lock_stale || code == codes::lock_missing ||
                   code == codes::set_equivocation
               ? k_exit_failed
               : k_exit_usage;
  }
  if (args.verbose) {
    // How the install decided, on stderr: stdout and --json stay as they are.
    if (out->from_stamp) {
      io.err << "note: nothing changed since the last install ("
             << out->plan.prefix + "/" + std::string(app::k_stamp_file)
             << "); neither the set nor the install folder was read\n";
    } else if (!out->stamp_note.empty()) {
      io.err << "note: full check (" << out->stamp_note << ")\n";
    }
  }
  for (const std::string& w : out->resolution.warnings)
    io.err << "warning: " << w << '\n';
  for (const std::string& r : out->repaired) {
    std::size_t colon = r.find(": ");
    io.err << "warning: the cached copy of " << r.substr(0, colon) << " was damaged ("
           << r.substr(colon + 2) << "); repaired from its verified archive\n";
  }
  if (out->resolution.problem) {
    if (args.json) {
      io.out << nlohmann::ordered_json{{"error", resolve::to_json(*out->resolution.problem)}}.dump(
                    2)
             << '\n';
    }
    for (const Error& e : resolve::to_errors(*out->resolution.problem))
      print_error(io, e);
    return k_exit_failed;
  }
  if (args.json) {
    io.out << app::install_json(*out).dump(2) << '\n';
    return k_exit_ok;
  }
  const auto& plan = out->plan;
  if (args.dry_run) {
    io.out << "Would install into " << plan.prefix << (plan.up_to_date ? " (up to date)" : "")
           << ":\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : plan.packages) {
      rows.push_back({app::action_word(p.source), p.name,
                      p.previous ? p.previous->str() + " -> " + p.version.str() : p.version.str(),
                      p.source == app::Source::download ? p.url : ""});
    }
    for (const auto& name : plan.removals)
      rows.push_back({"remove", name, "", ""});
    for (const auto& folder : plan.removed_folders)
      rows.push_back({"remove", folder + "/", "(an empty folder pinset did not make)", ""});
    io.out << table(rows, "  ");
    return k_exit_ok;
  }
  if (!args.quiet) {
    if (plan.up_to_date) {
      const std::size_t n = plan.package_count;
      io.out << n << (n == 1 ? " package in " : " packages in ") << plan.prefix
             << (n == 1 ? " is up to date\n" : " are up to date\n");
    } else {
      io.out << "Installed " << plan.packages.size()
             << (plan.packages.size() == 1 ? " package" : " packages") << " into " << plan.prefix;
      if (out->downloaded > 0) {
        io.out << " (downloaded " << out->downloaded << ", " << human_bytes(out->downloaded_bytes)
               << ")";
      }
      io.out << '\n';
      for (const auto& p : plan.packages) {
        if (p.previous)
          io.out << "  " << p.name << " " << p.previous->str() << " -> " << p.version.str() << '\n';
      }
      for (const auto& name : plan.removals)
        io.out << "  removed " << name << '\n';
    }
    if (out->resolution.lock_written)
      io.out << "Wrote " << out->resolution.project.lock_path << '\n';
  }
  for (const std::string& note : out->layout_notes) {
    if (note.rfind("warning: ", 0) == 0) {
      io.err << note << '\n';
    } else if (!args.quiet) {
      io.out << note;
    }
  }
  return k_exit_ok;
}

void add_common(CLI::App* cmd, Args& args) {
  cmd->add_option("--manifest,-m", args.manifest,
                  "Manifest file (default: pinset.yaml or pinset.json)");
  cmd->add_option("--prefix", args.prefix,
                  "Install folder (default: pinset_packages beside the manifest)");
  cmd->add_option("--layout", args.layout,
                  "Install layout: packages (default), node_modules, cargo-vendor or cmake; "
                  "overrides the manifest's `layout`");
  cmd->add_option("--jobs,-j", args.jobs, "Downloads in flight")->check(CLI::Range(1, 64));
  cmd->add_option("--stall-timeout", args.stall_timeout,
                  "Seconds over which a download's rate is measured: one slower than --min-rate "
                  "over this long is stopped, one that sends nothing for this long is retried "
                  "(default 30; also PINSET_STALL_TIMEOUT)")
      ->check(CLI::Range(1L, k_max_stall_timeout_s));
  cmd->add_option("--min-rate", args.min_rate,
                  "Slowest download accepted, in bytes per second (default 1024; also "
                  "PINSET_MIN_RATE); each download also has a deadline scaled by its size")
      ->check(CLI::Range(1L, k_max_min_rate));
  cmd->add_option("--cacert", args.cacert,
                  "Extra CA bundle (PEM) for a private CA; also PINSET_CA_BUNDLE");
  cmd->add_flag("--offline", args.offline, "Use only the cache; a missing artifact is an error");
  cmd->add_flag("--refresh", args.refresh,
                "Fetch the package set again even if the locked revision is cached");
  cmd->add_flag("--dry-run", args.dry_run,
                "Print the plan (download, unpack, link, keep, remove); touch nothing");
  cmd->add_flag("--quiet,-q", args.quiet, "No progress output");
  cmd->add_flag("--json", args.json, "Print the result as JSON on stdout");
  cmd->add_flag("--verbose,-v", args.verbose,
                "Say on stderr whether nothing changed since the last install (then neither the "
                "set nor the install folder is read) or why everything is checked");
  cmd->add_option("--mirror", args.mirrors,
                  "ORIGINAL_PREFIX=MIRROR_PREFIX: fetch URLs starting with the first from the "
                  "second (repeatable; checksums still decide)");
}

void add_install(CLI::App& app, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("install", "Install the project's packages from its package set");
  cmd->footer(
      "Examples:\n"
      "  pinset install                  resolve, download, verify, unpack, write pinset.lock\n"
      "  pinset install --locked         refuse any change to pinset.lock (exit 1 if stale)\n"
      "  pinset install --frozen         --locked and --offline: the cache only\n"
      "  pinset install --dry-run        show what would be downloaded, installed, removed\n"
      "Exit codes: 0 installed, 1 unsatisfiable or stale lock, 2 bad input or failed download.");
  add_common(cmd, *args);
  cmd->add_flag("--locked", args->locked,
                "The lock must match the manifest and the set; change nothing");
  cmd->add_flag("--frozen", args->frozen, "--locked and --offline");
  cmd->callback([args, &io, &exit_code] { exit_code = execute(*args, io); });
}

void add_ci(CLI::App& app, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  args->ci = true;
  CLI::App* cmd = app.add_subcommand(
      "ci", "Install exactly what pinset.lock says, into a clean install folder");
  cmd->footer(
      "The one command a CI job runs: like `pinset install --locked`, but every package is\n"
      "rebuilt from the verified cache, never reused from a previous install.\n"
      "Exit codes: 0 installed, 1 stale or missing lock, 2 bad input or failed download.");
  add_common(cmd, *args);
  cmd->callback([args, &io, &exit_code] { exit_code = execute(*args, io); });
}

}  // namespace

Command install_command() {
  return {"install", "install the locked packages", "", add_install};
}
Command ci_command() {
  return {"ci", "clean, locked install for CI",
          "  pinset ci                       install exactly pinset.lock into a clean folder\n"
          "  pinset ci --cacert ca.pem       the same, trusting a private CA for the downloads",
          add_ci};
}

}  // namespace pinset::cli
