#pragma once
// A text summary of everything a parsed package set holds, for differential fuzz targets: two
// parsers that read the same document agree when their summaries are equal.

#include <string>

#include "core/model/package_set.hpp"

namespace pinset::fuzz {

inline std::string summarize(const model::PackageSet& set) {
  std::string out = "format " + std::to_string(set.format) + " name " + set.name + " serial " +
                    std::to_string(set.serial) + " expires " + set.expires.value_or("-") +
                    " published " + set.published.value_or("-") + "\n";
  for (const model::Package& p : set.packages()) {
    out += std::string(set.name_of(p.name)) + ":\n";
    for (const model::Entry& e : p.entries) {
      out += "  " + e.version.str() + " " + e.checksum.str() + " " + e.url + " license " +
             e.license + " size " + (e.size ? std::to_string(*e.size) : "-") + " strip " +
             std::to_string(e.strip_components) + " line " + std::to_string(e.line);
      for (const model::Vetting& v : e.vetted())
        out += " vetted " + v.by + "/" + v.on + "/" + v.criteria + "/" + v.ticket;
      if (!e.published_at().empty()) out += " published-at " + e.published_at();
      if (!e.publisher().empty()) out += " publisher " + e.publisher();
      for (const model::DependencyRef& d : e.dependencies) {
        out += " dep " + std::string(set.name_of(d.name)) + "@" + set.range(d.range).text();
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace pinset::fuzz
