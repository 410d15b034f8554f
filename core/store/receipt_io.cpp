#include "core/store/receipt_io.hpp"

#include <simdjson.h>

#include <optional>

#include <nlohmann/json.hpp>

namespace pinset::store {

namespace {

char type_letter(archive::FileRecord::Type t) {
  switch (t) {
    case archive::FileRecord::Type::file:
      return 'f';
    case archive::FileRecord::Type::directory:
      return 'd';
    case archive::FileRecord::Type::symlink:
      return 'l';
    case archive::FileRecord::Type::hardlink:
      return 'h';
  }
  return '?';
}

}  // namespace

bool is_safe_relative_path(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

std::string write_receipt(const archive::Receipt& receipt) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : receipt.files) {
    files.push_back(nlohmann::json::array(
        {f.path, std::string(1, type_letter(f.type)), f.mode, f.size, f.sha256, f.link_target}));
  }
  nlohmann::json j = {{"files", std::move(files)}, {"total", receipt.total_bytes}};
  return j.dump() + "\n";
}

namespace {

tl::unexpected<Error> bad_receipt(const std::string& source, const std::string& why) {
  return fail(codes::corrupt_cache, "the cached receipt " + source + " is damaged: " + why,
              Location{source}, "delete the cache folder it is in; pinset will rebuild it");
}

std::optional<archive::FileRecord::Type> type_of(std::string_view letter) {
  using Type = archive::FileRecord::Type;
  for (Type t : {Type::file, Type::directory, Type::symlink, Type::hardlink}) {
    if (letter.size() == 1 && letter[0] == type_letter(t)) return t;
  }
  return std::nullopt;
}

}  // namespace

// Every install reads the receipt of each package it links (1,000 of them for a large project):
// simdjson's DOM parser (which validates the whole document) rather than nlohmann's, about ten
// times faster; the checks are receipt_from_json's.
Result<archive::Receipt> parse_receipt(std::string_view text, const std::string& source) {
  auto bad = [&](const std::string& why) { return bad_receipt(source, why); };
  thread_local simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root) || !root.is_object()) return bad("not a JSON object");
  simdjson::dom::array files;
  std::uint64_t total = 0;
  if (root["files"].get(files) || root["total"].get(total)) return bad("missing files or total");
  archive::Receipt r;
  r.total_bytes = total;
  r.files.reserve(files.size());
  for (simdjson::dom::element f : files) {
    simdjson::dom::array fields;
    std::string_view path, letter, sha256, link_target;
    std::uint64_t mode = 0, size = 0;
    if (f.get(fields) || fields.size() != 6 || fields.at(0).get(path) || fields.at(1).get(letter) ||
        fields.at(2).get(mode) || fields.at(3).get(size) || fields.at(4).get(sha256) ||
        fields.at(5).get(link_target)) {
      return bad("malformed file record");
    }
    auto type = type_of(letter);
    if (!type) return bad("unknown file type " + quote(letter));
    if (!is_safe_relative_path(path)) return bad("unsafe path " + quote(path));
    r.files.push_back(archive::FileRecord{});
    archive::FileRecord& rec = r.files.back();
    rec.path = path;
    rec.type = *type;
    rec.mode = static_cast<std::uint32_t>(mode);
    rec.size = size;
    rec.sha256 = sha256;
    rec.link_target = link_target;
  }
  return r;
}

Result<archive::Receipt> receipt_from_json(const nlohmann::json& j, const std::string& source) {
  auto bad = [&](const std::string& why) { return bad_receipt(source, why); };
  if (!j.is_object()) return bad("not a JSON object");
  archive::Receipt r;
  auto files = j.find("files");
  auto total = j.find("total");
  if (files == j.end() || !files->is_array() || total == j.end() || !total->is_number_unsigned()) {
    return bad("missing files or total");
  }
  r.total_bytes = total->get<std::uint64_t>();
  for (const auto& f : *files) {
    if (!f.is_array() || f.size() != 6 || !f[0].is_string() || !f[1].is_string() ||
        !f[2].is_number_unsigned() || !f[3].is_number_unsigned() || !f[4].is_string() ||
        !f[5].is_string()) {
      return bad("malformed file record");
    }
    archive::FileRecord rec;
    rec.path = f[0].get<std::string>();
    std::string t = f[1].get<std::string>();
    if (t == "f") {
      rec.type = archive::FileRecord::Type::file;
    } else if (t == "d") {
      rec.type = archive::FileRecord::Type::directory;
    } else if (t == "l") {
      rec.type = archive::FileRecord::Type::symlink;
    } else if (t == "h") {
      rec.type = archive::FileRecord::Type::hardlink;
    } else {
      return bad("unknown file type " + quote(t));
    }
    rec.mode = f[2].get<std::uint32_t>();
    rec.size = f[3].get<std::uint64_t>();
    rec.sha256 = f[4].get<std::string>();
    rec.link_target = f[5].get<std::string>();
    if (!is_safe_relative_path(rec.path)) {
      return bad("unsafe path " + quote(rec.path));
    }
    r.files.push_back(std::move(rec));
  }
  return r;
}

}  // namespace pinset::store
