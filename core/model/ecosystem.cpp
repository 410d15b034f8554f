// The ecosystem table and purl naming.
#include "core/model/ecosystem.hpp"

#include <array>

#include "core/util/strings.hpp"

namespace pinset::model {

namespace {

constexpr std::array<EcosystemInfo, 8> k_ecosystems{{
    {Ecosystem::generic, "generic", "generic", ""},
    {Ecosystem::npm, "npm", "npm", "npm"},
    {Ecosystem::cargo, "cargo", "cargo", "crates.io"},
    {Ecosystem::pypi, "pypi", "pypi", "PyPI"},
    {Ecosystem::golang, "golang", "golang", "Go"},
    {Ecosystem::maven, "maven", "maven", "Maven"},
    {Ecosystem::gem, "gem", "gem", "RubyGems"},
    {Ecosystem::nuget, "nuget", "nuget", "NuGet"},
}};

}  // namespace

std::string purl_encode(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.' || c == '_' || c == '~' || c == ':';
    if (plain) {
      out += ch;
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

const EcosystemInfo& ecosystem_info(Ecosystem e) {
  for (const EcosystemInfo& info : k_ecosystems) {
    if (info.id == e) return info;
  }
  return k_ecosystems.front();  // unset
}

Result<Ecosystem> parse_ecosystem(std::string_view text) {
  std::string known;
  for (const EcosystemInfo& info : k_ecosystems) {
    if (info.name == text) return info.id;
    known += (known.empty() ? "" : ", ") + std::string(info.name);
  }
  return fail(codes::invalid_ecosystem, "unknown ecosystem " + quote(text), {},
              "write one of " + known + " (generic when none fits)");
}

std::string purl_body(Ecosystem e, std::string_view namespace_, std::string_view name,
                      std::string_view version) {
  const EcosystemInfo& info = ecosystem_info(e);
  std::string out(info.purl_type);
  out += '/';
  if (info.id == Ecosystem::generic && !namespace_.empty()) out += purl_encode(namespace_) + "/";
  std::string normalized(name);
  if (info.id == Ecosystem::pypi) {
    for (char& c : normalized) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c == '_' || c == '.') c = '-';
    }
  }
  std::string_view rest = normalized;
  for (std::size_t slash = rest.find('/'); slash != std::string_view::npos;
       slash = rest.find('/')) {
    out += purl_encode(rest.substr(0, slash)) + "/";
    rest.remove_prefix(slash + 1);
  }
  out += purl_encode(rest) + "@" + purl_encode(version);
  return out;
}

}  // namespace pinset::model
