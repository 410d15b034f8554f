// Conservative update with a lock: keep every locked version that is still valid, change only what
// must change.
#include <gtest/gtest.h>

#include "tests/resolve/resolve_test_util.hpp"

namespace pinset::resolve::test {
namespace {

model::Lock lock_of(const std::vector<std::pair<std::string, std::string>>& pins) {
  model::Lock lock;
  for (const auto& [name, version] : pins) {
    model::LockedPackage p;
    p.name = name;
    p.version = SetBuilder::parse_version(version);
    lock.packages.push_back(p);
  }
  return lock;
}

Options with(const model::Lock& lock) {
  Options o;
  o.lock = &lock;
  return o;
}

TEST(Lock, KeepsALockedVersionWhileANewerOneExists) {
  model::PackageSet set =
      SetBuilder().add("a", "1.0.0").add("a", "1.1.0").add("a", "1.2.0").build();
  model::Lock lock = lock_of({{"a", "1.1.0"}});
  EXPECT_EQ(outcome(set, roots({{"a", "^1.0.0"}}), with(lock)), "a 1.1.0");
  EXPECT_EQ(outcome(set, roots({{"a", "^1.0.0"}})), "a 1.2.0");  // without the lock
}

TEST(Lock, ChangesOnlyThePackageWhoseLockedVersionNoLongerSatisfies) {
  model::PackageSet set = SetBuilder()
                              .add("a", "1.0.0")
                              .add("a", "1.1.0")
                              .add("a", "1.2.0")
                              .add("b", "1.0.0")
                              .add("b", "1.1.0")
                              .add("b", "1.2.0")
                              .build();
  model::Lock lock = lock_of({{"a", "1.1.0"}, {"b", "1.0.0"}});
  // The manifest now wants b ^1.1.0: b moves, to the highest allowed; a stays.
  EXPECT_EQ(outcome(set, roots({{"a", "^1.0.0"}, {"b", "^1.1.0"}}), with(lock)),
            "a 1.1.0, b 1.2.0");
}

TEST(Lock, ChangesADependencyOnlyWhenANewRequirementForcesIt) {
  model::PackageSet set = SetBuilder()
                              .add("app", "1.0.0", {{"c", "^1.0.0"}})
                              .add("app", "1.1.0", {{"c", "^1.0.0"}})
                              .add("app", "1.2.0", {{"c", "^1.0.0"}})
                              .add("c", "1.0.0")
                              .add("c", "1.5.0")
                              .add("d", "1.0.0", {{"c", "^1.5.0"}})
                              .add("e", "1.0.0")
                              .add("e", "1.3.0")
                              .build();
  model::Lock lock = lock_of({{"app", "1.1.0"}, {"c", "1.0.0"}, {"e", "1.0.0"}});
  auto rs = roots({{"app", "^1.0.0"}, {"e", "*"}});
  EXPECT_EQ(outcome(set, rs, with(lock)), "app 1.1.0, c 1.0.0, e 1.0.0");
  // A new root d needs c ^1.5.0: c must move; app and e keep their locked versions.
  rs = roots({{"app", "^1.0.0"}, {"d", "*"}, {"e", "*"}});
  EXPECT_EQ(outcome(set, rs, with(lock)), "app 1.1.0, c 1.5.0, d 1.0.0, e 1.0.0");
}

TEST(Lock, MovesOffALockedVersionThatLeadsToAConflict) {
  // a 2.0.0 is locked, but its dependency can no longer be met, so a goes back to 1.0.0.
  model::PackageSet set = SetBuilder()
                              .add("a", "1.0.0", {{"c", "^1.0.0"}})
                              .add("a", "2.0.0", {{"c", "^2.0.0"}})
                              .add("a", "3.0.0", {{"c", "^2.0.0"}})
                              .add("c", "1.0.0")
                              .add("c", "2.0.0")
                              .build();
  model::Lock lock = lock_of({{"a", "2.0.0"}, {"c", "2.0.0"}});
  EXPECT_EQ(outcome(set, roots({{"a", "*"}, {"c", "^1.0.0"}}), with(lock)), "a 1.0.0, c 1.0.0");
}

TEST(Lock, IgnoresLockedVersionsAndNamesTheSetNoLongerHas) {
  model::PackageSet set = SetBuilder().add("a", "1.0.0").add("a", "1.2.0").build();
  model::Lock lock = lock_of({{"a", "1.1.0"}, {"gone", "1.0.0"}});
  EXPECT_EQ(outcome(set, roots({{"a", "^1.0.0"}}), with(lock)), "a 1.2.0");
}

}  // namespace
}  // namespace pinset::resolve::test
