// Renderers of an Unsolvable: an Error for people (Error::render) and JSON for machines.
#include <nlohmann/json.hpp>

#include "core/resolve/resolver.hpp"
#include "core/resolve/wording.hpp"

namespace pinset::resolve {

namespace {

constexpr std::size_t k_max_versions_listed = 8;
constexpr std::size_t k_max_lines_shown = 100;  // a long derivation shows its start and its end

std::string set_phrase(const Unsolvable& p) {
  return p.set_name.empty() ? "the package set" : "the package set " + quote(p.set_name);
}

std::string versions_phrase(const std::vector<std::string>& versions) {
  if (versions.size() <= k_max_versions_listed) return join_list(versions, " and ");
  return std::to_string(versions.size()) + " versions, " + versions.front() + " to " +
         versions.back();
}

// "webkit 3.1.0 depends on libpng ^1.6.0", "myapp depends on libpng <1.6.0 (pinset.yaml:9)".
std::string constraint_sentence(const ConstraintOrigin& c) {
  bool from_root = c.path.size() <= 1;
  std::string out =
      from_root ? (c.path.empty() ? std::string("the manifest") : c.path.front()) : c.imposed_by;
  out += " depends on " + c.package;
  if (!c.range.empty() && c.range != "*") out += " " + c.range;
  if (from_root && !c.imposed_by.empty() && (c.path.empty() || c.imposed_by != c.path.front())) {
    out += " (" + c.imposed_by + ")";
  }
  return out;
}

Error constraint_cause(const ConstraintOrigin& c, bool with_path) {
  Error e(codes::constraint, constraint_sentence(c));
  if (with_path && c.path.size() > 1) e.path = c.path;
  return e;
}

}  // namespace

Error to_error(const Unsolvable& p) {
  Error e;
  e.code = p.code;
  e.hint = p.hint;
  if (p.code == codes::not_in_set) {
    e.message = p.package + " is not in " + set_phrase(p);
    e.path = p.path;
    for (const ConstraintOrigin& c : p.constraints)
      e.causes.push_back(constraint_cause(c, false));
  } else if (p.code == codes::no_vetted_version) {
    bool single = p.constraints.size() == 1;
    e.message = set_phrase(p) + " has no version of " + p.package + " that satisfies ";
    if (single) {
      e.message += p.constraints.front().range;
    } else if (p.constraints.size() == 2) {
      e.message += "both constraints below";
    } else {
      e.message += "all " + std::to_string(p.constraints.size()) + " constraints below";
    }
    e.message += " (it lists " + versions_phrase(p.versions) + ")";
    if (single) e.path = p.path;
    for (const ConstraintOrigin& c : p.constraints)
      e.causes.push_back(constraint_cause(c, !single));
  } else {
    std::string root = p.constraints.empty() || p.constraints.front().path.empty()
                           ? std::string("the project")
                           : p.constraints.front().path.front();
    e.message =
        "no combination of versions in " + set_phrase(p) + " satisfies the requirements of " + root;
    const auto& lines = p.derivation;
    std::size_t half = k_max_lines_shown / 2;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines.size() > k_max_lines_shown && i == half) {
        std::size_t skipped = lines.size() - 2 * half;
        e.causes.emplace_back(codes::derivation,
                              "... " + std::to_string(skipped) +
                                  " more steps (`pinset resolve --json` lists them all)");
        i += skipped - 1;
        continue;
      }
      e.causes.emplace_back(codes::derivation, lines[i]);
    }
  }
  return e;
}

std::vector<Error> to_errors(const Unsolvable& p) {
  std::vector<Error> out{to_error(p)};
  for (const Unsolvable& q : p.also)
    out.push_back(to_error(q));
  if (out.size() > 1) {
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i].message += " (problem " + std::to_string(i + 1) + " of " + std::to_string(out.size()) +
                        (i == 0 ? "" : ", independent of those before") + ")";
    }
  }
  return out;
}

nlohmann::json to_json(const Unsolvable& p) {
  nlohmann::json also = nlohmann::json::array();
  for (const Unsolvable& q : p.also)
    also.push_back(to_json(q));
  nlohmann::json constraints = nlohmann::json::array();
  for (const ConstraintOrigin& c : p.constraints) {
    constraints.push_back({{"package", c.package},
                           {"range", c.range},
                           {"imposed_by", c.imposed_by},
                           {"path", c.path}});
  }
  return {{"code", p.code},
          {"message", to_error(p).message},
          {"package", p.package},
          {"set", p.set_name},
          {"path", p.path},
          {"versions", p.versions},
          {"constraints", std::move(constraints)},
          {"derivation", p.derivation},
          {"hint", p.hint},
          {"also", also}};
}

}  // namespace pinset::resolve
