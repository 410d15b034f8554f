// pinset set mirror: layout, idempotence and refusals, on real files.
#include "core/app/set_mirror.hpp"

#include <gtest/gtest.h>

#include "core/crypto/digest.hpp"
#include "tests/support/error_text.hpp"
#include "tests/support/process.hpp"

namespace pinset::app {
namespace {

using test::error_of;

class SetMirrorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir.write("set/artifacts/a-1.0.0.tgz", "artifact a");
    dir.write("elsewhere/b-2.0.0.tgz", "artifact b");
  }
  std::string entry(const std::string& version, const std::string& bytes, const std::string& url) {
    return "    - version: " + version + "\n      checksum: " + crypto::sha256(bytes).str() +
           "\n      url: " + url + "\n      size: " + std::to_string(bytes.size()) + "\n";
  }
  void write_set(const std::string& b_bytes = "artifact b") {
    set = "format: 1\nname: acme\nserial: 9\npackages:\n  a:\n" +
          entry("1.0.0", "artifact a", "artifacts/a-1.0.0.tgz") + "  b:\n" +
          entry("2.0.0", b_bytes, "file://" + dir.path() + "/elsewhere/b-2.0.0.tgz");
    dir.write("set/acme.yaml", set);
  }
  Result<SetMirrorOutcome> mirror() {
    SetMirrorOptions o;
    o.set = dir.path() + "/set/acme.yaml";
    o.to = out.path() + "/m";
    o.fetchers = net::make_curl_fetcher;  // file:// artifacts, read by the real fetcher
    return mirror_set(fs::real_file_system(), o);
  }
  test::TempDir dir;
  test::TempDir out;
  std::string set;
};

TEST_F(SetMirrorTest, LaysOutRelativeAndAbsoluteArtifacts) {
  write_set();
  auto r = mirror();
  ASSERT_TRUE(r) << r.error().render();
  EXPECT_EQ(r->set_name, "acme");
  EXPECT_EQ(r->serial, 9u);
  EXPECT_EQ(r->set_file, "acme.yaml");
  EXPECT_FALSE(r->signatures);
  ASSERT_EQ(r->artifacts.size(), 2u);
  EXPECT_EQ(r->artifacts[0].path, "artifacts/a-1.0.0.tgz");
  EXPECT_EQ(r->artifacts[1].path, "file" + dir.path() + "/elsewhere/b-2.0.0.tgz");
  EXPECT_TRUE(r->artifacts[0].downloaded && r->artifacts[1].downloaded);
  EXPECT_EQ(out.read("m/acme.yaml"), set);
  EXPECT_EQ(out.read("m/artifacts/a-1.0.0.tgz"), "artifact a");
  EXPECT_EQ(out.read("m/" + r->artifacts[1].path), "artifact b");
  ASSERT_EQ(r->mappings.size(), 1u);
  EXPECT_EQ(r->mappings[0].from, "file:///");
  EXPECT_EQ(r->mappings[0].to, "file/");
  // Again: nothing to download; a signature file that appeared is copied.
  dir.write("set/acme.yaml.sig", "pinset-signatures 1\n");
  r = mirror();
  ASSERT_TRUE(r) << r.error().render();
  EXPECT_FALSE(r->artifacts[0].downloaded || r->artifacts[1].downloaded);
  EXPECT_TRUE(r->signatures);
  EXPECT_EQ(out.read("m/acme.yaml.sig"), "pinset-signatures 1\n");
}

TEST_F(SetMirrorTest, AnArtifactThatDoesNotMatchItsChecksumFails) {
  write_set("artifact c");  // what the set says b is: same size, other bytes
  auto r = mirror();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "checksum-mismatch");
  EXPECT_EQ(r.error().message, "cannot download b 2.0.0 from \"file://" + dir.path() +
                                   "/elsewhere/b-2.0.0.tgz\": its checksum is " +
                                   crypto::sha256("artifact b").str() + ", not the expected " +
                                   crypto::sha256("artifact c").str());
  // What could be mirrored is there; the set too.
  EXPECT_EQ(out.read("m/artifacts/a-1.0.0.tgz"), "artifact a");
}

TEST_F(SetMirrorTest, AnArtifactOutsideTheFolderIsRefused) {
  dir.write("set/acme.yaml", "format: 1\nname: acme\nserial: 9\npackages:\n  a:\n" +
                                 entry("1.0.0", "x", "https://host.example/a/../../x.tgz"));
  EXPECT_EQ(error_of(mirror()),
            "unsafe-path: " + dir.path() +
                "/set/acme.yaml:6: the artifact URL \"https://host.example/a/../../x.tgz\" of a "
                "1.0.0 does not map to a path inside the mirror folder\n"
                "  help: fix the artifact's URL in the set");
  EXPECT_FALSE(out.exists("m"));
}

TEST_F(SetMirrorTest, ALayeredSetIsRefused) {
  SetMirrorOptions o;
  o.set = test::source_dir() + "/package-sets/layers/team.yaml";
  o.to = out.path() + "/m";
  o.fetchers = net::make_curl_fetcher;
  EXPECT_EQ(error_of(mirror_set(fs::real_file_system(), o)),
            "layered-set: " + o.set + ": the set " + o.set +
                " extends other sets; pinset set mirror copies a flat set with every artifact\n"
                "  help: write the flat set with `pinset set flatten " +
                o.set + " -o FLAT`, sign it, and mirror that");
  EXPECT_FALSE(out.exists("m"));
}

}  // namespace
}  // namespace pinset::app
