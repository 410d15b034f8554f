// pinset resolve: resolve the manifest against its package set and write pinset.lock.
#include <iostream>

#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "core/app/mirrors.hpp"
#include "core/app/resolve_project.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string manifest;
  bool json = false;
  bool locked = false;
  bool dry_run = false;
  std::vector<std::string> mirrors;  // --mirror FROM=TO
};

nlohmann::ordered_json package_json(const model::LockedPackage& p) {
  return {{"name", p.name},
          {"version", p.version.str()},
          {"checksum", p.checksum.str()},
          {"url", p.url},
          {"dependencies", p.dependencies}};
}

int execute(const Args& args, const Io& io) {
  app::ResolveOptions options;
  options.manifest_path = args.manifest;
  options.locked = args.locked;
  options.write_lock = !args.dry_run;
  for (const std::string& m : args.mirrors) {
    auto rule = app::parse_mirror_arg(m);
    if (!rule) {
      print_error(io, rule.error());
      return k_exit_usage;
    }
    options.mirrors.push_back(std::move(*rule));
  }
  auto resolved = app::resolve_project(fs::real_file_system(), options);
  if (!resolved) {
    if (args.json)
      io.out << nlohmann::ordered_json{{"error", error_json(resolved.error())}}.dump(2) << '\n';
    print_error(io, resolved.error());
    return resolved.error().code == codes::lock_stale ? k_exit_failed : k_exit_usage;
  }
  app::ResolveOutcome* outcome = &keep_until_exit(std::move(*resolved));
  for (const std::string& w : outcome->warnings)
    io.err << "warning: " << w << '\n';
  if (outcome->problem) {
    if (args.json) {
      io.out << nlohmann::ordered_json{{"error", resolve::to_json(*outcome->problem)}}.dump(2)
             << '\n';
    }
    for (const Error& e : resolve::to_errors(*outcome->problem))
      print_error(io, e);
    return k_exit_failed;
  }
  const model::Lock& lock = outcome->lock;
  if (args.json) {
    nlohmann::ordered_json j;
    j["package-set"] = {{"name", lock.set_name},
                        {"url", lock.set_url},
                        {"serial", lock.set_serial},
                        {"digest", lock.set_digest.str()}};
    j["packages"] = nlohmann::ordered_json::array();
    for (const auto& p : lock.packages)
      j["packages"].push_back(package_json(p));
    j["lock"] = {{"path", outcome->project.lock_path},
                 {"written", outcome->lock_written},
                 {"changes", outcome->changes}};
    io.out << j.dump(2) << '\n';
    return k_exit_ok;
  }
  io.out << "Resolved " << lock.packages.size()
         << (lock.packages.size() == 1 ? " package" : " packages") << " from " << lock.set_name
         << " (serial " << lock.set_serial << ")\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : lock.packages)
    rows.push_back({p.name, p.version.str(), p.checksum.short_str()});
  io.out << table(rows, "  ");
  if (outcome->changes.empty()) {
    io.out << outcome->project.lock_path << " is up to date\n";
  } else {
    io.out << (outcome->lock_written ? "Wrote "
               : args.locked         ? ""
                                     : "Would write ")
           << outcome->project.lock_path << ":\n";
    for (const auto& c : outcome->changes)
      io.out << "  " << c << '\n';
  }
  return k_exit_ok;
}

void add(CLI::App& app, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "resolve", "Resolve the manifest against its package set and write pinset.lock");
  cmd->footer(
      "Examples:\n"
      "  pinset resolve                      resolve ./pinset.yaml, write ./pinset.lock\n"
      "  pinset resolve --locked             fail (exit 1) if pinset.lock is out of date\n"
      "  pinset resolve --dry-run --json     print the resolution as JSON, write nothing\n"
      "Exit codes: 0 resolved, 1 unsatisfiable or stale lock, 2 bad input.");
  cmd->add_option("--manifest,-m", args->manifest,
                  "Manifest file (default: pinset.yaml or pinset.json)");
  cmd->add_flag("--json", args->json, "Print the result as JSON on stdout");
  cmd->add_flag("--locked", args->locked,
                "Refuse any change to pinset.lock (exit 1 if it is stale)");
  cmd->add_flag("--dry-run", args->dry_run, "Resolve and print, but write nothing");
  cmd->add_option("--mirror", args->mirrors,
                  "ORIGINAL_PREFIX=MIRROR_PREFIX: read a set whose URL starts with the first from "
                  "the second (repeatable)");
  cmd->callback([args, &io, &exit_code] { exit_code = execute(*args, io); });
}

}  // namespace

Command resolve_command() {
  return {"resolve", "resolve the manifest and write the lock", "", add};
}

}  // namespace pinset::cli
