// The lock's per-package origin: "overlay" is written for a package from the manifest's overlay;
// a package from the set has no origin field, so locks written before overlays stay the same.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/crypto/digest.hpp"
#include "core/model/lock.hpp"
#include "tests/support/error_text.hpp"

namespace pinset::model {
namespace {

using Json = nlohmann::json;

Lock two_packages() {
  Lock lock;
  lock.set_name = "main";
  lock.set_url = "sets/main.yaml";
  lock.set_digest = crypto::sha256("set");
  lock.set_serial = 3;
  LockedPackage a{"a", semver::Version(1, 0, 0), crypto::sha256("a"), "a.tgz", {}};
  LockedPackage b{"b", semver::Version(2, 0, 0), crypto::sha256("b"), "b.tgz", {"a"}};
  b.origin = "overlay";
  lock.packages = {a, b};
  return lock;
}

TEST(LockOrigin, WrittenOnlyForOverlayPackagesAndReadBack) {
  Lock lock = two_packages();
  std::string text = write_lock(lock);
  Json j = Json::parse(text);
  EXPECT_FALSE(j["packages"]["a"].contains("origin"));
  EXPECT_EQ(j["packages"]["b"]["origin"], "overlay");
  auto back = parse_lock(text, "pinset.lock");
  ASSERT_TRUE(back) << back.error().render();
  EXPECT_EQ(*back, lock);
  EXPECT_EQ(back->packages[0].origin, "set");
  EXPECT_EQ(back->packages[1].origin, "overlay");
}

TEST(LockOrigin, TheOriginIsCoveredByTheContentDigest) {
  std::string text = write_lock(two_packages());
  std::string edited = text;
  edited.replace(edited.find("\"overlay\""), 9, "\"set\"");
  auto r = parse_lock(edited, "pinset.lock");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "lock-tampered");
}

TEST(LockOrigin, UnknownOriginIsRefused) {
  Json j = Json::parse(write_lock(two_packages()));
  j["packages"]["b"]["origin"] = "vendor";
  j.erase("content-digest");
  j["content-digest"] = "sha256:" + crypto::sha256(j.dump(2)).hex();
  EXPECT_EQ(test::error_of(parse_lock(j.dump(2) + "\n", "pinset.lock")),
            "invalid-origin: pinset.lock:22:17: packages.b.origin: unknown origin \"vendor\"; a "
            "package comes from the \"set\" or the manifest's \"overlay\"\n"
            "  help: delete it and re-run `pinset resolve` (or `pinset install`) to regenerate it, "
            "or restore it from version control");
}

}  // namespace
}  // namespace pinset::model
