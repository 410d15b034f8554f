#include "core/app/install_state.hpp"

#include <nlohmann/json.hpp>

#include "core/store/receipt_io.hpp"

namespace pinset::app {

namespace {

// A JSON string, escaped as nlohmann escapes it (and, like it, refusing bytes that are not UTF-8).
std::string quoted(const std::string& text) {
  return nlohmann::json(text).dump();
}

// write_receipt's compact JSON, without its final newline.
std::string receipt_json(const archive::Receipt& receipt) {
  std::string text = store::write_receipt(receipt);
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace

std::string write_install_state(const InstallState& state) {
  // Written around the receipts, which are nearly all of it (27,000 files: 2.8 MB): each goes in
  // as write_receipt wrote it, one package a line, rather than parsed and written again indented.
  std::string out =
      "{\"state-version\":1,\"lock-digest\":" + quoted(state.lock_digest) + ",\"packages\":{";
  const char* separator = "\n";
  for (const auto& [name, p] : state.packages) {
    out += separator;
    separator = ",\n";
    out += quoted(name) + ":{\"version\":" + quoted(p.version.str()) +
           ",\"checksum\":" + quoted(p.checksum.str()) +
           ",\"strip-components\":" + std::to_string(p.strip_components);
    if (p.version.scheme() != semver::Scheme::semver) {  // a set's `versioning`
      out += ",\"versioning\":" + quoted(std::string(semver::scheme_info(p.version.scheme()).name));
    }
    if (!p.path.empty() && p.path != name) out += ",\"path\":" + quoted(p.path);
    out += ",\"receipt\":" + receipt_json(p.receipt) + "}";
  }
  out += state.packages.empty() ? "}" : "\n}";
  if (state.layout != "packages") {
    out += ",\n\"layout\":" + quoted(state.layout) +
           ",\n\"layout-entries\":" + receipt_json(state.layout_entries);
  }
  return out + "}\n";
}

Result<InstallState> parse_install_state(std::string_view text, const std::string& source) {
  auto bad = [&](const std::string& why) {
    return fail(codes::corrupt_install, "the install state " + source + " is damaged: " + why,
                Location{source}, "run `pinset install` to reinstall");
  };
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  if (j.value("state-version", 0) != 1) return bad("unknown state-version");
  InstallState state;
  if (!j.contains("lock-digest") || !j["lock-digest"].is_string()) return bad("no lock-digest");
  state.lock_digest = j["lock-digest"].get<std::string>();
  if (!j.contains("packages") || !j["packages"].is_object()) return bad("no packages");
  for (const auto& [name, p] : j["packages"].items()) {
    if (!p.is_object() || !p.contains("version") || !p["version"].is_string() ||
        !p.contains("checksum") || !p["checksum"].is_string() || !p.contains("receipt")) {
      return bad("package " + quote(name) + " is incomplete");
    }
    auto scheme = semver::parse_scheme(p.value("versioning", std::string("semver")));
    if (!scheme) return bad("package " + quote(name) + " is damaged");
    auto version = semver::Version::parse(p["version"].get<std::string>(), *scheme);
    auto checksum = crypto::Checksum::parse(p["checksum"].get<std::string>());
    auto receipt = store::receipt_from_json(p["receipt"], source);
    if (!version || !checksum || !receipt) return bad("package " + quote(name) + " is damaged");
    InstalledPackage pkg{*version, *checksum, p.value("strip-components", 0u), std::move(*receipt),
                         ""};
    if (p.contains("path")) {
      if (!p["path"].is_string() || !store::is_safe_relative_path(p["path"].get<std::string>())) {
        return bad("package " + quote(name) + " has a damaged path");
      }
      pkg.path = p["path"].get<std::string>();
    }
    state.packages.emplace(name, std::move(pkg));
  }
  if (j.contains("layout")) {
    if (!j["layout"].is_string() || !j.contains("layout-entries")) return bad("damaged layout");
    state.layout = j["layout"].get<std::string>();
    auto entries = store::receipt_from_json(j["layout-entries"], source);
    if (!entries) return bad("damaged layout entries");
    for (const auto& f : entries->files) {
      if (!store::is_safe_relative_path(f.path)) return bad("damaged layout entries");
    }
    state.layout_entries = std::move(*entries);
  }
  return state;
}

std::set<std::string> owned_top_level(const InstallState& state) {
  std::set<std::string> out{std::string(k_state_dir)};
  auto first = [](const std::string& path) { return path.substr(0, path.find('/')); };
  for (const auto& [name, p] : state.packages)
    out.insert(first(p.folder(name)));
  for (const auto& f : state.layout_entries.files)
    out.insert(first(f.path));
  return out;
}

}  // namespace pinset::app
