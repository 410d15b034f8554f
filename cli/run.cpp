#include <algorithm>
#include <iostream>

#include "cli/cli.hpp"

namespace pinset::cli {

void print_error(const Io& io, const Error& error) {
  io.err << "error: " << error.render() << '\n';
}

int run(const std::vector<std::string>& args, const Io& io) {
  CLI::App app{"pinset: install dependencies only from a curated, vetted package set", "pinset"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("pinset ") + PINSET_VERSION);
  int exit_code = k_exit_ok;
  for (const Command& c : commands()) {
    c.add(app, io, exit_code);
    if (c.examples != nullptr && *c.examples != '\0') {
      CLI::App* sub = app.get_subcommand(c.name);
      std::string footer = std::string("Examples:\n") + c.examples;
      if (!sub->get_footer().empty()) footer += "\n" + sub->get_footer();
      sub->footer(footer);
    }
  }

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    io.out << app.help();
    return k_exit_ok;
  } catch (const CLI::CallForAllHelp&) {
    io.out << app.help("", CLI::AppFormatMode::All);
    return k_exit_ok;
  } catch (const CLI::CallForVersion&) {
    io.out << "pinset " << PINSET_VERSION << '\n';
    return k_exit_ok;
  } catch (const CLI::ParseError& e) {
    std::string what = e.what();
    io.err << "error: " << what << "\n  help: run `pinset --help` for usage\n";
    return k_exit_usage;
  }
  return exit_code;
}

}  // namespace pinset::cli
