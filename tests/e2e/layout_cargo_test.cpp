// End-to-end: the cargo-vendor layout, checked by the real `cargo build --offline` (Debian's cargo,
// installed by scripts/setup; without it this test fails, it is never skipped). The crates are
// made at test time with `cargo package`, as a registry would receive them.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/crypto/digest.hpp"
#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

namespace stdfs = std::filesystem;

const std::string k_cargo = PINSET_CARGO_PROGRAM;
const std::string k_rustc = PINSET_RUSTC_PROGRAM;

class CargoLayout : public ::testing::Test {
 protected:
  ProcessResult cargo(const std::vector<std::string>& args, const std::string& cwd) {
    return run_process(k_cargo, args, cwd,
                       {{"CARGO_HOME", work.path() + "/cargo-home"},
                        {"RUSTC", k_rustc},
                        {"CARGO_TERM_COLOR", "never"}});
  }
  // Writes a library crate and packages it; returns the .crate's path.
  std::string make_crate(const std::string& name, const std::string& version,
                         const std::string& deps, const std::string& lib) {
    work.write("crates/" + name + "/Cargo.toml",
               "[package]\nname = \"" + name + "\"\nversion = \"" + version +
                   "\"\nedition = \"2021\"\nlicense = \"MIT\"\ndescription = \"" + name +
                   "\"\n\n[dependencies]\n" + deps);
    work.write("crates/" + name + "/src/lib.rs", lib);
    std::string dir = work.path() + "/crates/" + name;
    auto r = cargo({"package", "--offline", "--no-verify", "--allow-dirty", "--quiet"}, dir);
    EXPECT_EQ(r.exit_code, 0) << "cargo package " << name << ": " << r.err
                              << (k_cargo == "cargo" ? " (run scripts/setup)" : "");
    return dir + "/target/package/" + name + "-" + version + ".crate";
  }
  std::string set_entry(const std::string& name, const std::string& version,
                        const std::string& crate, const std::string& deps) {
    std::string bytes = read_file(crate);
    work.write("set/" + name + "-" + version + ".crate", bytes);
    return "  " + name + ":\n    - version: " + version +
           "\n      checksum: " + crypto::sha256(bytes).str() + "\n      url: " + name + "-" +
           version + ".crate\n      strip-components: 1\n" + deps;
  }

  TempDir work;
  TempDir cache;
};

TEST_F(CargoLayout, RealCargoBuildsOfflineFromTheVendorFolder) {
  std::string leaf = make_crate("leaf", "0.1.0", "", "pub fn leaf() -> u32 { 41 }\n");
  std::string mid = make_crate("mid", "0.2.0", "leaf = { version = \"0.1\", path = \"../leaf\" }\n",
                               "pub fn mid() -> u32 { leaf::leaf() + 1 }\n");
  work.write("set/set.yaml",
             "format: 1\nname: crates\nserial: 1\npackages:\n" +
                 set_entry("leaf", "0.1.0", leaf, "") +
                 set_entry("mid", "0.2.0", mid, "      dependencies:\n        leaf: ^0.1.0\n"));
  std::string app = work.path() + "/app";
  work.write("app/pinset.yaml",
             "name: app\npackage-set:\n  url: ../set/set.yaml\nlayout: cargo-vendor\n"
             "dependencies:\n  mid: ^0.2.0\n");
  work.write("app/Cargo.toml",
             "[package]\nname = \"app\"\nversion = \"1.0.0\"\nedition = \"2021\"\n\n"
             "[dependencies]\nmid = \"0.2\"\n");
  work.write("app/src/main.rs", "fn main() { println!(\"{}\", mid::mid()); }\n");

  auto r = run_pinset({"install"}, app, {{"PINSET_CACHE_DIR", cache.path()}});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::string snippet =
      "[source.crates-io]\nreplace-with = \"pinset-vendor\"\n\n[source.pinset-vendor]\n"
      "directory = \"vendor\"\n";
  EXPECT_NE(
      r.out.find("Cargo: add this to .cargo/config.toml (also in vendor/cargo-config.toml):\n" +
                 snippet),
      std::string::npos)
      << r.out;
  std::string config = read_file(app + "/vendor/cargo-config.toml");
  EXPECT_NE(config.find(snippet), std::string::npos) << config;
  work.write("app/.cargo/config.toml", config);

  auto build = cargo({"build", "--offline", "--quiet"}, app);
  ASSERT_EQ(build.exit_code, 0) << build.err;
  auto run = run_process(app + "/target/debug/app", {});
  EXPECT_EQ(run.out, "42\n");
  // Cargo recorded the .crate checksums pinset vendored (those of the set).
  std::string lock = read_file(app + "/Cargo.lock");
  EXPECT_NE(lock.find("checksum = \"" + crypto::sha256(read_file(mid)).hex() + "\""),
            std::string::npos)
      << lock;
  EXPECT_EQ(run_pinset({"verify"}, app).exit_code, 0);

  // An edited vendored file no longer matches what pinset recorded.
  stdfs::permissions(app + "/vendor/leaf/src/lib.rs", stdfs::perms::owner_write,
                     stdfs::perm_options::add);
  work.write("app/vendor/leaf/src/lib.rs", "pub fn leaf() -> u32 { 0 }\n");
  auto verify = run_pinset({"verify"}, app);
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_NE(verify.out.find("leaf/src/lib.rs: content changed"), std::string::npos) << verify.out;
}

}  // namespace
}  // namespace pinset::test
