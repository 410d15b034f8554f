// End-to-end: a project requires real upstream versions from a set that declares its versioning
// (tests/data/sets/upstream-releases.yaml, debian scheme) with natural ranges, written in the
// manifest's own `versioning` (issue 11, item 2: `>=72.0`, `^10.42`, `2026b` exactly).
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

std::map<std::string, std::string> resolved_versions(const ProcessResult& r) {
  std::map<std::string, std::string> out;
  const auto doc = nlohmann::json::parse(r.out);  // alive while iterated
  for (const auto& p : doc["packages"])
    out[p["name"]] = p["version"];
  return out;
}

TEST(UpstreamVersions, NaturalRangesResolveInTheManifestsVersioning) {
  TempDir dir;
  dir.write("set.yaml", read_file(data_dir() + "/sets/upstream-releases.yaml"));
  dir.write("pinset.yaml",
            "name: app\npackage-set:\n  url: set.yaml\nversioning: debian\ndependencies:\n"
            "  icu: \">=72.0\"\n  pcre2: ^10.42\n  tzdata: 2026b\n  zlib: \">=1.2.13\"\n"
            "  libevent: \">=2.1.0\"\n");
  auto r = run_pinset({"resolve", "--json", "--dry-run"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(resolved_versions(r), (std::map<std::string, std::string>{{"icu", "74.2"},
                                                                      {"libevent", "2.1.12-stable"},
                                                                      {"pcre2", "10.43"},
                                                                      {"tzdata", "2026b"},
                                                                      {"zlib", "1.3.1"}}));
}

// The whole set (issue 11's 55 versions and more) validates, and the newer natural ranges
// resolve: re2's dated tag exactly, openssh's p-releases, libpng's caret, sqlite's floor.
TEST(UpstreamVersions, TheSetValidatesAndItsNewerRangesResolve) {
  TempDir dir;
  dir.write("set.yaml", read_file(data_dir() + "/sets/upstream-releases.yaml"));
  auto v = run_pinset({"set", "validate", "set.yaml"}, dir.path());
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  EXPECT_EQ(v.out + v.err, "set.yaml: valid (57 packages, 88 entries)\n");
  dir.write("pinset.yaml",
            "name: app\npackage-set:\n  url: set.yaml\nversioning: debian\ndependencies:\n"
            "  re2: 2024-02-01\n  openssh: \">=9.6p1\"\n  libpng: ^1.6.40\n  sqlite: \">=3.45\"\n"
            "  openssl: ^3.0\n  jpeg: \">=9e\"\n");
  auto r = run_pinset({"resolve", "--json", "--dry-run"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(resolved_versions(r), (std::map<std::string, std::string>{{"jpeg", "9f"},
                                                                      {"libpng", "1.6.43"},
                                                                      {"openssh", "9.7p1"},
                                                                      {"openssl", "3.3.1"},
                                                                      {"re2", "2024-02-01"},
                                                                      {"sqlite", "3.45.1"}}));
}

TEST(UpstreamVersions, WithoutVersioningTheErrorSaysWhichSchemeReadsTheRange) {
  TempDir dir;
  dir.write("set.yaml", read_file(data_dir() + "/sets/upstream-releases.yaml"));
  dir.write("pinset.yaml",
            "name: app\npackage-set:\n  url: set.yaml\ndependencies:\n  tzdata: 2026b\n");
  auto r = run_pinset({"resolve", "--dry-run"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: pinset.yaml:5:11: dependencies.tzdata: invalid range \"2026b\": \"2026b\" is "
            "not a valid comparator: unexpected \"b\" after \"2026\"\n"
            "  help: it is a range of debian versions: when the package set declares "
            "`versioning: debian`, write `versioning: debian` in the manifest too\n");
  dir.write("pinset.yaml",
            "name: app\npackage-set:\n  url: set.yaml\nversioning: calver\n"
            "dependencies:\n  tzdata: 2026b\n");
  r = run_pinset({"resolve", "--dry-run"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("pinset.yaml:4:13: versioning: "), std::string::npos) << r.err;
}

}  // namespace
}  // namespace pinset::test
