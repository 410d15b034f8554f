#include "cli/output.hpp"

#include <algorithm>

namespace pinset::cli {

nlohmann::ordered_json error_json(const Error& error) {
  nlohmann::ordered_json j;
  j["code"] = error.code;
  j["message"] = error.message;
  if (!error.where.file.empty()) j["file"] = error.where.file;
  if (error.where.line > 0) j["line"] = error.where.line;
  if (error.where.column > 0) j["column"] = error.where.column;
  if (!error.where.field.empty()) j["field"] = error.where.field;
  if (!error.path.empty()) j["path"] = error.path;
  if (!error.hint.empty()) j["hint"] = error.hint;
  if (!error.causes.empty()) {
    j["causes"] = nlohmann::ordered_json::array();
    for (const Error& c : error.causes)
      j["causes"].push_back(error_json(c));
  }
  return j;
}

std::string table(const std::vector<std::vector<std::string>>& rows, const std::string& indent) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i)
      width[i] = std::max(width[i], row[i].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line = indent;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(width[i] - row[i].size() + 2, ' ');
    }
    out += line + '\n';
  }
  return out;
}

}  // namespace pinset::cli
