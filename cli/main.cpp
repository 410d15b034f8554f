#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  pinset::cli::Io io{std::cout, std::cerr};
  int code = 70;
  try {
    code = pinset::cli::run(args, io);
  } catch (const std::exception& e) {
    std::cerr << "error: internal error: " << e.what()
              << "\n  help: this is a bug in pinset; please report it with the command you ran\n";
  }
  // Every file a command writes is complete (written atomically) before it returns; only the
  // output streams remain. Ending here skips freeing what commands kept (cli::keep_until_exit).
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
}
