#pragma once
// The command-line front end: parses arguments (CLI11), calls core, prints, returns an exit code.

#include <iosfwd>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/environment.hpp"
#include "core/util/error.hpp"

namespace pinset::cli {

// Exit codes shared by every command.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_failed = 1;  // a check, policy or resolution failed
inline constexpr int k_exit_usage = 2;   // usage or input error

struct Io {
  std::ostream& out;
  std::ostream& err;
  Environment env = Environment::from_process();  // read once; every command reads it from here
};

// Hands `value` over to the process and returns it: it is never destroyed, because main() ends the
// process with _Exit once the command has printed. A command keeps its large results (a package
// set of 100,000 packages, a lock) this way instead of spending a tenth of its time freeing
// memory the process is about to give back. Only for data: nothing whose destructor must run.
template <class T>
std::decay_t<T>& keep_until_exit(T&& value) {
  return *new std::decay_t<T>(std::forward<T>(value));  // NOLINT: released by process exit
}

// Prints "error: <rendered error>" to io.err.
void print_error(const Io& io, const Error& error);

// One command: its name, a one-line synopsis, examples for --help, and a function that adds the
// subcommand to `app`; its callback stores the exit code in `exit_code`. run() puts `examples`
// (when not empty) at the top of the command's --help footer, under "Examples:"; a command that
// writes its examples into its own footer leaves it empty. tests/e2e/help_cli_test.cpp checks that
// every command and subcommand shows examples.
struct Command {
  const char* name;
  const char* synopsis;
  const char* examples;
  void (*add)(CLI::App& app, const Io& io, int& exit_code);
};

// The registration list (commands/registry.cpp).
const std::vector<Command>& commands();

// Runs pinset with `args` (without the program name); returns the exit code. Used by main and
// tests.
int run(const std::vector<std::string>& args, const Io& io);

}  // namespace pinset::cli
