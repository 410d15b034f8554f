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
  // By name, each side's versions (a name has several with multiple-versions).
  using Versions = std::vector<const model::LockedPackage*>;
  std::map<std::string, std::pair<Versions, Versions>> all;
  if (before != nullptr) {
    for (const auto& p : before->packages)
      all[p.name].first.push_back(&p);
  }
  for (const auto& p : after.packages)
    all[p.name].second.push_back(&p);
  auto same_version = [&](const std::string& name, const model::LockedPackage* a,
                          const model::LockedPackage* b) {
    std::string what = name + " " + b->version.str() + ": ";
    if (a->checksum != b->checksum) out.push_back(what + "checksum changed");
    if (a->url != b->url) out.push_back(what + "url changed");
    if (a->dependencies != b->dependencies) out.push_back(what + "dependencies changed");
    if (a->version.build() != b->version.build()) out.push_back(what + "build metadata changed");
  };
  for (const auto& [name, sides] : all) {
    const Versions& was = sides.first;
    const Versions& now = sides.second;
    if (was.size() <= 1 && now.size() <= 1) {
      const auto* a = was.empty() ? nullptr : was.front();
      const auto* b = now.empty() ? nullptr : now.front();
      if (a == nullptr) {
        out.push_back("added " + name + " " + b->version.str());
      } else if (b == nullptr) {
        out.push_back("removed " + name + " " + a->version.str());
      } else if (a->version != b->version) {
        out.push_back(name + " " + a->version.str() + " -> " + b->version.str());
      } else {
        same_version(name, a, b);
      }
      continue;
    }
    // Several versions on a side: each version is added, removed or compared with itself.
    auto find = [](const Versions& in, const model::LockedPackage* p) {
      for (const auto* q : in) {
        if (q->version == p->version) return q;
      }
      return static_cast<const model::LockedPackage*>(nullptr);
    };
    for (const auto* a : was) {
      if (find(now, a) == nullptr) out.push_back("removed " + name + " " + a->version.str());
    }
    for (const auto* b : now) {
      if (const auto* a = find(was, b)) {
        same_version(name, a, b);
      } else {
        out.push_back("added " + name + " " + b->version.str());
      }
    }
  }
  return out;
}

std::vector<std::string> describe_artifact_swaps(const model::Lock& before,
                                                 const model::Lock& after,
                                                 const std::string& lock_path) {
  std::vector<std::string> out;
  for (const auto& b : after.packages) {
    // The same name and version before (with multiple-versions, one of several).
    const model::LockedPackage* a = before.find_key(b.name + "@" + b.version.str());
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
