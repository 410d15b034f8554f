// pinset install's use case without a network: the set and the artifacts are served by an
// in-memory web (tests/support/memory_fetcher.hpp); the project, cache and install folder are real
// folders in a temporary directory.
#include "core/app/install.hpp"

#include <gtest/gtest.h>

#include "core/crypto/digest.hpp"
#include "core/model/lock.hpp"
#include "tests/support/archive_builder.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/memory_fetcher.hpp"
#include "tests/support/process.hpp"

namespace pinset::app {
namespace {

using test::error_of;
using Urls = std::vector<std::string>;

const std::string k_set_url = "https://sets.test/acme/set.yaml";

std::string artifact(const std::string& name, const std::string& version) {
  std::string top = name + "-" + version + "/";
  return test::ArchiveBuilder().dir(top).file(top + "README", name + " " + version + "\n").build();
}

class InstallTest : public ::testing::Test {
 protected:
  // Serves the set (artifact URLs relative to it, or `urls` by name) and each artifact's bytes.
  void publish(const std::map<std::string, std::string>& urls = {}) {
    std::string set = comment + "format: 1\nname: " + set_name +
                      "\nserial: " + std::to_string(serial) + "\npackages:\n";
    for (const auto& [name, version] : packages) {
      std::string bytes = artifact(name, version);
      std::string url = urls.count(name) ? urls.at(name) : "artifacts/" + name + ".tgz";
      set += "  " + name + ":\n    - version: " + version +
             "\n      checksum: " + crypto::sha256(bytes).str() + "\n      url: " + url +
             "\n      size: " + std::to_string(bytes.size()) + "\n      strip-components: 1\n";
      web.serve("https://sets.test/acme/artifacts/" + name + ".tgz", bytes);
    }
    web.serve(set_url, set);
    dir.write("app/pinset.yaml", "name: app\npackage-set:\n  url: " + set_url +
                                     "\ndependencies:\n  a: ^1.0.0\n  b: ^2.0.0\n");
  }

  InstallOptions options() {
    InstallOptions o;
    o.manifest_path = dir.path() + "/app/pinset.yaml";
    o.cache_dir = dir.path() + "/cache";
    o.fetchers = web.factory();
    o.workers = 1;
    return o;
  }

  std::map<std::string, std::string> packages{{"a", "1.0.0"}, {"b", "2.0.0"}};
  std::string set_name = "acme";
  int serial = 1;
  std::string comment;
  std::string set_url = k_set_url;
  test::TempDir dir;
  test::MemoryWeb web;
};

TEST_F(InstallTest, ColdInstallFetchesTheSetAndEachArtifactOnce) {
  publish();
  auto out = install(fs::real_file_system(), options());
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_TRUE(out->installed);
  EXPECT_EQ(out->downloaded, 2u);
  EXPECT_EQ(web.requests(), (Urls{k_set_url, "https://sets.test/acme/artifacts/a.tgz",
                                  "https://sets.test/acme/artifacts/b.tgz"}));
  EXPECT_EQ(dir.read("app/pinset_packages/a/README"), "a 1.0.0\n");
  EXPECT_EQ(dir.read("app/pinset_packages/b/README"), "b 2.0.0\n");
  EXPECT_TRUE(dir.exists("app/pinset.lock"));
}

TEST_F(InstallTest, WarmInstallMakesNoRequest) {
  publish();
  ASSERT_TRUE(install(fs::real_file_system(), options()));
  std::size_t before = web.requests().size();
  auto again = install(fs::real_file_system(), options());
  ASSERT_TRUE(again) << again.error().render();
  EXPECT_TRUE(again->plan.up_to_date);
  EXPECT_EQ(again->downloaded, 0u);
  EXPECT_EQ(web.requests().size(), before);
}

TEST_F(InstallTest, TheFetchOptionsReachTheFetcher) {
  publish();
  InstallOptions o = options();
  o.fetch.jobs = 3;
  o.fetch.ca_file = "/srv/ca.pem";
  ASSERT_TRUE(install(fs::real_file_system(), o));
  EXPECT_EQ(web.last_options().jobs, 3);
  EXPECT_EQ(web.last_options().ca_file, "/srv/ca.pem");
}

TEST_F(InstallTest, AMissingArtifactFailsWithItsStatusAndInstallsNothing) {
  publish();
  web.answer("https://sets.test/acme/artifacts/b.tgz", 404);
  auto out = install(fs::real_file_system(), options());
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "http-status");
  EXPECT_EQ(net::http_status_of(out.error()), 404);
  EXPECT_EQ(out.error().message,
            "cannot download b 2.0.0 from \"https://sets.test/acme/artifacts/b.tgz\": the server "
            "answered HTTP 404");
  EXPECT_FALSE(dir.exists("app/pinset_packages"));
  EXPECT_FALSE(dir.exists("app/pinset.lock"));
}

TEST_F(InstallTest, TamperedBytesAreRefusedAndNotInstalled) {
  publish();
  web.serve("https://sets.test/acme/artifacts/a.tgz", artifact("a", "6.6.6").substr(0, 10));
  auto out = install(fs::real_file_system(), options());
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "size-mismatch");
  EXPECT_FALSE(dir.exists("app/pinset_packages"));
}

TEST_F(InstallTest, OfflineWithAnEmptyCacheMakesNoRequest) {
  publish();
  InstallOptions o = options();
  o.offline = true;
  EXPECT_EQ(error_of(install(fs::real_file_system(), o)),
            "offline-miss: " + dir.path() +
                "/app/pinset.yaml:3: package-set.url: the package set \"" + k_set_url +
                "\" is not in the cache, and --offline forbids downloading it\n"
                "  help: run once without --offline to fill the cache");
  EXPECT_EQ(web.requests(), Urls{});
  EXPECT_EQ(web.fetchers_made(), 0u);
}

TEST_F(InstallTest, ARemoteSetNamingALocalFileIsRefusedBeforeAnyArtifactIsFetched) {
  publish({{"a", "file:///etc/passwd"}});
  auto out = install(fs::real_file_system(), options());
  EXPECT_EQ(error_of(out),
            "insecure-artifact-url: " + k_set_url +
                ":6: packages.a[0].url: a 1.0.0 names the URL \"file:///etc/passwd\", but the "
                "package set \"" +
                k_set_url +
                "\" was fetched over https, so it may name https artifacts only\n"
                "  help: ask the set's curators to publish the artifact over https; to use a local "
                "copy, map its URL with a mirror (mirrors: in the manifest, or --mirror)");
  EXPECT_EQ(web.requests(), Urls{k_set_url});
}

TEST_F(InstallTest, TheSameSerialWithOtherBytesIsEquivocation) {
  publish();
  auto first = install(fs::real_file_system(), options());
  ASSERT_TRUE(first) << first.error().render();
  std::string before = first->resolution.set.digest.str();
  comment = "# republished\n";
  publish();
  InstallOptions o = options();
  o.refresh = true;
  auto out = install(fs::real_file_system(), o);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "set-equivocation");
  std::string lock = dir.path() + "/app/pinset.lock";
  EXPECT_NE(out.error().message.find("serves serial 1 with digest sha256:"), std::string::npos);
  EXPECT_NE(out.error().message.find(lock + " recorded serial 1 with digest " + before +
                                     ": two different revisions under one serial (equivocation)"),
            std::string::npos)
      << out.error().message;
}

TEST_F(InstallTest, ARenamedSetCannotLowerTheRollbackFloor) {
  serial = 5;
  publish();
  ASSERT_TRUE(install(fs::real_file_system(), options()));
  serial = 1;
  set_name = "acme-renamed";
  publish();
  InstallOptions o = options();
  o.refresh = true;
  auto out = install(fs::real_file_system(), o);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "set-rollback");
  EXPECT_EQ(out.error().message,
            "the package set acme-renamed has serial 1, lower than serial 5 recorded in " +
                dir.path() +
                "/app/pinset.lock (recorded as \"acme\", now named \"acme-renamed\"): an older "
                "revision is being served (rollback)");
}

TEST_F(InstallTest, ALockWhoseArtifactWasSwappedIsRewrittenWithAWarning) {
  publish();
  ASSERT_TRUE(install(fs::real_file_system(), options()));
  std::string path = dir.path() + "/app/pinset.lock";
  auto lock = model::parse_lock(dir.read("app/pinset.lock"), path);
  ASSERT_TRUE(lock) << lock.error().render();
  std::string real_url = lock->packages[0].url;
  crypto::Checksum real_sum = lock->packages[0].checksum;
  lock->packages[0].url = "https://evil.test/a.tgz";
  lock->packages[0].checksum = crypto::sha256("evil");
  dir.write("app/pinset.lock", model::write_lock(*lock));  // content digest recomputed
  auto out = install(fs::real_file_system(), options());
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(
      out->resolution.warnings,
      std::vector<std::string>{
          path + " had a 1.0.0 with checksum " + crypto::sha256("evil").str() +
          " from \"https://evil.test/a.tgz\"; the package set has " + real_sum.str() + " from \"" +
          real_url + "\": the lock now follows the set; review this change before committing it"});
  EXPECT_EQ(model::parse_lock(dir.read("app/pinset.lock"), path)->packages[0].checksum, real_sum);
}

}  // namespace
}  // namespace pinset::app
