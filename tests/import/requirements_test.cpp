// pip requirements files with hashes: the real pip-compile output of pypi/warehouse (see
// tests/data/import/README.md), and the rules for several hashes, markers, editables and pins.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/import/importer.hpp"
#include "tests/support/process.hpp"

namespace pinset::importer {
namespace {

const std::string k_a = "sha256:" + std::string(64, 'a');
const std::string k_b = "sha256:" + std::string(64, 'b');
const std::string k_c = "sha256:" + std::string(64, 'c');

std::string real_file() {
  return test::read_file(test::data_dir() + "/import/pip/requirements.txt");
}

const Pin* find(const Parsed& parsed, const std::string& name) {
  for (const Pin& p : parsed.pins) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

TEST(Requirements, ReadsARealPipCompileFile) {
  auto parsed = read_requirements(real_file(), "requirements.txt", ImportOptions{});
  ASSERT_TRUE(parsed) << parsed.error().render();
  EXPECT_EQ(parsed->pins.size(), 184u);
  EXPECT_TRUE(parsed->refused.empty());
  EXPECT_TRUE(parsed->skipped.empty());
  const Pin& alembic = parsed->pins.front();
  EXPECT_EQ(alembic.name, "alembic");
  EXPECT_EQ(alembic.version, "1.18.5");
  EXPECT_EQ(alembic.line, 7);
  EXPECT_EQ(alembic.entry, "alembic==1.18.5");
  EXPECT_EQ(alembic.checksum, "");
  EXPECT_EQ(alembic.accepted,
            (std::vector<std::string>{
                "sha256:06d8ba9d04558022f5395e9317de03d270f3dced49cee01f89fe7a13c26f14bc",
                "sha256:1554982221dd17e9a749b53902407578eb305e453f71999e8c7f0a48389fff8e"}));
  EXPECT_EQ(alembic.url,
            "https://files.pythonhosted.org/packages/source/a/alembic/alembic-1.18.5.tar.gz");
  EXPECT_EQ(alembic.strip_components, 1u);
  // "# via alembic-postgresql-enum" under alembic: that package needs exactly this alembic.
  const Pin* user = find(*parsed, "alembic-postgresql-enum");
  ASSERT_NE(user, nullptr);
  EXPECT_NE(std::find(user->dependencies.begin(), user->dependencies.end(),
                      std::pair<std::string, std::string>("alembic", "=1.18.5")),
            user->dependencies.end());
  // Names are PEP 503 normalized; post releases are kept as written.
  const Pin* legacy = find(*parsed, "packaging-legacy");
  ASSERT_NE(legacy, nullptr);
  EXPECT_EQ(legacy->version, "23.0.post0");
}

TEST(Requirements, SeveralHashesNeedTheArchiveFetchedToPickOne) {
  ImportOptions options;
  options.partial = true;
  auto out = import_pins(real_file(), "requirements.txt", Format::requirements, options);
  ASSERT_TRUE(out) << out.error().render();
  ASSERT_FALSE(out->refused.empty());
  EXPECT_EQ(out->entries + out->refused.size(), 184u);
  EXPECT_EQ(out->refused.front().headline(),
            "requirements.txt:7: entry \"alembic==1.18.5\": the file allows 2 archives (any of "
            "its hashes), and a set pins one: which one is at \"https://files.pythonhosted.org/"
            "packages/source/a/alembic/alembic-1.18.5.tar.gz\" is not known without downloading "
            "it");
  EXPECT_EQ(out->set.versioning, semver::Scheme::debian);
}

TEST(Requirements, FetchKeepsTheArchiveOnlyWhenItsHashIsListed) {
  const std::string text = "a==1.0 \\\n    --hash=sha256:" + std::string(64, 'a') +
                           " \\\n    --hash=sha256:" + std::string(64, 'b') +
                           "\n    # via b-pkg\nB_Pkg==2.0.1 --hash=" + k_c +
                           "\n    # via -r x.in\n";
  ImportOptions options;
  options.pypi_url = "https://mirror.example/{initial}/{name}-{version}.tar.gz";
  std::map<std::string, std::string> served = {{"a", k_b}};
  options.fill = [&](const Pin& pin) -> Result<ImportOptions::Filled> {
    return ImportOptions::Filled{served.at(pin.name), 42};
  };
  auto out = import_pins(text, "r.txt", Format::requirements, options);
  ASSERT_TRUE(out) << out.error().render();
  EXPECT_EQ(out->entries, 2u);
  const model::Package* a = out->set.find("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->entries[0].checksum.str(), k_b);
  EXPECT_EQ(a->entries[0].size, 42u);
  EXPECT_EQ(a->entries[0].url, "https://mirror.example/a/a-1.0.tar.gz");
  const model::Package* b = out->set.find("b-pkg");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->entries[0].checksum.str(), k_c);
  ASSERT_EQ(b->entries[0].dependencies.size(), 1u);
  EXPECT_EQ(out->set.range(b->entries[0].dependencies[0].range).text(), "=1.0");

  served["a"] = "sha256:" + std::string(64, 'd');  // the mirror serves another archive
  out = import_pins(text, "r.txt", Format::requirements, options);
  ASSERT_FALSE(out);
  ASSERT_EQ(out.error().causes.size(), 0u) << out.error().render();
  EXPECT_EQ(out.error().render(),
            "r.txt:1: entry \"a==1.0\": the archive at \"https://mirror.example/a/a-1.0.tar.gz\" "
            "has the checksum sha256:" +
                std::string(64, 'd') +
                ", which is none of the 2 hashes the file allows\n"
                "  help: check the URL pattern (--pypi-url): it must name the sdist the file was "
                "made with");
}

TEST(Requirements, MarkersEditablesUrlsAndLoosePins) {
  const std::string text =
      "--index-url https://pypi.example/simple\n"
      "-r base.txt\n"
      "ok==1.2 --hash=" +
      k_a +
      "\n"
      "win==3.0 ; sys_platform == \"win32\" --hash=" +
      k_b +
      "\n"
      "-e ./local\n"
      "loose>=1.0 --hash=" +
      k_c +
      "\n"
      "direct @ https://example.com/d.tar.gz\n"
      "nohash==1.0\n";
  auto parsed = read_requirements(text, "r.txt", ImportOptions{});
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->pins.size(), 1u);
  EXPECT_EQ(parsed->pins[0].checksum, k_a);
  ASSERT_EQ(parsed->skipped.size(), 1u);
  EXPECT_EQ(parsed->skipped[0].line, 4);
  EXPECT_EQ(parsed->skipped[0].reason, "only where sys_platform == \"win32\"");
  std::vector<std::string> refused;
  for (const Error& e : parsed->refused)
    refused.push_back(e.headline());
  EXPECT_EQ(refused,
            (std::vector<std::string>{
                "r.txt:5: entry \"-e\": an editable requirement names a folder or a repository, "
                "not an archive",
                "r.txt:6: entry \"loose>=1.0\": it is not pinned to one version (\"loose>=1.0\")",
                "r.txt:7: entry \"direct\": a direct URL requirement; a set pins archives of an "
                "index by checksum",
                "r.txt:8: entry \"nohash==1.0\": no --hash for \"nohash==1.0\" (or only sha384)"}));
}

TEST(Requirements, TheFileNameAnnouncesTheFormat) {
  EXPECT_EQ(detect_format("project/requirements.txt"), Format::requirements);
  EXPECT_EQ(detect_format("requirements.lock"), Format::requirements);
  EXPECT_EQ(parse_format("requirements"), Format::requirements);
  EXPECT_EQ(format_name(Format::requirements), "requirements");
}

}  // namespace
}  // namespace pinset::importer
