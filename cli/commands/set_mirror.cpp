// pinset set mirror: copy a set, its signatures and every artifact into a folder to serve inside
// a closed network.
#include <cstdlib>

#include "cli/commands/set.hpp"
#include "cli/output.hpp"
#include "core/app/set_mirror.hpp"
#include "core/util/strings.hpp"

namespace pinset::cli {

namespace {

struct Args {
  std::string set;
  std::string to;
  std::string cacert;
  int jobs = 8;
  bool json = false;
};

int execute(const Args& args, const Io& io) {
  app::SetMirrorOptions options;
  options.set = args.set;
  options.to = args.to;
  auto fetch = fetch_options(io.env, args.cacert);
  if (!fetch) {
    print_error(io, fetch.error());
    return k_exit_usage;
  }
  options.fetch = std::move(*fetch);
  options.fetch.jobs = args.jobs;
  options.fetchers = net::make_curl_fetcher;
  auto out = app::mirror_set(fs::real_file_system(), options);
  if (!out) {
    if (args.json)
      io.out << nlohmann::ordered_json{{"error", error_json(out.error())}}.dump(2) << '\n';
    print_error(io, out.error());
    return k_exit_usage;
  }
  std::size_t downloaded = 0;
  for (const auto& a : out->artifacts)
    downloaded += a.downloaded ? 1 : 0;
  if (args.json) {
    nlohmann::ordered_json artifacts = nlohmann::ordered_json::array();
    for (const auto& a : out->artifacts) {
      artifacts.push_back({{"label", a.label},
                           {"url", a.url},
                           {"path", a.path},
                           {"bytes", a.bytes},
                           {"downloaded", a.downloaded}});
    }
    nlohmann::ordered_json mappings = nlohmann::ordered_json::array();
    for (const auto& m : out->mappings)
      mappings.push_back({{"from", m.from}, {"to", m.to}});
    io.out << nlohmann::ordered_json{{"set", out->set_name},
                                     {"serial", out->serial},
                                     {"folder", args.to},
                                     {"set-file", out->set_file},
                                     {"signatures", out->signatures},
                                     {"artifacts", std::move(artifacts)},
                                     {"mappings", std::move(mappings)}}
                  .dump(2)
           << '\n';
    return k_exit_ok;
  }
  io.out << "Mirrored " << out->set_name << " (serial " << out->serial << ") into " << args.to
         << ": " << count_of(out->artifacts.size(), "artifact") << " (" << downloaded
         << " downloaded, " << out->artifacts.size() - downloaded << " already there); "
         << out->set_file << (out->signatures ? " and " + out->set_file + ".sig" : std::string())
         << " copied byte for byte\n";
  if (!out->mappings.empty()) {
    io.out << "Serve " << args.to
           << " and map the original locations to it (MIRROR: the URL it is served at):\n";
    for (const auto& m : out->mappings)
      io.out << "  --mirror " << m.from << "=MIRROR/" << m.to << '\n';
  }
  return k_exit_ok;
}

}  // namespace

void add_set_mirror(CLI::App& set, const Io& io, int& exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = set.add_subcommand(
      "mirror", "Copy a set, its signatures and all its artifacts (verified) into a folder");
  cmd->footer(
      "Examples:\n"
      "  pinset set mirror https://sets.example.com/acme/42.yaml --to /srv/mirror\n"
      "Clients then use --mirror (or mirrors: in the manifest) to fetch from the copy; the\n"
      "set's bytes are unchanged, so its signatures stay valid. A re-run fetches only what is\n"
      "missing. Exit codes: 0 mirrored, 2 error.");
  cmd->add_option("SET", args->set, "The package set: a path or an https:// URL")->required();
  cmd->add_option("--to", args->to, "Output folder")->required();
  cmd->add_option("--cacert", args->cacert,
                  "Extra CA bundle (PEM) for a private CA; also PINSET_CA_BUNDLE");
  cmd->add_option("--jobs,-j", args->jobs, "Downloads in flight")->check(CLI::Range(1, 64));
  cmd->add_flag("--json", args->json, "Print the result as JSON on stdout");
  cmd->callback([args, &io, &exit_code] { exit_code = execute(*args, io); });
}

}  // namespace pinset::cli
