#include "core/curate/set_writer.hpp"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/curate/set_compare.hpp"
#include "core/doc/node.hpp"

namespace pinset::curate {

namespace {

bool is_plain_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-' || c == '+' || c == '/' || c == '@' || c == ':' || c == '~' ||
         c == '^' || c == '=';
}

bool reads_back_plain(std::string_view text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return false;
  }
  if (doc::is_bool_text(text) || doc::is_number_text(text)) return false;
  char first = text.front();
  bool first_ok = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
                  (first >= '0' && first <= '9') || first == '^' || first == '~' || first == '.' ||
                  first == '/';
  if (!first_ok || text.back() == ':') return false;
  return std::all_of(text.begin(), text.end(), is_plain_char);
}

void line(std::string& out, int indent, std::string_view key, std::string_view value) {
  out.append(static_cast<std::size_t>(indent), ' ');
  out += yaml_scalar(key);
  out += ':';
  if (!value.empty()) {
    out += ' ';
    out += value;
  }
  out += '\n';
}

void write_entries(std::string& out, const model::PackageSet& set, const model::Package& package,
                   int indent) {
  std::string pad(static_cast<std::size_t>(indent), ' ');
  for (const model::Entry* e : entries_by_version(package)) {
    out += pad + "- version: " + yaml_scalar(e->version.str()) + '\n';
    int in = indent + 2;
    line(out, in, "checksum", yaml_scalar(e->checksum.str()));
    line(out, in, "url", yaml_scalar(e->url));
    if (!e->dependencies.empty()) {
      line(out, in, "dependencies", "");
      for (const model::DependencyRef& d : e->dependencies) {
        line(out, in + 2, set.name_of(d.name), yaml_scalar(set.range(d.range).text()));
      }
    }
    if (!e->license.empty()) line(out, in, "license", yaml_scalar(e->license));
    if (e->size) line(out, in, "size", std::to_string(*e->size));
    if (e->strip_components != 0) {
      line(out, in, "strip-components", std::to_string(e->strip_components));
    }
    if (e->vetted) {
      line(out, in, "vetted", "");
      line(out, in + 2, "by", yaml_scalar(e->vetted->by));
      line(out, in + 2, "on", yaml_scalar(e->vetted->on));
      if (!e->vetted->criteria.empty()) {
        line(out, in + 2, "criteria", yaml_scalar(e->vetted->criteria));
      }
      if (!e->vetted->ticket.empty()) line(out, in + 2, "ticket", yaml_scalar(e->vetted->ticket));
    }
    if (!e->from.empty()) line(out, in, "from", yaml_scalar(e->from));
    if (e->ecosystem != model::Ecosystem::unset) {
      line(out, in, "ecosystem", std::string(model::ecosystem_info(e->ecosystem).name));
    }
  }
}

nlohmann::ordered_json entries_json(const model::PackageSet& set, const model::Package& package) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const model::Entry* e : entries_by_version(package)) {
    nlohmann::ordered_json j;
    j["version"] = e->version.str();
    j["checksum"] = e->checksum.str();
    j["url"] = e->url;
    if (!e->dependencies.empty()) {
      nlohmann::ordered_json deps = nlohmann::ordered_json::object();
      for (const model::DependencyRef& d : e->dependencies) {
        deps[std::string(set.name_of(d.name))] = set.range(d.range).text();
      }
      j["dependencies"] = std::move(deps);
    }
    if (!e->license.empty()) j["license"] = e->license;
    if (e->size) j["size"] = *e->size;
    if (e->strip_components != 0) j["strip-components"] = e->strip_components;
    if (e->vetted) {
      nlohmann::ordered_json v;
      v["by"] = e->vetted->by;
      v["on"] = e->vetted->on;
      if (!e->vetted->criteria.empty()) v["criteria"] = e->vetted->criteria;
      if (!e->vetted->ticket.empty()) v["ticket"] = e->vetted->ticket;
      j["vetted"] = std::move(v);
    }
    if (!e->from.empty()) j["from"] = e->from;
    if (e->ecosystem != model::Ecosystem::unset) {
      j["ecosystem"] = model::ecosystem_info(e->ecosystem).name;
    }
    list.push_back(std::move(j));
  }
  return list;
}

}  // namespace

std::string yaml_scalar(std::string_view text) {
  if (reads_back_plain(text)) return std::string(text);
  std::string out = "\"";
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  out += '"';
  return out;
}

std::string write_set_yaml(const model::PackageSet& set) {
  std::string out;
  line(out, 0, "format", std::to_string(set.format));
  line(out, 0, "name", yaml_scalar(set.name));
  line(out, 0, "serial", std::to_string(set.serial));
  if (set.published) line(out, 0, "published", yaml_scalar(*set.published));
  if (set.expires) line(out, 0, "expires", yaml_scalar(*set.expires));
  if (set.ecosystem != model::Ecosystem::unset) {
    line(out, 0, "ecosystem", std::string(model::ecosystem_info(set.ecosystem).name));
  }
  if (set.versioning != semver::Scheme::semver) {
    line(out, 0, "versioning", std::string(semver::scheme_info(set.versioning).name));
  }
  if (!set.extends.empty()) {
    line(out, 0, "extends", "");
    for (const model::SetBase& base : set.extends) {
      out += "  - url: " + yaml_scalar(base.url) + '\n';
      line(out, 4, "digest", base.digest.str());
    }
  }
  if (!set.overrides.empty()) {
    line(out, 0, "overrides", "");
    for (const model::Package* p : packages_by_name(set, set.overrides)) {
      line(out, 2, set.name_of(p->name), "");
      write_entries(out, set, *p, 4);
    }
  }
  if (!set.removes.empty()) {
    line(out, 0, "removes", "");
    for (const model::Removal& r : sorted_removals(set.removes)) {
      out += "  - " + yaml_scalar(r.str()) + '\n';
    }
  }
  if (set.packages().empty()) {
    line(out, 0, "packages", "{}");
    return out;
  }
  line(out, 0, "packages", "");
  for (const model::Package& p : set.packages()) {
    line(out, 2, set.name_of(p.name), "");
    write_entries(out, set, p, 4);
  }
  return out;
}

std::string write_set_json(const model::PackageSet& set) {
  nlohmann::ordered_json j;
  j["format"] = set.format;
  j["name"] = set.name;
  j["serial"] = set.serial;
  if (set.published) j["published"] = *set.published;
  if (set.expires) j["expires"] = *set.expires;
  if (set.ecosystem != model::Ecosystem::unset) {
    j["ecosystem"] = model::ecosystem_info(set.ecosystem).name;
  }
  if (set.versioning != semver::Scheme::semver) {
    j["versioning"] = semver::scheme_info(set.versioning).name;
  }
  if (!set.extends.empty()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const model::SetBase& base : set.extends) {
      list.push_back({{"url", base.url}, {"digest", base.digest.str()}});
    }
    j["extends"] = std::move(list);
  }
  if (!set.overrides.empty()) {
    nlohmann::ordered_json map = nlohmann::ordered_json::object();
    for (const model::Package* p : packages_by_name(set, set.overrides)) {
      map[std::string(set.name_of(p->name))] = entries_json(set, *p);
    }
    j["overrides"] = std::move(map);
  }
  if (!set.removes.empty()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const model::Removal& r : sorted_removals(set.removes))
      list.push_back(r.str());
    j["removes"] = std::move(list);
  }
  // Appended without operator[]: an ordered_json object finds a key by a linear scan, which made
  // writing a set of 100,000 packages quadratic (bench/run-curate). Names are unique here.
  nlohmann::ordered_json packages = nlohmann::ordered_json::object();
  auto& members = packages.get_ref<nlohmann::ordered_json::object_t&>();
  members.reserve(set.packages().size());
  for (const model::Package& p : set.packages()) {
    members.emplace_back(std::string(set.name_of(p.name)), entries_json(set, p));
  }
  j["packages"] = std::move(packages);
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
}

std::string write_set(const model::PackageSet& set, doc::Format format) {
  return format == doc::Format::json ? write_set_json(set) : write_set_yaml(set);
}

}  // namespace pinset::curate
