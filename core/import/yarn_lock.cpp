// yarn.lock v1 (yarn 1.x): blocks of `"spec", "spec":` headers with indented `version`,
// `resolved`, `integrity` and `dependencies` / `optionalDependencies` sections.
#include <set>

#include "core/import/importer.hpp"
#include "core/util/strings.hpp"

namespace pinset::importer {

namespace {

std::string unquote(std::string_view text) {
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    return std::string(text.substr(1, text.size() - 2));
  }
  return std::string(text);
}

std::size_t indent_of(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ')
    ++n;
  return n;
}

// `key value` -> {key, value} with quotes removed from both.
std::pair<std::string, std::string> key_value(std::string_view text) {
  std::size_t split = text.front() == '"' ? text.find('"', 1) + 1 : text.find(' ');
  if (split == std::string_view::npos || split == 0 || split >= text.size()) {
    return {unquote(text), ""};
  }
  std::string_view value = text.substr(split);
  while (!value.empty() && value.front() == ' ')
    value.remove_prefix(1);
  return {unquote(text.substr(0, split)), unquote(value)};
}

// The package name of a spec "name@range" ("@scope/name@range"); for an alias
// "alias@npm:real@range", the real package's name.
std::string spec_name(std::string_view spec) {
  if (std::size_t npm = spec.find("@npm:"); npm != std::string_view::npos) {
    spec = spec.substr(npm + 5);
  }
  std::size_t at = spec.find('@', 1);
  return std::string(spec.substr(0, at));
}

struct Block {
  Pin pin;
  std::vector<std::string> optional;  // names in optionalDependencies
};

}  // namespace

Result<Parsed> read_yarn_lock(std::string_view text, const std::string& source,
                              const ImportOptions&) {
  if (text.find("__metadata:") != std::string_view::npos) {
    return fail(codes::unsupported_format,
                "this yarn.lock is written by yarn 2 or later (it has __metadata); only yarn 1 "
                "lock files (v1) are supported",
                Location{source}, "import the project's package-lock.json, or use yarn 1");
  }
  std::vector<Block> blocks;
  std::string section;
  int line_no = 0;
  for (std::string_view line : lines_of(text)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t indent = indent_of(line);
    std::string_view body = line.substr(indent);
    if (body.empty() || body.front() == '#') continue;
    if (indent == 0) {
      if (body.back() != ':') {
        return fail(codes::parse,
                    "invalid yarn.lock: expected a header ending in \":\", found " + quote(body),
                    Location{source, line_no, 1, ""}, "regenerate it with yarn install");
      }
      body.remove_suffix(1);
      Block block;
      block.pin.line = line_no;
      block.pin.entry = std::string(body);
      std::string first(body.substr(0, body.find(',')));
      block.pin.name = spec_name(unquote(first));
      block.pin.strip_components = 1;
      blocks.push_back(std::move(block));
      section.clear();
      continue;
    }
    if (blocks.empty()) {
      return fail(codes::parse, "invalid yarn.lock: an indented line before the first header",
                  Location{source, line_no, 1, ""}, "regenerate it with yarn install");
    }
    Block& block = blocks.back();
    if (indent == 2) {
      if (body.back() == ':') {
        section = std::string(body.substr(0, body.size() - 1));
        continue;
      }
      section.clear();
      auto [key, value] = key_value(body);
      if (key == "version") {
        block.pin.version = value;
      } else if (key == "resolved") {
        block.pin.url = value.substr(0, value.find('#'));  // "#<sha1>" is not part of the URL
      } else if (key == "integrity") {
        block.pin.checksum = pick_integrity(value);
      }
      continue;
    }
    auto [name, range] = key_value(body);
    if (section == "dependencies") block.pin.dependencies.emplace_back(name, range);
    if (section == "optionalDependencies") block.optional.push_back(name);
  }
  // yarn 1 records no platform: a package reached only through optionalDependencies is optional.
  std::set<std::string> required;
  std::set<std::string> optional;
  for (const Block& b : blocks) {
    for (const auto& [name, range] : b.pin.dependencies)
      required.insert(name);
    optional.insert(b.optional.begin(), b.optional.end());
  }
  Parsed out;
  for (Block& b : blocks) {
    if (optional.count(b.pin.name) && !required.count(b.pin.name)) {
      out.skipped.push_back({b.pin.line, b.pin.entry, "optional"});
      continue;
    }
    out.pins.push_back(std::move(b.pin));
  }
  return out;
}

}  // namespace pinset::importer
