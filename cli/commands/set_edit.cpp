// pinset set add SET NAME VERSION URL [...] / pinset set remove SET NAME [VERSION].
#include <ctime>
#include <iostream>

#include "cli/commands/set.hpp"
#include "cli/commands/set_access.hpp"
#include "core/app/set_edit.hpp"

namespace pinset::cli {

std::string today_utc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

namespace {

struct AddArgs {
  app::SetAddOptions options;
  std::string cacert;
};

int run_add(AddArgs args, const Io& io) {
  if (args.options.vetted_on.empty()) args.options.vetted_on = today_utc();
  auto made_access = make_set_access(io, args.cacert);
  if (!made_access) {
    print_error(io, made_access.error());
    return k_exit_usage;
  }
  app::SetAccess& access = *made_access;
  auto out = app::add_to_set(fs::real_file_system(), access, args.options);
  if (!out) {
    print_error(io, out.error());
    return k_exit_usage;
  }
  io.out << "added " << args.options.name << " " << args.options.version << " (" << out->checksum
         << ", " << out->size << " bytes) to " << out->path << "; serial " << out->serial << "\n";
  return k_exit_ok;
}

struct RemoveArgs {
  std::string set;
  std::string name;
  std::string version;
};

int run_remove(const RemoveArgs& args, const Io& io) {
  auto out = app::remove_from_set(fs::real_file_system(), args.set, args.name, args.version);
  if (!out) {
    print_error(io, out.error());
    return k_exit_usage;
  }
  io.out << "removed " << args.name << (args.version.empty() ? "" : " " + args.version) << " from "
         << out->path << "; serial " << out->serial << "\n";
  return k_exit_ok;
}

}  // namespace

void add_set_add(CLI::App& set, const Io& io, int& exit_code) {
  auto args = std::make_shared<AddArgs>();
  app::SetAddOptions& o = args->options;
  CLI::App* cmd = set.add_subcommand(
      "add", "Download an artifact and add it to a set (records its sha256 and size)");
  cmd->footer(
      "The set's serial grows by one and the file is rewritten in canonical order.\n"
      "Examples:\n"
      "  pinset set add sets/acme.yaml netlib 1.5.0 artifacts/netlib-1.5.0.tar.gz \\\n"
      "      --dep libfoo='^2.1.0' --license MIT --vetted-by alice@example.com --ticket SEC-1301\n"
      "  pinset set add sets/acme.yaml zlib 1.3.1 https://zlib.net/zlib-1.3.1.tar.gz \\\n"
      "      --published-at last-modified --publisher madler\n"
      "Exit codes: 0 added, 2 anything else (nothing is written).");
  cmd->add_option("SET", o.set, "The set file")->required();
  cmd->add_option("NAME", o.name, "The package")->required();
  cmd->add_option("VERSION", o.version, "Its version (SemVer)")->required();
  cmd->add_option("URL", o.url, "The artifact: https://, file:// or a path relative to the set")
      ->required();
  cmd->add_option("--dep", o.deps, "A dependency, NAME=RANGE (repeatable)");
  cmd->add_option("--license", o.license, "An SPDX license expression");
  cmd->add_option("--vetted-by", o.vetted_by, "Who reviewed the artifact (needs --ticket)");
  cmd->add_option("--ticket", o.ticket, "The review's reference");
  cmd->add_option("--criteria", o.criteria, "What the review established, e.g. safe-to-deploy");
  cmd->add_option("--vetted-on", o.vetted_on, "The review's date, YYYY-MM-DD (default: today)");
  cmd->add_option("--published-at", o.published_at,
                  "When upstream published the artifact: an RFC 3339 time, or last-modified "
                  "to take the server's Last-Modified (for the policy's min-age cooldown)");
  cmd->add_option("--publisher", o.publisher,
                  "Who published it upstream (a review by them is a self-review)");
  cmd->add_option("--strip-components", o.strip_components,
                  "Leading path components to drop when unpacking");
  add_cacert_option(cmd, args->cacert);
  cmd->callback([args, &io, &exit_code] { exit_code = run_add(*args, io); });
}

void add_set_remove(CLI::App& set, const Io& io, int& exit_code) {
  auto args = std::make_shared<RemoveArgs>();
  CLI::App* cmd = set.add_subcommand("remove", "Remove a package, or one version, from a set");
  cmd->footer(
      "The set's serial grows by one and the file is rewritten in canonical order.\n"
      "Examples:\n"
      "  pinset set remove sets/acme.yaml netlib 1.3.0\n"
      "  pinset set remove sets/acme.yaml tinyzip          every version\n"
      "Exit codes: 0 removed, 2 anything else (nothing is written).");
  cmd->add_option("SET", args->set, "The set file")->required();
  cmd->add_option("NAME", args->name, "The package")->required();
  cmd->add_option("VERSION", args->version, "Only this version");
  cmd->callback([args, &io, &exit_code] { exit_code = run_remove(*args, io); });
}

}  // namespace pinset::cli
