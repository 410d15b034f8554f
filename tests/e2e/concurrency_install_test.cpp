// Concurrency: two `pinset install` runs on one project at once (the second waits for the first's
// lock on <prefix>.lock, then finds everything up to date), and two projects sharing one cache
// installing at once (both correct, the cache sound). The set and artifacts come over HTTPS from
// nginx, so both runs download into the shared cache at the same time.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/crypto/digest.hpp"
#include "tests/support/nginx_fixture.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

namespace stdfs = std::filesystem;

constexpr int k_packages = 24;
constexpr int k_rounds = 4;

// Objects that do not hash to their name, tree files that do not match their receipt.
std::vector<std::string> cache_problems(const std::string& root) {
  std::vector<std::string> problems;
  const stdfs::path objects = stdfs::path(root) / "objects";
  if (stdfs::exists(objects)) {
    for (const auto& entry : stdfs::recursive_directory_iterator(objects)) {
      if (!entry.is_regular_file()) continue;
      if (crypto::sha256(read_file(entry.path().string())).hex() !=
          entry.path().filename().string()) {
        problems.push_back("object " + entry.path().string() + " does not match its name");
      }
    }
  }
  const stdfs::path trees = stdfs::path(root) / "trees";
  if (stdfs::exists(trees)) {
    for (const auto& tree : stdfs::directory_iterator(trees)) {
      const std::string text = read_file((tree.path() / "receipt.json").string());
      if (text.empty()) {
        problems.push_back("tree " + tree.path().string() + " has no receipt");
        continue;
      }
      const auto receipt = nlohmann::json::parse(text);  // kept: the loop reads inside it
      for (const auto& file : receipt.at("files")) {
        if (file.at(1) != "f") continue;
        const auto path = tree.path() / "files" / file.at(0).get<std::string>();
        if (crypto::sha256(read_file(path.string())).hex() != file.at(4).get<std::string>()) {
          problems.push_back("tree file " + path.string() + " does not match its receipt");
        }
      }
    }
  }
  return problems;
}

class ConcurrentInstall : public ::testing::Test {
 protected:
  void SetUp() override {
    stdfs::create_directories(project.set_dir());
    nginx = std::make_unique<NginxFixture>(project.set_dir());
    std::map<std::string, std::string> roots;
    for (int i = 0; i < k_packages; ++i) {
      std::map<std::string, std::string> files;
      for (int f = 0; f < 5; ++f) {
        files["lib/f" + std::to_string(f)] = std::string(3000 + 31 * i + f, char('a' + f));
      }
      project.add({"pkg" + std::to_string(i), "1.0.0", files, {}});
      roots["pkg" + std::to_string(i)] = "^1.0.0";
    }
    project.write(roots, 1, nginx->https_url("set.yaml"));
    manifest = read_file(project.app() + "/pinset.yaml");
    // The reference: one uninterrupted install with its own cache.
    TempDir cache;
    auto r = run_pinset({"install"}, project.app(), env(cache.path()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expected_tree = snapshot(packages(project.app()));
    expected_lock = read_file(project.app() + "/pinset.lock");
    stdfs::remove_all(packages(project.app()));
    stdfs::remove(project.app() + "/pinset.lock");
  }
  std::map<std::string, std::string> env(const std::string& cache) const {
    return {{"PINSET_CACHE_DIR", cache}, {"PINSET_CA_BUNDLE", nginx->ca_file()}};
  }
  static std::string packages(const std::string& app) { return app + "/pinset_packages"; }

  TestProject project;
  std::unique_ptr<NginxFixture> nginx;
  std::string manifest;
  std::map<std::string, std::string> expected_tree;
  std::string expected_lock;
};

TEST_F(ConcurrentInstall, TwoInstallsOfOneProjectBothSucceedWithOneResult) {
  for (int round = 0; round < k_rounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    TempDir cache;
    stdfs::remove_all(packages(project.app()));
    stdfs::remove(project.app() + "/pinset.lock");
    pid_t pid = spawn_process(PINSET_BINARY, {"install"}, project.app(), env(cache.path()));
    auto r = run_pinset({"install"}, project.app(), env(cache.path()));
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
    EXPECT_EQ(snapshot(packages(project.app())), expected_tree);
    EXPECT_EQ(read_file(project.app() + "/pinset.lock"), expected_lock);
    EXPECT_EQ(cache_problems(cache.path()), std::vector<std::string>{});
    auto verify = run_pinset({"verify"}, project.app(), env(cache.path()));
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  }
}

TEST_F(ConcurrentInstall, TwoProjectsSharingOneCacheBothSucceedAndTheCacheIsSound) {
  // A second project with the same manifest and set, in another folder.
  TempDir other;
  other.write("pinset.yaml", manifest);
  for (int round = 0; round < k_rounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    TempDir cache;
    for (const std::string& app : {project.app(), other.path()}) {
      stdfs::remove_all(packages(app));
      stdfs::remove(app + "/pinset.lock");
    }
    pid_t pid = spawn_process(PINSET_BINARY, {"install"}, other.path(), env(cache.path()));
    auto r = run_pinset({"install"}, project.app(), env(cache.path()));
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
    for (const std::string& app : {project.app(), other.path()}) {
      EXPECT_EQ(snapshot(packages(app)), expected_tree) << app;
      EXPECT_EQ(read_file(app + "/pinset.lock"), expected_lock) << app;
      auto verify = run_pinset({"verify"}, app, env(cache.path()));
      EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    }
    EXPECT_EQ(cache_problems(cache.path()), std::vector<std::string>{});
  }
}

}  // namespace
}  // namespace pinset::test
