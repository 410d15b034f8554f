#include "core/app/mirrors.hpp"

#include <gtest/gtest.h>

#include "tests/support/error_text.hpp"
#include "tests/support/memory_fs.hpp"

namespace pinset::app {
namespace {

using test::error_of;

const std::vector<model::MirrorRule> k_rules = {
    {"https://a.example/sets/", "file:///srv/mirror/", 0},
    {"https://a.example/", "https://m.internal/a/", 0},
};

TEST(Mirrors, FirstMatchingPrefixWins) {
  EXPECT_EQ(apply_mirrors("https://a.example/sets/x.yaml", k_rules), "file:///srv/mirror/x.yaml");
  EXPECT_EQ(apply_mirrors("https://a.example/pkg/y.tgz", k_rules),
            "https://m.internal/a/pkg/y.tgz");
  EXPECT_EQ(apply_mirrors("https://b.example/pkg/y.tgz", k_rules), "https://b.example/pkg/y.tgz");
  EXPECT_EQ(apply_mirrors("https://a.example.evil/z", k_rules), "https://a.example.evil/z");
  EXPECT_EQ(apply_mirrors("sets/artifacts/x.tgz", k_rules), "sets/artifacts/x.tgz");
}

TEST(Mirrors, CommandLineArguments) {
  auto rule = parse_mirror_arg("https://a.example/=file:///srv/m/");
  ASSERT_TRUE(rule) << rule.error().render();
  EXPECT_EQ(rule->from, "https://a.example/");
  EXPECT_EQ(rule->to, "file:///srv/m/");
  EXPECT_EQ(error_of(parse_mirror_arg("https://a.example/=srv/m/")),
            "invalid-mirror: --mirror \"https://a.example/=srv/m/\": \"srv/m/\" is not an "
            "absolute https://, http:// or file:/// URL\n"
            "  help: write --mirror ORIGINAL_PREFIX=MIRROR_PREFIX, e.g. --mirror "
            "https://artifacts.example.com/=https://mirror.internal/artifacts/");
}

TEST(Mirrors, ReadDocumentFollowsAFileMirrorWithoutARemote) {
  test::MemoryFileSystem fs;
  fs.files["/srv/mirror/x.yaml"] = "set bytes";
  auto bytes = read_document(fs, nullptr, {Scheme::https, "https://a.example/sets/x.yaml"}, k_rules,
                             std::nullopt, 100);
  ASSERT_TRUE(bytes) << bytes.error().render();
  EXPECT_EQ(*bytes, "set bytes");
  EXPECT_EQ(error_of(read_document(fs, nullptr, {Scheme::https, "https://b.example/x.yaml"},
                                   k_rules, std::nullopt, 100)),
            "unsupported-scheme: cannot fetch \"https://b.example/x.yaml\": this command reads "
            "local sets only\n"
            "  help: download the set and point package-set.url at the file");
}

}  // namespace
}  // namespace pinset::app
