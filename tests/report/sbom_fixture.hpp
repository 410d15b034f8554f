#pragma once
// A small project for the SBOM writer tests: a set parsed from YAML (licenses, vetting, sha256 and
// sha512, absolute and relative URLs, build metadata), a manifest, and the lock a resolve gives.
//
//   myapp -> netlib 1.4.0 -> libfoo 2.1.0
//         |              -> tls-shim 0.9.4+build.5 -> libfoo
//         -> libfoo

#include <stdexcept>
#include <string>

#include "core/model/lock.hpp"
#include "core/model/manifest.hpp"
#include "core/model/package_set.hpp"
#include "core/report/component.hpp"

namespace pinset::test {

inline const std::string k_sum_netlib = "sha256:" + std::string(64, 'a');
inline const std::string k_sum_libfoo = "sha256:" + std::string(64, 'b');
inline const std::string k_sum_tls = "sha512:" + std::string(128, 'c');
inline const std::string k_set_digest = "sha256:" + std::string(64, 'd');

inline const char* k_sbom_set_yaml = R"(format: 1
name: acme-core
serial: 42
expires: 2027-06-30T00:00:00Z
packages:
  netlib:
    - version: 1.3.0
      checksum: sha256:1111111111111111111111111111111111111111111111111111111111111111
      url: https://mirror.example.com/netlib/netlib-1.3.0.tar.gz
      license: GPL-2.0-only
    - version: 1.4.0
      checksum: sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
      url: https://mirror.example.com/netlib/netlib-1.4.0.tar.gz
      dependencies: {libfoo: ^2.1.0, tls-shim: ~0.9.4}
      license: MIT OR Apache-2.0
      vetted: {by: alice@example.com, on: 2026-10-02, criteria: safe-to-deploy, ticket: SEC-1234}
  libfoo:
    - version: 2.1.0
      checksum: sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
      url: artifacts/libfoo-2.1.0.tar.gz
      license: MIT
      vetted: {by: bob@example.com, on: 2026-09-01}
  tls-shim:
    - version: 0.9.4+build.5
      checksum: sha512:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc
      url: https://mirror.example.com/tls-shim-0.9.4.tar.gz
      dependencies: {libfoo: ^2.0.0}
)";

inline const char* k_sbom_manifest_yaml = R"(name: myapp
package-set:
  url: sets/acme.yaml
dependencies:
  netlib: ^1.3.0
  libfoo: ">=2.1 <3"
)";

template <class T>
T value_or_throw(Result<T> r) {
  if (!r) throw std::runtime_error(r.error().render());
  return std::move(*r);
}

inline model::LockedPackage locked(const std::string& name, const std::string& version,
                                   const std::string& checksum, const std::string& url,
                                   std::vector<std::string> deps) {
  model::LockedPackage p;
  p.name = name;
  p.version = value_or_throw(semver::Version::parse(version));
  p.checksum = value_or_throw(crypto::Checksum::parse(checksum));
  p.url = url;
  p.dependencies = std::move(deps);
  return p;
}

struct SbomFixture {
  model::PackageSet set = value_or_throw(
      model::parse_package_set(k_sbom_set_yaml, "sets/acme.yaml", doc::Format::yaml));
  model::Manifest manifest =
      value_or_throw(model::parse_manifest(k_sbom_manifest_yaml, "pinset.yaml", doc::Format::yaml));
  model::Lock lock = make_lock();

  static model::Lock make_lock() {
    model::Lock lock;
    lock.set_name = "acme-core";
    lock.set_url = "sets/acme.yaml";
    lock.set_digest = value_or_throw(crypto::Checksum::parse(k_set_digest));
    lock.set_serial = 42;
    lock.packages.push_back(
        locked("libfoo", "2.1.0", k_sum_libfoo, "sets/artifacts/libfoo-2.1.0.tar.gz", {}));
    lock.packages.push_back(locked("netlib", "1.4.0", k_sum_netlib,
                                   "https://mirror.example.com/netlib/netlib-1.4.0.tar.gz",
                                   {"libfoo", "tls-shim"}));
    lock.packages.push_back(locked("tls-shim", "0.9.4+build.5", k_sum_tls,
                                   "https://mirror.example.com/tls-shim-0.9.4.tar.gz", {"libfoo"}));
    return lock;
  }

  // Gives every entry of `name` in the set this license.
  void set_license(const std::string& name, const std::string& license) {
    for (model::Entry& e : set.package(*set.id_of(name)).entries)
      e.license = license;
  }

  report::ReportInput input() const { return {manifest, lock, set}; }
  static report::SbomOptions options() { return {"2026-11-21T08:00:00Z", "0.1.0"}; }
};

}  // namespace pinset::test
