// The bundled example set and the documentation's examples, loaded as they are so they cannot rot.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "core/crypto/digest.hpp"
#include "core/model/package_set.hpp"
#include "tests/support/process.hpp"

namespace pinset::model {
namespace {

const std::string k_example = test::source_dir() + "/package-sets/example.yaml";

PackageSet load_example() {
  auto set = parse_package_set(test::read_file(k_example), k_example, doc::Format::yaml);
  EXPECT_TRUE(set) << set.error().render();
  return set ? std::move(*set) : PackageSet{};
}

TEST(ExampleSet, LoadsAsItIs) {
  PackageSet set = load_example();
  EXPECT_EQ(set.name, "example");
  EXPECT_EQ(set.packages().size(), 10u);
  std::size_t entries = 0;
  std::size_t vetted = 0;
  std::size_t with_dependencies = 0;
  for (const Package& p : set.packages()) {
    for (const Entry& e : p.entries) {
      ++entries;
      vetted += e.vetted().empty() ? 0 : 1;
      with_dependencies += e.dependencies.empty() ? 0 : 1;
      EXPECT_FALSE(e.license.empty()) << set.name_of(p.name);
    }
  }
  EXPECT_EQ(entries, 19u);
  EXPECT_GE(vetted, 3u);
  EXPECT_GE(with_dependencies, 5u);
  // Every dependency names a member of the set.
  for (const Package& p : set.packages()) {
    for (const Entry& e : p.entries) {
      for (const DependencyRef& d : e.dependencies) {
        EXPECT_NE(set.find(d.name), nullptr)
            << set.name_of(p.name) << " -> " << set.name_of(d.name);
      }
    }
  }
}

TEST(ExampleSet, EveryArtifactMatchesItsChecksumAndSize) {
  PackageSet set = load_example();
  std::set<std::string> referenced;
  for (const Package& p : set.packages()) {
    for (const Entry& e : p.entries) {
      std::string name(set.name_of(p.name));
      std::string file = name + "-" + e.version.str() + ".tar.gz";
      EXPECT_EQ(e.url, "artifacts/" + file);
      std::string path = set.artifact_url(e);
      EXPECT_EQ(path, test::source_dir() + "/package-sets/artifacts/" + file);
      std::string bytes = test::read_file(path);
      ASSERT_FALSE(bytes.empty()) << path;
      EXPECT_EQ(crypto::sha256(bytes), e.checksum) << path << " is " << crypto::sha256(bytes).str();
      EXPECT_EQ(e.size, bytes.size()) << path;
      EXPECT_EQ(e.strip_components, 1u) << path;
      referenced.insert(file);
    }
  }
  // And no archive lies there unlisted.
  std::set<std::string> on_disk;
  for (const auto& f :
       std::filesystem::directory_iterator(test::source_dir() + "/package-sets/artifacts")) {
    on_disk.insert(f.path().filename().string());
  }
  EXPECT_EQ(on_disk, referenced);
}

// The complete examples in package-sets/README.md (```yaml and ```json blocks that start with
// "format: 1" or {"format": 1) are valid sets, and the YAML and JSON ones describe the same set.
TEST(ExampleSet, ReadmeExamplesAreValidSets) {
  std::string readme = test::read_file(test::source_dir() + "/package-sets/README.md");
  ASSERT_FALSE(readme.empty());
  int checked = 0;
  std::string yaml_text;
  std::string json_text;
  for (const char* fence : {"```yaml\n", "```json\n"}) {
    for (std::size_t at = readme.find(fence); at != std::string::npos;
         at = readme.find(fence, at + 1)) {
      std::size_t start = at + std::string(fence).size();
      std::string block = readme.substr(start, readme.find("```", start) - start);
      bool is_json = fence[3] == 'j';
      if (block.rfind(is_json ? "{\n  \"format\": 1" : "format: 1", 0) != 0) continue;
      auto set =
          parse_package_set(block, "README.md", is_json ? doc::Format::json : doc::Format::yaml);
      EXPECT_TRUE(set) << block << "\n" << set.error().render();
      (is_json ? json_text : yaml_text) = block;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 2);
  auto yaml = parse_package_set(yaml_text, "README.md", doc::Format::yaml);
  auto json = parse_package_set(json_text, "README.md", doc::Format::json);
  ASSERT_TRUE(yaml && json);
  ASSERT_EQ(yaml->packages().size(), json->packages().size());
  for (std::size_t i = 0; i < yaml->packages().size(); ++i) {
    const Package& a = yaml->packages()[i];
    const Package& b = json->packages()[i];
    EXPECT_EQ(yaml->name_of(a.name), json->name_of(b.name));
    ASSERT_EQ(a.entries.size(), b.entries.size());
    for (std::size_t k = 0; k < a.entries.size(); ++k) {
      EXPECT_EQ(a.entries[k].version.str(), b.entries[k].version.str());
      EXPECT_EQ(a.entries[k].checksum, b.entries[k].checksum);
      EXPECT_EQ(a.entries[k].url, b.entries[k].url);
      EXPECT_EQ(a.entries[k].dependencies.size(), b.entries[k].dependencies.size());
      EXPECT_EQ(a.entries[k].vetted(), b.entries[k].vetted());
    }
  }
}

}  // namespace
}  // namespace pinset::model
