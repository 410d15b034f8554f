#include "core/app/install_stamp.hpp"

#include <nlohmann/json.hpp>

#include "core/app/install_state.hpp"
#include "core/crypto/digest.hpp"

namespace pinset::app {

namespace {

using Json = nlohmann::ordered_json;

constexpr int k_stamp_version = 1;
constexpr std::size_t k_max_stamp_bytes = 16u << 20;

const char* kind_letter(fs::EntryKind kind) {
  switch (kind) {
    case fs::EntryKind::directory:
      return "d";
    case fs::EntryKind::file:
      return "f";
    case fs::EntryKind::symlink:
      return "l";
    case fs::EntryKind::other:
      return "o";
    case fs::EntryKind::none:
      break;
  }
  return "-";
}

std::optional<fs::EntryKind> kind_of_letter(const std::string& letter) {
  for (fs::EntryKind kind : {fs::EntryKind::directory, fs::EntryKind::file, fs::EntryKind::symlink,
                             fs::EntryKind::other, fs::EntryKind::none}) {
    if (letter == kind_letter(kind)) return kind;
  }
  return std::nullopt;
}

Json id_json(const fs::FileId& id) {
  return Json::array(
      {kind_letter(id.kind), id.dev, id.ino, id.size, id.mtime_ns, id.ctime_ns, id.nlink});
}

// Throws nlohmann's exceptions on a wrong shape (caught by parse_install_stamp).
fs::FileId id_from(const nlohmann::json& j) {
  if (!j.is_array() || j.size() != 7) throw std::invalid_argument("id");
  auto kind = kind_of_letter(j.at(0).get<std::string>());
  if (!kind) throw std::invalid_argument("kind");
  return fs::FileId{*kind,
                    j.at(1).get<std::uint64_t>(),
                    j.at(2).get<std::uint64_t>(),
                    j.at(3).get<std::uint64_t>(),
                    j.at(4).get<std::int64_t>(),
                    j.at(5).get<std::int64_t>(),
                    j.at(6).get<std::uint64_t>()};
}

}  // namespace

std::string write_install_stamp(const InstallStamp& stamp) {
  Json j;
  j["stamp-version"] = k_stamp_version;
  const StampKey& k = stamp.key;
  j["key"] = {{"pinset", k.pinset},  {"cwd", k.cwd},       {"manifest", k.manifest},
              {"prefix", k.prefix},  {"layout", k.layout}, {"cache", k.cache},
              {"mirrors", k.mirrors}};
  j["packages"] = stamp.packages;
  j["valid-until"] = stamp.valid_until ? Json(*stamp.valid_until) : Json();
  j["state"] = id_json(stamp.state);
  Json folders = Json::array();
  for (const StampFolder& f : stamp.folders)
    folders.push_back({{"path", f.path}, {"id", id_json(f.id)}});
  j["folders"] = std::move(folders);
  Json inputs = Json::array();
  for (const StampInput& in : stamp.inputs) {
    Json i = {{"path", in.path}, {"present", in.present}};
    if (in.sha256) {
      i["sha256"] = in.sha256->str();
      i["size"] = in.size;
      i["id"] = in.id ? id_json(*in.id) : Json();
    }
    inputs.push_back(std::move(i));
  }
  j["inputs"] = std::move(inputs);
  return j.dump(1) + "\n";
}

std::optional<InstallStamp> parse_install_stamp(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  try {
    if (j.at("stamp-version").get<int>() != k_stamp_version) return std::nullopt;
    InstallStamp stamp;
    const auto& k = j.at("key");
    stamp.key.pinset = k.at("pinset").get<std::string>();
    stamp.key.cwd = k.at("cwd").get<std::string>();
    stamp.key.manifest = k.at("manifest").get<std::string>();
    stamp.key.prefix = k.at("prefix").get<std::string>();
    stamp.key.layout = k.at("layout").get<std::string>();
    stamp.key.cache = k.at("cache").get<std::string>();
    stamp.key.mirrors = k.at("mirrors").get<std::vector<std::string>>();
    stamp.packages = j.at("packages").get<std::size_t>();
    if (!j.at("valid-until").is_null()) stamp.valid_until = j.at("valid-until").get<std::int64_t>();
    stamp.state = id_from(j.at("state"));
    for (const auto& f : j.at("folders"))
      stamp.folders.push_back(StampFolder{f.at("path").get<std::string>(), id_from(f.at("id"))});
    if (stamp.folders.empty() || !stamp.folders.front().path.empty()) return std::nullopt;
    for (const auto& i : j.at("inputs")) {
      StampInput in;
      in.path = i.at("path").get<std::string>();
      in.present = i.at("present").get<bool>();
      if (i.contains("sha256")) {
        auto sum = crypto::Checksum::parse(i.at("sha256").get<std::string>());
        if (!sum || sum->algo() != crypto::DigestAlgo::sha256 || !in.present) return std::nullopt;
        in.sha256 = *sum;
        in.size = i.at("size").get<std::uint64_t>();
        if (!i.at("id").is_null()) in.id = id_from(i.at("id"));
      }
      stamp.inputs.push_back(std::move(in));
    }
    return stamp;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool is_stamp_file(std::string_view path) {
  constexpr std::string_view dir = ".pinset/";
  if (path.substr(0, dir.size()) != dir) return false;
  std::string_view name = path.substr(dir.size());
  if (name == k_stamp_name) return true;
  // fs::InstallDir::write_meta's temporaries: ".tmp-<pid>-<n>-<name>".
  return name.rfind(".tmp-", 0) == 0 && name.size() > k_stamp_name.size() &&
         name.substr(name.size() - k_stamp_name.size() - 1) == "-" + std::string(k_stamp_name);
}

namespace {

std::string differs(const StampKey& a, const StampKey& b) {
  if (a.pinset != b.pinset) return "another pinset";
  if (a.cwd != b.cwd) return "another working folder";
  if (a.manifest != b.manifest) return "another --manifest";
  if (a.prefix != b.prefix) return "another install folder";
  if (a.layout != b.layout) return "another layout";
  if (a.cache != b.cache) return "another cache folder";
  if (a.mirrors != b.mirrors) return "other --mirror options";
  return "";
}

}  // namespace

StampVerdict check_install_stamp(const fs::FileSystem& fs, const fs::InstallFolder& dir,
                                 const StampKey& key, std::int64_t now,
                                 const std::string& lock_path) {
  StampVerdict verdict;
  auto miss = [&verdict](std::string why) {
    verdict.why = std::move(why);
    return verdict;
  };
  std::string stamp_name(k_stamp_name);
  auto text = dir.read_meta(stamp_name, k_max_stamp_bytes, nullptr);
  if (!text) {
    return miss(text.error().code == codes::not_found ? "no install stamp"
                                                      : "the install stamp cannot be read");
  }
  auto stamp = parse_install_stamp(*text);
  if (!stamp) return miss("the install stamp is damaged or of another format");
  if (std::string why = differs(stamp->key, key); !why.empty())
    return miss("the stamp is for " + why);
  if (stamp->valid_until && now >= *stamp->valid_until) {
    return miss("a date in the set or the overlay has come (an expiry or its warning)");
  }

  // The install folder: itself, its marker, the folders holding its packages.
  std::vector<std::string> paths;
  paths.reserve(stamp->folders.size() + 1);
  paths.push_back(std::string(k_state_file));
  for (const StampFolder& f : stamp->folders)
    paths.push_back(f.path);
  auto ids = dir.ids(paths);
  if (!ids[0] || *ids[0] != stamp->state) return miss(".pinset/state.json changed");
  for (std::size_t i = 0; i < stamp->folders.size(); ++i) {
    const auto& now_id = ids[i + 1];
    const fs::FileId& was = stamp->folders[i].id;
    if (now_id && *now_id == was) continue;
    const std::string& path = stamp->folders[i].path;
    std::string where = path.empty() ? "the install folder" : path;
    if (!now_id || now_id->ino != was.ino || now_id->dev != was.dev)
      return miss(where + " was removed or replaced");
    return miss(where + " changed (an entry was added or removed)");
  }

  // What the resolution read.
  bool lock_seen = false;
  for (const StampInput& in : stamp->inputs) {
    if (!in.sha256) {
      if (fs.exists(in.path) != in.present)
        return miss(in.path + (in.present ? " disappeared" : " appeared"));
      continue;
    }
    bool want_bytes = in.path == lock_path;
    if (in.id && !want_bytes) {
      auto id = fs.file_id(in.path);
      if (id && *id == *in.id) continue;
    }
    auto bytes = fs.read(in.path, in.size);
    if (!bytes || bytes->size() != in.size || crypto::sha256(*bytes) != *in.sha256)
      return miss(in.path + " changed");
    if (want_bytes) {
      verdict.lock_text = std::move(*bytes);
      lock_seen = true;
    }
  }
  if (!lock_seen) return miss("the stamp has no record of " + lock_path);
  verdict.fresh = true;
  verdict.packages = stamp->packages;
  return verdict;
}

}  // namespace pinset::app
