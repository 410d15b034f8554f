// End-to-end: the cmake layout, checked by the real CMake: an unchanged project that declares its
// dependency with FetchContent (at a URL that cannot work) configures and builds offline from the
// vetted tree, through -C and through CMAKE_PROJECT_TOP_LEVEL_INCLUDES.
#include <gtest/gtest.h>

#include "tests/support/test_project.hpp"

namespace pinset::test {
namespace {

const std::string k_cmake = PINSET_CMAKE_PROGRAM;

class CmakeLayout : public ::testing::Test {
 protected:
  void SetUp() override {
    project.add({"greet",
                 "1.2.0",
                 {{"CMakeLists.txt",
                   "cmake_minimum_required(VERSION 3.16)\nproject(greet C)\n"
                   "add_library(greet STATIC greet.c)\n"
                   "target_include_directories(greet PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})\n"},
                  {"greet.h", "int greet_answer(void);\n"},
                  {"greet.c", "#include \"greet.h\"\nint greet_answer(void) { return 42; }\n"}}});
    project.write({{"greet", "^1.2.0"}});
    std::string manifest = read_file(project.app() + "/pinset.yaml");
    project.dir().write("app/pinset.yaml", manifest + "layout: cmake\n");
    // The consumer: nothing in it knows about pinset.
    project.dir().write(
        "app/CMakeLists.txt",
        "cmake_minimum_required(VERSION 3.16)\nproject(consumer C)\ninclude(FetchContent)\n"
        "FetchContent_Declare(greet URL http://127.0.0.1:9/greet-1.2.0.tar.gz\n"
        "  URL_HASH SHA256=0000000000000000000000000000000000000000000000000000000000000000)\n"
        "FetchContent_MakeAvailable(greet)\n"
        "add_executable(consumer main.c)\ntarget_link_libraries(consumer PRIVATE greet)\n");
    project.dir().write("app/main.c",
                        "#include <stdio.h>\n#include \"greet.h\"\n"
                        "int main(void) { printf(\"%d\\n\", greet_answer()); return 0; }\n");
  }
  void configure_and_build(const std::string& how, const std::string& build) {
    auto configure = run_process(k_cmake, {how, "-S", project.app(), "-B", build}, project.app());
    ASSERT_EQ(configure.exit_code, 0) << configure.out << configure.err;
    auto compile = run_process(k_cmake, {"--build", build}, project.app());
    ASSERT_EQ(compile.exit_code, 0) << compile.out << compile.err;
    EXPECT_EQ(run_process(build + "/consumer", {}).out, "42\n");
  }

  TestProject project;
  TempDir cache;
};

TEST_F(CmakeLayout, AnUnchangedFetchContentProjectBuildsOfflineFromTheVettedTree) {
  auto r = run_pinset({"install"}, project.app(), {{"PINSET_CACHE_DIR", cache.path()}});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::string script = project.app() + "/pinset_packages/pinset-packages.cmake";
  EXPECT_NE(read_file(script).find(
                "set(FETCHCONTENT_SOURCE_DIR_GREET \"${CMAKE_CURRENT_LIST_DIR}/greet\" CACHE PATH "
                "\"pinset: greet 1.2.0\" FORCE)\n"),
            std::string::npos)
      << read_file(script);
  configure_and_build("-C" + script, project.app() + "/build-c");
  configure_and_build("-DCMAKE_PROJECT_TOP_LEVEL_INCLUDES=" + script,
                      project.app() + "/build-include");
  EXPECT_EQ(run_pinset({"verify"}, project.app()).exit_code, 0);
}

}  // namespace
}  // namespace pinset::test

namespace pinset::test {
namespace {

// Choosing a layout: the manifest's field, overridden by --layout; unknown names are refused with
// where they were written and the list of layouts.
TEST(LayoutChoice, UnknownLayoutsAreRefusedWithWhereAndWhat) {
  TestProject project;
  project.add({"greet", "1.2.0", {{"greet.h", "int greet_answer(void);\n"}}});
  project.write({{"greet", "^1.2.0"}});
  std::string manifest = read_file(project.app() + "/pinset.yaml");
  project.dir().write("app/pinset.yaml", manifest + "layout: npm\n");
  TempDir cache;
  std::map<std::string, std::string> env = {{"PINSET_CACHE_DIR", cache.path()}};
  auto r = run_pinset({"install"}, project.app(), env);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: pinset.yaml:6:9: layout: unknown layout \"npm\"\n  help: use one of packages, "
            "node_modules, cargo-vendor, cmake\n");
  auto bad_option = run_pinset({"install", "--layout", "vendor"}, project.app(), env);
  EXPECT_EQ(bad_option.exit_code, 2);
  EXPECT_EQ(bad_option.err,
            "error: --layout: unknown layout \"vendor\"\n  help: use one of packages, "
            "node_modules, cargo-vendor, cmake\n");

  // --layout wins over the manifest; without install-dir each layout has its own folder.
  auto cmake = run_pinset({"install", "--layout", "cmake", "--json"}, project.app(), env);
  ASSERT_EQ(cmake.exit_code, 0) << cmake.err;
  EXPECT_NE(cmake.out.find("\"layout\": \"cmake\""), std::string::npos) << cmake.out;
  EXPECT_TRUE(project.dir().exists("app/pinset_packages/pinset-packages.cmake"));
  EXPECT_TRUE(project.dir().exists("app/pinset_packages/greet/greet.h"));
  // Changing the layout reinstalls (the previous tree is swapped out whole).
  auto plain = run_pinset({"install", "--layout", "packages"}, project.app(), env);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(plain.out, "Installed 1 package into pinset_packages\n");
  EXPECT_FALSE(project.dir().exists("app/pinset_packages/pinset-packages.cmake"));
}

}  // namespace
}  // namespace pinset::test
