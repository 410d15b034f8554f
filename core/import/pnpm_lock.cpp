// pnpm-lock.yaml, lockfile versions 6 and 9. Version 9 keeps each package's resolution in
// `packages` and its dependencies in `snapshots` (one per set of peers); version 6 keeps both in
// `packages`, under keys with a leading "/".
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "core/doc/loader.hpp"
#include "core/import/importer.hpp"

namespace pinset::importer {

namespace {

// "name@1.2.3(peer@4.5.6)" -> "name@1.2.3".
std::string without_peers(std::string_view key) {
  return std::string(key.substr(0, key.find('(')));
}

// Splits "name@version" (the name may start with "@scope/").
std::pair<std::string, std::string> split_key(std::string_view key) {
  std::size_t at = key.rfind('@');
  if (at == 0 || at == std::string_view::npos) return {std::string(key), ""};
  return {std::string(key.substr(0, at)), std::string(key.substr(at + 1))};
}

bool is_true(const doc::Node& node, std::string_view key) {
  const std::string* v = scalar_at(&node, key);
  return v != nullptr && *v == "true";
}

std::string platform_list(const doc::Node& node, std::string_view key) {
  const doc::Node* field = node.find(key);
  if (field == nullptr) return {};
  std::string out;
  for (const doc::Node& item : field->items)
    out += (out.empty() ? "" : ", ") + item.scalar;
  return std::string(key) + ": " + out;
}

// The major version of a lockfileVersion ("9.0" -> 9); 0 when it does not start with a number.
int major_of(std::string_view version) {
  return std::atoi(std::string(version).c_str());
}

// Adds the exact versions a snapshot's dependencies name ("1.2.3(peer@x)" or an alias
// "real-name@1.2.3").
void add_dependencies(const doc::Node& snapshot, Pin& pin) {
  const doc::Node* deps = snapshot.find("dependencies");
  if (deps == nullptr || !deps->is_mapping()) return;
  for (const auto& [key, value] : deps->entries) {
    std::string target = without_peers(value.scalar);
    std::string name = key.first;
    if (target.find('@', 1) != std::string::npos) std::tie(name, target) = split_key(target);
    pin.dependencies.emplace_back(std::move(name), "=" + target);
  }
}

}  // namespace

Result<Parsed> read_pnpm_lock(std::string_view text, const std::string& source,
                              const ImportOptions& options) {
  static constexpr LockfileFormat k_pnpm = {
      "pnpm", "6 and 9", [](std::string_view v) { return major_of(v) == 6 || major_of(v) == 9; },
      "regenerate the lock with pnpm 8 or later"};
  doc::Node root;
  TRY_ASSIGN(root, load_lockfile(text, source, doc::Format::yaml, k_pnpm));
  const int major = major_of(*scalar_at(&root, "lockfileVersion"));
  Parsed out;
  const doc::Node* packages = root.find("packages");
  if (packages == nullptr || !packages->is_mapping()) return out;
  // Version 9: snapshots by package key (peers removed); several snapshots may share one.
  std::map<std::string, std::vector<const doc::Node*>> snapshots;
  if (const doc::Node* snaps = root.find("snapshots"); snaps != nullptr && snaps->is_mapping()) {
    for (const auto& [key, node] : snaps->entries)
      snapshots[without_peers(key.first)].push_back(&node);
  }
  std::set<std::string> seen;
  for (const auto& [key_mark, node] : packages->entries) {
    std::string key = without_peers(key_mark.first);
    if (major == 6 && !key.empty() && key.front() == '/') key.erase(0, 1);
    const int line = key_mark.second.line;
    if (!seen.insert(key).second) continue;  // version 6 lists one entry per set of peers
    auto skip = [&](std::string reason) { out.skipped.push_back({line, key, std::move(reason)}); };
    if (!node.is_mapping()) {
      out.refused.push_back(
          refusal(source, line, key, "expected a mapping, found " + node.type_name()));
      continue;
    }
    std::string platform = platform_list(node, "os");
    std::string cpu = platform_list(node, "cpu");
    if (!cpu.empty()) platform += (platform.empty() ? "" : "; ") + cpu;
    bool optional = is_true(node, "optional");
    for (const doc::Node* snap : snapshots[key])
      optional = optional || is_true(*snap, "optional");
    if (std::string why = platform_skip_reason(optional, platform); !why.empty()) {
      skip(std::move(why));
      continue;
    }
    Pin pin;
    pin.line = line;
    pin.entry = key;
    std::tie(pin.name, pin.version) = split_key(key);
    if (const std::string* name = scalar_at(&node, "name")) pin.name = *name;
    if (const std::string* v = scalar_at(&node, "version")) pin.version = *v;
    const doc::Node* resolution = node.find("resolution");
    if (resolution != nullptr && (resolution->find("directory") || resolution->find("repo"))) {
      out.refused.push_back(
          refusal(source, line, key, "comes from a folder or a git repository",
                  "a set pins archives by checksum; add it with `pinset set add`"));
      continue;
    }
    if (const std::string* integrity = scalar_at(resolution, "integrity")) {
      pin.checksum = pick_integrity(*integrity);
    }
    const std::string* tarball = scalar_at(resolution, "tarball");
    pin.url =
        tarball != nullptr ? *tarball : expand_url(options.npm_tarball_url, pin.name, pin.version);
    pin.strip_components = 1;
    if (major == 6) add_dependencies(node, pin);
    for (const doc::Node* snap : snapshots[key])
      add_dependencies(*snap, pin);
    out.pins.push_back(std::move(pin));
  }
  return out;
}

}  // namespace pinset::importer
