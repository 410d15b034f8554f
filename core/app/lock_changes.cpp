#include "core/app/lock_changes.hpp"

#include <map>

namespace pinset::app {

std::vector<std::string> describe_lock_changes(const model::Lock* before,
                                               const model::Lock& after) {
  std::vector<std::string> out;
  if (before != nullptr) {
    if (before->set_url != after.set_url) {
      out.push_back("package set url " + before->set_url + " -> " + after.set_url);
    }
    if (before->set_serial != after.set_serial) {
      out.push_back("package set serial " + std::to_string(before->set_serial) + " -> " +
                    std::to_string(after.set_serial));
    }
    if (before->set_digest != after.set_digest) {
      out.push_back("package set digest " + before->set_digest.short_str() + " -> " +
                    after.set_digest.short_str());
    }
  }
  std::map<std::string, std::pair<const model::LockedPackage*, const model::LockedPackage*>> all;
  if (before != nullptr) {
    for (const auto& p : before->packages)
      all[p.name].first = &p;
  }
  for (const auto& p : after.packages)
    all[p.name].second = &p;
  for (const auto& [name, pair] : all) {
    const auto* a = pair.first;
    const auto* b = pair.second;
    if (a == nullptr) {
      out.push_back("added " + name + " " + b->version.str());
    } else if (b == nullptr) {
      out.push_back("removed " + name + " " + a->version.str());
    } else if (a->version != b->version) {
      out.push_back(name + " " + a->version.str() + " -> " + b->version.str());
    } else {
      std::string what = name + " " + b->version.str() + ": ";
      if (a->checksum != b->checksum) out.push_back(what + "checksum changed");
      if (a->url != b->url) out.push_back(what + "url changed");
      if (a->dependencies != b->dependencies) out.push_back(what + "dependencies changed");
      if (a->version.build() != b->version.build()) out.push_back(what + "build metadata changed");
    }
  }
  return out;
}

std::vector<std::string> describe_artifact_swaps(const model::Lock& before,
                                                 const model::Lock& after,
                                                 const std::string& lock_path) {
  std::vector<std::string> out;
  for (const auto& b : after.packages) {
    const model::LockedPackage* a = before.find(b.name);
    if (a == nullptr || a->version != b.version) continue;
    if (a->checksum == b.checksum && a->url == b.url) continue;
    out.push_back(lock_path + " had " + b.name + " " + b.version.str() + " with checksum " +
                  a->checksum.str() + " from " + quote(a->url, 200) + "; the package set has " +
                  b.checksum.str() + " from " + quote(b.url, 200) +
                  ": the lock now follows the set; review this change before committing it");
  }
  return out;
}

}  // namespace pinset::app
