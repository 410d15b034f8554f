// Every command and subcommand of pinset shows examples in its --help (issue 15 item 7): the list
// of commands is read from `pinset --help` itself, so a new command cannot be added without them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/process.hpp"

namespace pinset::test {
namespace {

// The names listed under "Subcommands:" (CLI11 2.x; "SUBCOMMANDS:" in 1.x) in a CLI11 help text.
std::vector<std::string> subcommands_of(const std::string& help) {
  std::vector<std::string> names;
  std::istringstream in(help);
  std::string line;
  bool in_list = false;
  static const std::regex k_entry(R"(^  ([a-z][a-z-]*)\s.*)");
  while (std::getline(in, line)) {
    if (line.rfind("SUBCOMMANDS:", 0) == 0 || line.rfind("Subcommands:", 0) == 0) {
      in_list = true;
      continue;
    }
    std::smatch m;
    if (in_list && std::regex_match(line, m, k_entry))
      names.push_back(m[1]);
    else if (in_list && !line.empty() && line[0] != ' ')
      in_list = false;
  }
  return names;
}

TEST(HelpCli, TopLevelListsTheCommands) {
  auto r = run_pinset({"--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(subcommands_of(r.out),
              testing::IsSupersetOf({"install", "ci", "resolve", "list", "verify", "set", "policy",
                                     "sbom", "why", "tree", "upgrade", "semver"}));
}

TEST(HelpCli, EveryCommandAndSubcommandShowsExamples) {
  auto top = run_pinset({"--help"});
  ASSERT_EQ(top.exit_code, 0) << top.err;
  std::vector<std::vector<std::string>> pending;
  for (const std::string& name : subcommands_of(top.out))
    pending.push_back({name});
  std::size_t checked = 0;
  while (!pending.empty()) {
    std::vector<std::string> command = pending.back();
    pending.pop_back();
    std::vector<std::string> args = command;
    args.push_back("--help");
    auto r = run_pinset(args);
    std::string label = "pinset";
    for (const std::string& word : command)
      label += " " + word;
    ASSERT_EQ(r.exit_code, 0) << label << ": " << r.err;
    EXPECT_THAT(r.out, testing::HasSubstr("Examples:\n  pinset " + command.front()))
        << label << " --help shows no examples:\n"
        << r.out;
    ++checked;
    for (const std::string& sub : subcommands_of(r.out)) {
      std::vector<std::string> deeper = command;
      deeper.push_back(sub);
      pending.push_back(deeper);
    }
  }
  EXPECT_GE(checked, 20u);  // 12 commands and the set and semver subcommands
}

}  // namespace
}  // namespace pinset::test
