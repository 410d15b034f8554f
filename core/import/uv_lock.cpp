// uv.lock: `[[package]]` tables with `source`, `sdist`, `wheels` and `dependencies`.
#include <map>

#include "core/import/importer.hpp"
#include "core/import/toml_lite.hpp"

namespace pinset::importer {

namespace {

std::string string_of(const TomlValue* table, std::string_view key) {
  const TomlValue* v = table != nullptr ? table->find(key) : nullptr;
  return v != nullptr && v->is_string() ? v->text : std::string();
}

bool ends_with(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// The artifact to pin: the source distribution, else a wheel for any platform ("-none-any.whl").
const TomlValue* pick_artifact(const TomlTable& table, bool& is_sdist) {
  if (const TomlValue* sdist = table.find("sdist"); sdist != nullptr) {
    is_sdist = true;
    return sdist;
  }
  is_sdist = false;
  if (const TomlValue* wheels = table.find("wheels"); wheels != nullptr) {
    for (const TomlValue& wheel : wheels->items) {
      if (ends_with(string_of(&wheel, "url"), "-none-any.whl")) return &wheel;
    }
  }
  return nullptr;
}

}  // namespace

Result<Parsed> read_uv_lock(std::string_view text, const std::string& source,
                            const ImportOptions&) {
  std::vector<TomlTable> tables;
  TRY_ASSIGN(tables, parse_toml(text, source));
  LockedVersions versions;
  for (const TomlTable& table : tables) {
    if (table.header == "package" && table.array_item) {
      versions[string_of(&table.body, "name")].push_back(string_of(&table.body, "version"));
    }
  }
  Parsed out;
  for (const TomlTable& table : tables) {
    if (table.header != "package" || !table.array_item) continue;
    Pin pin;
    pin.name = string_of(&table.body, "name");
    pin.version = string_of(&table.body, "version");
    pin.line = table.line;
    pin.entry = pin.name + (pin.version.empty() ? "" : " " + pin.version);
    const TomlValue* src = table.find("source");
    const std::string kind = src != nullptr && !src->fields.empty() ? src->fields.front().key : "";
    if (kind == "editable" || kind == "virtual" || kind == "directory" || kind == "path") {
      out.skipped.push_back(
          {pin.line, pin.entry, "a workspace member or local folder (" + kind + ")"});
      continue;
    }
    if (kind == "git") {
      out.refused.push_back(
          refusal(source, pin.line, pin.entry,
                  "comes from git (" + quote(string_of(src, "git")) + "), not from a registry",
                  "a set pins archives by checksum; add its archive with "
                  "`pinset set add`"));
      continue;
    }
    bool is_sdist = false;
    const TomlValue* artifact = pick_artifact(table, is_sdist);
    if (artifact == nullptr) {
      out.refused.push_back(refusal(source, pin.line, pin.entry,
                                    "has neither a source distribution nor a wheel for every "
                                    "platform",
                                    "pin its platform wheels with `pinset set add`"));
      continue;
    }
    pin.url = string_of(artifact, "url");
    pin.checksum = string_of(artifact, "hash");
    pin.published_at = string_of(artifact, "upload-time");  // uv 0.6 and later write it
    if (const TomlValue* size = artifact->find("size");
        size != nullptr && size->kind == TomlValue::Kind::integer) {
      try {
        pin.size = std::stoull(size->text);
      } catch (const std::exception&) {
        pin.size.reset();
      }
    }
    pin.strip_components = is_sdist ? 1 : 0;  // "<name>-<version>/" in an sdist; none in a wheel
    if (const TomlValue* deps = table.find("dependencies"); deps != nullptr) {
      for (const TomlValue& dep : deps->items) {
        add_locked_dependency(pin, string_of(&dep, "name"), string_of(&dep, "version"), versions);
      }
    }
    out.pins.push_back(std::move(pin));
  }
  return out;
}

}  // namespace pinset::importer
