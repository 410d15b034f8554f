#include "core/report/cyclonedx.hpp"

#include <map>

#include <nlohmann/json.hpp>

#include "core/model/lock_graph.hpp"

namespace pinset::report {

namespace {

using Json = nlohmann::ordered_json;

std::string hash_alg(crypto::DigestAlgo algo) {
  return algo == crypto::DigestAlgo::sha256 ? "SHA-256" : "SHA-512";
}

// Short and unique within the document: a lock holds one version of each name.
std::string bom_ref(const model::LockedPackage& p) {
  return p.name + "@" + p.version.str();
}

Json property(const std::string& name, const std::string& value) {
  return {{"name", name}, {"value", value}};
}

// The set's identity, on the metadata and on every component that came from it.
void add_set_properties(Json& props, const model::Lock& lock) {
  props.push_back(property("pinset:set:name", lock.set_name));
  props.push_back(property("pinset:set:serial", std::to_string(lock.set_serial)));
  props.push_back(property("pinset:set:digest", lock.set_digest.str()));
}

Json component_json(const Component& c, const model::Lock& lock) {
  const model::LockedPackage& p = *c.locked;
  Json hashes =
      Json::array({{{"alg", hash_alg(p.checksum.algo())}, {"content", p.checksum.hex()}}});
  Json j = {{"type", "library"},
            {"bom-ref", bom_ref(p)},
            {"name", p.name},
            {"version", p.version.str()},
            {"hashes", hashes}};
  // No license: the field is left out, which CycloneDX reads as "unknown".
  if (!c.license.empty()) {
    j["licenses"] = Json::array({{{"expression", c.license}}});
  } else if (!c.license_as_written.empty()) {
    // Not a valid SPDX expression: kept as the free-text name CycloneDX allows.
    j["licenses"] = Json::array({{{"license", {{"name", c.license_as_written}}}}});
  }
  j["purl"] = c.purl;
  j["externalReferences"] =
      Json::array({{{"type", "distribution"}, {"url", p.url}, {"hashes", hashes}}});
  Json props = Json::array();
  props.push_back(property("pinset:origin", p.origin));
  if (p.origin == "overlay") {
    if (c.overlay != nullptr) {
      props.push_back(property("pinset:overlay:reason", c.overlay->reason));
      if (c.overlay->expires)
        props.push_back(property("pinset:overlay:expires", *c.overlay->expires));
    }
  } else {
    add_set_properties(props, lock);
    // A merged or layered set records which input set the entry came from.
    if (c.entry != nullptr && !c.entry->from().empty())
      props.push_back(property("pinset:set:from", c.entry->from()));
  }
  if (c.vetted != nullptr) {
    // One group of properties per review, in set order (CycloneDX allows repeated names).
    for (const model::Vetting& v : *c.vetted) {
      props.push_back(property("pinset:vetted:by", v.by));
      props.push_back(property("pinset:vetted:on", v.on));
      if (!v.criteria.empty()) props.push_back(property("pinset:vetted:criteria", v.criteria));
      if (!v.ticket.empty()) props.push_back(property("pinset:vetted:ticket", v.ticket));
    }
  }
  if (c.entry != nullptr && !c.entry->published_at().empty())
    props.push_back(property("pinset:published-at", c.entry->published_at()));
  if (c.entry != nullptr && !c.entry->publisher().empty())
    props.push_back(property("pinset:publisher", c.entry->publisher()));
  j["properties"] = std::move(props);
  return j;
}

}  // namespace

std::string write_cyclonedx(const ReportInput& input, const SbomOptions& options) {
  const model::Lock& lock = input.lock;
  std::vector<Component> comps = components(input);
  std::map<std::string, std::string> ref_of;  // package key (model::Lock::key_of) -> bom-ref
  for (const Component& c : comps)
    ref_of[lock.key_of(*c.locked)] = bom_ref(*c.locked);
  // The project's ref is its name: package refs all have an '@', so they never collide.
  const std::string& root_ref = input.manifest.name;

  Json doc;
  doc["bomFormat"] = "CycloneDX";
  doc["specVersion"] = "1.5";
  doc["serialNumber"] = "urn:uuid:" + derived_uuid(document_seed("cyclonedx", input, options));
  doc["version"] = 1;

  Json meta;
  meta["timestamp"] = options.timestamp;
  meta["tools"] = {{"components", Json::array({{{"type", "application"},
                                                {"name", "pinset"},
                                                {"version", options.tool_version}}})}};
  meta["component"] = {
      {"type", "application"}, {"bom-ref", root_ref}, {"name", input.manifest.name}};
  Json meta_props = Json::array();
  add_set_properties(meta_props, lock);
  meta_props.push_back(property("pinset:set:url", lock.set_url));
  if (input.set.expires) meta_props.push_back(property("pinset:set:expires", *input.set.expires));
  if (input.set.published)
    meta_props.push_back(property("pinset:set:published", *input.set.published));
  meta["properties"] = std::move(meta_props);
  doc["metadata"] = std::move(meta);

  Json list = Json::array();
  for (const Component& c : comps)
    list.push_back(component_json(c, lock));
  doc["components"] = std::move(list);

  model::LockGraph graph(input.manifest, lock);
  auto refs = [&](const std::vector<std::string>& names) {
    Json out = Json::array();
    for (const std::string& n : names)
      out.push_back(ref_of[n]);
    return out;
  };
  Json deps = Json::array();
  deps.push_back({{"ref", root_ref}, {"dependsOn", refs(graph.roots())}});
  for (const Component& c : comps)
    deps.push_back({{"ref", bom_ref(*c.locked)},
                    {"dependsOn", refs(graph.dependencies_of(lock.key_of(*c.locked)))}});
  doc["dependencies"] = std::move(deps);

  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace pinset::report
