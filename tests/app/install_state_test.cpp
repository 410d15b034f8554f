// The install state (.pinset/state.json): what it reads back is what was written, and the
// indented form earlier pinsets wrote still reads the same.
#include "core/app/install_state.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/store/receipt_io.hpp"

namespace pinset::app {
namespace {

using Type = archive::FileRecord::Type;

InstalledPackage package(const std::string& version, const std::string& path,
                         semver::Scheme scheme = semver::Scheme::semver) {
  InstalledPackage p;
  p.version = *semver::Version::parse(version, scheme);
  p.checksum = *crypto::Checksum::parse("sha256:" + std::string(64, 'a'));
  p.strip_components = 1;
  p.receipt.files = {{"lib", Type::directory, 0755, 0, "", ""},
                     {"lib/a \"quoted\" é.js", Type::file, 0644, 3, std::string(64, 'b'), ""},
                     {"lib/b.js", Type::hardlink, 0644, 3, std::string(64, 'b'), "lib/a.js"},
                     {"bin", Type::symlink, 0777, 0, "", "lib/b.js"}};
  p.receipt.total_bytes = 3;
  p.path = path;
  return p;
}

InstallState sample() {
  InstallState s;
  s.lock_digest = "sha256:" + std::string(64, 'c');
  s.packages["@scope/a"] =
      package("1.2.3-rc.1", ".pinset/@scope+a@1.2.3-rc.1/node_modules/@scope/a");
  s.packages["tzdata"] = package("2026b", "", semver::Scheme::string);
  s.packages["zlib@1.3.0"] = package("1.3.0", "zlib@1.3.0");
  s.layout = "node_modules";
  s.layout_entries.files = {{".bin", Type::directory, 0755, 0, "", ""},
                            {".bin/a", Type::symlink, 0777, 0, "", "../@scope/a/bin"}};
  return s;
}

// What the install state was written as before it spliced the receipts in: indented, each
// receipt parsed and written again.
std::string earlier_form(const InstallState& state) {
  nlohmann::ordered_json j;
  j["state-version"] = 1;
  j["lock-digest"] = state.lock_digest;
  nlohmann::ordered_json pkgs = nlohmann::ordered_json::object();
  for (const auto& [name, p] : state.packages) {
    pkgs[name] = {{"version", p.version.str()},
                  {"checksum", p.checksum.str()},
                  {"strip-components", p.strip_components},
                  {"receipt", nlohmann::ordered_json::parse(store::write_receipt(p.receipt))}};
    if (p.version.scheme() != semver::Scheme::semver) {
      pkgs[name]["versioning"] = semver::scheme_info(p.version.scheme()).name;
    }
    if (!p.path.empty() && p.path != name) pkgs[name]["path"] = p.path;
  }
  j["packages"] = std::move(pkgs);
  if (state.layout != "packages") {
    j["layout"] = state.layout;
    j["layout-entries"] = nlohmann::ordered_json::parse(store::write_receipt(state.layout_entries));
  }
  return j.dump(1) + "\n";
}

TEST(InstallState, ReadsBackWhatItWrote) {
  const InstallState s = sample();
  const std::string text = write_install_state(s);
  ASSERT_TRUE(nlohmann::json::accept(text)) << text;
  auto back = parse_install_state(text, "state.json");
  ASSERT_TRUE(back) << back.error().render();
  EXPECT_EQ(write_install_state(*back), text);
  EXPECT_EQ(back->lock_digest, s.lock_digest);
  EXPECT_EQ(back->layout, "node_modules");
  ASSERT_EQ(back->packages.size(), 3u);
  const InstalledPackage& tz = back->packages.at("tzdata");
  EXPECT_EQ(tz.version.scheme(), semver::Scheme::string);
  EXPECT_EQ(tz.folder("tzdata"), "tzdata");
  EXPECT_EQ(back->packages.at("zlib@1.3.0").folder("zlib@1.3.0"), "zlib@1.3.0");
  EXPECT_EQ(back->packages.at("@scope/a").path,
            ".pinset/@scope+a@1.2.3-rc.1/node_modules/@scope/a");
  EXPECT_EQ(store::write_receipt(back->packages.at("@scope/a").receipt),
            store::write_receipt(s.packages.at("@scope/a").receipt));
  EXPECT_EQ(store::write_receipt(back->layout_entries), store::write_receipt(s.layout_entries));

  InstallState empty;
  auto none = parse_install_state(write_install_state(empty), "state.json");
  ASSERT_TRUE(none) << none.error().render();
  EXPECT_TRUE(none->packages.empty());
  EXPECT_EQ(none->layout, "packages");
}

TEST(InstallState, ReadsTheIndentedFormEarlierPinsetsWrote) {
  const InstallState s = sample();
  const std::string earlier = earlier_form(s);
  ASSERT_NE(earlier, write_install_state(s));
  auto back = parse_install_state(earlier, "state.json");
  ASSERT_TRUE(back) << back.error().render();
  EXPECT_EQ(write_install_state(*back), write_install_state(s));
  // One line a package: the receipts are not indented any more (a third of the bytes).
  EXPECT_LT(write_install_state(s).size() * 3, earlier.size() * 2);
}

TEST(InstallState, ADamagedReceiptIsNamed) {
  std::string text = write_install_state(sample());
  std::size_t at = text.find("\"lib/b.js\",\"h\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 14, "\"../b.js\",\"h\"");
  auto back = parse_install_state(text, "p/.pinset/state.json");
  ASSERT_FALSE(back);
  EXPECT_EQ(back.error().code, "corrupt-install");
  EXPECT_EQ(back.error().render(),
            "p/.pinset/state.json: the install state p/.pinset/state.json is "
            "damaged: package \"@scope/a\" is damaged\n"
            "  help: run `pinset install` to reinstall");
}

}  // namespace
}  // namespace pinset::app
