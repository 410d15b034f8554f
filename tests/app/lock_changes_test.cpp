// What `resolve --locked` and `install` say changed between two locks, also for names locked in
// several versions (multiple-versions): each version is added, removed or compared with itself.
#include "core/app/lock_changes.hpp"

#include <gtest/gtest.h>

namespace pinset::app {
namespace {

model::LockedPackage locked(const std::string& name, const std::string& version,
                            const std::string& checksum_digit = "1") {
  model::LockedPackage p;
  p.name = name;
  p.version = *semver::Version::parse(version);
  p.checksum = *crypto::Checksum::parse("sha256:" + std::string(64, checksum_digit[0]));
  p.url = "https://example.org/" + name + "-" + version + ".tgz";
  return p;
}

model::Lock lock_of(std::vector<model::LockedPackage> packages) {
  model::Lock lock;
  lock.packages = std::move(packages);  // given sorted by name, then version
  return lock;
}

using Lines = std::vector<std::string>;

TEST(LockChanges, OneVersionPerNamePairsTheVersions) {
  model::Lock before = lock_of({locked("debug", "2.6.9"), locked("ms", "2.0.0")});
  model::Lock after = lock_of({locked("debug", "4.4.3"), locked("ms", "2.0.0", "2")});
  EXPECT_EQ(describe_lock_changes(&before, after),
            (Lines{"debug 2.6.9 -> 4.4.3", "ms 2.0.0: checksum changed"}));
}

TEST(LockChanges, SeveralVersionsOfANameAreComparedVersionByVersion) {
  model::Lock both = lock_of({locked("ms", "2.0.0"), locked("ms", "2.1.3")});
  model::Lock newer = lock_of({locked("ms", "2.1.3")});
  model::Lock swapped = lock_of({locked("ms", "2.0.0"), locked("ms", "2.1.3", "3")});
  EXPECT_EQ(describe_lock_changes(&both, both), Lines{});
  // Dropping the older copy is a change even though the newest version is the same.
  EXPECT_EQ(describe_lock_changes(&both, newer), Lines{"removed ms 2.0.0"});
  EXPECT_EQ(describe_lock_changes(&newer, both), Lines{"added ms 2.0.0"});
  EXPECT_EQ(describe_lock_changes(&both, swapped), Lines{"ms 2.1.3: checksum changed"});
}

}  // namespace
}  // namespace pinset::app
