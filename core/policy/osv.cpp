// OSV advisories: a one-pass parser over doc::Node (every bad field reported with its position) and
// the OSV specification's evaluation algorithm, on SemVer versions.
#include "core/policy/osv.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/doc/loader.hpp"
#include "core/doc/node.hpp"

namespace pinset::policy {

namespace {

using doc::Node;

constexpr std::array<std::pair<std::string_view, EventKind>, 4> k_event_kinds{{
    {"introduced", EventKind::introduced},
    {"fixed", EventKind::fixed},
    {"last_affected", EventKind::last_affected},
    {"limit", EventKind::limit},
}};

class OsvParser {
 public:
  explicit OsvParser(const std::string& source) : m_reader(source) {}

  Advisory parse(const Node& root) {
    Advisory adv;
    adv.source = m_reader.source();
    if (!root.is_mapping()) {
      add(m_reader.wrong_type(root, "", "an OSV advisory (a JSON object)"));
      return adv;
    }
    adv.id = required_text(root, "", "id", "write the advisory's identifier: \"id\": \"GHSA-...\"");
    adv.modified = required_text(root, "", "modified",
                                 "write when the advisory last changed, as RFC 3339: "
                                 "\"modified\": \"2024-01-31T12:00:00Z\"");
    adv.published = optional_text(root, "", "published", true);
    adv.withdrawn = optional_text(root, "", "withdrawn", true);
    adv.summary = optional_text(root, "", "summary", false);
    adv.details = optional_text(root, "", "details", false);
    adv.aliases = text_list(root, "", "aliases", true);
    adv.severity = severities(root, "");
    if (const Node* db = root.find("database_specific"); db && db->is_mapping()) {
      // database_specific is free-form: only a string "severity" is read, anything else ignored.
      if (const Node* sev = db->find("severity"); sev && is_text(*sev)) {
        adv.database_severity = sev->scalar;
      }
    }
    if (const Node* list = array(root, "", "affected", true)) {
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        std::string field = doc::index_field("affected", i);
        const Node& item = list->items[i];
        if (!item.is_mapping()) {
          add(m_reader.wrong_type(item, field, "a mapping"));
          continue;
        }
        adv.affected.push_back(affected(item, field, adv.warnings));
      }
    }
    return adv;
  }

  ErrorList take_errors() && { return std::move(m_errors); }

 private:
  void add(Error e) {
    e.code = codes::invalid_advisory;
    m_errors.add(std::move(e));
  }

  static bool is_text(const Node& node) {
    return node.is_scalar() && node.style == doc::Style::quoted;
  }

  std::optional<std::string> text(const Node& node, const std::string& field, bool non_empty) {
    if (!is_text(node)) {
      add(m_reader.wrong_type(node, field, non_empty ? "a non-empty string" : "a string"));
      return std::nullopt;
    }
    if (non_empty && node.scalar.empty()) {
      add(m_reader.wrong_type(node, field, "a non-empty string"));
      return std::nullopt;
    }
    return node.scalar;
  }

  std::string optional_text(const Node& map, const std::string& parent, std::string_view key,
                            bool non_empty) {
    const Node* node = map.find(key);
    if (!node) return {};
    return text(*node, doc::join_field(parent, key), non_empty).value_or("");
  }

  std::string required_text(const Node& map, const std::string& parent, std::string_view key,
                            std::string hint) {
    const Node* node = map.find(key);
    if (!node) {
      add(m_reader.missing_field(map, parent, key, std::move(hint)));
      return {};
    }
    return text(*node, doc::join_field(parent, key), true).value_or("");
  }

  // The list at map[key]; nullptr when absent, null (if `nullable`) or of the wrong type.
  const Node* array(const Node& map, const std::string& parent, std::string_view key,
                    bool nullable) {
    const Node* node = map.find(key);
    if (!node || (nullable && node->is_null())) return nullptr;
    if (!node->is_sequence()) {
      add(m_reader.wrong_type(*node, doc::join_field(parent, key),
                              nullable ? "a list or null" : "a list"));
      return nullptr;
    }
    return node;
  }

  std::vector<std::string> text_list(const Node& map, const std::string& parent,
                                     std::string_view key, bool nullable) {
    std::vector<std::string> out;
    const Node* list = array(map, parent, key, nullable);
    if (!list) return out;
    std::string field = doc::join_field(parent, key);
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      if (auto value = text(list->items[i], doc::index_field(field, i), true)) {
        out.push_back(std::move(*value));
      }
    }
    return out;
  }

  std::vector<OsvSeverity> severities(const Node& map, const std::string& parent) {
    std::vector<OsvSeverity> out;
    const Node* list = array(map, parent, "severity", true);
    if (!list) return out;
    std::string field = doc::join_field(parent, "severity");
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const Node& item = list->items[i];
      std::string item_field = doc::index_field(field, i);
      if (!item.is_mapping()) {
        add(m_reader.wrong_type(item, item_field, "a mapping"));
        continue;
      }
      OsvSeverity sev;
      sev.type = required_text(item, item_field, "type", "write the scoring system: \"CVSS_V3\"");
      sev.score = required_text(item, item_field, "score", "write the score or vector");
      out.push_back(std::move(sev));
    }
    return out;
  }

  OsvAffected affected(const Node& item, const std::string& field, std::vector<Error>& warnings) {
    OsvAffected out;
    out.where = m_reader.at(item, field);
    if (const Node* pkg = item.find("package")) {
      std::string pkg_field = doc::join_field(field, "package");
      if (!pkg->is_mapping()) {
        add(m_reader.wrong_type(*pkg, pkg_field, "a mapping"));
      } else {
        OsvPackage p;
        p.ecosystem = required_text(*pkg, pkg_field, "ecosystem",
                                    "write the package's ecosystem: \"ecosystem\": \"pinset\"");
        p.name = required_text(*pkg, pkg_field, "name", "write the package's name");
        p.purl = optional_text(*pkg, pkg_field, "purl", true);
        out.package = std::move(p);
      }
    }
    out.severity = severities(item, field);
    out.versions = text_list(item, field, "versions", false);
    if (const Node* list = array(item, field, "ranges", false)) {
      std::string ranges_field = doc::join_field(field, "ranges");
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        std::string range_field = doc::index_field(ranges_field, i);
        const Node& node = list->items[i];
        if (!node.is_mapping()) {
          add(m_reader.wrong_type(node, range_field, "a mapping"));
          continue;
        }
        if (auto r = range(node, range_field, warnings)) out.ranges.push_back(std::move(*r));
      }
    }
    return out;
  }

  std::optional<OsvRange> range(const Node& node, const std::string& field,
                                std::vector<Error>& warnings) {
    OsvRange out;
    out.where = m_reader.at(node, field);
    bool ok = true;
    const Node* type = node.find("type");
    if (!type) {
      add(m_reader.missing_field(node, field, "type", "write SEMVER, ECOSYSTEM or GIT"));
      ok = false;
    } else if (is_text(*type) && type->scalar == "SEMVER") {
      out.type = RangeType::semver;
    } else if (is_text(*type) && type->scalar == "ECOSYSTEM") {
      out.type = RangeType::ecosystem;
    } else if (is_text(*type) && type->scalar == "GIT") {
      out.type = RangeType::git;
      out.comparable = false;  // needs the repository's commit graph; pinset matches versions
    } else {
      add(m_reader.wrong_type(*type, doc::join_field(field, "type"), "SEMVER, ECOSYSTEM or GIT"));
      ok = false;
    }
    out.repo = optional_text(node, field, "repo", true);

    std::string events_field = doc::join_field(field, "events");
    const Node* events = node.find("events");
    if (!events) {
      add(m_reader.missing_field(node, field, "events",
                                 "list the range's events: [{\"introduced\": \"0\"}, "
                                 "{\"fixed\": \"1.2.3\"}]"));
      return std::nullopt;
    }
    if (!events->is_sequence()) {
      add(m_reader.wrong_type(*events, events_field, "a list"));
      return std::nullopt;
    }
    bool has_introduced = false;
    std::size_t errors_before = m_errors.size();
    for (std::size_t i = 0; i < events->items.size(); ++i) {
      const Node& ev = events->items[i];
      std::string ev_field = doc::index_field(events_field, i);
      if (!ev.is_mapping()) {
        add(m_reader.wrong_type(ev, ev_field, "a mapping"));
        continue;
      }
      std::vector<std::pair<EventKind, const std::pair<std::pair<std::string, doc::Mark>, Node>*>>
          found;
      for (const auto& entry : ev.entries) {
        for (const auto& [name, kind] : k_event_kinds) {
          if (entry.first.first == name) found.emplace_back(kind, &entry);
        }
      }
      if (found.size() != 1) {
        add(Error(codes::invalid_advisory,
                  "an event must have exactly one of \"introduced\", \"fixed\", "
                  "\"last_affected\" or \"limit\", found " +
                      std::to_string(found.size()),
                  m_reader.at(ev, ev_field),
                  "write one event per object: [{\"introduced\": \"1.0.0\"}, "
                  "{\"fixed\": \"1.0.2\"}]"));
        continue;
      }
      const auto& [kind, entry] = found.front();
      std::string value_field = doc::join_field(ev_field, entry->first.first);
      auto value = text(entry->second, value_field, true);
      if (!value) continue;
      OsvEvent event;
      event.kind = kind;
      event.version = *value;
      if (kind == EventKind::introduced) has_introduced = true;
      if (kind == EventKind::introduced && event.version == "0") {
        event.is_zero = true;
      } else if (kind == EventKind::limit && event.version.find('*') != std::string::npos) {
        event.is_infinity = true;
      } else if (out.type != RangeType::git) {
        auto parsed = semver::Version::parse(event.version);
        if (parsed) {
          event.bound = std::move(*parsed);
        } else if (out.type == RangeType::semver) {
          add(Error(codes::invalid_advisory,
                    "a SEMVER range needs SemVer 2.0.0 versions: " + parsed.error().message,
                    m_reader.at(entry->second, value_field),
                    "write a version like \"1.2.3\" or \"1.0.0-rc.1\", or use type ECOSYSTEM"));
        } else if (out.comparable) {
          out.comparable = false;
          warnings.emplace_back(
              codes::osv_range_ignored,
              "ECOSYSTEM range ignored: " + quote(event.version) +
                  " is not a SemVer version, and pinset compares versions as SemVer",
              m_reader.at(entry->second, value_field),
              "list the affected versions in \"versions\", or use SemVer in the range");
        }
      }
      out.events.push_back(std::move(event));
    }
    if (m_errors.size() == errors_before && !has_introduced) {
      add(Error(codes::invalid_advisory, "a range needs at least one \"introduced\" event",
                m_reader.at(*events, events_field),
                "add {\"introduced\": \"0\"} if every version before the fix is affected"));
    }
    if (!ok || m_errors.size() != errors_before) return std::nullopt;
    return out;
  }

  doc::Reader m_reader;
  ErrorList m_errors;
};

// Order of events for evaluation: introduced "0" before everything, a "*" limit after everything.
int rank(const OsvEvent& e) {
  return e.is_zero ? 0 : e.is_infinity ? 2 : 1;
}

bool event_less(const OsvEvent& a, const OsvEvent& b) {
  if (rank(a) != rank(b)) return rank(a) < rank(b);
  if (rank(a) != 1) return false;
  return *a.bound < *b.bound;
}

// v <=> the event's version (for comparable ranges only).
std::strong_ordering compare(const semver::Version& v, const OsvEvent& e) {
  if (e.is_zero) return std::strong_ordering::greater;
  if (e.is_infinity) return std::strong_ordering::less;
  return v <=> *e.bound;
}

struct RangeHit {
  std::string introduced;
  std::string fixed;
  std::string last_affected;
};

// OSV's IncludedInRanges for one range: BeforeLimits, then the walk over the sorted events.
std::optional<RangeHit> evaluate(const OsvRange& range, const semver::Version& v) {
  if (!range.comparable) return std::nullopt;
  bool has_limit = false;
  bool before_limit = false;
  for (const OsvEvent& e : range.events) {
    if (e.kind != EventKind::limit) continue;
    has_limit = true;
    if (compare(v, e) < 0) before_limit = true;
  }
  if (has_limit && !before_limit) return std::nullopt;

  std::vector<const OsvEvent*> sorted;
  for (const OsvEvent& e : range.events)
    sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const OsvEvent* a, const OsvEvent* b) { return event_less(*a, *b); });
  bool vulnerable = false;
  std::size_t opened = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const OsvEvent& e = *sorted[i];
    if (e.kind == EventKind::introduced && compare(v, e) >= 0) {
      vulnerable = true;
      opened = i;
    } else if (e.kind == EventKind::fixed && compare(v, e) >= 0) {
      vulnerable = false;
    } else if (e.kind == EventKind::last_affected && compare(v, e) > 0) {
      vulnerable = false;
    }
  }
  if (!vulnerable) return std::nullopt;
  RangeHit hit;
  hit.introduced = sorted[opened]->version;
  for (std::size_t i = opened + 1; i < sorted.size(); ++i) {
    if (sorted[i]->kind == EventKind::fixed) {
      hit.fixed = sorted[i]->version;
      break;
    }
    if (sorted[i]->kind == EventKind::last_affected) {
      hit.last_affected = sorted[i]->version;
      break;
    }
  }
  return hit;
}

bool in_versions(const OsvAffected& affected, const semver::Version& v) {
  std::string text = v.str();
  for (const std::string& listed : affected.versions) {
    auto parsed = semver::Version::parse(listed);
    if (parsed ? *parsed == v : listed == text) return true;
  }
  return false;
}

bool applies(const OsvAffected& affected, std::string_view package, const MatchOptions& options) {
  if (!affected.package || affected.package->name != package) return false;
  if (options.any_ecosystem) return true;
  std::string_view eco = affected.package->ecosystem;
  for (const std::string& name : options.ecosystems) {
    if (eco == name) return true;
    if (eco.size() > name.size() && eco.substr(0, name.size()) == name && eco[name.size()] == ':')
      return true;
  }
  return false;
}

// OSV's IsVulnerable, reporting where the version matched.
std::optional<Match> first_match(const Advisory& advisory, std::string_view package,
                                 const semver::Version& v, const MatchOptions& options) {
  if (advisory.is_withdrawn()) return std::nullopt;
  for (std::size_t a = 0; a < advisory.affected.size(); ++a) {
    const OsvAffected& affected = advisory.affected[a];
    if (!applies(affected, package, options)) continue;
    if (in_versions(affected, v)) {
      Match m;
      m.affected_index = a;
      return m;
    }
    for (std::size_t r = 0; r < affected.ranges.size(); ++r) {
      if (auto hit = evaluate(affected.ranges[r], v)) {
        Match m;
        m.affected_index = a;
        m.range_index = r;
        m.introduced = std::move(hit->introduced);
        m.fixed = std::move(hit->fixed);
        m.last_affected = std::move(hit->last_affected);
        return m;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> Advisory::cve_ids() const {
  std::vector<std::string> out;
  for (const std::string& alias : aliases) {
    if (alias.rfind("CVE-", 0) == 0) out.push_back(alias);
  }
  return out;
}

Result<Advisory> parse_osv(std::string_view json, const std::string& source) {
  auto root = doc::load_json(json, source);
  if (!root) return fail(std::move(root.error()));
  OsvParser parser(source);
  Advisory advisory = parser.parse(*root);
  ErrorList errors = std::move(parser).take_errors();
  if (!errors.empty()) {
    errors.sort_by_position();
    Location where;
    where.file = source;
    return fail(std::move(errors).combine(codes::invalid_advisory,
                                          source + " is not a valid OSV advisory", where));
  }
  return advisory;
}

std::optional<Match> match(const Advisory& advisory, std::string_view package,
                           const semver::Version& version, const MatchOptions& options) {
  auto found = first_match(advisory, package, version, options);
  if (!found) return std::nullopt;
  for (const OsvAffected& affected : advisory.affected) {
    if (!applies(affected, package, options)) continue;
    for (const OsvRange& range : affected.ranges) {
      if (!range.comparable) continue;
      for (const OsvEvent& e : range.events) {
        if (e.kind != EventKind::fixed || !e.bound || *e.bound <= version) continue;
        if (first_match(advisory, package, *e.bound, options)) continue;
        found->fixed_versions.push_back(*e.bound);
      }
    }
  }
  auto& fixes = found->fixed_versions;
  std::sort(fixes.begin(), fixes.end());
  fixes.erase(std::unique(fixes.begin(), fixes.end()), fixes.end());
  return found;
}

bool affects(const Advisory& advisory, std::string_view package, const semver::Version& version,
             const MatchOptions& options) {
  return first_match(advisory, package, version, options).has_value();
}

}  // namespace pinset::policy
