// End-to-end: why, tree and policy check on generated deep dependency graphs (issue 10, item 10:
// `why` crashed on a 100,000-package chain, tree and policy check took quadratic time and
// memory). The sizes are chosen so that a linear walk takes well under a second; a quadratic one
// takes minutes or runs out of memory, and a recursive one overflows the stack.
#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/process.hpp"

namespace pinset::test {
namespace {

// A package set where p0 -> p1 -> ... -> p<n-1> (plus, when `ladder`, q<i> beside each p<i> with
// p<i> -> q<i+1> and q<i> -> p<i+1>, so the number of paths doubles with every step), and a
// project that depends on p0. Written as JSON, the fastest format to load.
void write_chain(const TempDir& dir, std::size_t n, bool ladder = false) {
  std::string set = R"({"format": 1, "name": "chain", "serial": 1, "packages": {)";
  auto entry = [&](const std::string& name, std::size_t i, const std::vector<std::string>& deps) {
    char digest[65];
    std::snprintf(digest, sizeof digest, "%064zx", i * 2 + (name[0] == 'q' ? 1 : 0));
    set += "\"" + name + std::to_string(i) +
           R"(": [{"version": "1.0.0", "license": "MIT", "checksum": "sha256:)" + digest +
           R"(", "url": "a/)" + name + std::to_string(i) + R"(.tgz", "dependencies": {)";
    for (std::size_t d = 0; d < deps.size(); ++d)
      set += (d ? ", \"" : "\"") + deps[d] + R"(": "^1.0.0")";
    set += "}}]";
  };
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> deps;
    if (i + 1 < n) {
      deps.push_back("p" + std::to_string(i + 1));
      if (ladder) deps.push_back("q" + std::to_string(i + 1));
    }
    if (i) set += ", ";
    entry("p", i, deps);
    if (ladder && i > 0) {
      set += ", ";
      entry("q", i, deps);
    }
  }
  set += "}}";
  dir.write("set.json", set);
  dir.write("app/pinset.yaml",
            "name: app\npackage-set:\n  url: ../set.json\ndependencies:\n  p0: ^1.0.0\n");
}

TEST(DeepGraphCli, WhyOnATenThousandChainPrintsTheOnePath) {
  // (A 100,000-package chain, which crashed `why`, is tested without the binary in
  // tests/report/why_test.cpp: loading and resolving its set takes most of a minute.)
  TempDir dir;
  write_chain(dir, 10000);
  auto r = run_pinset({"resolve"}, dir.path() + "/app");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_pinset({"why", "p9999", "--json"}, dir.path() + "/app");
  ASSERT_EQ(r.exit_code, 0) << r.err << " signal " << r.signal;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["paths"].size(), 1u);
  ASSERT_EQ(j["paths"][0].size(), 10000u);
  EXPECT_EQ(j["paths"][0][9999]["name"], "p9999");
  EXPECT_EQ(j["truncated"], false);
  EXPECT_EQ(j["found"], 1);
}

TEST(DeepGraphCli, WhyOnALadderSaysHowManyMorePathsThereAre) {
  TempDir dir;
  write_chain(dir, 8, true);  // 2^6 = 64 paths from p0 to p7
  ASSERT_EQ(run_pinset({"resolve"}, dir.path() + "/app").exit_code, 0);
  auto r = run_pinset({"why", "p7", "--limit", "2"}, dir.path() + "/app");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "p7@1.0.0 is required by 2 paths from app:\n"
            "  app -> p0@1.0.0 (^1.0.0) -> p1@1.0.0 (^1.0.0) -> p2@1.0.0 (^1.0.0) -> p3@1.0.0 "
            "(^1.0.0) -> p4@1.0.0 (^1.0.0) -> p5@1.0.0 (^1.0.0) -> p6@1.0.0 (^1.0.0) -> p7@1.0.0 "
            "(^1.0.0)\n"
            "  app -> p0@1.0.0 (^1.0.0) -> p1@1.0.0 (^1.0.0) -> p2@1.0.0 (^1.0.0) -> p3@1.0.0 "
            "(^1.0.0) -> p4@1.0.0 (^1.0.0) -> p5@1.0.0 (^1.0.0) -> q6@1.0.0 (^1.0.0) -> p7@1.0.0 "
            "(^1.0.0)\n"
            "  (62 more paths not shown; --limit 64 shows every path)\n");
}

TEST(DeepGraphCli, WhyOnAWideLadderStopsSearchingAndSaysSo) {
  TempDir dir;
  write_chain(dir, 500, true);  // 2^498 paths: only a bounded search can answer
  ASSERT_EQ(run_pinset({"resolve"}, dir.path() + "/app").exit_code, 0);
  auto r = run_pinset({"why", "p499", "--limit", "1", "--json"}, dir.path() + "/app");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["paths"].size(), 1u);
  EXPECT_EQ(j["paths"][0].size(), 500u);
  EXPECT_EQ(j["truncated"], true);
  EXPECT_EQ(j["complete"], false);
  EXPECT_GT(j["found"].get<std::size_t>(), 1u);
}

TEST(DeepGraphCli, TreeAndPolicyCheckOnATenThousandChain) {
  TempDir dir;
  write_chain(dir, 10000);
  ASSERT_EQ(run_pinset({"resolve"}, dir.path() + "/app").exit_code, 0);
  auto r = run_pinset({"tree"}, dir.path() + "/app");
  ASSERT_EQ(r.exit_code, 0) << r.err << " signal " << r.signal;
  EXPECT_LT(r.out.size(), 10000u * 200u) << "the output must grow linearly";
  r = run_pinset({"tree", "--json"}, dir.path() + "/app");
  ASSERT_EQ(r.exit_code, 0) << r.err << " signal " << r.signal;
  EXPECT_LT(r.out.size(), 10000u * 400u) << "the output must grow linearly";

  // Every package fails the licenses rule, so every finding carries its dependency path.
  dir.write("deny.yaml", "format: 1\nrules:\n  licenses:\n    deny: [MIT]\n");
  r = run_pinset({"policy", "check", "--policy", "../deny.yaml", "--format", "json"},
                 dir.path() + "/app");
  ASSERT_EQ(r.exit_code, 1) << r.err << " signal " << r.signal;
  EXPECT_LT(r.out.size(), 10000u * 2000u) << "the output must grow linearly";
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.contains("findings"));
}

}  // namespace
}  // namespace pinset::test
