// pip requirements files with hashes, as `pip-compile --generate-hashes` and `uv pip compile
// --generate-hashes` write them: `name==version` (or `===`), each `--hash=sha256:<hex>` pip accepts
// for it, and pip-compile's `# via` comments, which name the packages that need it (read back into
// dependency edges: `# via requests` under certifi makes requests depend on that certifi).
//
// A requirements file names no URL, and pip accepts any file whose hash is listed (the sdist and
// every wheel): a set pins one artifact. The URL comes from a pattern (`pypi_url`, by default
// PyPI's sdist location), and the entry's checksum is the listed hash when there is one; with
// several, `--fetch` downloads the artifact and keeps it only when its hash is one of the listed
// ones. Lines with environment markers are skipped (platform-only), editable and URL requirements
// and unpinned ones are refused, pip options (`--index-url`, `-r`) are ignored.
#include <map>
#include <set>

#include "core/import/importer.hpp"
#include "core/util/strings.hpp"

namespace pinset::importer {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

// PEP 503's normalized name: lower case, each run of '-', '_' and '.' one '-'.
std::string canonical_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (out.empty() || out.back() != '-') out += '-';
    } else {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  return out;
}

// One requirement with its continuation lines joined, and the `# via` names that follow it.
struct Requirement {
  std::string text;
  int line = 0;
  std::vector<std::string> via;
};

std::vector<Requirement> requirements_of(std::string_view text) {
  std::vector<Requirement> out;
  bool continued = false;  // the previous line ended in a backslash
  bool in_via = false;     // "# via" with the names on the following comment lines
  int line_no = 0;
  for (std::string_view raw : lines_of(text)) {
    std::string_view line = trim(raw);
    ++line_no;
    if (line.empty()) {
      in_via = false;
      continue;
    }
    if (line.front() == '#') {
      std::string_view comment = trim(line.substr(1));
      if (out.empty() || continued) continue;
      if (comment == "via") {
        in_via = true;
      } else if (comment.rfind("via ", 0) == 0) {
        out.back().via.emplace_back(trim(comment.substr(4)));
        in_via = false;
      } else if (in_via) {
        out.back().via.emplace_back(comment);
      }
      continue;
    }
    in_via = false;
    if (std::size_t hash = line.find(" #"); hash != std::string_view::npos) {
      line = trim(line.substr(0, hash));  // a trailing comment
    }
    bool more = !line.empty() && line.back() == '\\';
    if (more) line = trim(line.substr(0, line.size() - 1));
    if (continued) {
      out.back().text += " " + std::string(line);
    } else {
      out.push_back(Requirement{std::string(line), line_no, {}});
    }
    continued = more;
  }
  return out;
}

}  // namespace

Result<Parsed> read_requirements(std::string_view text, const std::string& source,
                                 const ImportOptions& options) {
  Parsed out;
  std::vector<Requirement> requirements = requirements_of(text);
  std::map<std::string, std::size_t> pin_of;  // canonical name -> index in out.pins
  std::vector<std::pair<std::size_t, const std::vector<std::string>*>> via_of;  // pin, its via
  for (const Requirement& r : requirements) {
    std::string_view req = r.text;
    std::string entry = std::string(req.substr(0, req.find(' ')));
    auto refuse = [&](std::string why, std::string hint = {}) {
      out.refused.push_back(refusal(source, r.line, entry, std::move(why), std::move(hint)));
    };
    if (req.front() == '-') {
      if (req.rfind("-e", 0) == 0 || req.rfind("--editable", 0) == 0) {
        refuse("an editable requirement names a folder or a repository, not an archive",
               "a set pins archives by checksum: publish the package, then pin it");
      }
      continue;  // pip options: --index-url, -r other.txt, --no-binary, ...
    }
    std::string_view spec = req;
    std::vector<std::string> hashes;
    for (std::size_t at = req.find(" --hash"); at != std::string_view::npos;
         at = req.find(" --hash", at + 1)) {
      if (spec.size() > at) spec = spec.substr(0, std::min(spec.size(), at));
      std::string_view value = req.substr(at + 7);
      if (!value.empty() && (value.front() == '=' || value.front() == ' ')) value.remove_prefix(1);
      value = value.substr(0, value.find(' '));
      if (value.rfind("sha256:", 0) == 0 || value.rfind("sha512:", 0) == 0) {
        hashes.emplace_back(value);
      }
    }
    spec = trim(spec);
    if (std::size_t semi = spec.find(';'); semi != std::string_view::npos) {
      out.skipped.push_back(
          {r.line, entry, "only where " + std::string(trim(spec.substr(semi + 1)))});
      continue;
    }
    std::size_t eq = spec.find("==");
    if (spec.find(" @ ") != std::string_view::npos || spec.find("://") != std::string_view::npos) {
      refuse("a direct URL requirement; a set pins archives of an index by checksum");
      continue;
    }
    if (eq == std::string_view::npos) {
      refuse("it is not pinned to one version (" + quote(spec) + ")",
             "pin every requirement with ==, e.g. with pip-compile --generate-hashes");
      continue;
    }
    std::string_view name = trim(spec.substr(0, eq));
    if (std::size_t bracket = name.find('['); bracket != std::string_view::npos) {
      name = name.substr(0, bracket);  // extras change what is installed with it, not the archive
    }
    std::string_view version = trim(spec.substr(eq + (spec.substr(eq, 3) == "===" ? 3 : 2)));
    Pin pin;
    pin.name = canonical_name(name);
    pin.version = std::string(version);
    pin.line = r.line;
    pin.entry = entry;
    pin.strip_components = 1;  // an sdist holds <name>-<version>/
    std::string pattern = options.pypi_url;
    if (std::size_t at = pattern.find("{initial}"); at != std::string::npos) {
      pattern.replace(at, 9, pin.name.substr(0, 1));
    }
    pin.url = expand_url(pattern, pin.name, pin.version);
    if (hashes.size() == 1) {
      pin.checksum = hashes.front();
    } else {
      pin.accepted = hashes;  // the fetched artifact must be one of them (importer.cpp)
    }
    if (hashes.empty()) {
      refuse("no --hash for " + quote(pin.name + "==" + pin.version) + " (or only sha384)",
             "generate the file with hashes: pip-compile --generate-hashes");
      continue;
    }
    pin_of[pin.name] = out.pins.size();
    via_of.emplace_back(out.pins.size(), &r.via);
    out.pins.push_back(std::move(pin));
  }
  // "# via requests" under certifi: requests depends on exactly that certifi.
  for (const auto& [index, via] : via_of) {
    const Pin& needed = out.pins[index];
    for (const std::string& by : *via) {
      if (by.empty() || by.front() == '-') continue;  // "-r requirements.in": the project itself
      auto user = pin_of.find(canonical_name(by.substr(0, by.find_first_of(" ["))));
      if (user == pin_of.end()) continue;
      out.pins[user->second].dependencies.emplace_back(needed.name, "=" + needed.version);
    }
  }
  return out;
}

}  // namespace pinset::importer
