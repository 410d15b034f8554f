// Software bills of materials in JSON: CycloneDX 1.5 (`components` with `hashes`, a `distribution`
// external reference, `licenses`; `dependencies` by bom-ref) and SPDX 2.3 (`packages` with
// `checksums`, `downloadLocation`, `licenseDeclared`; DEPENDS_ON `relationships`). The described
// project itself (CycloneDX `metadata.component`, SPDX DESCRIBES targets) is not an entry.
#include <map>
#include <set>

#include "core/doc/loader.hpp"
#include "core/import/importer.hpp"

namespace pinset::importer {

namespace {

const std::vector<doc::Node>& items(const doc::Node* node, std::string_view key) {
  static const std::vector<doc::Node> k_none;
  const doc::Node* field = node != nullptr ? node->find(key) : nullptr;
  return field != nullptr && field->is_sequence() ? field->items : k_none;
}

// "SHA-256"/"SHA256" + hex -> "sha256:<hex>" (lowercased); empty for other algorithms.
std::string checksum_of(std::string_view algorithm, std::string hex) {
  for (char& c : hex) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  }
  if (algorithm == "SHA-512" || algorithm == "SHA512") return "sha512:" + hex;
  if (algorithm == "SHA-256" || algorithm == "SHA256") return "sha256:" + hex;
  return {};
}

// The strongest of the hashes given: sha512, else sha256.
void keep_stronger(std::string& current, std::string candidate) {
  if (candidate.empty()) return;
  if (current.empty() || (candidate.rfind("sha512:", 0) == 0 && current.rfind("sha256:", 0) == 0)) {
    current = std::move(candidate);
  }
}

}  // namespace

Result<Parsed> read_cyclonedx(std::string_view data, const std::string& source,
                              const ImportOptions& options) {
  doc::Node root;
  TRY_ASSIGN(root, load_mapping(data, source, doc::Format::json));
  const std::string* format = scalar_at(&root, "bomFormat");
  if (format == nullptr || *format != "CycloneDX") {
    return fail(codes::unsupported_format, source + " is not a CycloneDX document (no bomFormat)",
                Location{source, root.mark.line, root.mark.column, "bomFormat"},
                "export the SBOM as CycloneDX JSON, or pass the --format that fits it");
  }
  std::map<std::string, std::size_t> by_ref;  // bom-ref -> index in pins
  Parsed out;
  for (const doc::Node& c : items(&root, "components")) {
    Pin pin;
    pin.line = c.mark.line;
    if (const std::string* n = scalar_at(&c, "name")) pin.name = *n;
    if (const std::string* v = scalar_at(&c, "version")) pin.version = *v;
    pin.entry = pin.name + " " + pin.version;
    for (const doc::Node& h : items(&c, "hashes")) {
      const std::string* alg = scalar_at(&h, "alg");
      const std::string* content = scalar_at(&h, "content");
      if (alg != nullptr && content != nullptr)
        keep_stronger(pin.checksum, checksum_of(*alg, *content));
    }
    for (const doc::Node& ref : items(&c, "externalReferences")) {
      const std::string* type = scalar_at(&ref, "type");
      const std::string* url = scalar_at(&ref, "url");
      if (type == nullptr || *type != "distribution" || url == nullptr) continue;
      pin.url = *url;
      for (const doc::Node& h : items(&ref, "hashes")) {
        const std::string* alg = scalar_at(&h, "alg");
        const std::string* content = scalar_at(&h, "content");
        if (alg != nullptr && content != nullptr)
          keep_stronger(pin.checksum, checksum_of(*alg, *content));
      }
      break;
    }
    for (const doc::Node& l : items(&c, "licenses")) {
      if (const std::string* e = scalar_at(&l, "expression")) pin.license = *e;
      if (const std::string* id = scalar_at(l.find("license"), "id")) pin.license = *id;
    }
    pin.strip_components = options.strip_components.value_or(0);
    if (const std::string* ref = scalar_at(&c, "bom-ref")) by_ref[*ref] = out.pins.size();
    out.pins.push_back(std::move(pin));
  }
  for (const doc::Node& d : items(&root, "dependencies")) {
    const std::string* ref = scalar_at(&d, "ref");
    auto from = ref != nullptr ? by_ref.find(*ref) : by_ref.end();
    if (from == by_ref.end()) continue;  // the project itself
    for (const doc::Node& on : items(&d, "dependsOn")) {
      auto to = by_ref.find(on.scalar);
      if (to == by_ref.end()) continue;
      const Pin& target = out.pins[to->second];
      out.pins[from->second].dependencies.emplace_back(target.name, "=" + target.version);
    }
  }
  return out;
}

Result<Parsed> read_spdx(std::string_view data, const std::string& source,
                         const ImportOptions& options) {
  doc::Node root;
  TRY_ASSIGN(root, load_mapping(data, source, doc::Format::json));
  const std::string* version = scalar_at(&root, "spdxVersion");
  if (version == nullptr || version->rfind("SPDX-2.", 0) != 0) {
    return fail(codes::unsupported_format,
                source + " is not an SPDX 2 JSON document (no spdxVersion)",
                Location{source, root.mark.line, root.mark.column, "spdxVersion"},
                "export the SBOM as SPDX 2.3 JSON, or pass the --format that fits it");
  }
  std::set<std::string> described;
  for (const doc::Node& id : items(&root, "documentDescribes"))
    described.insert(id.scalar);
  for (const doc::Node& r : items(&root, "relationships")) {
    const std::string* type = scalar_at(&r, "relationshipType");
    const std::string* related = scalar_at(&r, "relatedSpdxElement");
    if (type != nullptr && *type == "DESCRIBES" && related != nullptr) described.insert(*related);
  }
  std::map<std::string, std::size_t> by_id;
  Parsed out;
  for (const doc::Node& p : items(&root, "packages")) {
    const std::string* id = scalar_at(&p, "SPDXID");
    Pin pin;
    pin.line = p.mark.line;
    if (const std::string* n = scalar_at(&p, "name")) pin.name = *n;
    if (const std::string* v = scalar_at(&p, "versionInfo")) pin.version = *v;
    pin.entry = pin.name + (pin.version.empty() ? "" : " " + pin.version);
    if (id != nullptr && described.count(*id)) {
      out.skipped.push_back({pin.line, pin.entry, "the project the document describes"});
      continue;
    }
    for (const doc::Node& c : items(&p, "checksums")) {
      const std::string* alg = scalar_at(&c, "algorithm");
      const std::string* value = scalar_at(&c, "checksumValue");
      if (alg != nullptr && value != nullptr)
        keep_stronger(pin.checksum, checksum_of(*alg, *value));
    }
    const std::string* location = scalar_at(&p, "downloadLocation");
    if (location != nullptr && *location != "NOASSERTION" && *location != "NONE")
      pin.url = *location;
    const std::string* license = scalar_at(&p, "licenseDeclared");
    if (license != nullptr && *license != "NOASSERTION" && *license != "NONE")
      pin.license = *license;
    pin.strip_components = options.strip_components.value_or(0);
    if (id != nullptr) by_id[*id] = out.pins.size();
    out.pins.push_back(std::move(pin));
  }
  for (const doc::Node& r : items(&root, "relationships")) {
    const std::string* type = scalar_at(&r, "relationshipType");
    const std::string* from_id = scalar_at(&r, "spdxElementId");
    const std::string* to_id = scalar_at(&r, "relatedSpdxElement");
    if (type == nullptr || *type != "DEPENDS_ON" || from_id == nullptr || to_id == nullptr)
      continue;
    auto from = by_id.find(*from_id);
    auto to = by_id.find(*to_id);
    if (from == by_id.end() || to == by_id.end()) continue;
    const Pin& target = out.pins[to->second];
    out.pins[from->second].dependencies.emplace_back(target.name, "=" + target.version);
  }
  return out;
}

}  // namespace pinset::importer
