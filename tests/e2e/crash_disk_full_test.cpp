// Disk full. Two ways:
// - for real: the project folder is a 1 MiB tmpfs (mounted in a private mount namespace when the
//   test may mount; as root in a container it usually may). An upgrade that needs more room fails
//   with a clear error, and the previous install and lock stay byte-identical.
// - injected, always: app::install through a FileSystem adapter whose writes fail with ENOSPC.
#include <errno.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "core/app/install.hpp"
#include "core/fs/file_system.hpp"
#include "core/fs/install_dir.hpp"
#include "core/net/fetcher.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

namespace stdfs = std::filesystem;

const std::string k_small_manifest =
    "name: testapp\npackage-set:\n  url: ../set/set.yaml\ndependencies:\n  libfoo: ^2.1.0\n";
const std::string k_big_manifest = k_small_manifest + "  big: 1.0.0\n";

// Drops pinset's plain progress lines from stderr, keeping diagnostics.
std::string diagnostics(const std::string& err) {
  std::string out;
  std::size_t start = 0;
  while (start < err.size()) {
    std::size_t end = err.find('\n', start);
    end = end == std::string::npos ? err.size() : end + 1;
    const std::string line = err.substr(start, end - start);
    if (line.rfind("downloading ", 0) != 0 && line.rfind("fetched ", 0) != 0) out += line;
    start = end;
  }
  return out;
}

void add_packages(TestProject& project) {
  project.add({"libfoo", "2.1.0", {{"foo.h", "#define FOO 1\n"}}});
  // 4 MiB once unpacked, a few KiB as an artifact.
  project.add({"big", "1.0.0", {{"data.bin", std::string(4u << 20, 'z')}}});
  project.write({{"libfoo", "^2.1.0"}});
}

// A tmpfs of `size` mounted over `dir` for the life of the object, in a mount namespace of this
// process's own when it can make one. mounted() is false, and why() says why, when not allowed.
class Tmpfs {
 public:
  Tmpfs(const std::string& dir, const std::string& size) : m_dir(dir) {
    // A private namespace keeps the mount from the rest of the machine; it needs a single-threaded
    // process, so when it fails the mount is made in the current one and undone in ~Tmpfs.
    if (::unshare(CLONE_NEWNS) == 0) {
      ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr);
    }
    if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0) {
      m_mounted = true;
    } else {
      m_why = std::string("mount(2) of a tmpfs failed: ") + std::strerror(errno);
    }
  }
  ~Tmpfs() {
    if (m_mounted) ::umount2(m_dir.c_str(), MNT_DETACH);
  }
  bool mounted() const { return m_mounted; }
  const std::string& why() const { return m_why; }

 private:
  std::string m_dir;
  bool m_mounted = false;
  std::string m_why;
};

TEST(DiskFull, OnASmallTmpfsTheUpgradeFailsAndThePreviousInstallStays) {
  TestProject project;
  TempDir cache;
  add_packages(project);
  Tmpfs tmpfs(project.app(), "1m");
  if (!tmpfs.mounted()) {
    std::printf("disk-full on a real filesystem not tested here: %s\n", tmpfs.why().c_str());
    GTEST_SKIP() << tmpfs.why() << " (the injected ENOSPC tests still run)";
  }
  project.dir().write("app/pinset.yaml", k_small_manifest);
  std::map<std::string, std::string> env{{"PINSET_CACHE_DIR", cache.path()}};
  auto first = run_pinset({"install"}, project.app(), env);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto installed = snapshot(project.app() + "/pinset_packages");
  const std::string lock = read_file(project.app() + "/pinset.lock");

  project.dir().write("app/pinset.yaml", k_big_manifest);
  auto r = run_pinset({"install"}, project.app(), env);
  EXPECT_EQ(r.exit_code, 2);
  std::string err = diagnostics(r.err);
  for (std::size_t at = err.find("staging-"); at != std::string::npos;
       at = err.find("staging-", at + 1)) {
    err.replace(at + 8, 6, "XXXXXX");  // mkdtemp's random suffix
  }
  EXPECT_EQ(err,
            "error: pinset_packages.staging-XXXXXX/big: cannot copy "
            "pinset_packages.staging-XXXXXX/big/data.bin: No space left on device\n"
            "  help: check the free space and permissions of the install folder\n");
  EXPECT_TRUE(snapshot(project.app() + "/pinset_packages") == installed);
  EXPECT_EQ(read_file(project.app() + "/pinset.lock"), lock);

  // With room again (the small manifest), the next run is up to date and leaves nothing behind.
  project.dir().write("app/pinset.yaml", k_small_manifest);
  auto again = run_pinset({"install"}, project.app(), env);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "1 package in pinset_packages is up to date\n");  // not "1 packages"
  std::vector<std::string> names;
  for (const auto& entry : stdfs::directory_iterator(project.app())) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  // No staging folder, and no lock file: it does not outlive the install (issue 10, item 4).
  EXPECT_EQ(names, (std::vector<std::string>{"pinset.lock", "pinset.yaml", "pinset_packages"}));
}

// The real filesystem, except that writing `fail_suffix` fails as a full disk does.
class FullDiskFileSystem : public fs::FileSystem {
 public:
  explicit FullDiskFileSystem(std::string fail_suffix) : m_fail_suffix(std::move(fail_suffix)) {}
  Result<std::string> read(const std::string& path, std::size_t max_bytes) const override {
    return fs::real_file_system().read(path, max_bytes);
  }
  bool exists(const std::string& path) const override {
    return fs::real_file_system().exists(path);
  }
  Status write_atomic(const std::string& path, std::string_view content) override {
    if (path.size() >= m_fail_suffix.size() &&
        path.compare(path.size() - m_fail_suffix.size(), m_fail_suffix.size(), m_fail_suffix) ==
            0) {
      ++m_failed;
      return fail("io", "cannot write " + path + ": " + std::strerror(ENOSPC), Location{path},
                  "free some space on that filesystem, then try again");
    }
    return fs::real_file_system().write_atomic(path, content);
  }
  fs::FileInfo stat(const std::string& path) const override {
    return fs::real_file_system().stat(path);
  }
  Result<std::vector<fs::TreeEntry>> list(const std::string& dir, bool recursive) const override {
    return fs::real_file_system().list(dir, recursive);
  }
  Status read_chunks(const std::string& path,
                     const std::function<void(std::string_view)>& chunk) const override {
    return fs::real_file_system().read_chunks(path, chunk);
  }
  Status write_new(const std::string& path, std::string_view content, std::uint32_t mode) override {
    return fs::real_file_system().write_new(path, content, mode);
  }
  void remove_file(const std::string& path) override { fs::real_file_system().remove_file(path); }
  // With the suffix "<swap>", moving the new tree into place fails as a full disk would.
  Result<std::unique_ptr<fs::InstallFolder>> open_install_folder(const std::string& base,
                                                                 const std::string& path,
                                                                 bool create) const override;
  Status make_directory(const std::string& path) override {
    return fs::real_file_system().make_directory(path);
  }
  Status make_symlink(const std::string& target, const std::string& path) override {
    return fs::real_file_system().make_symlink(target, path);
  }
  Status create_file(const std::string& path, std::string_view content, bool executable) override {
    return fs::real_file_system().create_file(path, content, executable);
  }
  int failed() const { return m_failed; }

 private:
  std::string m_fail_suffix;
  mutable int m_failed = 0;
};

// The real install folder, except that swap_in fails (after removing the staged tree, as the
// real one does on error).
class FullDiskFolder : public fs::InstallFolder {
 public:
  FullDiskFolder(std::unique_ptr<fs::InstallFolder> real, int& failed)
      : m_real(std::move(real)), m_failed(failed) {}
  const std::string& path() const override { return m_real->path(); }
  fs::EntryKind kind() const override { return m_real->kind(); }
  Result<std::vector<fs::TreeEntry>> list() const override { return m_real->list(); }
  Result<fs::FileLock> lock(bool wait, void (*on_wait)(const std::string&)) const override {
    return m_real->lock(wait, on_wait);
  }
  void remove_leftovers() const override { m_real->remove_leftovers(); }
  std::vector<std::optional<fs::FileId>> ids(
      const std::vector<std::string>& relative) const override {
    return m_real->ids(relative);
  }
  Result<std::string> read_meta(const std::string& name, std::size_t max_bytes,
                                fs::FileId* id) const override {
    return m_real->read_meta(name, max_bytes, id);
  }
  Status write_meta(const std::string& name, std::string_view content) const override {
    return m_real->write_meta(name, content);
  }
  void remove_meta(const std::string& name) const override { m_real->remove_meta(name); }
  Result<std::string> make_staging() const override { return m_real->make_staging(); }
  Status swap_in(const std::string& staging, bool&) const override {
    ++m_failed;
    m_real->remove_staging(staging);
    return fail(
        "io", "cannot move the new install into place at " + path() + ": " + std::strerror(ENOSPC),
        Location{path()}, "the previous install is unchanged");
  }
  void swap_back(const std::string& staging, bool had_previous) const override {
    m_real->swap_back(staging, had_previous);
  }
  void remove_staging(const std::string& staging) const override {
    m_real->remove_staging(staging);
  }

 private:
  std::unique_ptr<fs::InstallFolder> m_real;
  int& m_failed;
};

Result<std::unique_ptr<fs::InstallFolder>> FullDiskFileSystem::open_install_folder(
    const std::string& base, const std::string& path, bool create) const {
  auto real = fs::FileSystem::open_install_folder(base, path, create);
  if (!real || m_fail_suffix != "<swap>") return real;
  return std::unique_ptr<fs::InstallFolder>(
      std::make_unique<FullDiskFolder>(std::move(*real), m_failed));
}

app::InstallOptions options_for(const TestProject& project, const TempDir& cache) {
  app::InstallOptions options;
  options.manifest_path = project.app() + "/pinset.yaml";
  options.cache_dir = cache.path();
  options.fetchers = net::make_curl_fetcher;  // the test project's artifacts are local files
  return options;
}

TEST(DiskFull, InjectedLockWriteFailureIsReportedAndTheRerunRecovers) {
  TestProject project;
  TempDir cache;
  add_packages(project);
  ASSERT_TRUE(app::install(fs::real_file_system(), options_for(project, cache)));
  const auto old_tree = snapshot(project.app() + "/pinset_packages");
  const std::string old_lock = read_file(project.app() + "/pinset.lock");

  project.dir().write("app/pinset.yaml", k_big_manifest);
  FullDiskFileSystem full("/pinset.lock");
  auto r = app::install(full, options_for(project, cache));
  ASSERT_FALSE(r);
  EXPECT_EQ(full.failed(), 1);
  // The adapter's error reaches the caller as it is.
  const std::string lock_path = project.app() + "/pinset.lock";
  EXPECT_EQ(r.error().code, "io");
  EXPECT_EQ(r.error().render(), lock_path + ": cannot write " + lock_path +
                                    ": No space left on device\n"
                                    "  help: free some space on that filesystem, then try again");
  // The lock on disk is still the old one, whole.
  EXPECT_EQ(read_file(project.app() + "/pinset.lock"), old_lock);

  // The rerun with room finishes the job: the new tree, the new lock, verify passes.
  auto rerun = app::install(fs::real_file_system(), options_for(project, cache));
  ASSERT_TRUE(rerun) << rerun.error().render();
  auto verify = run_pinset({"verify"}, project.app(), {{"PINSET_CACHE_DIR", cache.path()}});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(read_file(project.app() + "/pinset.lock"), old_lock);
  EXPECT_TRUE(snapshot(project.app() + "/pinset_packages") != old_tree);
}

// The lock is written after the new tree is swapped in; when that write fails, the previous tree
// is swapped back, so a failed install changes nothing (not the tree, not the lock).
TEST(DiskFull, InjectedLockWriteFailureLeavesThePreviousInstall) {
  TestProject project;
  TempDir cache;
  add_packages(project);
  ASSERT_TRUE(app::install(fs::real_file_system(), options_for(project, cache)));
  const auto old_tree = snapshot(project.app() + "/pinset_packages");
  const std::string old_lock = read_file(project.app() + "/pinset.lock");
  project.dir().write("app/pinset.yaml", k_big_manifest);
  FullDiskFileSystem full("/pinset.lock");
  ASSERT_FALSE(app::install(full, options_for(project, cache)));
  EXPECT_TRUE(snapshot(project.app() + "/pinset_packages") == old_tree)
      << "the new tree was swapped in although its lock could not be written";
  EXPECT_EQ(read_file(project.app() + "/pinset.lock"), old_lock);
  for (const auto& entry : std::filesystem::directory_iterator(project.app())) {
    EXPECT_EQ(entry.path().filename().string().find("staging"), std::string::npos)
        << "left behind: " << entry.path();
  }
}

// The install state is written through the filesystem adapter too (issue 15, item 2): a full
// disk then fails the install before the swap, and nothing changes.
TEST(DiskFull, InjectedStateWriteFailureLeavesThePreviousInstall) {
  TestProject project;
  TempDir cache;
  add_packages(project);
  ASSERT_TRUE(app::install(fs::real_file_system(), options_for(project, cache)));
  const auto old_tree = snapshot(project.app() + "/pinset_packages");
  const std::string old_lock = read_file(project.app() + "/pinset.lock");
  project.dir().write("app/pinset.yaml", k_big_manifest);
  FullDiskFileSystem full("/.pinset/state.json");
  auto r = app::install(full, options_for(project, cache));
  ASSERT_FALSE(r);
  EXPECT_EQ(full.failed(), 1);
  EXPECT_EQ(r.error().message.rfind("cannot write the install state in ", 0), 0u)
      << r.error().render();
  EXPECT_TRUE(snapshot(project.app() + "/pinset_packages") == old_tree);
  EXPECT_EQ(read_file(project.app() + "/pinset.lock"), old_lock);
  for (const auto& entry : std::filesystem::directory_iterator(project.app())) {
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(name == "pinset.lock" || name == "pinset.yaml" || name == "pinset_packages")
        << "left behind: " << name;
  }
}

// Staging and the swap go through the filesystem adapter (issue 15, item 2): a swap that fails
// leaves the previous install, the lock, and no staging folder.
TEST(DiskFull, InjectedSwapFailureLeavesThePreviousInstall) {
  TestProject project;
  TempDir cache;
  add_packages(project);
  ASSERT_TRUE(app::install(fs::real_file_system(), options_for(project, cache)));
  const auto old_tree = snapshot(project.app() + "/pinset_packages");
  const std::string old_lock = read_file(project.app() + "/pinset.lock");
  project.dir().write("app/pinset.yaml", k_big_manifest);
  FullDiskFileSystem full("<swap>");
  auto r = app::install(full, options_for(project, cache));
  ASSERT_FALSE(r);
  EXPECT_EQ(full.failed(), 1);
  const std::string prefix = project.app() + "/pinset_packages";
  EXPECT_EQ(r.error().render(), prefix + ": cannot move the new install into place at " + prefix +
                                    ": No space left on device\n"
                                    "  help: the previous install is unchanged");
  EXPECT_TRUE(snapshot(prefix) == old_tree);
  EXPECT_EQ(read_file(project.app() + "/pinset.lock"), old_lock);
  for (const auto& entry : std::filesystem::directory_iterator(project.app())) {
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(name == "pinset.lock" || name == "pinset.yaml" || name == "pinset_packages")
        << "left behind: " << name;
  }
}

}  // namespace
}  // namespace pinset::test
