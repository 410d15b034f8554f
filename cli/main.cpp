#include <exception>
#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  pinset::cli::Io io{std::cout, std::cerr};
  try {
    return pinset::cli::run(args, io);
  } catch (const std::exception& e) {
    std::cerr << "error: internal error: " << e.what()
              << "\n  help: this is a bug in pinset; please report it with the command you ran\n";
    return 70;
  }
}
