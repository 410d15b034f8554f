#include <string>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include "tests/support/error_text.hpp"

#include "core/crypto/digest.hpp"
#include "core/model/lock.hpp"

namespace pinset::model {
namespace {

using Json = nlohmann::json;

using test::error_of;

semver::Version version(std::string_view text) {
  auto v = semver::Version::parse(text);
  EXPECT_TRUE(v) << text;
  return v ? *v : semver::Version{};
}

Lock sample() {
  Lock lock;
  lock.set_name = "main";
  lock.set_url = "https://example.org/sets/main.yaml";
  lock.set_digest = crypto::sha256("set bytes");
  lock.set_serial = 42;
  lock.packages.push_back(LockedPackage{"app-core",
                                        version("2.0.0-rc.1+build.7"),
                                        crypto::sha256("app-core"),
                                        "https://example.org/a/app-core-2.0.0-rc.1.tgz",
                                        {"netlib", "zlib"}});
  lock.packages.push_back(LockedPackage{"netlib",
                                        version("1.4.2"),
                                        crypto::sha256("netlib"),
                                        "https://example.org/a/netlib-1.4.2.tgz",
                                        {"zlib"}});
  lock.packages.push_back(LockedPackage{"zlib",
                                        version("1.3.1"),
                                        crypto::digest(crypto::DigestAlgo::sha512, "zlib"),
                                        "https://example.org/a/zlib-1.3.1.tgz",
                                        {}});
  return lock;
}

// The content digest as lock.cpp defines it, computed here on its own: sha256 of nlohmann's
// dump(2) of the document without "content-digest".
std::string digest_of(Json without_digest) {
  return "sha256:" + crypto::sha256(without_digest.dump(2)).hex();
}

// A lock text with a correct content digest, for checking what the parser does after the digest.
std::string sealed(Json document) {
  document.erase("content-digest");
  document["content-digest"] = digest_of(document);
  return document.dump(2) + "\n";
}

std::string replace_once(std::string text, std::string_view from, std::string_view to) {
  std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(Lock, WritesSortedIndentedJsonWithContentDigest) {
  Lock lock = sample();
  std::swap(lock.packages[0], lock.packages[2]);  // the writer sorts
  std::string text = write_lock(lock);
  std::string body =
      "  \"lock-version\": 1,\n"
      "  \"package-set\": {\n"
      "    \"digest\": \"" +
      crypto::sha256("set bytes").str() +
      "\",\n"
      "    \"name\": \"main\",\n"
      "    \"serial\": 42,\n"
      "    \"url\": \"https://example.org/sets/main.yaml\"\n"
      "  },\n"
      "  \"packages\": {\n"
      "    \"app-core\": {\n"
      "      \"checksum\": \"" +
      crypto::sha256("app-core").str() +
      "\",\n"
      "      \"dependencies\": [\n"
      "        \"netlib\",\n"
      "        \"zlib\"\n"
      "      ],\n"
      "      \"url\": \"https://example.org/a/app-core-2.0.0-rc.1.tgz\",\n"
      "      \"version\": \"2.0.0-rc.1+build.7\"\n"
      "    },\n"
      "    \"netlib\": {\n"
      "      \"checksum\": \"" +
      crypto::sha256("netlib").str() +
      "\",\n"
      "      \"dependencies\": [\n"
      "        \"zlib\"\n"
      "      ],\n"
      "      \"url\": \"https://example.org/a/netlib-1.4.2.tgz\",\n"
      "      \"version\": \"1.4.2\"\n"
      "    },\n"
      "    \"zlib\": {\n"
      "      \"checksum\": \"" +
      crypto::digest(crypto::DigestAlgo::sha512, "zlib").str() +
      "\",\n"
      "      \"dependencies\": [],\n"
      "      \"url\": \"https://example.org/a/zlib-1.3.1.tgz\",\n"
      "      \"version\": \"1.3.1\"\n"
      "    }\n"
      "  }\n"
      "}";
  // The digest covers exactly the document without its own line.
  std::string digest = "sha256:" + crypto::sha256("{\n" + body).hex();
  EXPECT_EQ(text, "{\n  \"content-digest\": \"" + digest + "\",\n" + body + "\n");
  EXPECT_EQ(write_lock(sample()), text);
}

TEST(Lock, RoundTripsToEqualValueAndIdenticalBytes) {
  std::string text = write_lock(sample());
  auto parsed = parse_lock(text, "pinset.lock");
  ASSERT_TRUE(parsed) << error_of(parsed);
  EXPECT_EQ(*parsed, sample());
  EXPECT_EQ(parsed->packages[0].version.str(), "2.0.0-rc.1+build.7");
  EXPECT_EQ(write_lock(*parsed), text);

  Lock empty;
  empty.set_name = "s";
  empty.set_url = "s.yaml";
  auto back = parse_lock(write_lock(empty), "pinset.lock");
  ASSERT_TRUE(back) << error_of(back);
  EXPECT_EQ(*back, empty);
}

TEST(Lock, Find) {
  Lock lock = sample();
  ASSERT_NE(lock.find("netlib"), nullptr);
  EXPECT_EQ(lock.find("netlib")->version.str(), "1.4.2");
  EXPECT_EQ(lock.find("zlib")->name, "zlib");
  EXPECT_EQ(lock.find("app-core")->name, "app-core");
  EXPECT_EQ(lock.find("nope"), nullptr);
  EXPECT_EQ(lock.find(""), nullptr);
}

// multiple-versions: a name locked in several versions is keyed name@version, in `packages` and
// in dependency lists; a name with one version keeps its plain key.
TEST(Lock, ANameInSeveralVersionsIsKeyedByVersion) {
  Lock lock = sample();
  lock.packages.insert(lock.packages.begin() + 2,
                       LockedPackage{"netlib",
                                     version("2.0.0"),
                                     crypto::sha256("netlib 2"),
                                     "https://example.org/a/netlib-2.0.0.tgz",
                                     {}});
  lock.packages[0].dependencies = {"netlib@1.4.2", "zlib"};
  EXPECT_EQ(lock.versions_of("netlib"), 2u);
  EXPECT_EQ(lock.versions_of("zlib"), 1u);
  EXPECT_EQ(lock.key_of(lock.packages[1]), "netlib@1.4.2");
  EXPECT_EQ(lock.key_of(lock.packages[2]), "netlib@2.0.0");
  EXPECT_EQ(lock.key_of(lock.packages[3]), "zlib");
  EXPECT_EQ(lock.find_key("netlib@2.0.0"), &lock.packages[2]);
  EXPECT_EQ(lock.find_key("netlib@3.0.0"), nullptr);
  EXPECT_EQ(lock.find_key("zlib"), &lock.packages[3]);
  EXPECT_EQ(split_key("@babel/core@7.24.0"),
            (std::pair<std::string_view, std::string_view>{"@babel/core", "7.24.0"}));
  EXPECT_EQ(split_key("@babel/core"),
            (std::pair<std::string_view, std::string_view>{"@babel/core", ""}));

  std::string text = write_lock(lock);
  EXPECT_NE(text.find("\"netlib@1.4.2\": {"), std::string::npos) << text;
  EXPECT_NE(text.find("\"netlib@2.0.0\": {"), std::string::npos) << text;
  auto back = parse_lock(text, "pinset.lock");
  ASSERT_TRUE(back) << test::error_text(back.error());
  EXPECT_EQ(*back, lock);
  EXPECT_EQ(write_lock(*back), text);

  // A key whose version is not the entry's is refused, naming both.
  Json edited = Json::parse(text);
  edited["packages"]["netlib@2.0.0"]["version"] = "2.0.1";
  auto wrong = parse_lock(sealed(edited), "pinset.lock");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(test::error_text(wrong.error()),
            "lock-key-mismatch: pinset.lock:32:18: packages.netlib@2.0.0.version: the package "
            "\"netlib@2.0.0\" records version \"2.0.1\"\n  help: delete it and re-run `pinset "
            "resolve` (or `pinset install`) to regenerate it, or restore it from version control");
}

TEST(Lock, FormattingOnlyEditsAreAccepted) {
  std::string text = write_lock(sample());
  Json document = Json::parse(text);
  for (std::string edited : {document.dump(), document.dump(4), document.dump(1, '\t')}) {
    auto parsed = parse_lock(edited, "pinset.lock");
    ASSERT_TRUE(parsed) << error_of(parsed);
    EXPECT_EQ(*parsed, sample());
  }
  // Members in another order, escapes for plain characters, CRLF line ends.
  std::string reordered = replace_once(text, "\"lock-version\": 1,\n", "");
  reordered = replace_once(reordered, "\"packages\": {", "\"lock-version\": 1, \"packages\": {");
  reordered = replace_once(reordered, "\"main\"", "\"m\\u0061in\"");
  std::string crlf;
  for (char c : reordered)
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  auto parsed = parse_lock(crlf, "pinset.lock");
  ASSERT_TRUE(parsed) << error_of(parsed);
  EXPECT_EQ(*parsed, sample());
}

TEST(Lock, AnyChangedValueIsTampering) {
  std::string text = write_lock(sample());
  std::string recorded = Json::parse(text)["content-digest"];
  const char* hint =
      "  help: delete it and re-run `pinset resolve` (or `pinset install`) to regenerate it, or "
      "restore it from version control";
  struct Edit {
    std::string from, to;
  };
  for (const Edit& edit :
       {Edit{"\"1.4.2\"", "\"1.4.3\""}, Edit{"\"serial\": 42", "\"serial\": 43"},
        Edit{"\"netlib\",\n", "\"netlib\",\n        \"extra\",\n"},
        Edit{"netlib-1.4.2.tgz", "netlib-1.4.2.tar.gz"}, Edit{"\"1.3.1\"", "\"v1.3.1\""}}) {
    std::string edited = replace_once(text, edit.from, edit.to);
    Json content = Json::parse(edited);
    content.erase("content-digest");
    EXPECT_EQ(error_of(parse_lock(edited, "proj/pinset.lock")),
              "lock-tampered: proj/pinset.lock:2:21: content-digest: pinset.lock has been edited "
              "or damaged: its content digest is " +
                  digest_of(content) + " but the file records " + recorded + "\n" + hint)
        << edit.to;
  }
  // No digest at all.
  Json without = Json::parse(text);
  without.erase("content-digest");
  EXPECT_EQ(error_of(parse_lock(without.dump(2), "pinset.lock")),
            "lock-tampered: pinset.lock: content-digest: pinset.lock has been edited or damaged: "
            "its content digest is " +
                digest_of(without) +
                " but the file records no content "
                "digest\n" +
                hint);
  // A digest that is not even a checksum is shown quoted.
  std::string garbled = replace_once(text, recorded, "sha256:\x1b[31mred");
  EXPECT_EQ(error_of(parse_lock(garbled, "pinset.lock")),
            "parse: pinset.lock:2:29: invalid JSON: syntax error while parsing value - invalid "
            "string: control character U+001B (ESC) must be escaped to \\u001B; last read: "
            "'\"sha256:<U+001B>'");
  garbled = replace_once(text, recorded, "sha256:nothex");
  EXPECT_EQ(error_of(parse_lock(garbled, "pinset.lock")),
            "lock-tampered: pinset.lock:2:21: content-digest: pinset.lock has been edited or "
            "damaged: its content digest is " +
                recorded +
                " but the file records "
                "\"sha256:nothex\"\n" +
                hint);
}

TEST(Lock, KnownBytesAreReadWithoutRecomputingTheDigest) {
  std::string text = write_lock(sample());
  auto known = parse_known_lock(text, "pinset.lock");
  ASSERT_TRUE(known) << error_of(known);
  EXPECT_EQ(*known, *parse_lock(text, "pinset.lock"));
  // What makes it cheaper is what makes it only for known bytes: an edit is not seen.
  std::string edited = replace_once(text, "\"1.4.2\"", "\"1.4.3\"");
  EXPECT_EQ(parse_lock(edited, "pinset.lock").error().code, "lock-tampered");
  auto unseen = parse_known_lock(edited, "pinset.lock");
  ASSERT_TRUE(unseen) << error_of(unseen);
  EXPECT_NE(*unseen, sample());
  // Everything else is checked as parse_lock checks it.
  EXPECT_EQ(parse_known_lock("[]", "pinset.lock").error().code,
            parse_lock("[]", "pinset.lock").error().code);
}

TEST(Lock, NewerLockVersionIsRefused) {
  Json document = Json::parse(write_lock(sample()));
  document["lock-version"] = 2;
  document["new-field"] = true;  // a newer format may have fields this pinset does not know
  EXPECT_EQ(error_of(parse_lock(document.dump(2), "pinset.lock")),
            "lock-version: pinset.lock:3:19: lock-version: pinset.lock has lock format 2, newer "
            "than this pinset understands (it reads format 1)\n"
            "  help: upgrade pinset, or delete it and re-run `pinset resolve` (or `pinset "
            "install`) to regenerate it, or restore it from version control with this version");
  document["lock-version"] = 0;
  EXPECT_EQ(error_of(parse_lock(document.dump(2), "pinset.lock")),
            "lock-version: pinset.lock:3:19: lock-version: pinset.lock has lock format 0, which "
            "does not exist (it reads format 1)\n"
            "  help: delete it and re-run `pinset resolve` (or `pinset install`) to regenerate "
            "it, or restore it from version control");
}

TEST(Lock, SchemaErrorsAreCollected) {
  // Sealed with a correct digest, so that the schema checks are what is tested.
  Json document = Json::parse(write_lock(sample()));
  document["package-set"]["serial"] = "42";
  document["package-set"]["sigil"] = 1;
  document["packages"]["netlib"].erase("url");
  document["packages"]["netlib"]["version"] = "1.4";
  document["packages"]["zlib"]["dependencies"] = {"_zlib2", 3};
  document["packages"]["app-core"]["checksum"] = "md5:00";
  EXPECT_EQ(
      error_of(parse_lock(sealed(document), "pinset.lock")),
      "invalid-lock: pinset.lock is not a valid lock file (7 errors)\n"
      "  pinset.lock:7:15: package-set.serial: expected an unsigned integer, found a string "
      "\"42\"\n"
      "  pinset.lock:8:5: package-set.sigil: unknown field \"sigil\"; the known fields are: name, "
      "url, digest, serial, signatures-digest, versioning\n"
      "    help: remove it, or fix its name\n"
      "  pinset.lock:13:19: packages.app-core.checksum: invalid checksum \"md5:00\": unknown "
      "algorithm \"md5\" (supported: sha256, sha512)\n"
      "    help: write it as sha256:<64 lowercase hex digits>, sha512:<128 lowercase hex "
      "digits>, or the SRI form sha256-<base64> / sha512-<base64>\n"
      "  pinset.lock:21:15: packages.netlib.url: missing required field \"url\"\n"
      "    help: delete it and re-run `pinset resolve` (or `pinset install`) to regenerate it, "
      "or restore it from version control\n"
      "  pinset.lock:26:18: packages.netlib.version: invalid version \"1.4\": expected "
      "MAJOR.MINOR.PATCH\n"
      "    help: write MAJOR.MINOR.PATCH with optional -prerelease and +build parts, e.g. "
      "\"1.2.3\" or \"2.0.0-rc.1\"\n"
      "  pinset.lock:31:9: packages.zlib.dependencies[0]: invalid package name \"_zlib2\": it "
      "must start with a letter or digit\n"
      "    help: package names are letters, digits, '.', '_' and '-' in at most 16 '/'-separated "
      "segments, each starting with a letter or digit (the first may start with '@'), and at "
      "most 214 characters\n"
      "  pinset.lock:32:9: packages.zlib.dependencies[1]: expected a string, found a number 3\n"
      "    help: put it in quotes to write it as a string: \"3\"\n"
      "  help: delete it and re-run `pinset resolve` (or `pinset install`) to regenerate it, or "
      "restore it from version control");
}

TEST(Lock, NotJsonOrNotAMapping) {
  EXPECT_EQ(error_of(parse_lock("{\n  \"lock-version\": 1,\n", "pinset.lock")),
            "parse: pinset.lock:3:1: invalid JSON: syntax error while parsing object key - "
            "unexpected end of input; expected string literal");
  EXPECT_EQ(error_of(parse_lock("[]", "pinset.lock")),
            "wrong-type: pinset.lock:1:1: expected a mapping, found a list\n"
            "  help: delete it and re-run `pinset resolve` (or `pinset install`) to regenerate "
            "it, or restore it from version control");
}

}  // namespace
}  // namespace pinset::model
