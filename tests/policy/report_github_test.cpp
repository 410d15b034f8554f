// `--format github` against GitHub's own encoder of workflow commands: the Actions toolkit's
// issueCommand (@actions/core 1.11.1, vendored under tests/data/github) writes the annotation for
// each finding from its parts, and pinset's line must be the same bytes, hostile text included.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/policy/engine_fixture.hpp"
#include "tests/support/process.hpp"

#include "core/policy/report.hpp"

namespace pinset::policy {
namespace {

using test_fixture::Project;

// What the toolkit writes for the report's findings: one issueCommand per finding not waived,
// with the properties and message the format documents (policies/README.md, "github").
std::string toolkit_lines(const Report& report) {
  nlohmann::json commands = nlohmann::json::array();
  for (const Finding& f : report.findings) {
    if (f.waived) continue;
    nlohmann::ordered_json properties = nlohmann::ordered_json::object();
    if (!f.location.file.empty()) {
      properties["file"] = f.location.file;
      if (f.location.line > 0) properties["line"] = f.location.line;
    }
    properties["title"] =
        "pinset " + f.rule + "/" + f.code + (f.package.empty() ? "" : " (" + f.package + ")");
    std::string message = f.message;
    if (!f.path.empty()) message += "\nvia " + path_text(f.path, f.path_omitted);
    if (!f.hint.empty()) message += "\nhelp: " + f.hint;
    commands.push_back({{"command", f.severity == Severity::error ? "error" : "warning"},
                        {"properties", properties},
                        {"message", message}});
  }
  test::TempDir dir;
  auto untar = test::run_process(
      "tar", {"-xzf", test::data_dir() + "/github/actions-core-1.11.1.tgz", "-C", dir.path()});
  EXPECT_EQ(untar.exit_code, 0) << untar.err;
  std::string input = dir.write("commands.json", commands.dump());
  const std::string script =
      "const command = require(process.argv[1] + '/package/lib/command.js');\n"
      "for (const c of JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8')))\n"
      "  command.issueCommand(c.command, c.properties, c.message);\n";
  auto node = test::run_process("node", {"-e", script, dir.path(), input});
  EXPECT_EQ(node.exit_code, 0) << node.err;
  return node.out;
}

// pinset's annotation lines, without the summary line at the end.
std::string pinset_lines(const Report& report) {
  std::string out = to_github(report);
  std::size_t last = out.rfind('\n', out.size() - 2);
  return last == std::string::npos ? "" : out.substr(0, last + 1);
}

TEST(GithubFormat, EveryAnnotationIsWhatTheActionsToolkitWrites) {
  Project p;
  p.refresh();
  auto policy = test_fixture::policy_of(R"(format: 1
rules:
  set-pinned: {severity: warning}
  licenses: {deny: [GPL-3.0-only]}
  vetted: {}
waivers:
  - {rule: vetted, package: netlib, reason: reviewed upstream, expires: 2027-01-01}
)");
  Report report = evaluate(policy, p.ctx);
  ASSERT_GE(report.findings.size(), 4u);
  ASSERT_EQ(report.waived(), 1u);
  // Text the runner would misread unless escaped: separators, percent signs, line breaks, a
  // property that is all separators; and a finding with no file at all.
  Finding hostile;
  hostile.rule = "licenses";
  hostile.code = "license-not-allowed";
  hostile.package = "@scope/a,b:c";
  hostile.message = "100% bad\r\nline::two, %0A not a newline; :: ,";
  hostile.hint = "fix a,b:c";
  hostile.location = Location{"dir:x/pin,set%.lock", 7, 0, ""};
  hostile.path = {"app", "x:y", "a,b"};
  report.findings.push_back(hostile);
  Finding nowhere;
  nowhere.rule = "advisories";
  nowhere.code = "advisories-missing";
  nowhere.severity = Severity::warning;
  nowhere.message = "no advisory folder";
  report.findings.push_back(nowhere);
  std::string expected = toolkit_lines(report);
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(pinset_lines(report), expected);
  // The waived finding is left out of both.
  EXPECT_EQ(expected.find("vetted/not-vetted (netlib)"), std::string::npos);
}

}  // namespace
}  // namespace pinset::policy
