#include <gtest/gtest.h>

#include "core/model/package_set.hpp"

namespace pinset::model {
namespace {

TEST(PackageName, AcceptsValidNames) {
  for (const std::string& n :
       std::vector<std::string>{"a", "netlib", "lib-foo_bar.2", "0ad", std::string(214, 'x')}) {
    EXPECT_TRUE(check_package_name(n)) << n;
  }
}

TEST(PackageName, RejectsWithReason) {
  struct Case {
    std::string name;
    std::string message;
  };
  const Case cases[] = {
      {"", "invalid package name \"\": it is empty"},
      {".", "invalid package name \".\": it is a path component"},
      {"..", "invalid package name \"..\": it is a path component"},
      {"a/b", "invalid package name \"a/b\": it contains a path separator"},
      {"..\\x", "invalid package name \"..\\\\x\": it contains a path separator"},
      {"_a", "invalid package name \"_a\": it must start with a lowercase letter or digit"},
      {"Foo", "invalid package name \"Foo\": it must start with a lowercase letter or digit"},
      {"fOo", "invalid package name \"fOo\": it contains an uppercase letter"},
      {"a b", "invalid package name \"a b\": it contains the character \" \""},
      {"p\xD0\xB0"
       "ckage",
       "invalid package name \"p\\u0430ckage\": it contains the character \"\\u0430\""},
      {std::string(215, 'a'), "invalid package name \"" + std::string(80, 'a') +
                                  "...\": it is longer than 214 characters"},
  };
  for (const auto& c : cases) {
    auto r = check_package_name(c.name);
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().code, "invalid-name");
    EXPECT_EQ(r.error().message, c.message);
  }
}

TEST(ResolveUrl, ResolvesLikeRfc3986) {
  EXPECT_EQ(resolve_url("https://h.example/sets/core.json", "a/b-1.0.tgz"),
            "https://h.example/sets/a/b-1.0.tgz");
  EXPECT_EQ(resolve_url("https://h.example/sets/core.json", "../art/x.tgz"),
            "https://h.example/art/x.tgz");
  EXPECT_EQ(resolve_url("https://h.example/sets/core.json", "/x.tgz"), "https://h.example/x.tgz");
  EXPECT_EQ(resolve_url("https://h.example/a.json", "../../../x.tgz"), "https://h.example/x.tgz");
  EXPECT_EQ(resolve_url("https://h.example", "x.tgz"), "https://h.example/x.tgz");
  EXPECT_EQ(resolve_url("file:///srv/sets/s.yaml", "./art/x.tgz"), "file:///srv/sets/art/x.tgz");
  EXPECT_EQ(resolve_url("file:///srv/sets/s.yaml", "https://o.example/x.tgz"),
            "https://o.example/x.tgz");
  EXPECT_EQ(resolve_url("https://h.example/s.json?sig=1", "x.tgz?v=2"),
            "https://h.example/x.tgz?v=2");
  EXPECT_EQ(resolve_url("/srv/sets/s.yaml", "art/x.tgz"), "/srv/sets/art/x.tgz");
  EXPECT_EQ(resolve_url("../sets/s.yaml", "./art/x.tgz"), "../sets/art/x.tgz");
  EXPECT_EQ(resolve_url("s.yaml", "../x.tgz"), "../x.tgz");
  EXPECT_EQ(resolve_url("/s.yaml", "/a/../../x.tgz"), "/x.tgz");
}

TEST(PackageSet, InternsAndFindsAfterFinish) {
  PackageSet set;
  NameId zlib = set.intern_name("zlib");
  NameId app = set.intern_name("app");
  NameId ghost = set.intern_name("ghost");
  EXPECT_EQ(set.intern_name("zlib"), zlib);
  set.package(zlib).entries.push_back(Entry{semver::Version(1, 3, 0)});
  set.package(app).entries.push_back(Entry{semver::Version(2, 0, 0)});
  set.finish();
  ASSERT_EQ(set.packages().size(), 2u);
  EXPECT_EQ(set.name_of(set.packages()[0].name), "app");
  EXPECT_EQ(set.find("zlib")->entries[0].version, semver::Version(1, 3, 0));
  EXPECT_EQ(set.find(ghost), nullptr);
  EXPECT_EQ(set.find("nothing"), nullptr);
  EXPECT_EQ(set.id_of("ghost"), ghost);
}

}  // namespace
}  // namespace pinset::model
