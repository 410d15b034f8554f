// pinset set <subcommand>: the group of curation commands. One line per subcommand below.
#include <vector>

#include "cli/commands/set.hpp"

namespace pinset::cli {

// Curation (cli/commands/set_*.cpp). Add a declaration here and an entry in the list below per
// subcommand, e.g. `void add_set_validate(CLI::App& set, const Io& io, int& exit_code);`.
void add_set_keygen(CLI::App& set, const Io& io, int& exit_code);
void add_set_sign(CLI::App& set, const Io& io, int& exit_code);
void add_set_verify(CLI::App& set, const Io& io, int& exit_code);
void add_set_mirror(CLI::App& set, const Io& io, int& exit_code);
void add_set_validate(CLI::App& set, const Io& io, int& exit_code);
void add_set_diff(CLI::App& set, const Io& io, int& exit_code);
void add_set_merge(CLI::App& set, const Io& io, int& exit_code);
void add_set_flatten(CLI::App& set, const Io& io, int& exit_code);
void add_set_add(CLI::App& set, const Io& io, int& exit_code);
void add_set_remove(CLI::App& set, const Io& io, int& exit_code);
void add_set_import(CLI::App& set, const Io& io, int& exit_code);

namespace {

void add(CLI::App& app, const Io& io, int& exit_code) {
  CLI::App* set = app.add_subcommand("set", "Curate package sets: check, compare, combine, sign");
  set->require_subcommand(1);
  static const std::vector<AddSetSubcommand> k_subcommands = {
      add_set_keygen,   add_set_sign,   add_set_verify, add_set_mirror,
      add_set_validate, add_set_diff,   add_set_merge,  add_set_flatten,
      add_set_add,      add_set_remove, add_set_import,
  };
  for (AddSetSubcommand add_subcommand : k_subcommands)
    add_subcommand(*set, io, exit_code);
}

}  // namespace

Command set_command() {
  return {"set", "curate package sets",
          "  pinset set validate acme.yaml --fetch      every range satisfiable, every artifact as "
          "pinned\n"
          "  pinset set diff acme-41.yaml acme.yaml     what changed between two revisions\n"
          "  pinset set sign acme.yaml --key alice.key  add a signature to acme.yaml.sig\n"
          "Run `pinset set SUBCOMMAND --help` for each subcommand's options and examples.",
          add};
}

}  // namespace pinset::cli
