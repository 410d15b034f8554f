#include "core/curate/merge.hpp"

#include <algorithm>

#include "core/curate/set_compare.hpp"
#include "core/doc/node.hpp"
#include "core/util/dates.hpp"

namespace pinset::curate {

Result<MergeStrategy> parse_strategy(std::string_view text) {
  if (text == "fail") return MergeStrategy::fail;
  if (text == "first") return MergeStrategy::first;
  if (text == "last") return MergeStrategy::last;
  if (text == "highest") return MergeStrategy::highest;
  if (text == "union") return MergeStrategy::union_all;
  return fail(codes::invalid_strategy, "unknown merge strategy " + quote(text), {},
              "use one of fail, first, last, highest, union");
}

bool expires_before(std::string_view a, std::string_view b) {
  auto at = [](std::string_view text) {
    return dates::parse_date_or_timestamp(text).value_or(INT64_MAX);
  };
  return at(a) < at(b);
}

namespace {

struct Holder {
  std::size_t input;
  const model::Package* package;
};

bool same_versions(const model::Package& a, const model::Package& b) {
  auto ea = entries_by_version(a);
  auto eb = entries_by_version(b);
  if (ea.size() != eb.size()) return false;
  for (std::size_t i = 0; i < ea.size(); ++i) {
    if (ea[i]->version != eb[i]->version) return false;
  }
  return true;
}

std::size_t index_of(const model::Package& p, const model::Entry* e) {
  return static_cast<std::size_t>(e - p.entries.data());
}

// An input's name and range ids as the output's, found once each (copy_entry would intern every
// dependency of every entry again: a third of a large merge's time).
class IdMap {
 public:
  IdMap(const model::PackageSet& from, model::PackageSet& to)
      : m_from(from),
        m_to(to),
        m_names(from.name_count(), model::k_no_name),
        m_ranges(from.range_count(), k_unknown) {}

  model::Entry copy(const model::Entry& entry) { return adopt(model::Entry(entry)); }

  // The entry with its ids made the output's.
  model::Entry adopt(model::Entry out) {
    for (model::DependencyRef& d : out.dependencies) {
      model::NameId& name = m_names[d.name];
      if (name == model::k_no_name) name = m_to.intern_name(m_from.name_of(d.name));
      model::RangeId& range = m_ranges[d.range];
      if (range == k_unknown) range = m_to.intern_range(m_from.range(d.range));
      d.name = name;
      d.range = range;
    }
    return out;
  }

 private:
  static constexpr model::RangeId k_unknown = UINT32_MAX;
  const model::PackageSet& m_from;
  model::PackageSet& m_to;
  std::vector<model::NameId> m_names;
  std::vector<model::RangeId> m_ranges;
};

// rebase_url leaves a URL as it is when the input and the output are in the same folder
// (same_folder) and the URL is a plain relative path (plain_relative: no ".", "..", empty segment,
// scheme, query or escape); merge then skips it, as resolving took ~2 µs an entry.
bool same_folder(std::string_view a, std::string_view b) {
  std::size_t sa = a.rfind('/'), sb = b.rfind('/');
  std::string_view da = sa == std::string_view::npos ? std::string_view() : a.substr(0, sa);
  std::string_view db = sb == std::string_view::npos ? std::string_view() : b.substr(0, sb);
  return da == db && a.find("://") == std::string_view::npos &&
         b.find("://") == std::string_view::npos;
}
bool plain_relative(std::string_view url) {
  if (url.empty() || url.front() == '/') return false;
  std::size_t start = 0;
  for (;;) {
    std::size_t slash = url.find('/', start);
    std::string_view segment = url.substr(start, slash - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    for (char c : segment) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '-' || c == '+' || c == '@' || c == '~';
      if (!ok) return false;
    }
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

}  // namespace

Result<model::PackageSet> merge_sets(const std::vector<MergeInput>& inputs,
                                     const MergeOptions& options) {
  ErrorList errors;
  for (const MergeInput& in : inputs) {
    if (!in.set->layered()) continue;
    errors.add(Error(codes::layered_input,
                     in.label + " is a layered set (it extends, overrides or removes): merge "
                                "works on flat sets",
                     Location{in.set->source}, "flatten it first: pinset set flatten"));
  }
  for (const MergeInput& in : inputs) {
    // Versions of two schemes have no common order ("highest" would mean nothing).
    if (in.set->versioning == inputs.front().set->versioning) continue;
    errors.add(
        Error(codes::versioning_mismatch,
              in.label + " has " + std::string(semver::scheme_info(in.set->versioning).name) +
                  " versions, " + inputs.front().label + " " +
                  std::string(semver::scheme_info(inputs.front().set->versioning).name) + " ones",
              Location{in.set->source},
              "merge sets of one versioning scheme (package-sets/README.md, \"Versioning "
              "schemes\")"));
  }
  if (!errors.empty()) {
    return fail(std::move(errors).combine(codes::merge_failed, "cannot merge the sets", {}));
  }
  model::PackageSet out;
  out.name = options.name.empty() && !inputs.empty() ? inputs.front().set->name : options.name;
  out.source = options.source;
  if (!inputs.empty()) {
    out.versioning = inputs.front().set->versioning;
    out.ecosystem = inputs.front().set->ecosystem;
  }
  for (const MergeInput& in : inputs) {
    out.serial = std::max(out.serial, in.set->serial);
    if (in.set->expires && (!out.expires || expires_before(*in.set->expires, *out.expires))) {
      out.expires = in.set->expires;
    }
  }
  if (options.serial) out.serial = *options.serial;

  std::size_t most = 0;
  std::vector<IdMap> ids;
  std::vector<bool> rebase_plain;  // per input: plain relative URLs stay as they are
  std::vector<std::shared_ptr<model::EntryExtra>> from_only;  // per input: just its label
  for (const MergeInput& in : inputs) {
    from_only.push_back(std::make_shared<model::EntryExtra>());
    from_only.back()->from = in.label;
    most = std::max(most, in.set->packages().size());
    ids.emplace_back(*in.set, out);
    rebase_plain.push_back(same_folder(in.set->source, options.source));
  }
  out.reserve(most, most);

  // Every input lists its packages by name: walk them together, one name at a time.
  std::vector<std::size_t> next(inputs.size(), 0);
  std::vector<Holder> holders;
  std::string name;
  for (;;) {
    bool any = false;
    std::string_view least;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const auto& packages = inputs[i].set->packages();
      if (next[i] == packages.size()) continue;
      std::string_view n = inputs[i].set->name_of(packages[next[i]].name);
      if (!any || n < least) least = n, any = true;
    }
    if (!any) break;
    holders.clear();
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const auto& packages = inputs[i].set->packages();
      if (next[i] == packages.size()) continue;
      if (inputs[i].set->name_of(packages[next[i]].name) != least) continue;
      holders.push_back(Holder{i, &packages[next[i]++]});
    }
    name.assign(least);
    // The same version with another checksum: always an error.
    const Holder& first = holders.front();
    for (std::size_t h = 1; h < holders.size(); ++h) {
      for (const model::Entry& e : holders[h].package->entries) {
        for (std::size_t g = 0; g < h; ++g) {
          auto it =
              std::find_if(holders[g].package->entries.begin(), holders[g].package->entries.end(),
                           [&](const model::Entry& x) { return x.version == e.version; });
          if (it == holders[g].package->entries.end()) continue;
          if (it->checksum != e.checksum) {
            const model::PackageSet& set = *inputs[holders[h].input].set;
            std::string field = doc::join_field(doc::index_field(doc::join_field("packages", name),
                                                                 index_of(*holders[h].package, &e)),
                                                "checksum");
            errors.add(Error(codes::checksum_conflict,
                             name + " " + e.version.str() + " has checksum " + it->checksum.str() +
                                 " in " + inputs[holders[g].input].label + " but " +
                                 e.checksum.str() + " in " + inputs[holders[h].input].label,
                             Location{set.source, e.line, 0, field},
                             "the same version must be the same artifact: find out which is "
                             "right (one was republished or tampered with) and fix the other"));
          }
          break;
        }
      }
    }
    bool conflict = std::any_of(holders.begin() + 1, holders.end(), [&](const Holder& h) {
      return !same_versions(*first.package, *h.package);
    });
    std::vector<Holder> chosen{first};
    if (conflict) {
      switch (options.strategy) {
        case MergeStrategy::fail: {
          std::string pins;
          for (const Holder& h : holders) {
            if (!pins.empty()) pins += "; ";
            pins += versions_of(*h.package) + " in " + inputs[h.input].label;
          }
          const model::PackageSet& set = *inputs[holders[1].input].set;
          int line =
              holders[1].package->entries.empty() ? 0 : holders[1].package->entries.front().line;
          errors.add(Error(codes::merge_conflict,
                           name + " is pinned to different versions: " + pins,
                           Location{set.source, line, 0, doc::join_field("packages", name)},
                           "choose a strategy (--strategy first, last, highest or union), or "
                           "make the sets agree"));
          break;
        }
        case MergeStrategy::first:
          break;
        case MergeStrategy::last:
          chosen = {holders.back()};
          break;
        case MergeStrategy::highest:
          for (const Holder& h : holders) {
            if (entries_by_version(*chosen.front().package).back()->version <
                entries_by_version(*h.package).back()->version) {
              chosen = {h};
            }
          }
          break;
        case MergeStrategy::union_all:
          chosen = holders;
          break;
      }
    }
    model::NameId id = out.intern_name(name);
    std::vector<model::Entry> entries;
    for (const Holder& h : chosen) {
      const MergeInput& in = inputs[h.input];
      for (const model::Entry& e : h.package->entries) {
        bool seen = std::any_of(entries.begin(), entries.end(),
                                [&](const model::Entry& x) { return x.version == e.version; });
        if (seen) continue;
        // A consumed input gives its entry up (its package is emptied below).
        model::Entry copy = in.consumed != nullptr
                                ? ids[h.input].adopt(std::move(const_cast<model::Entry&>(e)))
                                : ids[h.input].copy(e);
        if (!copy.m_extra) {
          // Entries with no other rare field share one extra per input (a merge of 300,000
          // entries would otherwise make 300,000 copies of the same label).
          copy.m_extra = from_only[h.input];
        } else {
          copy.edit_extra().from = in.label;
        }
        copy.line = 0;
        if (!options.source.empty() && !(rebase_plain[h.input] && plain_relative(copy.url))) {
          copy.url = rebase_url(in.set->source, options.source, copy.url);
        }
        entries.push_back(std::move(copy));
      }
    }
    std::stable_sort(
        entries.begin(), entries.end(),
        [](const model::Entry& a, const model::Entry& b) { return a.version < b.version; });
    out.package(id).entries = std::move(entries);
    // The consumed inputs' packages of this name are done with: their memory goes now. (The
    // const_cast is sound: MergeInput::consumed is the same, non-const, set.)
    for (const Holder& h : holders) {
      if (inputs[h.input].consumed != nullptr)
        std::vector<model::Entry>().swap(const_cast<model::Package*>(h.package)->entries);
    }
  }
  if (!errors.empty()) {
    return fail(std::move(errors).combine(codes::merge_failed, "cannot merge the sets", {}));
  }
  out.finish();
  return out;
}

}  // namespace pinset::curate
