// End-to-end: pinset install / ci / list / verify through the binary, on real archives, over
// file:// and over HTTPS from nginx on loopback.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fcntl.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/archive_builder.hpp"
#include "tests/support/nginx_fixture.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

class InstallCli : public ::testing::Test {
 protected:
  void SetUp() override {
    project.add({"netlib",
                 "1.3.0",
                 {{"README", "netlib 1.3\n"}, {"src/net.c", "int net;\n"}},
                 {{"libfoo", "^2.0.0"}}});
    project.add({"netlib",
                 "1.4.0",
                 {{"README", "netlib 1.4\n"}, {"src/net.c", "int net2;\n"}},
                 {{"libfoo", "^2.1.0"}}});
    project.add({"libfoo", "2.1.0", {{"foo.h", "#define FOO 1\n"}}});
    project.write({{"netlib", "^1.3.0"}});
  }
  ProcessResult pinset(std::vector<std::string> args) {
    return run_pinset(args, project.app(), {{"PINSET_CACHE_DIR", cache.path()}});
  }
  std::string packages() const { return project.app() + "/pinset_packages"; }

  TestProject project;
  TempDir cache;
};

TEST_F(InstallCli, InstallsListsVerifiesAndIsIdempotent) {
  auto r = pinset({"install"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Installed 2 packages into pinset_packages (downloaded 2, ", 0), 0u)
      << r.out;
  EXPECT_NE(r.out.find(" B)\nWrote pinset.lock\n"), std::string::npos) << r.out;
  EXPECT_EQ(read_file(packages() + "/netlib/README"), "netlib 1.4\n");
  EXPECT_EQ(read_file(packages() + "/libfoo/foo.h"), "#define FOO 1\n");
  EXPECT_TRUE(std::filesystem::exists(project.app() + "/pinset.lock"));
  // Plain progress lines on stderr (not a terminal).
  EXPECT_NE(r.err.find("fetched netlib 1.4.0"), std::string::npos) << r.err;

  auto list = pinset({"list"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_EQ(list.out.substr(0, 14), "libfoo  2.1.0 ");
  auto verify = pinset({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_EQ(verify.out, "verified 3 files in pinset_packages: all intact\n");

  auto before = snapshot(packages());
  auto again = pinset({"install"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.out, "2 packages in pinset_packages are up to date\n");
  EXPECT_EQ(snapshot(packages()), before);
}

TEST_F(InstallCli, DryRunPrintsPlanAndTouchesNothing) {
  auto r = pinset({"install", "--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("download  libfoo  2.1.0  file://"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(packages()));
  EXPECT_FALSE(std::filesystem::exists(project.app() + "/pinset.lock"));
  EXPECT_TRUE(std::filesystem::is_empty(cache.path()) ||
              snapshot(cache.path() + "/objects").size() <= 1);
}

TEST_F(InstallCli, VerifyReportsEditsAndCiRepairsThem) {
  ASSERT_EQ(pinset({"install"}).exit_code, 0);
  std::string readme = packages() + "/netlib/README";
  std::filesystem::permissions(readme, std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::add);
  { std::ofstream(readme, std::ios::trunc) << "tampered\n"; }
  std::filesystem::remove(packages() + "/libfoo/foo.h");
  std::filesystem::create_directories(packages() + "/netlib/extra");
  auto v = pinset({"verify"});
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_EQ(v.out,
            "modified  netlib/README: content changed\n"
            "missing   libfoo/foo.h\n"
            "extra     netlib/extra\n");
  EXPECT_EQ(v.err,
            "error: pinset_packages differs from what was installed in 3 places\n"
            "  help: run `pinset ci` to reinstall it cleanly\n");
  auto ci = pinset({"ci"});
  ASSERT_EQ(ci.exit_code, 0) << ci.err;
  EXPECT_EQ(pinset({"verify"}).exit_code, 0);
  EXPECT_EQ(read_file(readme), "netlib 1.4\n");
}

TEST_F(InstallCli, ChecksumMismatchInstallsNothingAndKeepsPreviousInstall) {
  ASSERT_EQ(pinset({"install"}).exit_code, 0);
  auto before = snapshot(packages());
  std::string lock_before = read_file(project.app() + "/pinset.lock");
  // The set now lists libfoo 2.2.0 whose recorded checksum does not match its artifact.
  TestProject& p = project;
  p.add({"libfoo", "2.2.0", {{"foo.h", "#define FOO 2\n"}}, {}, "", true});
  p.write({{"netlib", "^1.3.0"}, {"libfoo", "^2.2.0"}}, 2);
  auto r = pinset({"install"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: cannot download libfoo 2.2.0 from \"file://"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("checksum"), std::string::npos) << r.err;
  EXPECT_EQ(snapshot(packages()), before);
  EXPECT_EQ(read_file(project.app() + "/pinset.lock"), lock_before);
}

TEST_F(InstallCli, HostileArchiveIsRefusedAndNothingEscapes) {
  ASSERT_EQ(pinset({"install"}).exit_code, 0);
  auto before = snapshot(packages());
  auto outside_before = snapshot(project.root());
  project.add({"evil",
               "1.0.0",
               {},
               {},
               ArchiveBuilder().symlink("pkg/link", "/tmp").file("pkg/link/owned", "x").build()});
  project.write({{"netlib", "^1.3.0"}, {"evil", "1.0.0"}}, 2);
  auto r = pinset({"install"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot unpack evil 1.0.0"), std::string::npos) << r.err;
  EXPECT_EQ(snapshot(packages()), before);
  EXPECT_FALSE(std::filesystem::exists("/tmp/owned"));
}

TEST_F(InstallCli, LockedRefusesStaleLockAndFrozenNeedsTheCache) {
  ASSERT_EQ(pinset({"install"}).exit_code, 0);
  auto before = snapshot(packages());
  project.write({{"netlib", "~1.3.0"}});  // the manifest now wants 1.3.x
  auto r = pinset({"install", "--locked"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("error: pinset.lock: the lock is out of date", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("netlib 1.4.0 -> 1.3.0"), std::string::npos) << r.err;
  EXPECT_EQ(snapshot(packages()), before);

  TempDir empty_cache;
  auto frozen = run_pinset({"install", "--frozen", "--prefix", "other"}, project.app(),
                           {{"PINSET_CACHE_DIR", empty_cache.path()}});
  EXPECT_EQ(frozen.exit_code, 1) << frozen.err;  // the lock is stale before the cache matters
}

TEST_F(InstallCli, OfflineUsesOnlyTheCache) {
  TempDir empty_cache;
  auto miss = run_pinset({"install", "--offline"}, project.app(),
                         {{"PINSET_CACHE_DIR", empty_cache.path()}});
  EXPECT_EQ(miss.exit_code, 2);
  EXPECT_NE(miss.err.find("is not in the cache, and --offline forbids downloading it"),
            std::string::npos)
      << miss.err;
  EXPECT_FALSE(std::filesystem::exists(packages()));
  ASSERT_EQ(pinset({"install"}).exit_code, 0);
  std::filesystem::remove_all(project.set_dir() + "/artifacts");  // no source any more
  auto warm = pinset({"install", "--offline", "--prefix", "again"});
  EXPECT_EQ(warm.exit_code, 0) << warm.err;
  EXPECT_EQ(read_file(project.app() + "/again/netlib/README"), "netlib 1.4\n");
}

TEST(InstallHttps, FetchesSetAndArtifactsOverHttpsWithPrivateCa) {
  TestProject project;
  project.add({"netlib", "1.4.0", {{"README", "netlib 1.4\n"}}, {}});
  project.write({{"netlib", "^1.0.0"}});
  NginxFixture nginx(project.set_dir());
  project.write({{"netlib", "^1.0.0"}}, 1, nginx.https_url("set.yaml"));
  TempDir cache;
  std::map<std::string, std::string> env{{"PINSET_CACHE_DIR", cache.path()}};
  auto no_ca = run_pinset({"install"}, project.app(), env);
  EXPECT_EQ(no_ca.exit_code, 2);
  EXPECT_NE(no_ca.err.find("certificate"), std::string::npos) << no_ca.err;
  EXPECT_FALSE(std::filesystem::exists(project.app() + "/pinset_packages"));

  auto ok = run_pinset({"install", "--cacert", nginx.ca_file()}, project.app(), env);
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(read_file(project.app() + "/pinset_packages/netlib/README"), "netlib 1.4\n");
  auto lock = nlohmann::json::parse(read_file(project.app() + "/pinset.lock"));
  EXPECT_EQ(lock["packages"]["netlib"]["url"], nginx.https_url("artifacts/netlib-1.4.0.tgz"));
  std::size_t requests = nginx.access_log(2).size();

  // Warm: a new install folder from the cache makes no request at all.
  env["PINSET_CA_BUNDLE"] = nginx.ca_file();
  auto warm = run_pinset({"install", "--prefix", "second"}, project.app(), env);
  ASSERT_EQ(warm.exit_code, 0) << warm.err;
  ::usleep(200000);
  EXPECT_EQ(nginx.access_log().size(), requests);
}

}  // namespace
}  // namespace pinset::test
