// pinset set verify: check the signatures in SET.sig against given public keys (m of n).
#include "cli/commands/set.hpp"
#include "cli/output.hpp"
#include "core/app/set_trust.hpp"
#include "core/util/strings.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string set;
  std::vector<std::string> pubkeys;
  int threshold = 0;  // 0: every key given
  bool json = false;
};

int execute(const Args& args, const Io& io) {
  const fs::FileSystem& fs = fs::real_file_system();
  auto report_error = [&](const Error& e) {
    if (args.json) io.out << nlohmann::ordered_json{{"error", error_json(e)}}.dump(2) << '\n';
    print_error(io, e);
    return k_exit_usage;
  };
  model::SetTrust trust;
  for (const std::string& arg : args.pubkeys) {
    auto key = app::read_public_key(fs, arg);
    if (!key) return report_error(key.error());
    trust.keys.push_back(std::move(*key));
  }
  trust.threshold = args.threshold == 0 ? static_cast<int>(trust.keys.size()) : args.threshold;
  auto check = app::verify_set_file(fs, args.set, trust);
  if (!check) return report_error(check.error());
  auto verdict = trust::require(*check, args.set, trust::TrustFrom::command_line);
  if (args.json) {
    nlohmann::ordered_json j = {
        {"set", args.set},       {"ok", check->ok()},         {"threshold", check->threshold},
        {"valid", check->valid}, {"invalid", check->invalid}, {"unknown", check->unknown}};
    if (!verdict) j["error"] = error_json(verdict.error());
    io.out << j.dump(2) << '\n';
  }
  if (!verdict) {
    print_error(io, verdict.error());
    return k_exit_failed;
  }
  if (!args.json) {
    io.out << "Verified " << args.set << ": " << check->valid.size() << " of the required "
           << check->threshold << " signatures are valid (" << join(check->valid, ", ") << ")\n";
  }
  return k_exit_ok;
}

}  // namespace

void add_set_verify(CLI::App& set, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = set.add_subcommand("verify", "Check a set's signatures (m of n public keys)");
  cmd->footer(
      "Examples:\n"
      "  pinset set verify sets/acme.yaml --pubkey alice.key.pub --pubkey bob.key.pub\n"
      "  pinset set verify sets/acme.yaml --pubkey a.pub --pubkey b.pub --pubkey c.pub "
      "--threshold 2\n"
      "A --pubkey is a file (KEY.pub) or the key itself (ed25519:<base64>).\n"
      "Exit codes: 0 enough valid signatures, 1 not enough, 2 error.");
  cmd->add_option("SET", args->set, "The package set file (its signatures: SET.sig)")->required();
  cmd->add_option("--pubkey,-p", args->pubkeys, "A trusted public key (repeatable)")->required();
  cmd->add_option("--threshold,-t", args->threshold,
                  "How many of the keys must have signed (default: all)");
  cmd->add_flag("--json", args->json, "Print the result as JSON on stdout");
  cmd->callback([args, &io, &exit_code] { exit_code = execute(*args, io); });
}

}  // namespace pinset::cli
