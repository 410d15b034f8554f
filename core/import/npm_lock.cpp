// npm package-lock.json (and npm-shrinkwrap.json), lockfile versions 2 and 3: the `packages` map.
#include "core/doc/loader.hpp"
#include "core/import/importer.hpp"

namespace pinset::importer {

namespace {

constexpr std::string_view k_node_modules = "node_modules/";

// "os: darwin" / "cpu: arm64, x64" from a list (or a lone string) of platforms.
std::string platforms(const doc::Node& node, std::string_view key) {
  const doc::Node* field = node.find(key);
  if (field == nullptr) return {};
  std::string out;
  if (field->is_scalar()) out = field->scalar;
  for (const doc::Node& item : field->items) {
    if (!item.is_scalar()) continue;
    out += (out.empty() ? "" : ", ") + item.scalar;
  }
  return std::string(key) + ": " + (out.empty() ? "[]" : out);
}

}  // namespace

Result<Parsed> read_npm_lock(std::string_view text, const std::string& source,
                             const ImportOptions& options) {
  static constexpr LockfileFormat k_npm = {
      "npm", "2 and 3", [](std::string_view v) { return v == "2" || v == "3"; },
      "regenerate the lock with npm 7 or later: npm install --package-lock-only"};
  doc::Node root;
  TRY_ASSIGN(root, load_lockfile(text, source, doc::Format::json, k_npm));
  doc::Reader reader(source);
  const doc::Node* packages = root.find("packages");
  if (packages == nullptr || !packages->is_mapping()) {
    return fail(packages == nullptr
                    ? reader.missing_field(root, "", "packages", "regenerate the lock with npm 7+")
                    : reader.wrong_type(*packages, "packages", "a mapping"));
  }
  Parsed out;
  for (const auto& [key_mark, node] : packages->entries) {
    const std::string& key = key_mark.first;
    const int line = key_mark.second.line;
    if (key.empty()) continue;  // the project itself
    auto skip = [&](std::string reason) { out.skipped.push_back({line, key, std::move(reason)}); };
    std::size_t at = key.rfind(k_node_modules);
    if (at == std::string::npos || (at > 0 && key[at - 1] != '/')) {
      skip("a workspace folder, not a package from a registry");
      continue;
    }
    if (!node.is_mapping()) {
      out.refused.push_back(
          refusal(source, line, key, "expected an object, found " + node.type_name()));
      continue;
    }
    const doc::Node* link = node.find("link");
    if (link != nullptr && link->scalar == "true") {
      skip("a link to a local folder");
      continue;
    }
    const doc::Node* bundled = node.find("inBundle");
    if (bundled != nullptr && bundled->scalar == "true") {
      skip("bundled inside its parent's archive");
      continue;
    }
    std::string platform = platforms(node, "os");
    std::string cpu = platforms(node, "cpu");
    if (!cpu.empty()) platform += (platform.empty() ? "" : "; ") + cpu;
    const doc::Node* optional = node.find("optional");
    if (std::string why =
            platform_skip_reason(optional != nullptr && optional->scalar == "true", platform);
        !why.empty()) {
      skip(std::move(why));
      continue;
    }
    Pin pin;
    pin.line = line;
    pin.entry = key;
    const std::string* name = scalar_at(&node, "name");
    pin.name = name != nullptr ? *name : key.substr(at + k_node_modules.size());
    if (const std::string* v = scalar_at(&node, "version")) pin.version = *v;
    if (const std::string* integrity = scalar_at(&node, "integrity")) {
      pin.checksum = pick_integrity(*integrity);
    }
    if (const std::string* resolved = scalar_at(&node, "resolved")) {
      pin.url = *resolved;
    } else if (!pin.version.empty()) {
      // npm leaves `resolved` out with omit-lockfile-registry-resolved: the registry's pattern.
      pin.url = expand_url(options.npm_tarball_url, pin.name, pin.version);
    }
    if (const std::string* license = scalar_at(&node, "license")) pin.license = *license;
    pin.strip_components = 1;  // npm tarballs hold "package/"
    if (const doc::Node* deps = node.find("dependencies"); deps != nullptr && deps->is_mapping()) {
      for (const auto& [dep, range] : deps->entries) {
        pin.dependencies.emplace_back(dep.first, range.scalar);
      }
    }
    out.pins.push_back(std::move(pin));
  }
  return out;
}

}  // namespace pinset::importer
