#include "core/app/outcome_json.hpp"

#include "core/resolve/resolver.hpp"

namespace pinset::app {

const char* action_word(Source source) {
  switch (source) {
    case Source::installed:
      return "keep";
    case Source::store:
      return "link";
    case Source::cache:
      return "unpack";
    case Source::download:
      return "download";
  }
  return "";
}

const char* change_word(PackageChange::Kind kind) {
  switch (kind) {
    case PackageChange::Kind::added:
      return "add";
    case PackageChange::Kind::removed:
      return "remove";
    case PackageChange::Kind::upgraded:
      return "upgrade";
    case PackageChange::Kind::downgraded:
      return "downgrade";
    case PackageChange::Kind::changed:
      return "change";
  }
  return "";
}

nlohmann::ordered_json install_json(const InstallOutcome& out) {
  nlohmann::ordered_json packages = nlohmann::ordered_json::array();
  for (const auto& p : out.plan.packages) {
    nlohmann::ordered_json j = {{"name", p.name},
                                {"version", p.version.str()},
                                {"checksum", p.checksum.str()},
                                {"action", action_word(p.source)},
                                {"url", p.url}};
    if (p.previous) j["previous"] = p.previous->str();
    packages.push_back(std::move(j));
  }
  return {{"prefix", out.plan.prefix},
          {"layout", out.layout},
          {"up-to-date", out.plan.up_to_date},
          {"packages", std::move(packages)},
          {"remove", out.plan.removals},
          {"remove-folders", out.plan.removed_folders},
          {"repaired", out.repaired},
          {"downloaded", out.downloaded},
          {"downloaded-bytes", out.downloaded_bytes},
          {"installed", out.installed},
          {"lock-written", out.resolution.lock_written}};
}

nlohmann::ordered_json upgrade_json(const UpgradeOutcome& out, const std::string& set_url) {
  nlohmann::ordered_json j;
  if (out.previous) {
    j["from"] = {{"name", out.previous->set_name},
                 {"url", out.previous->set_url},
                 {"serial", out.previous->set_serial}};
  } else {
    j["from"] = nullptr;
  }
  const model::PackageSet& set = out.set.set;
  j["to"] = {{"name", set.name},
             {"url", set_url},
             {"serial", set.serial},
             {"digest", out.set.digest.str()}};
  j["changes"] = nlohmann::ordered_json::array();
  for (const auto& c : out.changes) {
    nlohmann::ordered_json cj = {{"name", c.name}, {"kind", change_word(c.kind)}};
    cj["from"] = c.from ? nlohmann::ordered_json(c.from->str()) : nlohmann::ordered_json();
    cj["to"] = c.to ? nlohmann::ordered_json(c.to->str()) : nlohmann::ordered_json();
    j["changes"].push_back(std::move(cj));
  }
  j["unsatisfiable"] = nlohmann::ordered_json::array();
  for (const auto& u : out.unsatisfiable) {
    j["unsatisfiable"].push_back(
        {{"name", u.name}, {"range", u.range}, {"line", u.line}, {"available", u.available}});
  }
  if (out.problem) j["error"] = resolve::to_json(*out.problem);
  j["written"] = out.written;
  return j;
}

}  // namespace pinset::app
