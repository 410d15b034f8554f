// pinset policy check: gate a build on the project's policies; pinset policy waivers: what each
// waiver does and when it runs out.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>

#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "core/app/policy_check.hpp"
#include "core/app/report.hpp"
#include "core/policy/report.hpp"
#include "core/util/dates.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::vector<std::string> policies;
  std::string format = "text";
  std::string output;
  std::string since;
  std::vector<std::string> advisories;
  std::string manifest;
  std::string now;
  std::string cacert;
  bool json = false;  // policy waivers
};

Result<std::int64_t> parse_now(const std::string& text) {
  if (text.empty()) return dates::system_now();
  if (auto t = dates::parse_date_or_timestamp(text)) return *t;
  return fail(codes::invalid_date,
              "--now " + quote(text) + " is not a date or an RFC 3339 timestamp", Location{},
              "write e.g. --now 2026-12-31 or --now 2026-12-31T08:00:00Z");
}

Result<app::PolicyCheckOptions> check_options(const Args& args, const Io& io, std::int64_t now) {
  app::PolicyCheckOptions options;
  options.manifest_path = args.manifest;
  options.policy_files = args.policies;
  options.advisory_dirs = args.advisories;
  options.since_lock = args.since;
  options.now = now;
  options.fetchers = net::make_curl_fetcher;
  auto fetch = fetch_options(io.env, args.cacert);
  if (!fetch) return fail(fetch.error());
  options.fetch = std::move(*fetch);
  return options;
}

// pinset policy waivers: every waiver, its expiry and days left, and whether it matched.
int list_waivers(const Args& args, const Io& io) {
  auto now = parse_now(args.now);
  if (!now) {
    print_error(io, now.error());
    return k_exit_usage;
  }
  auto options = check_options(args, io, *now);
  auto report = options ? app::check_policy(fs::real_file_system(), *options)
                        : Result<policy::Report>(fail(options.error()));
  if (!report) {
    print_error(io, report.error());
    return k_exit_usage;
  }
  io.out << (args.json ? policy::waivers_json(*report) : policy::waivers_text(*report));
  return k_exit_ok;
}

int execute(const Args& args, const Io& io) {
  auto format = policy::report_format(args.format);
  if (!format) {
    print_error(io, Error(codes::usage, "unknown report format " + quote(args.format), Location{},
                          "use --format text, json, sarif, junit, github or gitlab"));
    return k_exit_usage;
  }
  auto now = parse_now(args.now);
  if (!now) {
    print_error(io, now.error());
    return k_exit_usage;
  }
  // The GitLab report says when the scan ran: SOURCE_DATE_EPOCH for both times when it is set (a
  // reproducible report), else the clock before and after the check. `--now` is the day the
  // rules evaluate, not when they ran.
  const char* epoch = io.env.source_date_epoch ? io.env.source_date_epoch->c_str() : nullptr;
  policy::GitlabScan scan;
  scan.tool_version = PINSET_VERSION;
  if (*format == policy::ReportFormat::gitlab) {
    auto started = app::report_time(epoch, std::time(nullptr));
    if (!started) {
      print_error(io, started.error());
      return k_exit_usage;
    }
    scan.start_time = *started;
  }
  auto options = check_options(args, io, *now);
  auto report = options ? app::check_policy(fs::real_file_system(), *options)
                        : Result<policy::Report>(fail(options.error()));
  if (!report) {
    print_error(io, report.error());
    return k_exit_usage;
  }
  if (*format == policy::ReportFormat::gitlab) {
    scan.end_time =
        epoch ? scan.start_time : std::max<std::int64_t>(std::time(nullptr), scan.start_time);
  }
  std::string text;
  switch (*format) {
    case policy::ReportFormat::text:
      text = policy::to_text(*report);
      break;
    case policy::ReportFormat::json:
      text = policy::to_json(*report);
      break;
    case policy::ReportFormat::sarif:
      text = policy::to_sarif(*report);
      break;
    case policy::ReportFormat::junit:
      text = policy::to_junit(*report);
      break;
    case policy::ReportFormat::github:
      text = policy::to_github(*report);
      break;
    case policy::ReportFormat::gitlab:
      text = policy::to_gitlab(*report, scan);
      break;
  }
  if (args.output.empty()) {
    io.out << text;
  } else {
    auto written = fs::real_file_system().write_atomic(args.output, text);
    if (!written) {
      print_error(io, written.error());
      return k_exit_usage;
    }
    // The verdict still reaches the CI log when the report goes to a file.
    io.out << (report->passed() ? "policy check passed" : "policy check failed") << ": "
           << report->errors() << (report->errors() == 1 ? " error, " : " errors, ")
           << report->warnings() << (report->warnings() == 1 ? " warning, " : " warnings, ")
           << report->waived() << " waived; report written to " << args.output << '\n';
  }
  return report->passed() ? k_exit_ok : k_exit_failed;
}

void add(CLI::App& app, const Io& io, int& exit_code) {
  CLI::App* group = app.add_subcommand("policy", "Check the project against policies");
  group->require_subcommand(1);
  auto args = std::make_shared<Args>();
  CLI::App* cmd = group->add_subcommand(
      "check", "Check the manifest, package set and lock against policy files");
  cmd->footer(
      "Examples:\n"
      "  pinset policy check                                the built-in baseline policy\n"
      "  pinset policy check --policy policies/baseline.yaml --policy policies/strict.yaml\n"
      "  pinset policy check --advisories osv/ --format sarif --output policy.sarif\n"
      "  pinset policy check --since main.lock              only findings new since main.lock\n"
      "  pinset policy check --format github                annotations in a GitHub workflow\n"
      "  pinset policy check --format gitlab > gl-dependency-scanning-report.json\n"
      "                                                     a GitLab dependency scanning report\n"
      "Later --policy files only tighten earlier ones (policies/README.md).\n"
      "Exit codes: 0 no error finding, 1 at least one error finding, 2 bad input.");
  cmd->add_option("--policy,-p", args->policies,
                  "Policy file (YAML or JSON); repeat to combine (default: built-in baseline)");
  cmd->add_option("--format,-f", args->format,
                  "Report format: text, json, sarif, junit, github or gitlab")
      ->default_str("text");
  cmd->add_option("--output,-o", args->output, "Write the report to this file, not stdout");
  cmd->add_option("--since", args->since,
                  "An older lock: report only findings that are new relative to it");
  cmd->add_option("--advisories", args->advisories,
                  "Folder of OSV advisory JSON files (read offline); repeatable");
  cmd->add_option("--manifest,-m", args->manifest,
                  "Manifest file (default: pinset.yaml or pinset.json)");
  cmd->add_option("--cacert", args->cacert,
                  "Extra CA bundle (PEM) for a private CA; also PINSET_CA_BUNDLE");
  cmd->add_option("--now", args->now,
                  "Evaluate dates as of this day (YYYY-MM-DD or RFC 3339; default: now)");
  cmd->callback([args, &io, &exit_code] { exit_code = execute(*args, io); });

  auto wargs = std::make_shared<Args>();
  CLI::App* waivers = group->add_subcommand(
      "waivers", "List every waiver with its expiry, days left and whether it matched anything");
  waivers->footer(
      "Examples:\n"
      "  pinset policy waivers --policy policies/strict.yaml   what expires when\n"
      "  pinset policy waivers --json                         the same as JSON\n"
      "Each waiver is matched against the findings of `pinset policy check` with the same\n"
      "options; one expiring within 30 days is marked \"expires soon\".\n"
      "Exit codes: 0 listed, 2 bad input.");
  waivers->add_option("--policy,-p", wargs->policies,
                      "Policy file (YAML or JSON); repeat to combine (default: built-in baseline)");
  waivers->add_option("--advisories", wargs->advisories,
                      "Folder of OSV advisory JSON files (read offline); repeatable");
  waivers->add_option("--manifest,-m", wargs->manifest,
                      "Manifest file (default: pinset.yaml or pinset.json)");
  waivers->add_option("--cacert", wargs->cacert,
                      "Extra CA bundle (PEM) for a private CA; also PINSET_CA_BUNDLE");
  waivers->add_option("--now", wargs->now,
                      "Evaluate dates as of this day (YYYY-MM-DD or RFC 3339; default: now)");
  waivers->add_flag("--json", wargs->json, "Print JSON on stdout");
  waivers->callback([wargs, &io, &exit_code] { exit_code = list_waivers(*wargs, io); });
}

}  // namespace

Command policy_command() {
  return {
      "policy", "check the project against policies",
      "  pinset policy check                          the built-in baseline policy\n"
      "  pinset policy check --policy policies/strict.yaml --format sarif --output pinset.sarif\n"
      "  pinset policy check --format github          annotations for a GitHub workflow\n"
      "  pinset policy check --format gitlab          a GitLab dependency scanning report\n"
      "  pinset policy waivers                        every waiver, its expiry and whether it "
      "matched",
      add};
}

}  // namespace pinset::cli
