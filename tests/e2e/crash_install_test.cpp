// Crash consistency: `pinset install` killed with SIGKILL at random moments, then run again.
//
// A realistic project: 48 packages (two versions each, 6 files per version, 288 files installed),
// the set and artifacts served over HTTPS by nginx so the cache stores downloaded objects too.
// Trials alternate between a fresh install (no install folder, no lock, empty cache) and an upgrade
// (v1 installed, then the manifest asks for v2). Each trial kills the install at a random moment
// within the time an uninterrupted install takes, then checks:
// - right after the kill, the install folder and the lock are entirely the old ones or entirely the
//   new ones (nothing for a fresh install, v1 for an upgrade; or the finished result);
// - the rerun succeeds, and its tree and lock are byte-identical to an uninterrupted install's;
// - every object in the cache hashes to its name, and every file of every extracted tree matches
//   the sha256 its receipt records;
// - `pinset verify` agrees.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "core/crypto/digest.hpp"
#include "tests/support/nginx_fixture.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

namespace stdfs = std::filesystem;

constexpr int k_packages = 48;
constexpr int k_trials = 20;

std::string manifest(const std::string& set_url, const std::string& range) {
  std::string text = "name: crashapp\npackage-set:\n  url: " + set_url + "\ndependencies:\n";
  for (int i = 0; i < k_packages; ++i) {
    text += "  pkg" + std::to_string(i) + ": \"" + range + "\"\n";
  }
  return text;
}

// Problems in the cache: objects whose content does not hash to their name, tree files that do
// not match their receipt, trees without a receipt. Empty when the cache is sound.
std::vector<std::string> cache_problems(const std::string& root) {
  std::vector<std::string> problems;
  std::error_code ec;
  const stdfs::path objects = stdfs::path(root) / "objects";
  if (stdfs::exists(objects)) {
    for (const auto& entry : stdfs::recursive_directory_iterator(objects)) {
      if (!entry.is_regular_file()) continue;
      const std::string algo = entry.path().parent_path().parent_path().filename().string();
      const std::string content = read_file(entry.path().string());
      const std::string hex =
          crypto::digest(algo == "sha512" ? crypto::DigestAlgo::sha512 : crypto::DigestAlgo::sha256,
                         content)
              .hex();
      if (hex != entry.path().filename().string()) {
        problems.push_back("object " + entry.path().string() + " hashes to " + hex);
      }
    }
  }
  const stdfs::path trees = stdfs::path(root) / "trees";
  if (stdfs::exists(trees)) {
    for (const auto& tree : stdfs::directory_iterator(trees)) {
      const std::string receipt_text = read_file((tree.path() / "receipt.json").string());
      if (receipt_text.empty()) {
        problems.push_back("tree " + tree.path().string() + " has no receipt");
        continue;
      }
      const auto receipt = nlohmann::json::parse(receipt_text);
      for (const auto& file : receipt.at("files")) {
        if (file.at(1) != "f") continue;
        const std::string path = (tree.path() / "files" / file.at(0).get<std::string>()).string();
        if (crypto::sha256(read_file(path)).hex() != file.at(4).get<std::string>()) {
          problems.push_back("tree file " + path + " does not match its receipt");
        }
      }
    }
  }
  return problems;
}

class CrashInstall : public ::testing::Test {
 protected:
  void SetUp() override {
    stdfs::create_directories(project.set_dir());
    nginx = std::make_unique<NginxFixture>(project.set_dir());
    for (int i = 0; i < k_packages; ++i) {
      for (const char* version : {"1.0.0", "1.1.0"}) {
        std::map<std::string, std::string> files;
        for (int f = 0; f < 6; ++f) {
          files["src/file" + std::to_string(f) + ".c"] =
              std::string(500 + 97 * f + i, static_cast<char>('a' + (i + f) % 26)) + version;
        }
        std::map<std::string, std::string> deps;
        if (i > 0) deps["pkg" + std::to_string(i / 2)] = "^1.0.0";
        project.add({"pkg" + std::to_string(i), version, files, deps});
      }
    }
    set_url = nginx->https_url("set.yaml");
    project.write({}, 1, set_url);  // artifacts and set, written once
  }

  std::map<std::string, std::string> env(const TempDir& cache) const {
    return {{"PINSET_CACHE_DIR", cache.path()}, {"PINSET_CA_BUNDLE", nginx->ca_file()}};
  }
  void use_manifest(const std::string& range) const {
    project.dir().write("app/pinset.yaml", manifest(set_url, range));
  }
  std::string packages() const { return project.app() + "/pinset_packages"; }
  std::string lock_path() const { return project.app() + "/pinset.lock"; }

  // An uninterrupted install of `range` with its own cache: the tree, the lock, how long it took.
  struct Reference {
    std::map<std::string, std::string> tree;
    std::string lock;
    std::chrono::microseconds duration{};
  };
  Reference reference(const std::string& range) const {
    TempDir cache;
    use_manifest(range);
    stdfs::remove(lock_path());
    stdfs::remove_all(packages());
    auto start = std::chrono::steady_clock::now();
    auto r = run_pinset({"install"}, project.app(), env(cache));
    auto took = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(r.exit_code, 0) << r.err;
    Reference ref{snapshot(packages()), read_file(lock_path()),
                  std::chrono::duration_cast<std::chrono::microseconds>(took)};
    stdfs::remove(lock_path());
    stdfs::remove_all(packages());
    return ref;
  }

  TestProject project;
  std::unique_ptr<NginxFixture> nginx;
  std::string set_url;
};

TEST_F(CrashInstall, KilledAtRandomMomentsTheRerunGivesTheSameBytes) {
  const Reference v1 = reference("1.0.0");
  const Reference v2 = reference("^1.1.0");
  ASSERT_GE(v2.tree.size(), std::size_t{k_packages * 6});
  ASSERT_NE(v1.lock, v2.lock);

  std::mt19937 rng(20261121);
  int killed_before_exit = 0;
  for (int trial = 0; trial < k_trials; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    const bool upgrade = trial % 2 == 1;
    TempDir cache;
    // Kill somewhere within the time an uninterrupted install takes (upgrades include it). On a
    // busy machine pinset may still finish first: then the trial starts over with half the
    // delay, so every trial kills a running install whatever the machine's speed.
    const auto window = upgrade ? v2.duration : v1.duration + v2.duration / 2;
    long delay = std::uniform_int_distribution<long>(0, window.count())(rng);
    for (int attempt = 0;; ++attempt) {
      stdfs::remove(lock_path());
      stdfs::remove_all(packages());
      stdfs::remove_all(cache.path());
      stdfs::create_directories(cache.path());
      if (upgrade) {
        use_manifest("1.0.0");
        auto old = run_pinset({"install"}, project.app(), env(cache));
        ASSERT_EQ(old.exit_code, 0) << old.err;
      }
      use_manifest("^1.1.0");
      pid_t pid = spawn_process(PINSET_BINARY, {"install"}, project.app(), env(cache));
      ::usleep(static_cast<useconds_t>(delay));
      ::kill(pid, SIGKILL);
      int status = 0;
      ::waitpid(pid, &status, 0);
      if (WIFSIGNALED(status)) {
        ++killed_before_exit;
        break;
      }
      ASSERT_LT(attempt, 20) << "pinset finished before every kill, even with no delay";
      delay /= 2;
    }

    // All old or all new, never a mix.
    const auto tree = snapshot(packages());
    const std::string lock = read_file(lock_path());
    const auto& old_tree = upgrade ? v1.tree : decltype(v1.tree){};
    const std::string old_lock = upgrade ? v1.lock : "";
    EXPECT_TRUE(tree == old_tree || tree == v2.tree) << "a mixed install folder after the kill";
    EXPECT_TRUE(lock == old_lock || lock == v2.lock) << "a mixed lock after the kill";

    auto rerun = run_pinset({"install"}, project.app(), env(cache));
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_EQ(snapshot(packages()), v2.tree);
    EXPECT_EQ(read_file(lock_path()), v2.lock);
    EXPECT_EQ(cache_problems(cache.path()), std::vector<std::string>{});
    auto verify = run_pinset({"verify"}, project.app(), env(cache));
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    // Leftovers of the killed run are gone after the rerun.
    for (const auto& entry : stdfs::directory_iterator(project.app())) {
      const std::string name = entry.path().filename().string();
      EXPECT_TRUE(name == "pinset.yaml" || name == "pinset.lock" || name == "pinset_packages" ||
                  name == "pinset_packages.lock")
          << "left behind: " << name;
    }
  }
  // Every trial killed a running install (see the retry above).
  EXPECT_EQ(killed_before_exit, k_trials);
  RecordProperty("trials", k_trials);
  RecordProperty("killed_before_exit", killed_before_exit);
  std::printf("crash trials: %d, killed while running: %d\n", k_trials, killed_before_exit);
}

}  // namespace
}  // namespace pinset::test
