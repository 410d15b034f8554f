#include "core/archive/policy.hpp"

#include <gtest/gtest.h>

namespace pinset::archive {
namespace {

struct PathCase {
  const char* raw;
  std::uint32_t strip;
  const char* expected;  // joined path, "<skipped>" when stripped away, or "!code: message"
};

std::string outcome(const Result<std::optional<MemberPath>>& result) {
  if (!result) return "!" + result.error().code + ": " + result.error().message;
  if (!*result) return "<skipped>";
  return (*result)->joined;
}

TEST(NormalizeMemberPath, Table) {
  const PathCase cases[] = {
      {"a/b/c.txt", 0, "a/b/c.txt"},
      {"./a//b/./c", 0, "a/b/c"},
      {"a/b/", 0, "a/b"},
      {"./", 0, ""},
      {".", 0, ""},
      {"pkg/a/b", 1, "a/b"},
      {"./pkg/a", 1, "a"},
      {"pkg/", 1, "<skipped>"},
      {"pkg/a", 2, "<skipped>"},
      {"a..b/..c/c..", 0, "a..b/..c/c.."},
      {"a\\..\\b", 0, "a\\..\\b"},  // a backslash is an ordinary character on POSIX
      {"/etc/passwd", 0, "!unsafe-archive: member \"/etc/passwd\" has an absolute path"},
      {"//x", 1, "!unsafe-archive: member \"//x\" has an absolute path"},
      {"../x", 0, "!unsafe-archive: member \"../x\" has a \"..\" path component"},
      {"a/../b", 0, "!unsafe-archive: member \"a/../b\" has a \"..\" path component"},
      {"pkg/../../x", 1, "!unsafe-archive: member \"pkg/../../x\" has a \"..\" path component"},
      {"a/..", 0, "!unsafe-archive: member \"a/..\" has a \"..\" path component"},
      {"", 0, "!unsafe-archive: member \"\" has an empty path"},
  };
  for (const PathCase& c : cases) {
    EXPECT_EQ(outcome(normalize_member_path(c.raw, c.strip, Limits{})), c.expected) << c.raw;
  }
}

TEST(NormalizeMemberPath, LimitsAreChecked) {
  Limits limits;
  limits.max_path_bytes = 10;
  limits.max_depth = 3;
  EXPECT_EQ(outcome(normalize_member_path("abcdefghijk", 0, limits)),
            "!archive-path-too-long: member \"abcdefghijk\" has a path of 11 bytes, over the "
            "limit of 10");
  EXPECT_EQ(outcome(normalize_member_path("a/b/c/d", 0, limits)),
            "!archive-too-deep: member \"a/b/c/d\" is 4 levels deep, over the limit of 3");
  EXPECT_EQ(outcome(normalize_member_path("a/b/c", 0, limits)), "a/b/c");
  // Depth counts the stored path, before stripping.
  EXPECT_EQ(outcome(normalize_member_path("a/b/c/d", 2, limits)),
            "!archive-too-deep: member \"a/b/c/d\" is 4 levels deep, over the limit of 3");
  std::string long_part(256, 'x');
  EXPECT_EQ(outcome(normalize_member_path(long_part, 0, Limits{})),
            "!archive-path-too-long: member " + quote(long_part) +
                " has a name part of 256 bytes, over the limit of 255");
  EXPECT_EQ(outcome(normalize_member_path(std::string(255, 'x'), 0, Limits{})),
            std::string(255, 'x'));
}

TEST(NormalizeMemberPath, CustomSubject) {
  EXPECT_EQ(outcome(normalize_member_path("/x", 0, Limits{},
                                          "hard link \"h\" points to \"/x\", "
                                          "which")),
            "!unsafe-archive: hard link \"h\" points to \"/x\", which has an absolute path");
}

struct LinkCase {
  const char* link;
  const char* target;
  const char* expected;  // "ok" or "code: message"
};

TEST(CheckSymlinkTarget, Table) {
  const LinkCase cases[] = {
      {"lib/libz.so", "libz.so.1", "ok"},
      {"a/b/c", "../../x/y", "ok"},
      {"a/b/c", "../..", "ok"},
      {"a/b/c", "./../.././x", "ok"},
      {"l", ".", "ok"},
      {"l", "sub/dir/", "ok"},
      {"l", "l", "ok"},  // a loop, but inside: the kernel refuses to follow it
      {"a/b/c", "../../..",
       "unsafe-archive: symbolic link \"a/b/c\" points outside the package: \"../../..\""},
      {"l", "..", "unsafe-archive: symbolic link \"l\" points outside the package: \"..\""},
      {"l", "/etc", "unsafe-archive: symbolic link \"l\" points to the absolute path \"/etc\""},
      {"l", "", "unsafe-archive: symbolic link \"l\" has an empty target"},
      {"c", "a/b/..",
       "unsafe-archive: symbolic link \"c\" has a \"..\" after a name in its target \"a/b/..\"; "
       "only leading \"..\" parts are allowed"},
      {"d/e/f", "../x/../y",
       "unsafe-archive: symbolic link \"d/e/f\" has a \"..\" after a name in its target "
       "\"../x/../y\"; only leading \"..\" parts are allowed"},
  };
  for (const LinkCase& c : cases) {
    auto link = normalize_member_path(c.link, 0, Limits{});
    ASSERT_TRUE(link && *link);
    Status status = check_symlink_target(c.target, **link, c.link, Limits{});
    std::string got = status ? "ok" : status.error().code + ": " + status.error().message;
    EXPECT_EQ(got, c.expected) << c.link << " -> " << c.target;
  }
}

TEST(CheckSymlinkTarget, MeasuredFromThePathAfterStripping) {
  // "pkg/lib/x -> ../../y" stays inside the archive, but with one part stripped it would climb
  // out of the destination.
  auto link = normalize_member_path("pkg/lib/x", 1, Limits{});
  ASSERT_TRUE(link && *link);
  EXPECT_TRUE(check_symlink_target("../y", **link, "pkg/lib/x", Limits{}));
  EXPECT_FALSE(check_symlink_target("../../y", **link, "pkg/lib/x", Limits{}));
}

TEST(CheckSymlinkTarget, LongTargetIsRefused) {
  Limits limits;
  limits.max_path_bytes = 8;
  MemberPath link{{"l"}, "l"};
  Status status = check_symlink_target("abcdefghi", link, "l", limits);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, "archive-path-too-long");
  EXPECT_EQ(status.error().message,
            "symbolic link \"l\" has a target of 9 bytes, over the limit of 8");
}

TEST(Modes, SpecialBitsAndGroupWorldWriteAreDroppedOwnerKeepsAccess) {
  EXPECT_EQ(file_mode(04755), 0755u);
  EXPECT_EQ(file_mode(02755), 0755u);
  EXPECT_EQ(file_mode(0666), 0644u);
  EXPECT_EQ(file_mode(0777), 0755u);
  EXPECT_EQ(file_mode(0), 0600u);
  EXPECT_EQ(file_mode(0444), 0644u);
  EXPECT_EQ(directory_mode(01777), 0755u);
  EXPECT_EQ(directory_mode(0), 0700u);
  EXPECT_EQ(directory_mode(0555), 0755u);
  EXPECT_EQ(directory_mode(0750), 0750u);
}

}  // namespace
}  // namespace pinset::archive
