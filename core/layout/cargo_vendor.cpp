// The `cargo-vendor` layout: what `cargo vendor` writes, so Cargo builds offline from the vetted
// trees without any change to Cargo:
//   vendor/<name>/ (vendor/<name>-<version>/ when the install has several versions of the name)
//   vendor/<crate>/.cargo-checksum.json   {"files": {path: sha256}, "package": sha256 of .crate}
//   vendor/cargo-config.toml              the [source] replacement for .cargo/config.toml
// Cargo skips entries of the vendor folder without a Cargo.toml (.pinset/, cargo-config.toml).
#include <nlohmann/json.hpp>

#include "core/layout/detail.hpp"

namespace pinset::layout::detail {

namespace {

std::string toml_string(std::string_view text) {
  return detail::quoted(text, "");
}

}  // namespace

Status plan_cargo_vendor(const Input& input, Tree& tree) {
  PackageIndex index(input);
  for (const auto& p : input.packages) {
    if (p.checksum.algo() != crypto::DigestAlgo::sha256) {
      return fail(codes::layout_needs_sha256,
                  "the cargo-vendor layout needs the sha256 of each .crate, and the set pins " +
                      label(p) + " with " + p.checksum.str(),
                  {},
                  "pin crates with their sha256 (the one in Cargo.lock and the registry index)");
    }
    bool has_manifest = false;
    nlohmann::json files = nlohmann::json::object();  // sorted keys: deterministic output
    for (const auto& f : p.files) {
      files[f.path] = f.sha256;
      if (f.path == "Cargo.toml") has_manifest = true;
    }
    if (!has_manifest) {
      return fail(codes::not_a_crate,
                  label(p) + " has no Cargo.toml at its root, so Cargo would not see it in vendor/",
                  {},
                  "a .crate holds one folder <name>-<version>/: give the set entry "
                  "strip-components: 1");
    }
    std::string dir = index.versions_of(p.name) > 1 ? p.name + "-" + p.version : p.name;
    tree.package_paths.push_back(dir);
    nlohmann::json sums = {{"files", std::move(files)}, {"package", p.checksum.hex()}};
    tree.files.push_back(File{dir + "/.cargo-checksum.json", sums.dump(), false});
  }
  std::string directory = input.root_from_project.empty() ? "vendor" : input.root_from_project;
  std::string snippet =
      "[source.crates-io]\n"
      "replace-with = \"pinset-vendor\"\n"
      "\n"
      "[source.pinset-vendor]\n"
      "directory = " +
      toml_string(directory) + "\n";
  tree.files.push_back(
      File{"cargo-config.toml",
           "# Written by pinset: add this to .cargo/config.toml beside the project's Cargo.toml\n"
           "# so that Cargo takes every crate from the vetted vendor folder.\n" +
               snippet,
           false});
  tree.notes.push_back("Cargo: add this to .cargo/config.toml (also in " + directory +
                       "/cargo-config.toml):\n" + snippet);
  return {};
}

}  // namespace pinset::layout::detail
