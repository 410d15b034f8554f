// core/layout: the planned trees (pure), their safety checks, and their application through the
// fs seam (an in-memory filesystem).
#include "core/layout/layout.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>

#include "tests/support/memory_fs.hpp"
#include "tests/support/process.hpp"

namespace pinset::layout {
namespace {

crypto::Checksum sha256_of(char fill) {
  return *crypto::Checksum::parse("sha256:" + std::string(64, fill));
}

PackageInput package(std::string name, std::string version, std::vector<std::string> deps = {},
                     std::vector<PackageFile> files = {}) {
  PackageInput p;
  p.name = std::move(name);
  p.version = std::move(version);
  p.checksum = sha256_of('a');
  p.dependencies = std::move(deps);
  p.files = std::move(files);
  return p;
}

const Link* find_link(const Tree& tree, const std::string& path) {
  for (const auto& l : tree.links) {
    if (l.path == path) return &l;
  }
  return nullptr;
}

// The target of the link at `path`, or "(no link)".
std::string target_of(const Tree& tree, const std::string& path) {
  const Link* l = find_link(tree, path);
  return l ? l->target : "(no link)";
}

TEST(Layout, NamesAndDefaultFoldersComeFromOneTable) {
  EXPECT_EQ(*parse_kind("node_modules"), Kind::node_modules);
  EXPECT_EQ(*parse_kind("cargo-vendor"), Kind::cargo_vendor);
  EXPECT_EQ(descriptor(Kind::packages).default_dir, "pinset_packages");
  EXPECT_EQ(descriptor(Kind::node_modules).default_dir, "node_modules");
  EXPECT_EQ(descriptor(Kind::cargo_vendor).default_dir, "vendor");
  auto bad = parse_kind("npm");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "unknown-layout");
  EXPECT_EQ(bad.error().render(),
            "unknown layout \"npm\"\n  help: use one of packages, node_modules, cargo-vendor, "
            "cmake");
}

TEST(Layout, RelativeTargets) {
  EXPECT_EQ(relative_target("", "a/b"), "a/b");
  EXPECT_EQ(relative_target(".pinset/x@1/node_modules", ".pinset/y@2/node_modules/y"),
            "../../y@2/node_modules/y");
  EXPECT_EQ(relative_target(".bin", ".pinset/x@1/node_modules/x/cli.js"),
            "../.pinset/x@1/node_modules/x/cli.js");
  EXPECT_EQ(relative_target("@s", ".pinset/@s+n@1/node_modules/@s/n"),
            "../.pinset/@s+n@1/node_modules/@s/n");
}

TEST(Layout, PackagesIsOneFolderPerName) {
  Input input;
  input.packages = {package("zlib", "1.3.1"), package("curl", "8.0.0", {"zlib"})};
  auto tree = plan(Kind::packages, input);
  ASSERT_TRUE(tree) << tree.error().render();
  EXPECT_EQ(tree->package_paths, (std::vector<std::string>{"zlib", "curl"}));
  EXPECT_TRUE(tree->directories.empty());
  EXPECT_TRUE(tree->links.empty());
  EXPECT_TRUE(tree->files.empty());
}

TEST(Layout, NodeModulesIsolatesEachPackageWithItsOwnDependencies) {
  Input input;
  input.packages = {package("@s/util", "1.0.0"), package("app-lib", "2.0.0", {"@s/util", "ms"}),
                    package("ms", "2.1.3")};
  input.direct = {"@s/util", "app-lib"};
  auto tree = plan(Kind::node_modules, input);
  ASSERT_TRUE(tree) << tree.error().render();
  EXPECT_EQ(tree->package_paths,
            (std::vector<std::string>{".pinset/@s+util@1.0.0/node_modules/@s/util",
                                      ".pinset/app-lib@2.0.0/node_modules/app-lib",
                                      ".pinset/ms@2.1.3/node_modules/ms"}));
  ASSERT_TRUE(find_link(*tree, ".pinset/app-lib@2.0.0/node_modules/@s/util"));
  EXPECT_EQ(target_of(*tree, ".pinset/app-lib@2.0.0/node_modules/@s/util"),
            "../../../@s+util@1.0.0/node_modules/@s/util");
  ASSERT_TRUE(find_link(*tree, ".pinset/app-lib@2.0.0/node_modules/ms"));
  EXPECT_EQ(target_of(*tree, ".pinset/app-lib@2.0.0/node_modules/ms"),
            "../../ms@2.1.3/node_modules/ms");
  ASSERT_TRUE(find_link(*tree, "@s/util"));
  EXPECT_EQ(target_of(*tree, "@s/util"), "../.pinset/@s+util@1.0.0/node_modules/@s/util");
  ASSERT_TRUE(find_link(*tree, "app-lib"));
  EXPECT_FALSE(find_link(*tree, "ms"));  // not a direct dependency: not visible at the top
  EXPECT_EQ(tree->directories,
            (std::vector<std::string>{
                ".pinset", ".pinset/@s+util@1.0.0", ".pinset/@s+util@1.0.0/node_modules",
                ".pinset/@s+util@1.0.0/node_modules/@s", ".pinset/app-lib@2.0.0",
                ".pinset/app-lib@2.0.0/node_modules", ".pinset/app-lib@2.0.0/node_modules/@s",
                ".pinset/ms@2.1.3", ".pinset/ms@2.1.3/node_modules", "@s"}));
}

TEST(Layout, NodeModulesKeepsTwoVersionsOfANameApart) {
  Input input;
  input.packages = {package("debug", "2.6.9", {"ms@2.0.0"}),
                    package("debug", "4.3.4", {"ms@2.1.2"}), package("ms", "2.0.0"),
                    package("ms", "2.1.2"), package("express", "4.0.0", {"debug@2.6.9"})};
  input.direct = {"express", "debug@4.3.4"};
  auto tree = plan(Kind::node_modules, input);
  ASSERT_TRUE(tree) << tree.error().render();
  EXPECT_EQ(target_of(*tree, ".pinset/debug@2.6.9/node_modules/ms"),
            "../../ms@2.0.0/node_modules/ms");
  EXPECT_EQ(target_of(*tree, ".pinset/debug@4.3.4/node_modules/ms"),
            "../../ms@2.1.2/node_modules/ms");
  EXPECT_EQ(target_of(*tree, "debug"), ".pinset/debug@4.3.4/node_modules/debug");

  input.packages[4].dependencies = {"debug"};
  auto ambiguous = plan(Kind::node_modules, input);
  ASSERT_FALSE(ambiguous);
  EXPECT_EQ(ambiguous.error().render(),
            "express 4.0.0 depends on \"debug\", which the install has in 2 versions, and the lock "
            "does not say which\n  help: run `pinset resolve` again to regenerate the lock");
}

TEST(Layout, NodeModulesBinLinksExecutablesAndWrapsTheOthers) {
  Input input;
  PackageInput tool = package(
      "tool", "1.0.0", {},
      {{"bin/tool.js", "00", true}, {"lib/x.js", "11", false}, {"package.json", "22", false}});
  tool.manifest =
      R"({"name":"tool","bin":{"tool":"./bin/tool.js","tool-x":"lib/x.js","gone":"no.js"}})";
  PackageInput single = package("@s/one", "1.0.0", {}, {{"cli.js", "33", false}});
  single.manifest = R"({"bin":"cli.js","scripts":{"postinstall":"rm -rf /"}})";
  input.packages = {tool, single};
  input.direct = {"tool", "@s/one"};
  auto tree = plan(Kind::node_modules, input);
  ASSERT_TRUE(tree) << tree.error().render();
  ASSERT_TRUE(find_link(*tree, ".bin/tool"));
  EXPECT_EQ(target_of(*tree, ".bin/tool"), "../.pinset/tool@1.0.0/node_modules/tool/bin/tool.js");
  ASSERT_EQ(tree->files.size(), 2u);
  EXPECT_EQ(tree->files[0].path, ".bin/tool-x");
  EXPECT_TRUE(tree->files[0].executable);
  EXPECT_EQ(tree->files[0].content,
            "#!/bin/sh\n# written by pinset: the command tool-x of tool 1.0.0\nexec node "
            "\"$(dirname \"$0\")/../.pinset/tool@1.0.0/node_modules/tool/lib/x.js\" \"$@\"\n");
  EXPECT_EQ(tree->files[1].path, ".bin/one");  // a string `bin` is named after the package
  EXPECT_EQ(tree->notes, (std::vector<std::string>{
                             "warning: tool 1.0.0 declares the command gone as no.js, which the "
                             "package does not have; skipped"}));
}

TEST(Layout, NodeModulesRefusesCommandsThatLeaveTheFolder) {
  Input input;
  PackageInput evil = package("evil", "1.0.0", {}, {{"x.js", "00", true}});
  evil.manifest = R"({"bin":{"../../../.bashrc":"x.js"}})";
  evil.manifest_source = "/cache/trees/t/files/package.json";
  input.packages = {evil};
  input.direct = {"evil"};
  auto tree = plan(Kind::node_modules, input);
  ASSERT_FALSE(tree);
  EXPECT_EQ(
      tree.error().render(),
      "/cache/trees/t/files/package.json: bin.../../../.bashrc: evil 1.0.0 declares a command "
      "named \"../../../.bashrc\", which is not a plain file name\n  help: remove the package "
      "from the set or ask its maintainers to fix package.json");
  input.packages[0].manifest = R"({"bin":{"x":"../../../../etc/passwd"}})";
  tree = plan(Kind::node_modules, input);
  ASSERT_FALSE(tree);
  EXPECT_EQ(tree.error().code, "unsafe-bin");
  EXPECT_EQ(tree.error().message,
            "evil 1.0.0 declares the command \"x\" as \"../../../../etc/passwd\", which is outside "
            "the package");
}

TEST(Layout, CargoVendorWritesChecksumsAndTheSourceReplacement) {
  Input input;
  input.root_from_project = "third_party/vendor";
  input.packages = {
      package("itoa", "1.0.0", {}, {{"Cargo.toml", "c1", false}, {"src/lib.rs", "c2", false}}),
      package("itoa", "0.4.8", {}, {{"Cargo.toml", "c3", false}}),
      package("ryu", "1.0.0", {}, {{"Cargo.toml", "c4", false}})};
  input.packages[2].checksum = sha256_of('b');
  auto tree = plan(Kind::cargo_vendor, input);
  ASSERT_TRUE(tree) << tree.error().render();
  EXPECT_EQ(tree->package_paths, (std::vector<std::string>{"itoa-1.0.0", "itoa-0.4.8", "ryu"}));
  ASSERT_EQ(tree->files.size(), 4u);
  EXPECT_EQ(tree->files[0].path, "itoa-1.0.0/.cargo-checksum.json");
  EXPECT_EQ(tree->files[0].content,
            R"({"files":{"Cargo.toml":"c1","src/lib.rs":"c2"},"package":")" + std::string(64, 'a') +
                "\"}");
  EXPECT_EQ(tree->files[2].content,
            R"({"files":{"Cargo.toml":"c4"},"package":")" + std::string(64, 'b') + "\"}");
  EXPECT_EQ(tree->files[3].path, "cargo-config.toml");
  EXPECT_NE(
      tree->files[3].content.find("[source.crates-io]\nreplace-with = \"pinset-vendor\"\n\n"
                                  "[source.pinset-vendor]\ndirectory = \"third_party/vendor\"\n"),
      std::string::npos);
}

TEST(Layout, CargoVendorRefusesWhatCargoCouldNotUse) {
  Input input;
  input.packages = {package("itoa", "1.0.0", {}, {{"itoa-1.0.0/Cargo.toml", "c1", false}})};
  auto tree = plan(Kind::cargo_vendor, input);
  ASSERT_FALSE(tree);
  EXPECT_EQ(tree.error().render(),
            "itoa 1.0.0 has no Cargo.toml at its root, so Cargo would not see it in vendor/\n  "
            "help: a .crate holds one folder <name>-<version>/: give the set entry "
            "strip-components: 1");
  input.packages[0].checksum = *crypto::Checksum::parse("sha512:" + std::string(128, 'c'));
  tree = plan(Kind::cargo_vendor, input);
  ASSERT_FALSE(tree);
  EXPECT_EQ(tree.error().code, "layout-needs-sha256");
  input.packages = {package("x", "1.0.0", {},
                            {{"Cargo.toml", "c1", false}, {".cargo-checksum.json", "c2", false}})};
  tree = plan(Kind::cargo_vendor, input);
  ASSERT_FALSE(tree);
  EXPECT_EQ(tree.error().message,
            "x 1.0.0 already has a file \".cargo-checksum.json\", which the cargo-vendor layout "
            "writes itself");
}

TEST(Layout, CmakeSetsFetchContentSourceDirsAsFetchContentSpellsThem) {
  Input input;
  input.packages = {package("fmt", "10.2.1"), package("nlohmann-json", "3.11.3")};
  auto tree = plan(Kind::cmake, input);
  ASSERT_TRUE(tree) << tree.error().render();
  EXPECT_EQ(tree->package_paths, (std::vector<std::string>{"fmt", "nlohmann-json"}));
  ASSERT_EQ(tree->files.size(), 1u);
  EXPECT_EQ(tree->files[0].path, "pinset-packages.cmake");
  const std::string& text = tree->files[0].content;
  EXPECT_NE(text.find("set(FETCHCONTENT_SOURCE_DIR_FMT \"${CMAKE_CURRENT_LIST_DIR}/fmt\" CACHE "
                      "PATH \"pinset: fmt 10.2.1\" FORCE)\n"),
            std::string::npos);
  EXPECT_NE(text.find("set(FETCHCONTENT_SOURCE_DIR_NLOHMANN-JSON "
                      "\"${CMAKE_CURRENT_LIST_DIR}/nlohmann-json\""),
            std::string::npos);
  EXPECT_NE(text.find("set(PINSET_NLOHMANN_JSON_DIR \"${CMAKE_CURRENT_LIST_DIR}/nlohmann-json\""),
            std::string::npos);
  input.packages.push_back(package("fmt", "9.0.0"));
  auto two = plan(Kind::cmake, input);
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().render(),
            "the cmake layout has one folder per name, and the install has 2 versions of fmt\n  "
            "help: use the packages, node_modules or cargo-vendor layout, or keep one version per "
            "name");
}

TEST(Layout, PackagesPutsANameInSeveralVersionsAtItsLockKeys) {
  Input input;
  input.packages = {package("debug", "2.6.9"), package("debug", "4.4.3"), package("ms", "2.1.3")};
  auto tree = plan(Kind::packages, input);
  ASSERT_TRUE(tree) << tree.error().render();
  EXPECT_EQ(tree->package_paths, (std::vector<std::string>{"debug@2.6.9", "debug@4.4.3", "ms"}));
}

TEST(Layout, ConflictingPlacesAreRefused) {
  Input input;
  // The same name and version twice would be one folder written twice.
  input.packages = {package("a", "1.0.0"), package("a", "1.0.0")};
  auto tree = plan(Kind::node_modules, input);
  ASSERT_FALSE(tree);
  EXPECT_EQ(tree.error().render(),
            "the layout would write \".pinset/a@1.0.0/node_modules/a\" twice\n  help: two packages "
            "(or a package and a link) claim the same place; rename one in the set or use another "
            "layout");
}

TEST(Layout, NamesThatWouldLeaveTheFolderAreRefused) {
  // Names are checked when the set is read; the layout checks again what it would write.
  Input input;
  input.packages = {package("../evil", "1.0.0")};
  input.direct = {"../evil"};
  auto tree = plan(Kind::node_modules, input);
  ASSERT_FALSE(tree);
  EXPECT_EQ(tree.error().code, "unsafe-layout-path");
  EXPECT_EQ(tree.error().message,
            "the layout would write the package folder \".pinset/..+evil@1.0.0/node_modules/../"
            "evil\", which is not a plain path inside the install folder");
  input.packages = {package("/etc", "1.0.0")};
  tree = plan(Kind::packages, input);
  ASSERT_FALSE(tree);
  EXPECT_EQ(tree.error().message,
            "the layout would write the package folder \"/etc\", which is not relative");
}

TEST(Layout, ApplyWritesFoldersPackagesFilesThenLinks) {
  Input input;
  PackageInput tool = package("tool", "1.0.0", {"ms"}, {{"cli.js", "00", false}});
  tool.manifest = R"({"bin":"cli.js"})";
  input.packages = {tool, package("ms", "2.1.3")};
  input.direct = {"tool"};
  auto tree = plan(Kind::node_modules, input);
  ASSERT_TRUE(tree) << tree.error().render();
  test::MemoryFileSystem fs;
  std::vector<std::string> linked;
  auto ok = apply(*tree, fs, "/p/node_modules.staging", [&](const std::vector<std::string>& dests) {
    for (const auto& d : dests) {
      EXPECT_TRUE(fs.directories.count(d.substr(0, d.rfind('/')))) << d;
      EXPECT_TRUE(fs.make_directory(d));
      linked.push_back(d);
    }
    return Status{};
  });
  ASSERT_TRUE(ok) << ok.error().render();
  EXPECT_EQ(linked, (std::vector<std::string>{
                        "/p/node_modules.staging/.pinset/tool@1.0.0/node_modules/tool",
                        "/p/node_modules.staging/.pinset/ms@2.1.3/node_modules/ms"}));
  EXPECT_EQ(fs.links.at("/p/node_modules.staging/tool"), ".pinset/tool@1.0.0/node_modules/tool");
  EXPECT_EQ(fs.links.at("/p/node_modules.staging/.pinset/tool@1.0.0/node_modules/ms"),
            "../../ms@2.1.3/node_modules/ms");
  EXPECT_TRUE(fs.executables.count("/p/node_modules.staging/.bin/tool"));

  // A failure of the seam stops the application and is returned as it is.
  test::MemoryFileSystem full;
  ASSERT_TRUE(full.make_directory("/q/.pinset"));
  auto failed = apply(*tree, full, "/q", [](const std::vector<std::string>&) { return Status{}; });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "cannot create /q/.pinset: File exists");
}

TEST(Layout, ApplyThroughTheRealFileSystem) {
  Input input;
  PackageInput tool = package("tool", "1.0.0", {"@s/dep"}, {{"cli.js", "00", false}});
  tool.manifest = R"({"bin":"cli.js"})";
  input.packages = {tool, package("@s/dep", "2.0.0")};
  input.direct = {"tool"};
  auto tree = plan(Kind::node_modules, input);
  ASSERT_TRUE(tree) << tree.error().render();
  test::TempDir dir;
  auto link = [&](const std::vector<std::string>& dests) -> Status {
    for (const auto& d : dests)
      TRY(fs::real_file_system().make_directory(d));
    return {};
  };
  ASSERT_TRUE(apply(*tree, fs::real_file_system(), dir.path(), link));
  namespace stdfs = std::filesystem;
  EXPECT_EQ(stdfs::read_symlink(dir.path() + "/.pinset/tool@1.0.0/node_modules/@s/dep").string(),
            "../../../@s+dep@2.0.0/node_modules/@s/dep");
  EXPECT_TRUE(stdfs::is_directory(dir.path() + "/.pinset/tool@1.0.0/node_modules/@s/dep"));
  struct stat st {};
  ASSERT_EQ(::stat((dir.path() + "/.bin/tool").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0555u);
  EXPECT_EQ(test::read_file(dir.path() + "/.bin/tool"), tree->files[0].content);
  // Applying again finds everything in place: the first entry is refused, nothing is replaced.
  auto again = apply(*tree, fs::real_file_system(), dir.path(), link);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().render(), dir.path() + "/.bin: cannot create the folder " + dir.path() +
                                        "/.bin: File exists\n  help: check the free space and "
                                        "permissions of the install folder");
}

}  // namespace
}  // namespace pinset::layout
