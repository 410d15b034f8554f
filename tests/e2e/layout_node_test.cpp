// End-to-end: the node_modules layout, checked by the real Node.js on a real npm closure
// (tests/data/npm-closure: 28 published tarballs, MIT and ISC). Node is installed by scripts/setup;
// without it these tests fail, they are never skipped.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

namespace stdfs = std::filesystem;

const std::string k_node = PINSET_NODE_PROGRAM;

struct Direct {
  std::string name;
  std::string range;
  std::string version;  // what `require('<name>/package.json').version` must say
};

// The manifest's dependencies, each required by node. ms is a dependency of debug only.
const std::vector<Direct> k_direct = {
    {"chalk", "^4.1.0", "4.1.2"},        {"debug", "2.6.9", "2.6.9"},
    {"destroy", "^1.2.0", "1.2.0"},      {"encodeurl", "~1.0.2", "1.0.2"},
    {"escape-html", "~1.0.3", "1.0.3"},  {"etag", "~1.8.1", "1.8.1"},
    {"fresh", "0.5.2", "0.5.2"},         {"http-errors", "2.0.0", "2.0.0"},
    {"mime", "1.6.0", "1.6.0"},          {"on-finished", "2.4.1", "2.4.1"},
    {"range-parser", "~1.2.1", "1.2.1"}, {"semver", "^7.5.0", "7.5.4"},
};

class NodeLayout : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string manifest = "name: node-app\npackage-set:\n  url: " + data_dir() +
                           "/npm-closure/set.yaml\nlayout: node_modules\ndependencies:\n";
    for (const auto& d : k_direct)
      manifest += "  " + d.name + ": \"" + d.range + "\"\n";
    project.write("pinset.yaml", manifest);
  }
  ProcessResult pinset(std::vector<std::string> args) {
    return run_pinset(args, project.path(), {{"PINSET_CACHE_DIR", cache.path()}});
  }
  ProcessResult node(const std::string& script) {
    return run_process(k_node, {"-e", script}, project.path());
  }
  std::string modules() const { return project.path() + "/node_modules"; }

  TempDir project;
  TempDir cache;
};

TEST_F(NodeLayout, RealNodeRequiresEveryDirectDependencyWithItsOwnDependencies) {
  auto r = pinset({"install"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("Installed 26 packages into node_modules (downloaded 26, ", 0), 0u)
      << r.out;
  for (const auto& d : k_direct) {
    auto required =
        node("const p = require('" + d.name + "/package.json');" + "if (p.version !== '" +
             d.version + "') throw new Error(p.version);" + "require('" + d.name + "');");
    EXPECT_EQ(required.exit_code, 0)
        << d.name << ": " << required.err << (k_node == "node" ? " (run scripts/setup)" : "");
  }
  // Each package sees its own dependencies, resolved from its real path, and nothing hoisted.
  auto ms = node(
      "const dir = require('path').dirname(require.resolve('debug'));"
      "console.log(require(require.resolve('ms/package.json', {paths: [dir]})).version)");
  EXPECT_EQ(ms.out, "2.0.0\n") << ms.err;
  auto hoisted = node("require('ms')");
  EXPECT_NE(hoisted.exit_code, 0);
  EXPECT_NE(hoisted.err.find("Cannot find module 'ms'"), std::string::npos) << hoisted.err;
  auto colors = node("const c = require('chalk'); console.log(typeof c.red, c.level >= 0)");
  EXPECT_EQ(colors.out, "function true\n") << colors.err;

  // Commands of direct dependencies, run as a shell runs them.
  auto semver = run_process(modules() + "/.bin/semver", {"-r", "^1.2.0", "1.2.3", "2.0.0"});
  EXPECT_EQ(semver.exit_code, 0) << semver.err;
  EXPECT_EQ(semver.out, "1.2.3\n");
  auto mime = run_process(modules() + "/.bin/mime", {"notes.txt"});
  EXPECT_EQ(mime.out, "text/plain\n") << mime.err;

  // Every link pinset wrote stays inside node_modules.
  std::string root = stdfs::canonical(modules()).string();
  int links = 0;
  for (auto it = stdfs::recursive_directory_iterator(modules());
       it != stdfs::recursive_directory_iterator(); ++it) {
    if (!it->is_symlink()) continue;
    ++links;
    std::string to = stdfs::canonical(it->path()).string();
    EXPECT_EQ(to.rfind(root + "/", 0), 0u) << it->path() << " -> " << to;
    it.disable_recursion_pending();
  }
  EXPECT_EQ(links, 12 + 2 + 14);  // direct, .bin, and each package's own dependencies

  auto verify = pinset({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  auto again = pinset({"install"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "26 packages in node_modules are up to date\n");
}

TEST_F(NodeLayout, VerifyNoticesAChangedLinkAndCiPutsItBack) {
  ASSERT_EQ(pinset({"install"}).exit_code, 0);
  stdfs::remove(modules() + "/.pinset/debug@2.6.9/node_modules/ms");
  stdfs::create_directory_symlink("../../../..",
                                  modules() + "/.pinset/debug@2.6.9/node_modules/ms");
  auto verify = pinset({"verify"});
  EXPECT_EQ(verify.exit_code, 1) << verify.out << verify.err;
  EXPECT_NE(verify.out.find(".pinset/debug@2.6.9/node_modules/ms: the link now points elsewhere"),
            std::string::npos)
      << verify.out;
  auto ci = pinset({"ci"});
  ASSERT_EQ(ci.exit_code, 0) << ci.err;
  EXPECT_EQ(stdfs::read_symlink(modules() + "/.pinset/debug@2.6.9/node_modules/ms").string(),
            "../../ms@2.0.0/node_modules/ms");
  EXPECT_EQ(pinset({"verify"}).exit_code, 0);
}

TEST_F(NodeLayout, NoLifecycleScriptEverRuns) {
  // A package whose scripts would leave a mark if anything ran them.
  TempDir set;
  std::string marker = project.path() + "/ran";
  std::string script = "node -e \\\"require('fs').writeFileSync('" + marker + "', 'x')\\\"";
  TempDir tmp;
  tmp.write("package/package.json",
            "{\"name\":\"noisy\",\"version\":\"1.0.0\",\"main\":\"index.js\",\"scripts\":{"
            "\"preinstall\":\"" +
                script + "\",\"install\":\"" + script + "\",\"postinstall\":\"" + script +
                "\",\"prepare\":\"" + script + "\"}}");
  tmp.write("package/index.js", "module.exports = 'quiet';\n");
  auto tar =
      run_process("tar", {"-czf", set.path() + "/noisy-1.0.0.tgz", "-C", tmp.path(), "package"});
  ASSERT_EQ(tar.exit_code, 0) << tar.err;
  auto sum = run_process("sha256sum", {set.path() + "/noisy-1.0.0.tgz"});
  set.write("set.yaml",
            "format: 1\nname: noisy\nserial: 1\npackages:\n  noisy:\n    - version: 1.0.0\n"
            "      checksum: sha256:" +
                sum.out.substr(0, 64) +
                "\n      url: noisy-1.0.0.tgz\n      strip-components: 1\n");
  project.write("pinset.yaml",
                "name: app\npackage-set:\n  url: " + set.path() +
                    "/set.yaml\nlayout: node_modules\ndependencies:\n  noisy: 1.0.0\n");
  auto r = pinset({"install"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(node("console.log(require('noisy'))").out, "quiet\n");
  EXPECT_FALSE(stdfs::exists(marker));
}

// send 0.18.0 needs ms 2.1.3 while its debug 2.6.9 needs ms 2.0.0: one version per name cannot
// install it; `multiple-versions` for ms can, and each package loads its own copy.
class NodeLayoutTwoVersions : public NodeLayout {
 protected:
  void write(const std::string& extra) {
    project.write("pinset.yaml", "name: node-app\npackage-set:\n  url: " + data_dir() +
                                     "/npm-closure/set.yaml\nlayout: node_modules\n" + extra +
                                     "dependencies:\n  send: 0.18.0\n  debug: 2.6.9\n");
  }
  std::string ms_seen_by(const std::string& package) {
    auto r = node("const dir = require('path').dirname(require.resolve('" + package +
                  "/package.json'));"
                  "console.log(require(require.resolve('ms/package.json', {paths: [dir]}))"
                  ".version)");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
};

TEST_F(NodeLayoutTwoVersions, OneVersionPerNameRefusesAndPointsToTheOptIn) {
  write("");
  auto r = pinset({"install"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(r.err,
            "error: the package set \"npm-closure\" has no version of ms that satisfies both "
            "constraints below (it lists 2.0.0 and 2.1.3)\n"
            "  debug 2.6.9 depends on ms 2.0.0\n"
            "    required by: node-app -> debug 2.6.9\n"
            "  send 0.18.0 depends on ms 2.1.3\n"
            "    required by: node-app -> send 0.18.0\n"
            "  help: one version per name is the rule; write `multiple-versions: {rule: any, "
            "packages: [ms]}` in the manifest: the project then resolves with ms 2.0.0 and 2.1.3 "
            "side by side (they share the compatibility line 2.x, so `rule: major` is not "
            "enough); or no version of ms can satisfy every constraint listed: ask the set's "
            "curators for versions of debug or send that agree on ms (or use a newer set)\n");
  EXPECT_FALSE(stdfs::exists(modules()));
}

TEST_F(NodeLayoutTwoVersions, RealNodeLoadsEachPackagesOwnCopy) {
  write("multiple-versions:\n  rule: any\n  packages: [ms]\n");
  auto r = pinset({"install"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(ms_seen_by("send"), "2.1.3\n");
  EXPECT_EQ(ms_seen_by("debug"), "2.0.0\n");
  auto served = node("const s = require('send'); console.log(typeof s, typeof s.mime)");
  EXPECT_EQ(served.out, "function object\n") << served.err;
  EXPECT_TRUE(stdfs::is_directory(modules() + "/.pinset/ms@2.0.0/node_modules/ms"));
  EXPECT_TRUE(stdfs::is_directory(modules() + "/.pinset/ms@2.1.3/node_modules/ms"));

  // The lock names each copy by name@version, and every dependency says which one it takes.
  auto lock = nlohmann::json::parse(read_file(project.path() + "/pinset.lock"));
  const auto& packages = lock.at("packages");
  EXPECT_FALSE(packages.contains("ms"));
  EXPECT_EQ(packages.at("ms@2.0.0").at("version"), "2.0.0");
  EXPECT_EQ(packages.at("ms@2.1.3").at("version"), "2.1.3");
  EXPECT_EQ(packages.at("debug").at("dependencies"), nlohmann::json::array({"ms@2.0.0"}));
  auto send_deps = packages.at("send").at("dependencies");
  EXPECT_NE(std::find(send_deps.begin(), send_deps.end(), "ms@2.1.3"), send_deps.end());

  auto why = pinset({"why", "ms"});
  EXPECT_EQ(why.exit_code, 1);
  EXPECT_EQ(why.err,
            "error: pinset.lock: node-app uses \"ms\" in 2 versions: ms@2.0.0, ms@2.1.3\n"
            "  help: name one version, e.g. `pinset why ms@2.1.3`\n");
  auto why_new = pinset({"why", "ms@2.1.3"});
  EXPECT_EQ(why_new.exit_code, 0) << why_new.err;
  EXPECT_EQ(why_new.out,
            "ms@2.1.3 is required by 1 path from node-app:\n"
            "  node-app -> send@0.18.0 (0.18.0) -> ms@2.1.3 (2.1.3)\n");
  auto tree = pinset({"tree", "--depth", "2"});
  EXPECT_EQ(tree.exit_code, 0) << tree.err;
  EXPECT_NE(tree.out.find("ms@2.0.0 (2.0.0)"), std::string::npos) << tree.out;
  EXPECT_NE(tree.out.find("ms@2.1.3 (2.1.3)"), std::string::npos) << tree.out;

  // The SBOMs: one component per version, and each dependent's edge to its own copy.
  auto cdx = pinset({"sbom", "--format", "cyclonedx"});
  ASSERT_EQ(cdx.exit_code, 0) << cdx.err;
  auto bom = nlohmann::json::parse(cdx.out);
  std::vector<std::string> ms_refs;
  for (const auto& c : bom["components"]) {
    if (c["name"] == "ms") ms_refs.push_back(c["bom-ref"]);
  }
  EXPECT_EQ(ms_refs, (std::vector<std::string>{"ms@2.0.0", "ms@2.1.3"}));
  for (const auto& d : bom["dependencies"]) {
    if (d["ref"] == "debug@2.6.9") {
      EXPECT_EQ(d["dependsOn"], nlohmann::json::array({"ms@2.0.0"}));
    }
  }
  auto spdx = pinset({"sbom", "--format", "spdx"});
  ASSERT_EQ(spdx.exit_code, 0) << spdx.err;
  auto doc = nlohmann::json::parse(spdx.out);
  std::set<std::string> ids;
  for (const auto& p : doc["packages"])
    EXPECT_TRUE(ids.insert(p["SPDXID"].get<std::string>()).second) << p["SPDXID"];
  EXPECT_TRUE(ids.count("SPDXRef-Package-msX402.0.0")) << spdx.out.substr(0, 2000);
  EXPECT_TRUE(ids.count("SPDXRef-Package-msX402.1.3"));

  auto list = pinset({"list"});
  std::vector<std::string> ms_rows;  // "ms" in the name column, then the version
  std::istringstream rows(list.out);
  for (std::string row; std::getline(rows, row);) {
    std::istringstream cells(row);
    std::string name, version;
    cells >> name >> version;
    if (name == "ms") ms_rows.push_back(version);
  }
  EXPECT_EQ(ms_rows, (std::vector<std::string>{"2.0.0", "2.1.3"})) << list.out;
  auto verify = pinset({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  auto again = pinset({"install"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("are up to date"), std::string::npos) << again.out;
  auto locked = pinset({"resolve", "--locked"});
  EXPECT_EQ(locked.exit_code, 0) << locked.out << locked.err;
}

// The default layout keeps each version at its lock key, and going back to one version per name
// puts the name's folder back in place of those (only pinset's own folders are replaced).
TEST_F(NodeLayoutTwoVersions, ThePackagesLayoutKeepsEachVersionAtItsKey) {
  std::string head =
      "name: node-app\npackage-set:\n  url: " + data_dir() + "/npm-closure/set.yaml\n";
  project.write("pinset.yaml", head +
                                   "multiple-versions: {rule: any, packages: [ms]}\n"
                                   "dependencies:\n  send: 0.18.0\n  debug: 2.6.9\n");
  auto r = pinset({"install"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::string packages = project.path() + "/pinset_packages";
  EXPECT_TRUE(stdfs::exists(packages + "/ms@2.0.0/package.json"));
  EXPECT_TRUE(stdfs::exists(packages + "/ms@2.1.3/package.json"));
  EXPECT_FALSE(stdfs::exists(packages + "/ms"));
  EXPECT_EQ(pinset({"verify"}).exit_code, 0);

  project.write("pinset.yaml", head + "dependencies:\n  debug: 2.6.9\n");
  auto back = pinset({"install"});
  ASSERT_EQ(back.exit_code, 0) << back.out << back.err;
  EXPECT_TRUE(stdfs::exists(packages + "/ms/package.json"));
  EXPECT_FALSE(stdfs::exists(packages + "/ms@2.0.0"));
  EXPECT_FALSE(stdfs::exists(packages + "/ms@2.1.3"));
  auto verify = pinset({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace pinset::test
