// Golden tests of the --json documents of install/ci and upgrade (core/app/outcome_json.hpp):
// scripts read these keys, so a change to their shape must show here.
#include "core/app/outcome_json.hpp"

#include <gtest/gtest.h>

namespace pinset::app {
namespace {

semver::Version v(const char* text) {
  return *semver::Version::parse(text);
}

crypto::Checksum sum(char digit) {
  return *crypto::Checksum::parse("sha256:" + std::string(64, digit));
}

TEST(OutcomeJson, InstallPlanEveryAction) {
  InstallOutcome out;
  out.layout = "packages";
  out.plan.prefix = "pinset_packages";
  const Source sources[] = {Source::installed, Source::store, Source::cache, Source::download};
  const char* names[] = {"a", "b", "c", "@s/d"};
  for (int i = 0; i < 4; ++i) {
    PlannedPackage p;
    p.name = names[i];
    p.version = v("1.0.0");
    p.checksum = sum(char('1' + i));
    p.url = std::string("https://example.com/") + names[i] + ".tgz";
    p.source = sources[i];
    if (i == 3) p.previous = v("0.9.0");
    out.plan.packages.push_back(p);
  }
  out.plan.removals = {"old"};
  out.plan.removed_folders = {"empty"};
  out.repaired = {"b 1.0.0: x.h: content changed"};
  out.downloaded = 1;
  out.downloaded_bytes = 1234;
  out.installed = true;
  out.resolution.lock_written = true;
  EXPECT_EQ(install_json(out).dump(1), R"({
 "prefix": "pinset_packages",
 "layout": "packages",
 "up-to-date": false,
 "packages": [
  {
   "name": "a",
   "version": "1.0.0",
   "checksum": "sha256:1111111111111111111111111111111111111111111111111111111111111111",
   "action": "keep",
   "url": "https://example.com/a.tgz"
  },
  {
   "name": "b",
   "version": "1.0.0",
   "checksum": "sha256:2222222222222222222222222222222222222222222222222222222222222222",
   "action": "link",
   "url": "https://example.com/b.tgz"
  },
  {
   "name": "c",
   "version": "1.0.0",
   "checksum": "sha256:3333333333333333333333333333333333333333333333333333333333333333",
   "action": "unpack",
   "url": "https://example.com/c.tgz"
  },
  {
   "name": "@s/d",
   "version": "1.0.0",
   "checksum": "sha256:4444444444444444444444444444444444444444444444444444444444444444",
   "action": "download",
   "url": "https://example.com/@s/d.tgz",
   "previous": "0.9.0"
  }
 ],
 "remove": [
  "old"
 ],
 "remove-folders": [
  "empty"
 ],
 "repaired": [
  "b 1.0.0: x.h: content changed"
 ],
 "downloaded": 1,
 "downloaded-bytes": 1234,
 "installed": true,
 "lock-written": true
})");
}

TEST(OutcomeJson, UpgradeChangesAndUnsatisfiableRanges) {
  UpgradeOutcome out;
  model::Lock previous;
  previous.set_name = "acme";
  previous.set_url = "https://sets.example.com/acme/41.yaml";
  previous.set_serial = 41;
  out.previous = previous;
  out.set.set.name = "acme";
  out.set.set.serial = 42;
  out.set.digest = sum('a');
  using Kind = PackageChange::Kind;
  out.changes = {{Kind::added, "new", std::nullopt, v("1.0.0")},
                 {Kind::removed, "gone", v("2.0.0"), std::nullopt},
                 {Kind::upgraded, "up", v("1.0.0"), v("1.1.0")},
                 {Kind::downgraded, "down", v("1.1.0"), v("1.0.0")},
                 {Kind::changed, "same", v("1.0.0"), v("1.0.0")}};
  out.unsatisfiable = {{"zlib", "^2.0.0", 7, {"1.2.13", "1.3.1"}}};
  out.written = false;
  EXPECT_EQ(
      upgrade_json(out, "https://sets.example.com/acme/42.yaml").dump(),
      R"({"from":{"name":"acme","url":"https://sets.example.com/acme/41.yaml","serial":41},)"
      R"("to":{"name":"acme","url":"https://sets.example.com/acme/42.yaml","serial":42,)"
      R"("digest":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},)"
      R"("changes":[{"name":"new","kind":"add","from":null,"to":"1.0.0"},)"
      R"({"name":"gone","kind":"remove","from":"2.0.0","to":null},)"
      R"({"name":"up","kind":"upgrade","from":"1.0.0","to":"1.1.0"},)"
      R"({"name":"down","kind":"downgrade","from":"1.1.0","to":"1.0.0"},)"
      R"({"name":"same","kind":"change","from":"1.0.0","to":"1.0.0"}],)"
      R"("unsatisfiable":[{"name":"zlib","range":"^2.0.0","line":7,)"
      R"("available":["1.2.13","1.3.1"]}],"written":false})");

  UpgradeOutcome first;  // no lock before: "from" is null
  first.set.set.name = "acme";
  first.set.set.serial = 1;
  first.set.digest = sum('b');
  EXPECT_EQ(upgrade_json(first, "set.yaml")["from"], nullptr);
  EXPECT_EQ(upgrade_json(first, "set.yaml")["changes"].size(), 0u);
}

}  // namespace
}  // namespace pinset::app
