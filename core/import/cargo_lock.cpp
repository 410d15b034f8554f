// Cargo.lock, versions 1 to 4: `[[package]]` tables; version 1 keeps checksums in `[metadata]`.
#include <map>

#include "core/import/importer.hpp"
#include "core/import/toml_lite.hpp"

namespace pinset::importer {

namespace {

constexpr std::string_view k_crates_io_git =
    "registry+https://github.com/rust-lang/crates.io-index";
constexpr std::string_view k_crates_io_sparse = "sparse+https://index.crates.io/";

std::string string_of(const TomlTable& table, std::string_view key) {
  const TomlValue* v = table.find(key);
  return v != nullptr && v->is_string() ? v->text : std::string();
}

}  // namespace

Result<Parsed> read_cargo_lock(std::string_view text, const std::string& source,
                               const ImportOptions& options) {
  std::vector<TomlTable> tables;
  TRY_ASSIGN(tables, parse_toml(text, source));
  // Version 1: [metadata] "checksum NAME VERSION (SOURCE)" = "<hex>".
  std::map<std::string, std::string> metadata_sums;
  for (const TomlTable& table : tables) {
    if (table.header != "metadata") continue;
    for (const auto& [key, value] : table.body.fields) {
      if (key.rfind("checksum ", 0) == 0 && value.is_string()) metadata_sums[key] = value.text;
    }
  }
  // Versions of each name, for dependencies written as a bare name (the only version locked).
  LockedVersions versions;
  for (const TomlTable& table : tables) {
    if (table.header == "package" && table.array_item) {
      versions[string_of(table, "name")].push_back(string_of(table, "version"));
    }
  }
  Parsed out;
  for (const TomlTable& table : tables) {
    if (table.header != "package" || !table.array_item) continue;
    Pin pin;
    pin.name = string_of(table, "name");
    pin.version = string_of(table, "version");
    pin.line = table.line;
    pin.entry = pin.name + " " + pin.version;
    const std::string src = string_of(table, "source");
    if (src.empty()) {
      out.skipped.push_back({pin.line, pin.entry, "a workspace member or path dependency"});
      continue;
    }
    if (src.rfind("git+", 0) == 0) {
      out.refused.push_back(refusal(source, pin.line, pin.entry,
                                    "comes from git (" + quote(src, 300) + "), not from a registry",
                                    "a set pins archives by checksum; publish the crate to a "
                                    "registry, or add its archive with `pinset set add`"));
      continue;
    }
    const bool crates_io = src == k_crates_io_git || src == k_crates_io_sparse;
    if (!crates_io && !options.crate_url_given) {
      out.refused.push_back(
          refusal(source, pin.line, pin.entry, "comes from the registry " + quote(src),
                  "give that registry's download URL pattern with --crate-url (e.g. "
                  "https://crates.example.com/api/v1/crates/{name}/{version}/download)"));
      continue;
    }
    pin.url = expand_url(options.crate_url, pin.name, pin.version);
    std::string sum = string_of(table, "checksum");
    if (sum.empty()) {
      auto it = metadata_sums.find("checksum " + pin.name + " " + pin.version + " (" + src + ")");
      if (it != metadata_sums.end()) sum = it->second;
    }
    if (!sum.empty()) pin.checksum = "sha256:" + sum;
    pin.strip_components = 1;  // a .crate holds "<name>-<version>/"
    if (const TomlValue* deps = table.find("dependencies"); deps != nullptr) {
      for (const TomlValue& dep : deps->items) {
        // "name", "name version" or "name version (source)".
        const std::string& d = dep.text;
        std::size_t space = d.find(' ');
        std::string version;
        if (space != std::string::npos) {
          std::size_t end = d.find(' ', space + 1);
          version = d.substr(space + 1, end == std::string::npos ? end : end - space - 1);
        }
        add_locked_dependency(pin, d.substr(0, space), version, versions);
      }
    }
    out.pins.push_back(std::move(pin));
  }
  return out;
}

}  // namespace pinset::importer
