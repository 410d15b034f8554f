// pinset set keygen: make an Ed25519 key pair for signing package sets.
#include "cli/commands/set.hpp"
#include "cli/output.hpp"
#include "core/app/set_trust.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string output = "pinset-signing.key";
  bool json = false;
};

int execute(const Args& args, const Io& io) {
  auto pub = app::write_new_key(fs::real_file_system(), args.output);
  if (!pub) {
    if (args.json)
      io.out << nlohmann::ordered_json{{"error", error_json(pub.error())}}.dump(2) << '\n';
    print_error(io, pub.error());
    return k_exit_usage;
  }
  std::string id = trust::key_id(*pub).value_or("");
  if (args.json) {
    io.out << nlohmann::ordered_json{{"private-key", args.output},
                                     {"public-key-file", args.output + ".pub"},
                                     {"public-key", *pub},
                                     {"key-id", id}}
                  .dump(2)
           << '\n';
    return k_exit_ok;
  }
  io.out << "Wrote the private key " << args.output << " (mode 0600: keep it secret)\n"
         << "Wrote the public key " << args.output << ".pub (key id " << id << "):\n"
         << "  " << *pub << '\n';
  return k_exit_ok;
}

}  // namespace

void add_set_keygen(CLI::App& set, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = set.add_subcommand("keygen", "Make an Ed25519 key pair for signing sets");
  cmd->footer(
      "Examples:\n"
      "  pinset set keygen -o alice.key     write alice.key (private, 0600) and alice.key.pub\n"
      "Never overwrites a file. Put the .pub line under package-set.trust.keys in manifests.\n"
      "Exit codes: 0 written, 2 error.");
  cmd->add_option("-o,--output", args->output, "Private key file (default: pinset-signing.key)");
  cmd->add_flag("--json", args->json, "Print the result as JSON on stdout");
  cmd->callback([args, &io, &exit_code] { exit_code = execute(*args, io); });
}

}  // namespace pinset::cli
