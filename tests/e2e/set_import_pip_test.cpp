// End-to-end: `pinset set import requirements.txt --fetch` on the structure of a real pip-compile
// file (pypi/warehouse's 184 pins and their `# via` graph, tests/data/import/pip), then `pinset
// resolve` from the project's direct requirements gives back every pinned version.
//
// The real hashes are of PyPI's archives, which this machine cannot reach; the test makes one small
// sdist per pin, serves them with nginx over https, and gives each pin two hashes as pip-compile
// does (a wheel's, here made up, and the sdist's), so --fetch must pick the listed one.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/crypto/digest.hpp"
#include "tests/support/archive_builder.hpp"
#include "tests/support/nginx_fixture.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

std::string canonical(std::string name) {
  std::string out;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (out.empty() || out.back() != '-') out += '-';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

TEST(SetImportPip, RealRequirementsRoundTripThroughFetchAndResolve) {
  TempDir dir;
  auto nginx = std::make_unique<NginxFixture>(dir.path() + "/www");
  // The real file, each pin's hashes replaced by a made-up wheel hash and the test sdist's.
  std::istringstream real(read_file(data_dir() + "/import/pip/requirements.txt"));
  std::string rewritten;
  std::map<std::string, std::string> pinned;  // name -> version
  for (std::string line; std::getline(real, line);) {
    if (line.rfind("    --hash=", 0) == 0) continue;
    if (line.empty() || line[0] == '#' || line[0] == ' ') {
      rewritten += line + "\n";
      continue;
    }
    std::size_t eq = line.find("==");
    ASSERT_NE(eq, std::string::npos) << line;
    std::string name = canonical(line.substr(0, std::min(eq, line.find('['))));  // no extras
    std::string version = line.substr(eq + 2, line.find(' ', eq) - eq - 2);
    pinned[name] = version;
    std::string sdist =
        ArchiveBuilder()
            .file(name + "-" + version + "/PKG-INFO",
                  "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n")
            .build();
    dir.write("www/" + name + "-" + version + ".tar.gz", sdist);
    rewritten += line.substr(0, line.find(' ', eq)) +
                 " \\\n    --hash=sha256:" + std::string(64, 'e') +
                 " \\\n    --hash=" + crypto::sha256(sdist).str() + "\n";
  }
  ASSERT_EQ(pinned.size(), 184u);
  dir.write("requirements.txt", rewritten);

  auto r = run_pinset(
      {"set", "import", "requirements.txt", "--fetch", "--pypi-url",
       nginx->https_url("{name}-{version}.tar.gz"), "-o", "set.yaml"},
      dir.path(),
      {{"PINSET_CA_BUNDLE", nginx->ca_file()}, {"PINSET_CACHE_DIR", dir.path() + "/cache"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "imported 184 entries of 184 packages from requirements.txt (requirements) into "
            "set.yaml; downloaded 184 artifacts for their checksums\n");
  EXPECT_NE(dir.read("set.yaml").find("versioning: debian\n"), std::string::npos);

  // The project's direct requirements, as requirements.in names them.
  std::istringstream in(read_file(data_dir() + "/import/pip/requirements.in"));
  std::string manifest = "name: warehouse\npackage-set:\n  url: set.yaml\ndependencies:\n";
  for (std::string line; std::getline(in, line);) {
    std::size_t end = line.find_first_of("[<>=!~ ;#");
    std::string name = canonical(line.substr(0, end));
    if (!name.empty()) manifest += "  " + name + ": \"*\"\n";
  }
  dir.write("pinset.yaml", manifest);
  auto resolved = run_pinset({"resolve", "--json", "--dry-run"}, dir.path());
  ASSERT_EQ(resolved.exit_code, 0) << resolved.out << resolved.err;
  const auto resolved_json = nlohmann::json::parse(resolved.out);
  std::map<std::string, std::string> got;
  for (const auto& p : resolved_json["packages"])
    got[p["name"]] = p["version"];
  EXPECT_EQ(got, pinned);
}

}  // namespace
}  // namespace pinset::test
