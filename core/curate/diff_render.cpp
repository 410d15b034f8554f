// The three renderings of a SetDiff: text, Markdown and JSON.
#include <nlohmann/json.hpp>

#include "core/curate/diff.hpp"

namespace pinset::curate {

namespace {

std::string list(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out.empty() ? "none" : out;
}

std::string summary(const SetDiff& diff) {
  std::string out;
  for (Change c : {Change::critical, Change::added, Change::removed, Change::upgraded,
                   Change::downgraded, Change::changed}) {
    std::size_t n = diff.count(c);
    if (n == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " " + change_name(c);
  }
  std::size_t total = diff.packages.size();
  std::string head = std::to_string(total) + (total == 1 ? " package" : " packages") + " changed";
  return out.empty() ? head : head + ": " + out;
}

std::string versions_line(const PackageDiff& p) {
  if (p.change == Change::added) return list(p.after);
  if (p.change == Change::removed) return list(p.before);
  if (p.before == p.after) return list(p.after);
  return list(p.before) + " -> " + list(p.after);
}

const char* k_critical_note = "same version, different artifact: republished or tampered";

// Markdown: a table cell's text, with `|` escaped (ranges use `||`) and line breaks removed.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string code(std::string_view text) {
  if (text == "none") return "none";
  return "`" + cell(text) + "`";
}

std::string md_versions(const std::vector<std::string>& versions) {
  return versions.empty() ? "" : cell(list(versions));
}

}  // namespace

std::string render_text(const SetDiff& diff) {
  if (diff.empty()) return "no differences\n";
  std::string out;
  for (const FieldChange& f : diff.set) {
    out += "set " + f.field + ": " + f.before + " -> " + f.after + '\n';
  }
  for (const PackageDiff& p : diff.packages) {
    out += std::string(1, change_mark(p.change)) + ' ' + p.name + ' ' + versions_line(p) + '\n';
    if (p.change != Change::added && p.change != Change::removed) {
      for (const std::string& v : p.added)
        out += "    + " + v + '\n';
      for (const std::string& v : p.removed)
        out += "    - " + v + '\n';
    }
    for (const VersionChange& c : p.changed) {
      for (const FieldChange& f : c.fields) {
        out += "    " + c.version + ' ' + f.field + ": " + f.before + " -> " + f.after;
        if (f.field == "checksum") out += std::string(" (CRITICAL: ") + k_critical_note + ")";
        out += '\n';
      }
    }
  }
  out += summary(diff) + '\n';
  return out;
}

std::string render_markdown(const SetDiff& diff) {
  std::string out = "### Package set diff: `" + cell(diff.old_name) + "` serial " +
                    std::to_string(diff.old_serial) + " → `" + cell(diff.new_name) + "` serial " +
                    std::to_string(diff.new_serial) + "\n\n";
  if (diff.empty()) return out + "No differences.\n";
  if (std::size_t n = diff.count(Change::critical)) {
    out += "> [!CAUTION]\n> **" + std::to_string(n) + " critical " +
           (n == 1 ? "change" : "changes") +
           "**: a version kept its number but its checksum changed (a republished or tampered "
           "artifact). Find out why before approving:\n";
    for (const PackageDiff& p : diff.packages) {
      for (const VersionChange& c : p.changed) {
        if (!c.critical) continue;
        for (const FieldChange& f : c.fields) {
          if (f.field != "checksum") continue;
          out += "> - `" + p.name + "` " + c.version + ": " + code(f.before) + " → " +
                 code(f.after) + "\n";
        }
      }
    }
    out += "\n";
  }
  if (!diff.packages.empty()) {
    out += "| | package | before | after | details |\n| --- | --- | --- | --- | --- |\n";
    for (const PackageDiff& p : diff.packages) {
      std::vector<std::string> details;
      if (p.change != Change::added && p.change != Change::removed) {
        if (!p.added.empty()) details.push_back("added " + list(p.added));
        if (!p.removed.empty()) details.push_back("removed " + list(p.removed));
      }
      for (const VersionChange& c : p.changed) {
        for (const FieldChange& f : c.fields) {
          details.push_back(c.version + " " + f.field + " " + code(f.before) + " → " +
                            code(f.after));
        }
      }
      out += std::string("| `") + change_mark(p.change) + "` " + change_name(p.change) + " | `" +
             p.name + "` | " + md_versions(p.before) + " | " + md_versions(p.after) + " | " +
             (details.empty() ? std::string() : list(details, "; ")) + " |\n";
    }
    out += "\n";
  }
  if (!diff.set.empty()) {
    std::vector<std::string> parts;
    for (const FieldChange& f : diff.set) {
      parts.push_back(f.field + " " + code(f.before) + " → " + code(f.after));
    }
    out += "**Set:** " + list(parts, "; ") + "\n\n";
  }
  out += "**Summary:** " + summary(diff) + ".\n";
  return out;
}

std::string render_json(const SetDiff& diff) {
  using json = nlohmann::ordered_json;
  auto fields = [](const std::vector<FieldChange>& changes) {
    json list = json::array();
    for (const FieldChange& f : changes) {
      list.push_back({{"field", f.field}, {"old", f.before}, {"new", f.after}});
    }
    return list;
  };
  json packages = json::array();
  for (const PackageDiff& p : diff.packages) {
    json changed = json::array();
    for (const VersionChange& c : p.changed) {
      changed.push_back(
          {{"version", c.version}, {"critical", c.critical}, {"fields", fields(c.fields)}});
    }
    packages.push_back({{"name", p.name},
                        {"change", change_name(p.change)},
                        {"mark", std::string(1, change_mark(p.change))},
                        {"old-versions", p.before},
                        {"new-versions", p.after},
                        {"added-versions", p.added},
                        {"removed-versions", p.removed},
                        {"changed-versions", std::move(changed)}});
  }
  json counts = json::object();
  for (Change c : {Change::added, Change::removed, Change::upgraded, Change::downgraded,
                   Change::changed, Change::critical}) {
    counts[change_name(c)] = diff.count(c);
  }
  json j = {{"diff-format", 1},
            {"old", {{"name", diff.old_name}, {"serial", diff.old_serial}}},
            {"new", {{"name", diff.new_name}, {"serial", diff.new_serial}}},
            {"identical", diff.empty()},
            {"critical", diff.count(Change::critical) > 0},
            {"set", fields(diff.set)},
            {"packages", std::move(packages)},
            {"summary", std::move(counts)}};
  return j.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
}

}  // namespace pinset::curate
