// Debian source control files (.dsc): `Source`, `Version` and the `Checksums-Sha256` of the
// upstream tarball (`<source>_<upstream>.orig.tar.*`, or the whole `<source>_<version>.tar.*` of a
// native package). The Debian packaging (`.debian.tar.*`, `.diff.gz`) is not an upstream artifact
// and is left out. An OpenPGP clear-signature around the fields is allowed and not checked.
#include "core/import/importer.hpp"
#include "core/util/strings.hpp"

namespace pinset::importer {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// "1:5.4.1-0.2" -> "5.4.1": without the epoch and the Debian revision.
std::string upstream_version(std::string_view version) {
  if (std::size_t colon = version.find(':'); colon != std::string_view::npos) {
    version.remove_prefix(colon + 1);
  }
  if (std::size_t dash = version.rfind('-'); dash != std::string_view::npos) {
    version = version.substr(0, dash);
  }
  return std::string(version);
}

}  // namespace

Result<Parsed> read_dsc(std::string_view text, const std::string& source,
                        const ImportOptions& options) {
  std::string name;
  std::string version;
  int source_line = 0;
  struct File {
    std::string sha256;
    std::string size;
    std::string name;
    int line;
  };
  std::vector<File> files;
  std::string field;  // the field whose continuation lines follow
  int line_no = 0;
  for (std::string_view line : lines_of(text)) {
    ++line_no;
    if (line.rfind("-----BEGIN PGP SIGNATURE", 0) == 0) break;
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      if (field != "Checksums-Sha256") continue;
      std::string_view rest = trim(line);
      std::size_t a = rest.find(' ');
      std::size_t b = a == std::string_view::npos ? a : rest.find(' ', a + 1);
      if (b == std::string_view::npos) {
        return fail(codes::parse,
                    "invalid .dsc: a Checksums-Sha256 line needs \"<sha256> <size> <file>\"",
                    Location{source, line_no, 1, "Checksums-Sha256"},
                    "regenerate the .dsc with dpkg-source");
      }
      files.push_back({std::string(rest.substr(0, a)), std::string(rest.substr(a + 1, b - a - 1)),
                       std::string(trim(rest.substr(b + 1))), line_no});
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      field.clear();
      continue;
    }
    field = std::string(line.substr(0, colon));
    std::string value(trim(line.substr(colon + 1)));
    if (field == "Source") {
      name = value;
      source_line = line_no;
    } else if (field == "Version") {
      version = value;
    }
  }
  if (name.empty() || version.empty()) {
    return fail(codes::parse,
                "invalid .dsc: no " + std::string(name.empty() ? "Source" : "Version") + " field",
                Location{source, 1, 1, name.empty() ? "Source" : "Version"},
                "give the .dsc file that dpkg-source wrote");
  }
  const std::string upstream = upstream_version(version);
  Parsed out;
  for (const File& f : files) {
    const bool orig = f.name.rfind(name + "_" + upstream + ".orig.tar.", 0) == 0 &&
                      f.name.find(".asc") == std::string::npos &&
                      f.name.find("orig-") == std::string::npos;
    const bool native = f.name.rfind(name + "_" + version + ".tar.", 0) == 0;
    if (!orig && !native) {
      out.skipped.push_back(
          {f.line, f.name, "Debian packaging or a signature, not the upstream source"});
      continue;
    }
    Pin pin;
    pin.name = name;
    pin.version = upstream;
    pin.line = f.line;
    pin.entry = f.name;
    pin.checksum = "sha256:" + f.sha256;
    pin.url = expand_url(options.dsc_url, name, upstream);
    for (std::size_t at; (at = pin.url.find("{file}")) != std::string::npos;)
      pin.url.replace(at, 6, f.name);
    try {
      pin.size = std::stoull(f.size);
    } catch (const std::exception&) {
      pin.size.reset();
    }
    pin.strip_components = 1;  // "<source>-<upstream>/"
    out.pins.push_back(std::move(pin));
  }
  if (out.pins.empty()) {
    out.refused.push_back(refusal(source, source_line, name + " " + version,
                                  "lists no upstream tarball in Checksums-Sha256"));
  }
  return out;
}

}  // namespace pinset::importer
