#include "core/report/component.hpp"

#include <algorithm>
#include <cctype>

#include "core/crypto/digest.hpp"
#include "core/policy/license_expr.hpp"

namespace pinset::report {

namespace {

const model::Entry* find_entry(const model::PackageSet& set, const model::LockedPackage& locked) {
  const model::Package* pkg = set.find(locked.name);
  if (pkg == nullptr) return nullptr;
  for (const model::Entry& e : pkg->entries) {
    if (e.version == locked.version && e.checksum == locked.checksum) return &e;
  }
  return nullptr;
}

const model::OverlayEntry* find_overlay(const model::Manifest& manifest,
                                        const model::LockedPackage& locked) {
  for (const model::OverlayEntry& o : manifest.overlay) {
    if (o.action == model::OverlayAction::drop || o.name != locked.name) continue;
    if (o.version && *o.version == locked.version) return &o;
  }
  return nullptr;
}

void set_license(Component& c, const std::string& text) {
  c.license_as_written = text;
  if (text.empty()) return;
  auto expr = policy::parse_license_expression(text);
  if (!expr) return;
  c.license = policy::to_string(*expr);
  for (std::string& id : policy::license_ids(*expr)) {
    bool ref = id.size() > 11 &&
               std::equal(id.begin(), id.begin() + 11, "licenseref-", [](char a, char b) {
                 return std::tolower(static_cast<unsigned char>(a)) == b;
               });
    if (ref) c.license_refs.push_back(std::move(id));
  }
}

}  // namespace

bool is_absolute_url(std::string_view url) {
  std::size_t colon = url.find("://");
  if (colon == std::string_view::npos || colon == 0) return false;
  if (std::isalpha(static_cast<unsigned char>(url[0])) == 0) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    auto c = static_cast<unsigned char>(url[i]);
    if (std::isalnum(c) == 0 && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

std::string purl(const model::LockedPackage& locked, std::string_view set_name,
                 model::Ecosystem ecosystem) {
  std::string out = "pkg:";
  out += model::purl_body(ecosystem, locked.origin != "overlay" ? set_name : std::string_view(),
                          locked.name, locked.version.str());
  // Qualifiers in key order, as the canonical form wants.
  out += "?checksum=" + purl_encode(std::string(crypto::algo_name(locked.checksum.algo())) + ":" +
                                    locked.checksum.hex());
  if (is_absolute_url(locked.url)) out += "&download_url=" + purl_encode(locked.url);
  return out;
}

std::string derived_uuid(std::string_view seed) {
  std::string bytes(crypto::sha256(seed).bytes().substr(0, 16));
  bytes[6] = static_cast<char>((static_cast<unsigned char>(bytes[6]) & 0x0f) | 0x80);
  bytes[8] = static_cast<char>((static_cast<unsigned char>(bytes[8]) & 0x3f) | 0x80);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    auto c = static_cast<unsigned char>(bytes[i]);
    out += k_hex[c >> 4];
    out += k_hex[c & 15];
  }
  return out;
}

std::string document_seed(std::string_view format, const ReportInput& input,
                          const SbomOptions& options) {
  return "pinset-sbom\n" + std::string(format) + "\n" + options.timestamp + "\n" +
         input.manifest.name + "\n" + model::write_lock(input.lock);
}

std::vector<Component> components(const ReportInput& input) {
  std::vector<Component> out;
  out.reserve(input.lock.packages.size());
  for (const model::LockedPackage& locked : input.lock.packages) {
    Component c;
    c.locked = &locked;
    if (locked.origin == "overlay") {
      c.overlay = find_overlay(input.manifest, locked);
      if (c.overlay != nullptr) set_license(c, c.overlay->license);
    } else {
      c.entry = find_entry(input.set, locked);
      if (c.entry != nullptr) {
        set_license(c, c.entry->license);
        if (!c.entry->vetted().empty()) c.vetted = &c.entry->vetted();
      }
    }
    model::Ecosystem ecosystem = c.entry != nullptr     ? input.set.ecosystem_of(*c.entry)
                                 : c.overlay != nullptr ? model::Ecosystem::unset
                                                        : input.set.ecosystem;
    c.purl = purl(locked, input.lock.set_name, ecosystem);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace pinset::report
