// pinset.lock: the writer (deterministic JSON) and the parser (which checks the content digest).
//
// The document, keys in byte order at every level:
//   {
//     "content-digest": "sha256:<hex>",
//     "lock-version": 1,
//     "package-set": {"digest": "sha256:<hex>", "name": "...", "serial": 42, "url": "..."},
//                    (and "signatures-digest" for a remote set checked against trusted keys)
//     "packages": {
//       "<name>": {"checksum": "...", "dependencies": ["<name>", ...], "url": "...",
//                  "version": "1.2.3"},
//       "<name>": {..., "origin": "overlay", ...},   // only for a package from the manifest's
//       ...                                           // overlay; absent means from the set
//       ...
//     }
//   }
//
// The content digest is "sha256:" and the lowercase hex SHA-256 of the canonical serialization of
// the document without its top-level "content-digest" member. The canonical serialization is what
// nlohmann::json::dump(2) writes: objects with keys in byte order, two-space indentation, one
// member or array element per line, ": " between key and value, "[]" and "{}" for empty containers,
// strings in UTF-8 with only the escapes JSON requires (\" \\ \b \f \n \r \t, other controls as
// \u00xx in lowercase hex), integers in decimal, no newline at the end. write_lock() writes
// exactly that document with "content-digest" added, plus a final newline. parse_lock() rebuilds
// the canonical form from the values it read, so whitespace, member order and escapes do not
// matter, but any changed value does (including "1.0.0" -> "v1.0.0", or 42 -> 42.0).
#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/crypto/digest.hpp"
#include "core/doc/loader.hpp"
#include "core/model/lock.hpp"
#include "core/model/package_set.hpp"

namespace pinset::model {

namespace {

using doc::Node;
using Json = nlohmann::json;  // std::map objects: keys come out sorted

constexpr std::string_view k_regenerate =
    "delete it and re-run `pinset resolve` (or `pinset install`) to regenerate it, or restore it "
    "from version control";

std::string serialize(const Json& document) {
  // `replace` keeps the writer total: a string that is not UTF-8 cannot come from a parsed lock.
  return document.dump(2, ' ', false, Json::error_handler_t::replace);
}

std::string content_digest(const Json& without_digest) {
  return "sha256:" + crypto::sha256(serialize(without_digest)).hex();
}

Json to_json(const Lock& lock) {
  Json packages = Json::object();
  for (const LockedPackage& p : lock.packages) {
    std::vector<std::string> deps = p.dependencies;
    std::sort(deps.begin(), deps.end());
    std::string key = lock.key_of(p);
    packages[key] = Json{{"version", p.version.str()},
                         {"checksum", p.checksum.str()},
                         {"url", p.url},
                         {"dependencies", deps}};
    if (p.origin != "set") packages[key]["origin"] = p.origin;
  }
  Json set = {{"name", lock.set_name},
              {"url", lock.set_url},
              {"digest", lock.set_digest.str()},
              {"serial", lock.set_serial}};
  if (lock.set_signatures_digest) set["signatures-digest"] = lock.set_signatures_digest->str();
  if (lock.set_versioning != semver::Scheme::semver) {
    set["versioning"] = semver::scheme_info(lock.set_versioning).name;
  }
  return Json{{"lock-version", lock.lock_version},
              {"package-set", std::move(set)},
              {"packages", std::move(packages)}};
}

// The JSON value of a loaded node, for recomputing the digest. Numbers were validated by the
// loader.
Json to_json(const Node& node) {
  switch (node.kind) {
    case doc::Kind::null:
      return nullptr;
    case doc::Kind::scalar:
      if (node.style == doc::Style::quoted) return node.scalar;
      if (node.scalar == "true" || node.scalar == "false") return node.scalar == "true";
      return Json::parse(node.scalar, nullptr, false);  // a number ("discarded" if not)
    case doc::Kind::sequence: {
      Json out = Json::array();
      for (const Node& item : node.items)
        out.push_back(to_json(item));
      return out;
    }
    case doc::Kind::mapping: {
      Json out = Json::object();
      for (const auto& [key, value] : node.entries)
        out[key.first] = to_json(value);
      return out;
    }
  }
  return nullptr;
}

std::string file_name(const std::string& source) {
  std::string name = std::filesystem::path(source).filename().string();
  return name.empty() ? source : name;
}

Error placed(Error e, Location where) {
  e.where = std::move(where);
  return e;
}

class LockReader {
 public:
  explicit LockReader(const std::string& source) : m_reader(source) {}

  void read(const Node& root, Lock& out) {
    m_reader.check_known_fields(
        root, "", {"content-digest", "lock-version", "package-set", "packages"}, m_errors);
    if (const Node* set = required(root, "", "package-set")) read_set(*set, out);
    if (const Node* packages = required(root, "", "packages")) {
      if (!packages->is_mapping()) {
        m_errors.add(m_reader.wrong_type(*packages, "packages", "a mapping of packages"));
      } else {
        for (const auto& [key, value] : packages->entries)
          read_package(key.first, key.second, value, out);
      }
    }
    std::sort(out.packages.begin(), out.packages.end(),
              [](const LockedPackage& a, const LockedPackage& b) {
                return a.name != b.name ? a.name < b.name : a.version < b.version;
              });
  }

  // Every error found, in document order.
  ErrorList take_errors() && {
    m_errors.sort_by_position();
    return std::move(m_errors);
  }

 private:
  const Node* required(const Node& map, const std::string& field, std::string_view name) {
    const Node* node = map.find(name);
    if (!node) m_errors.add(m_reader.missing_field(map, field, name, std::string(k_regenerate)));
    return node;
  }

  bool mapping(const Node& node, const std::string& field) {
    if (node.is_mapping()) return true;
    m_errors.add(m_reader.wrong_type(node, field, "a mapping"));
    return false;
  }

  template <class T>
  void assign(Result<T> value, T& out) {
    if (value) {
      out = std::move(*value);
    } else {
      m_errors.add(std::move(value.error()));
    }
  }

  void read_string(const Node& map, const std::string& field, std::string_view name,
                   std::string& out) {
    if (const Node* node = required(map, field, name)) {
      assign(m_reader.string(*node, doc::join_field(field, name), false), out);
    }
  }

  void read_checksum(const Node& map, const std::string& field, std::string_view name,
                     Checksum& out) {
    std::string text;
    const Node* node = map.find(name);
    std::string path = doc::join_field(field, name);
    read_string(map, field, name, text);
    if (!node || text.empty()) return;
    auto checksum = Checksum::parse(text);
    if (checksum) {
      out = *checksum;
    } else {
      m_errors.add(placed(checksum.error(), m_reader.at(*node, path)));
    }
  }

  void read_set(const Node& set, Lock& out) {
    if (!mapping(set, "package-set")) return;
    m_reader.check_known_fields(
        set, "package-set", {"name", "url", "digest", "serial", "signatures-digest", "versioning"},
        m_errors);
    if (const Node* versioning = set.find("versioning")) {
      std::string text;
      assign(m_reader.string(*versioning, "package-set.versioning", false), text);
      if (auto scheme = semver::parse_scheme(text)) {
        out.set_versioning = *scheme;
      } else if (!text.empty()) {
        m_errors.add(placed(scheme.error(), m_reader.at(*versioning, "package-set.versioning")));
      }
    }
    if (set.find("signatures-digest") != nullptr) {
      Checksum sigs;
      std::size_t before = m_errors.size();
      read_checksum(set, "package-set", "signatures-digest", sigs);
      if (m_errors.size() == before) out.set_signatures_digest = sigs;
    }
    read_string(set, "package-set", "name", out.set_name);
    read_string(set, "package-set", "url", out.set_url);
    read_checksum(set, "package-set", "digest", out.set_digest);
    if (const Node* serial = required(set, "package-set", "serial")) {
      assign(m_reader.unsigned_integer(*serial, "package-set.serial"), out.set_serial);
    }
  }

  void read_package(const std::string& key, doc::Mark mark, const Node& node, Lock& out) {
    std::string field = doc::join_field("packages", key);
    auto [name, keyed_version] = split_key(key);
    LockedPackage p;
    p.name = std::string(name);
    std::size_t errors_before = m_errors.size();
    if (auto valid = check_package_name(name); !valid) {
      m_errors.add(
          placed(valid.error(), Location{m_reader.source(), mark.line, mark.column, field}));
    }
    if (!mapping(node, field)) return;
    m_reader.check_known_fields(node, field,
                                {"version", "checksum", "url", "dependencies", "origin"}, m_errors);
    if (const Node* origin = node.find("origin")) {
      std::string path = doc::join_field(field, "origin");
      auto text = m_reader.string(*origin, path, false);
      if (!text) {
        m_errors.add(std::move(text.error()));
      } else if (*text != "set" && *text != "overlay") {
        m_errors.add(Error(codes::invalid_origin,
                           "unknown origin " + quote(*text) +
                               "; a package comes from the \"set\" "
                               "or the manifest's \"overlay\"",
                           m_reader.at(*origin, path), std::string(k_regenerate)));
      } else {
        p.origin = *text;
      }
    }
    if (const Node* version = required(node, field, "version")) {
      std::string text;
      std::string path = doc::join_field(field, "version");
      assign(m_reader.string(*version, path, false), text);
      if (!text.empty()) {
        auto parsed = semver::Version::parse(
            text, p.origin == "set" ? out.set_versioning : semver::Scheme::semver);
        if (parsed && !keyed_version.empty() && parsed->str() != keyed_version) {
          m_errors.add(Error(codes::lock_key_mismatch,
                             "the package " + quote(key) + " records version " + quote(text),
                             m_reader.at(*version, path), std::string(k_regenerate)));
        } else if (parsed) {
          p.version = *parsed;
        } else {
          m_errors.add(placed(parsed.error(), m_reader.at(*version, path)));
        }
      }
    }
    read_checksum(node, field, "checksum", p.checksum);
    read_string(node, field, "url", p.url);
    if (const Node* deps = required(node, field, "dependencies")) {
      std::string path = doc::join_field(field, "dependencies");
      if (!deps->is_sequence()) {
        m_errors.add(m_reader.wrong_type(*deps, path, "a list of package names"));
      } else {
        for (std::size_t i = 0; i < deps->items.size(); ++i) {
          std::string item_path = doc::index_field(path, i);
          auto dep = m_reader.string(deps->items[i], item_path, false);
          if (!dep) {
            m_errors.add(std::move(dep.error()));
          } else if (auto valid = check_package_name(split_key(*dep).first); !valid) {
            m_errors.add(placed(valid.error(), m_reader.at(deps->items[i], item_path)));
          } else {
            p.dependencies.push_back(std::move(*dep));
          }
        }
        std::sort(p.dependencies.begin(), p.dependencies.end());
      }
    }
    if (m_errors.size() == errors_before) out.packages.push_back(std::move(p));
  }

  doc::Reader m_reader;
  ErrorList m_errors;
};

// The error for a lock whose recorded digest is not its content's.
Error tampered(const std::string& source, const Node* recorded, const std::string& actual) {
  std::string name = file_name(source);
  std::string records = "no content digest";
  Location where{source, 0, 0, "content-digest"};
  if (recorded) {
    where.line = recorded->mark.line;
    where.column = recorded->mark.column;
    if (recorded->is_scalar()) {
      auto parsed = Checksum::parse(recorded->scalar);
      records = parsed ? parsed->str() : quote(recorded->scalar);
    } else {
      records = recorded->type_name();
    }
  }
  return Error(codes::lock_tampered,
               name + " has been edited or damaged: its content digest is " + actual +
                   " but the file records " + records,
               std::move(where), std::string(k_regenerate));
}

}  // namespace

const LockedPackage* Lock::find(std::string_view name) const {
  auto it = std::lower_bound(packages.begin(), packages.end(), name,
                             [](const LockedPackage& p, std::string_view n) { return p.name < n; });
  return it != packages.end() && it->name == name ? &*it : nullptr;
}

std::size_t Lock::versions_of(std::string_view name) const {
  std::size_t n = 0;
  for (const LockedPackage* p = find(name);
       p != nullptr && p < packages.data() + packages.size() && p->name == name; ++p) {
    ++n;
  }
  return n;
}

std::string Lock::key_of(const LockedPackage& p) const {
  return versions_of(p.name) > 1 ? p.name + "@" + p.version.str() : p.name;
}

const LockedPackage* Lock::find_key(std::string_view key) const {
  auto [name, version] = split_key(key);
  const LockedPackage* p = find(name);
  if (p == nullptr || version.empty()) return p;
  for (; p < packages.data() + packages.size() && p->name == name; ++p) {
    if (p->version.str() == version) return p;
  }
  return nullptr;
}

std::pair<std::string_view, std::string_view> split_key(std::string_view key) {
  std::size_t at = key.size() > 1 ? key.find('@', 1) : std::string_view::npos;
  if (at == std::string_view::npos) return {key, {}};
  return {key.substr(0, at), key.substr(at + 1)};
}

std::string write_lock(const Lock& lock) {
  Json document = to_json(lock);
  std::string digest = content_digest(document);
  document["content-digest"] = digest;
  return serialize(document) + "\n";
}

namespace {

Result<Lock> parse(std::string_view text, const std::string& source, bool check_digest) {
  auto root = doc::load_json(text, source);
  if (!root) return fail(root.error());
  doc::Reader reader(source);
  if (!root->is_mapping()) {
    Error e = reader.wrong_type(*root, "", "a mapping");
    e.hint = std::string(k_regenerate);
    return fail(std::move(e));
  }

  // The format version first: a newer lock may legitimately look wrong to this reader.
  Lock lock;
  const Node* version = root->find("lock-version");
  if (!version) {
    return fail(reader.missing_field(*root, "", "lock-version", std::string(k_regenerate)));
  }
  auto number = reader.unsigned_integer(*version, "lock-version");
  if (!number) {
    Error e = number.error();
    e.hint = std::string(k_regenerate);
    return fail(std::move(e));
  }
  if (*number > static_cast<std::uint64_t>(k_lock_version) || *number == 0) {
    bool newer = *number > static_cast<std::uint64_t>(k_lock_version);
    return fail(
        codes::lock_version,
        file_name(source) + " has lock format " + std::to_string(*number) +
            (newer ? ", newer than this pinset understands (" : ", which does not exist (") +
            "it reads format " + std::to_string(k_lock_version) + ")",
        reader.at(*version, "lock-version"),
        newer ? "upgrade pinset, or " + std::string(k_regenerate) + " with this version"
              : std::string(k_regenerate));
  }
  lock.lock_version = static_cast<int>(*number);

  // Then the content digest, before any other check: an edited lock is refused as such.
  if (check_digest) {
    Json content = to_json(*root);
    content.erase("content-digest");
    std::string actual = content_digest(content);
    const Node* recorded = root->find("content-digest");
    if (!recorded || !recorded->is_scalar() || recorded->style != doc::Style::quoted ||
        recorded->scalar != actual) {
      return fail(tampered(source, recorded, actual));
    }
  }

  LockReader lock_reader(source);
  lock_reader.read(*root, lock);
  ErrorList errors = std::move(lock_reader).take_errors();
  if (!errors.empty()) {
    Error e =
        std::move(errors).combine(codes::invalid_lock, source + " is not a valid lock file", {});
    e.hint = std::string(k_regenerate);
    return fail(std::move(e));
  }
  return lock;
}

}  // namespace

Result<Lock> parse_lock(std::string_view text, const std::string& source) {
  return parse(text, source, true);
}

Result<Lock> parse_known_lock(std::string_view text, const std::string& source) {
  return parse(text, source, false);
}

}  // namespace pinset::model
