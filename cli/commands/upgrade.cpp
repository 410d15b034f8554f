// pinset upgrade: move the project to another revision of its package set, or preview the move.
#include <cstdlib>

#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "core/app/mirrors.hpp"
#include "core/app/outcome_json.hpp"
#include "core/app/upgrade.hpp"
#include "core/util/strings.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string manifest;
  std::string set;
  std::string digest;
  std::string cacert;
  std::vector<std::string> mirrors;
  bool dry_run = false;
  bool json = false;
};

const char* kind_mark(app::PackageChange::Kind k) {
  switch (k) {
    case app::PackageChange::Kind::added:
      return "+";
    case app::PackageChange::Kind::removed:
      return "-";
    case app::PackageChange::Kind::upgraded:
      return "^";
    case app::PackageChange::Kind::downgraded:
      return "v";
    case app::PackageChange::Kind::changed:
      return "!";
  }
  return "";
}

std::string unsatisfiable_text(const app::UnsatisfiableRange& u) {
  return u.name + " " + u.range + " (line " + std::to_string(u.line) + "): " +
         (u.available.empty() ? "the new set does not have " + u.name
                              : "the new set has only " + join(u.available, ", "));
}

int execute(const Args& args, const Io& io) {
  auto usage_error = [&](const Error& e) {
    if (args.json) io.out << nlohmann::ordered_json{{"error", error_json(e)}}.dump(2) << '\n';
    print_error(io, e);
    return k_exit_usage;
  };
  app::UpgradeOptions options;
  options.manifest_path = args.manifest;
  options.set_url = args.set;
  options.dry_run = args.dry_run;
  auto fetch = fetch_options(io.env, args.cacert);
  if (!fetch) return usage_error(fetch.error());
  options.fetch = std::move(*fetch);
  options.fetchers = net::make_curl_fetcher;
  if (!args.digest.empty()) {
    auto digest = crypto::Checksum::parse(args.digest);
    if (!digest) return usage_error(digest.error());
    options.digest = *digest;
  }
  for (const std::string& m : args.mirrors) {
    auto rule = app::parse_mirror_arg(m);
    if (!rule) return usage_error(rule.error());
    options.mirrors.push_back(std::move(*rule));
  }
  auto out = app::upgrade(fs::real_file_system(), options);
  if (!out) return usage_error(out.error());
  for (const std::string& w : out->warnings)
    io.err << "warning: " << w << '\n';
  const model::Lock* old = out->previous ? &*out->previous : nullptr;
  const model::PackageSet& set = out->set.set;
  if (args.json) {
    io.out << app::upgrade_json(*out, args.set).dump(2) << '\n';
  } else {
    io.out << "Upgrade";
    if (old) io.out << " from " << old->set_name << " serial " << old->set_serial;
    io.out << " to " << set.name << " serial " << set.serial << " (" << args.set << ")";
    if (out->problem) {
      io.out << ": the new set cannot satisfy " << out->project.manifest_path << '\n';
    } else if (out->changes.empty()) {
      io.out << ": no package changes\n";
    } else {
      io.out << ":\n";
      for (const auto& c : out->changes) {
        io.out << "  " << kind_mark(c.kind) << " " << c.name << " ";
        if (c.from && c.to) {
          io.out << c.from->str() << " -> " << c.to->str();
          if (c.kind == app::PackageChange::Kind::changed) io.out << " (other artifact)";
        } else {
          io.out << (c.from ? c.from->str() : c.to->str());
        }
        io.out << '\n';
      }
    }
    if (!out->unsatisfiable.empty()) {
      io.out << "No longer satisfiable by the new set:\n";
      for (const auto& u : out->unsatisfiable)
        io.out << "  " << unsatisfiable_text(u) << '\n';
    }
    if (out->written) {
      io.out << "Wrote " << out->project.manifest_path << " and " << out->project.lock_path << '\n';
    } else if (!out->problem) {
      io.out << "Dry run: nothing written\n";
    }
  }
  if (out->problem) {
    for (const Error& e : resolve::to_errors(*out->problem))
      print_error(io, e);
    return k_exit_failed;
  }
  return k_exit_ok;
}

void add(CLI::App& app, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "upgrade", "Move the project to another revision of its package set (or preview it)");
  cmd->footer(
      "Examples:\n"
      "  pinset upgrade --set sets/acme-43.yaml --dry-run   what would change\n"
      "  pinset upgrade --set https://sets.example.com/acme/43.json --digest sha256:...\n"
      "Without --dry-run, package-set.url (and digest) in the manifest are edited in place and\n"
      "pinset.lock is rewritten. Exit codes: 0 done, 1 the new set cannot satisfy the manifest,\n"
      "2 bad input.");
  cmd->add_option("--manifest,-m", args->manifest,
                  "Manifest file (default: pinset.yaml or pinset.json)");
  cmd->add_option("--set", args->set, "The new set's URL or path, as written in the manifest")
      ->required();
  cmd->add_option("--digest", args->digest, "Pin the new set's bytes (sha256:...)");
  cmd->add_option("--cacert", args->cacert,
                  "Extra CA bundle (PEM) for a private CA; also PINSET_CA_BUNDLE");
  cmd->add_option("--mirror", args->mirrors, "ORIGINAL_PREFIX=MIRROR_PREFIX (repeatable)");
  cmd->add_flag("--dry-run", args->dry_run, "Print what would change; write nothing");
  cmd->add_flag("--json", args->json, "Print the result as JSON on stdout");
  cmd->callback([args, &io, &exit_code] { exit_code = execute(*args, io); });
}

}  // namespace

Command upgrade_command() {
  return {"upgrade", "move to another revision of the package set", "", add};
}

}  // namespace pinset::cli
