// Differential conformance check of pinset's semver module against node-semver's answers, as
// written by gen_cases.js (see there for the file format). Prints the number of cases and
// mismatches and the first few mismatches; exits non-zero on any mismatch or on a missing or
// truncated case file. Usage: pinset_semver_conformance CASES_FILE

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/semver/js_text.hpp"
#include "core/semver/range.hpp"
#include "core/semver/version.hpp"

namespace {

using pinset::semver::Range;
using pinset::semver::Version;

bool unhex(const std::string& field, std::string& out) {
  out.clear();
  if (field == "-") return true;
  if (field.size() % 2 != 0) return false;
  for (std::size_t i = 0; i < field.size(); i += 2) {
    unsigned value = 0;
    if (std::sscanf(field.c_str() + i, "%2x", &value) != 1) return false;
    out += static_cast<char>(value);
  }
  return true;
}

// JSON-like rendering for the report, so control and Unicode characters stay visible.
std::string show(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (out.size() > 160) out = out.substr(0, 160) + "...";
  return out + "\"";
}

struct Tally {
  std::size_t cases = 0;
  std::size_t mismatches = 0;
  std::vector<std::string> examples;

  void check(bool ok, const std::string& what) {
    ++cases;
    if (ok) return;
    ++mismatches;
    if (examples.size() < 15) examples.push_back(what);
  }
};

std::string ok_text(bool ok) {
  return ok ? "valid" : "invalid";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: pinset_semver_conformance CASES_FILE\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "pinset_semver_conformance: cannot read " << argv[1]
              << " (gen_cases.js writes it from the node-semver in tests/data/semver/; is node "
                 "installed?)\n";
    return 2;
  }
  Tally versions, ranges, satisfies, compares;
  std::size_t declared = 0, read = 0;
  bool ended = false;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::istringstream fields(line);
    std::string kind;
    fields >> kind;
    std::vector<std::string> f;
    for (std::string x; fields >> x;)
      f.push_back(x);
    auto bad = [&] {
      std::cerr << "pinset_semver_conformance: malformed line " << line_no << ": " << line << "\n";
      return 2;
    };
    if (kind == "END") {
      if (f.size() != 1) return bad();
      declared = std::stoul(f[0]);
      ended = true;
      break;
    }
    ++read;
    std::string a, b, c;
    if (kind == "V") {
      if (f.size() != 5 || !unhex(f[0], a) || !unhex(f[2], b) || !unhex(f[3], c)) return bad();
      bool node_ok = f[1] == "1";
      bool node_valid = f[4] == "1";
      auto v = Version::parse(a);
      bool ours_ok = v.has_value();
      std::string ours = v ? v->str_without_build() : "";
      std::string ours_full = v ? v->str() : "";
      // valid(v) is new SemVer(v) succeeding (7.3.5 also refused surrounding whitespace).
      bool ours_valid = ours_ok;
      versions.check(ours_ok == node_ok && ours == b && ours_full == c && ours_valid == node_valid,
                     "version " + show(a) + ": node " + ok_text(node_ok) + " " + show(b) + " " +
                         show(c) + " valid()=" + f[4] + ", pinset " + ok_text(ours_ok) + " " +
                         show(ours) + " " + show(ours_full) + " valid()=" +
                         (ours_valid ? "1" : "0") + (v ? "" : " (" + v.error().message + ")"));
    } else if (kind == "R") {
      if (f.size() != 3 || !unhex(f[0], a) || !unhex(f[2], b)) return bad();
      bool node_ok = f[1] == "1";
      auto r = Range::parse(a);
      std::string ours = r ? r->normalized() : "";
      ranges.check(r.has_value() == node_ok && ours == b,
                   "range " + show(a) + ": node " + ok_text(node_ok) + " " + show(b) + ", pinset " +
                       ok_text(r.has_value()) + " " + show(ours) +
                       (r ? "" : " (" + r.error().message + ")"));
    } else if (kind == "S") {
      if (f.size() != 3 || !unhex(f[0], a) || !unhex(f[1], b)) return bad();
      bool node = f[2] == "1";
      auto v = Version::parse(a);
      auto r = Range::parse(b);
      bool ours = v && r && r->satisfies(*v);
      satisfies.check(ours == node, "satisfies(" + show(a) + ", " + show(b) + "): node " + f[2] +
                                        ", pinset " + (ours ? "1" : "0"));
    } else if (kind == "C") {
      if (f.size() != 3 || !unhex(f[0], a) || !unhex(f[1], b)) return bad();
      auto x = Version::parse(a);
      auto y = Version::parse(b);
      int node = std::stoi(f[2]);
      int ours = 2;
      if (x && y) ours = *x < *y ? -1 : (*x == *y ? 0 : 1);
      compares.check(ours == node, "compare(" + show(a) + ", " + show(b) + "): node " + f[2] +
                                       ", pinset " + std::to_string(ours));
    } else {
      return bad();
    }
  }
  if (!ended || declared != read) {
    std::cerr << "pinset_semver_conformance: " << argv[1] << " is truncated (read " << read
              << " cases, expected " << declared << ")\n";
    return 2;
  }
  std::size_t total = 0, wrong = 0;
  std::cout << "semver conformance against node-semver:\n";
  for (auto [name, t] : {std::pair{"versions", &versions}, std::pair{"ranges", &ranges},
                         std::pair{"satisfies", &satisfies}, std::pair{"compare", &compares}}) {
    std::cout << "  " << name << ": " << t->cases - t->mismatches << "/" << t->cases << " agree\n";
    total += t->cases;
    wrong += t->mismatches;
    for (const auto& e : t->examples)
      std::cout << "    MISMATCH " << e << "\n";
  }
  std::cout << "  total: " << total << " cases, " << wrong << " mismatches\n";
  if (total < 20000) {
    std::cerr << "pinset_semver_conformance: only " << total << " cases; expected at least 20000\n";
    return 1;
  }
  return wrong == 0 ? 0 : 1;
}
