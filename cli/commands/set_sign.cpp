// pinset set sign: add a detached Ed25519 signature over a set's exact bytes to SET.sig.
#include "cli/commands/set.hpp"
#include "cli/output.hpp"
#include "core/app/set_trust.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string set;
  std::string key;
  bool json = false;
};

int execute(const Args& args, const Io& io) {
  auto sig = app::sign_set_file(fs::real_file_system(), args.set, args.key);
  if (!sig) {
    if (args.json)
      io.out << nlohmann::ordered_json{{"error", error_json(sig.error())}}.dump(2) << '\n';
    print_error(io, sig.error());
    return k_exit_usage;
  }
  std::string id = trust::key_id(sig->public_key).value_or("");
  if (args.json) {
    io.out << nlohmann::ordered_json{{"set", args.set},
                                     {"signature-file", args.set + ".sig"},
                                     {"public-key", sig->public_key},
                                     {"key-id", id}}
                  .dump(2)
           << '\n';
    return k_exit_ok;
  }
  io.out << "Signed " << args.set << " with key " << id << "; wrote " << args.set << ".sig\n";
  return k_exit_ok;
}

}  // namespace

void add_set_sign(CLI::App& set, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = set.add_subcommand("sign", "Sign a set's exact bytes; adds to SET.sig");
  cmd->footer(
      "Examples:\n"
      "  pinset set sign sets/acme.yaml --key alice.key    add alice's signature to "
      "sets/acme.yaml.sig\n"
      "Several signers each run it; signing again with one key replaces that key's line.\n"
      "Exit codes: 0 signed, 2 error.");
  cmd->add_option("SET", args->set, "The package set file")->required();
  cmd->add_option("--key,-k", args->key, "Private key file (from pinset set keygen)")->required();
  cmd->add_flag("--json", args->json, "Print the result as JSON on stdout");
  cmd->callback([args, &io, &exit_code] { exit_code = execute(*args, io); });
}

}  // namespace pinset::cli
