#pragma once
// A small project for policy engine tests, built in memory: a package set (YAML text), a manifest,
// a lock made from chosen set entries, and a fixed "now" (2026-11-21T12:00:00Z).
//
// Set "acme" (serial 3, published 2026-10-01, expires 2027-01-31):
//   netlib 1.3.0 (MIT OR Apache-2.0, deps libfoo ^2.0.0), netlib 1.4.0 (same, vetted
//   safe-to-deploy), libfoo 2.1.0 (GPL-3.0-only, sha512, vetted "quick-look"), tinyzip 1.2.13 (no
//   license, https URL), oldssl 1.0.2 (MIT, vetted safe-to-deploy).
// Manifest "app": netlib ^1.3.0, tinyzip *. The lock: netlib 1.3.0, libfoo 2.1.0, tinyzip 1.2.13.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/error_text.hpp"

#include "core/model/lock_graph.hpp"
#include "core/policy/engine.hpp"
#include "core/util/dates.hpp"

namespace pinset::policy::test_fixture {

inline const char* k_set_yaml = R"(format: 1
name: acme
serial: 3
expires: 2027-01-31T00:00:00Z
published: 2026-10-01T00:00:00Z
packages:
  netlib:
    - version: 1.3.0
      checksum: sha256:1111111111111111111111111111111111111111111111111111111111111111
      url: artifacts/netlib-1.3.0.tgz
      dependencies: {libfoo: ^2.0.0}
      license: MIT OR Apache-2.0
    - version: 1.4.0
      checksum: sha256:2222222222222222222222222222222222222222222222222222222222222222
      url: artifacts/netlib-1.4.0.tgz
      dependencies: {libfoo: ^2.0.0}
      license: MIT OR Apache-2.0
      vetted: {by: alice@example.com, on: 2026-10-02, criteria: safe-to-deploy}
  libfoo:
    - version: 2.1.0
      checksum: sha512:33333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333
      url: artifacts/libfoo-2.1.0.tgz
      license: GPL-3.0-only
      vetted: {by: bob@example.com, on: 2026-10-03, criteria: quick-look}
  tinyzip:
    - version: 1.2.13
      checksum: sha256:4444444444444444444444444444444444444444444444444444444444444444
      url: https://cdn.example.com/tinyzip-1.2.13.tgz
  oldssl:
    - version: 1.0.2
      checksum: sha256:5555555555555555555555555555555555555555555555555555555555555555
      url: artifacts/oldssl-1.0.2.tgz
      license: MIT
      vetted: {by: alice@example.com, on: 2026-10-02, criteria: safe-to-deploy}
)";

inline const char* k_manifest_yaml = R"(name: app
package-set:
  url: sets/acme.yaml
dependencies:
  netlib: ^1.3.0
  tinyzip: "*"
)";

struct Project {
  model::PackageSet set;
  model::Manifest manifest;
  model::Lock lock;
  std::optional<model::LockGraph> graph;
  Context ctx;

  Project() {
    auto s = model::parse_package_set(k_set_yaml, "/p/sets/acme.yaml", doc::Format::yaml);
    EXPECT_TRUE(s) << test::error_of(s);
    if (s) set = std::move(*s);
    auto m = model::parse_manifest(k_manifest_yaml, "pinset.yaml", doc::Format::yaml);
    EXPECT_TRUE(m) << test::error_of(m);
    if (m) manifest = std::move(*m);
    lock.set_name = "acme";
    lock.set_url = "sets/acme.yaml";
    lock.set_serial = 3;
    lock_entry("libfoo", "2.1.0", {});
    lock_entry("netlib", "1.3.0", {"libfoo"});
    lock_entry("tinyzip", "1.2.13", {});
    ctx.now = *dates::parse_timestamp("2026-11-21T12:00:00Z");
    ctx.manifest_path = "pinset.yaml";
    ctx.project_dir = "/p";
    ctx.lock_path = "pinset.lock";
    ctx.set_url = "file:///p/sets/acme.yaml";
    refresh();
  }

  // Adds the set's entry for name@version to the lock (URL resolved as `pinset resolve` does).
  void lock_entry(const std::string& name, const std::string& version,
                  std::vector<std::string> deps) {
    const model::Package* pkg = set.find(name);
    ASSERT_NE(pkg, nullptr) << name;
    for (const auto& e : pkg->entries) {
      if (e.version.str() != version) continue;
      model::LockedPackage p;
      p.name = name;
      p.version = e.version;
      p.checksum = e.checksum;
      p.url = e.url.find("://") != std::string::npos ? e.url : "sets/" + e.url;
      p.dependencies = std::move(deps);
      lock.packages.push_back(std::move(p));
      std::sort(lock.packages.begin(), lock.packages.end(), [](const auto& a, const auto& b) {
        return a.name != b.name ? a.name < b.name : a.version < b.version;
      });
      return;
    }
    FAIL() << name << " " << version;
  }

  // Points the context at the current manifest, set and lock (call after changing them).
  void refresh() {
    ctx.manifest = &manifest;
    ctx.set = &set;
    ctx.lock = &lock;
    graph.emplace(manifest, lock);
    ctx.paths.clear();
    ctx.lock_lines.clear();
    int line = 10;
    for (const auto& p : lock.packages) {
      std::string key = lock.key_of(p);
      auto path = graph->shortest_path(key);
      if (!path.empty()) {
        path.insert(path.begin(), manifest.name);
        ctx.paths[key] = path;
      }
      ctx.lock_lines[key] = line;
      line += 6;
    }
  }
};

inline Policy policy_of(const std::string& text) {
  auto p = parse_policy(text, "policy.yaml");
  EXPECT_TRUE(p) << test::error_of(p);
  return p ? *p : Policy();
}

// "severity rule/code package: message [file:line] (path a > b)" per finding, waived ones marked.
inline std::vector<std::string> lines(const Report& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) {
    std::string s = std::string(severity_name(f.severity)) + " " + f.rule + "/" + f.code;
    if (!f.package.empty()) s += " " + f.package;
    s += ": " + f.message;
    if (!f.location.file.empty()) {
      s += " [" + f.location.file + (f.location.line ? ":" + std::to_string(f.location.line) : "") +
           "]";
    }
    if (!f.path.empty()) {
      std::string path;
      for (const auto& p : f.path)
        path += (path.empty() ? "" : " > ") + p;
      s += " (" + path + ")";
    }
    if (f.waived) s += " WAIVED";
    out.push_back(s);
  }
  return out;
}

inline std::vector<std::string> run(Project& project, const std::string& policy_text) {
  project.refresh();
  return lines(evaluate(policy_of(policy_text), project.ctx));
}

}  // namespace pinset::policy::test_fixture
