// pinset set validate SET [--fetch] [--json]: set-level checks, optionally every artifact.
#include <iostream>

#include "cli/commands/set.hpp"
#include "cli/commands/set_access.hpp"
#include "cli/output.hpp"
#include "core/app/set_validate.hpp"
#include "core/util/strings.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string set;
  std::string cacert;
  bool fetch = false;
  bool json = false;
};

int run_validate(const Args& args, const Io& io) {
  auto made_access = make_set_access(io, args.cacert);
  if (!made_access) {
    print_error(io, made_access.error());
    return k_exit_usage;
  }
  app::SetAccess& access = *made_access;
  app::SetValidateOptions options;
  options.set = args.set;
  options.fetch = args.fetch;
  auto out = app::validate_set_at(fs::real_file_system(), access, options);
  if (!out) {
    if (args.json) {
      io.out << nlohmann::ordered_json{{"error", error_json(out.error())}}.dump(2) << '\n';
    }
    print_error(io, out.error());
    return k_exit_usage;
  }
  if (args.json) {
    nlohmann::ordered_json errors = nlohmann::ordered_json::array();
    for (const Error& e : out->errors)
      errors.push_back(error_json(e));
    nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
    for (const Error& e : out->warnings)
      warnings.push_back(error_json(e));
    nlohmann::ordered_json j = {{"set", out->source},
                                {"valid", out->valid()},
                                {"packages", out->packages},
                                {"entries", out->entries}};
    if (args.fetch) {
      j["artifacts-checked"] = out->fetched;
      j["artifacts-from-cache"] = out->from_cache;
    }
    j["problems"] = out->problems();
    j["errors"] = std::move(errors);
    j["warnings"] = std::move(warnings);
    io.out << j.dump(2) << '\n';
    return out->valid() ? k_exit_ok : k_exit_failed;
  }
  for (const Error& w : out->warnings)
    io.err << "warning: " << w.render() << '\n';
  for (const Error& e : out->errors)
    print_error(io, e);
  std::string fetched;
  if (args.fetch) {
    fetched = "; " + std::to_string(out->fetched) + " artifacts checked (" +
              std::to_string(out->from_cache) + " from the cache)";
  }
  if (out->valid()) {
    io.out << out->source << ": valid (" << count_of(out->packages, "package") << ", "
           << count_of(out->entries, "entry", "entries") << fetched << ")\n";
    return k_exit_ok;
  }
  std::size_t n = out->problems();
  io.out << out->source << ": invalid, " << n << (n == 1 ? " problem" : " problems");
  if (out->omitted > 0) io.out << " (the first " << out->errors.size() << " shown)";
  io.out << fetched << "\n";
  return k_exit_failed;
}

}  // namespace

void add_set_validate(CLI::App& set, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = set.add_subcommand(
      "validate", "Check a set: every dependency range satisfiable, cycles, artifacts (--fetch)");
  cmd->footer(
      "Examples:\n"
      "  pinset set validate package-sets/example.yaml\n"
      "  pinset set validate https://sets.example.com/acme/42.json --fetch\n"
      "Exit codes: 0 valid, 1 invalid, 2 the set cannot be read.");
  cmd->add_option("SET", args->set, "The set: a path, file:// or https:// URL")->required();
  cmd->add_flag("--fetch", args->fetch,
                "Download every artifact (through the cache) and check its size and checksum");
  cmd->add_flag("--json", args->json, "Print the result as JSON");
  add_cacert_option(cmd, args->cacert);
  cmd->callback([args, &io, &exit_code] { exit_code = run_validate(*args, io); });
}

}  // namespace pinset::cli
