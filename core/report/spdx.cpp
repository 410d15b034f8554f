#include "core/report/spdx.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "core/model/lock_graph.hpp"

namespace pinset::report {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* k_no_assertion = "NOASSERTION";
constexpr const char* k_project_id = "SPDXRef-Project";

std::string set_source(const model::Lock& lock) {
  return "pinset package set " + lock.set_name + ", serial " + std::to_string(lock.set_serial) +
         ", digest " + lock.set_digest.str();
}

// Where the package came from: the set (name, serial, digest) or the manifest's overlay (reason,
// expiry), and the lock's URL when it is relative (downloadLocation only takes absolute URLs).
std::string source_info(const Component& c, const model::Lock& lock,
                        const model::Manifest& manifest) {
  const model::LockedPackage& p = *c.locked;
  std::string out;
  if (p.origin == "overlay") {
    out = "pinset overlay in " + manifest.source;
    if (c.overlay != nullptr) {
      out += ": " + c.overlay->reason;
      if (c.overlay->expires) out += " (expires " + *c.overlay->expires + ")";
    }
  } else {
    out = set_source(lock);
    if (c.entry != nullptr && !c.entry->from().empty()) out += ", from " + c.entry->from();
  }
  if (!is_absolute_url(p.url)) out += "; artifact " + p.url + " (relative to the project)";
  return out;
}

// Vetting provenance is a review of this exact artifact: an SPDX REVIEW annotation.
Json review(const model::Vetting& v) {
  std::string comment = "vetted";
  if (!v.criteria.empty()) comment += ": " + v.criteria;
  if (!v.ticket.empty()) comment += (v.criteria.empty() ? ": ticket " : ", ticket ") + v.ticket;
  return {{"annotationDate", v.on + "T00:00:00Z"},
          {"annotationType", "REVIEW"},
          {"annotator", "Person: " + v.by},
          {"comment", comment}};
}

Json package_json(const Component& c, const model::Lock& lock, const model::Manifest& manifest) {
  const model::LockedPackage& p = *c.locked;
  Json j = {{"SPDXID", spdx_package_id(lock.key_of(p))},
            {"name", p.name},
            {"versionInfo", p.version.str()},
            {"downloadLocation", is_absolute_url(p.url) ? p.url : k_no_assertion},
            {"filesAnalyzed", false}};
  j["checksums"] = Json::array(
      {{{"algorithm", p.checksum.algo() == crypto::DigestAlgo::sha256 ? "SHA256" : "SHA512"},
        {"checksumValue", p.checksum.hex()}}});
  // The set records the license its curators declared; pinset concludes nothing of its own.
  j["licenseConcluded"] = k_no_assertion;
  j["licenseDeclared"] = c.license.empty() ? k_no_assertion : c.license;
  if (c.license.empty() && !c.license_as_written.empty()) {
    j["licenseComments"] = "declared as " + quote(c.license_as_written, 200) +
                           ", which is not a valid SPDX license expression";
  }
  j["copyrightText"] = k_no_assertion;
  j["externalRefs"] = Json::array({{{"referenceCategory", "PACKAGE-MANAGER"},
                                    {"referenceType", "purl"},
                                    {"referenceLocator", c.purl}}});
  j["sourceInfo"] = source_info(c, lock, manifest);
  j["primaryPackagePurpose"] = "LIBRARY";
  if (c.vetted != nullptr && !c.vetted->empty()) {
    j["annotations"] = Json::array();
    for (const model::Vetting& v : *c.vetted)
      j["annotations"].push_back(review(v));
  }
  return j;
}

Json relationship(const std::string& from, const char* type, const std::string& to) {
  return {{"spdxElementId", from}, {"relationshipType", type}, {"relatedSpdxElement", to}};
}

}  // namespace

std::string spdx_package_id(std::string_view name) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out = "SPDXRef-Package-";
  for (char ch : name) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
      out += ch;
    } else {
      out += 'X';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

std::string write_spdx(const ReportInput& input, const SbomOptions& options) {
  const model::Lock& lock = input.lock;
  std::vector<Component> comps = components(input);

  Json doc;
  doc["spdxVersion"] = "SPDX-2.3";
  doc["dataLicense"] = "CC0-1.0";
  doc["SPDXID"] = "SPDXRef-DOCUMENT";
  doc["name"] = input.manifest.name;
  doc["documentNamespace"] = "https://spdx.org/spdxdocs/pinset-" +
                             purl_encode(input.manifest.name) + "-" +
                             derived_uuid(document_seed("spdx", input, options));
  doc["creationInfo"] = {
      {"created", options.timestamp},
      {"creators", Json::array({"Tool: pinset-" + options.tool_version})},
      {"comment", "From the lock of " + input.manifest.source + ", resolved from " +
                      set_source(lock) + " (" + lock.set_url + ")"}};

  // A LicenseRef used in a license field must be defined in the document. The set names it only by
  // its id, so its text is not known.
  std::set<std::string> refs;
  for (const Component& c : comps)
    refs.insert(c.license_refs.begin(), c.license_refs.end());
  if (!refs.empty()) {
    Json infos = Json::array();
    for (const std::string& id : refs) {
      infos.push_back(
          {{"licenseId", id},
           {"extractedText", "NOASSERTION"},
           {"name", id.substr(11)},
           {"comment", "named by the package set or overlay; its text is not recorded"}});
    }
    doc["hasExtractedLicensingInfos"] = std::move(infos);
  }

  Json packages = Json::array();
  packages.push_back({{"SPDXID", k_project_id},
                      {"name", input.manifest.name},
                      {"downloadLocation", k_no_assertion},
                      {"filesAnalyzed", false},
                      {"licenseConcluded", k_no_assertion},
                      {"licenseDeclared", k_no_assertion},
                      {"copyrightText", k_no_assertion},
                      {"primaryPackagePurpose", "APPLICATION"}});
  for (const Component& c : comps)
    packages.push_back(package_json(c, lock, input.manifest));
  doc["packages"] = std::move(packages);

  model::LockGraph graph(input.manifest, lock);
  Json rels = Json::array();
  rels.push_back(relationship("SPDXRef-DOCUMENT", "DESCRIBES", k_project_id));
  for (const std::string& root : graph.roots())
    rels.push_back(relationship(k_project_id, "DEPENDS_ON", spdx_package_id(root)));
  for (const Component& c : comps) {
    std::string key = lock.key_of(*c.locked);
    for (const std::string& dep : graph.dependencies_of(key))
      rels.push_back(relationship(spdx_package_id(key), "DEPENDS_ON", spdx_package_id(dep)));
  }
  doc["relationships"] = std::move(rels);

  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace pinset::report
