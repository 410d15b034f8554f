#include "core/curate/set_writer.hpp"

#include <algorithm>
#include <cstdio>

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
    if (!e->vetted().empty()) {
      line(out, in, "vetted", "");
      // One review as a mapping (as sets have always written it), several as a list.
      const bool list = e->vetted().size() > 1;
      const int at = list ? in + 4 : in + 2;
      for (const model::Vetting& v : e->vetted()) {
        if (list) {
          out += std::string(static_cast<std::size_t>(in + 2), ' ') + "- by: " + yaml_scalar(v.by) +
                 '\n';
        } else {
          line(out, at, "by", yaml_scalar(v.by));
        }
        line(out, at, "on", yaml_scalar(v.on));
        if (!v.criteria.empty()) line(out, at, "criteria", yaml_scalar(v.criteria));
        if (!v.ticket.empty()) line(out, at, "ticket", yaml_scalar(v.ticket));
      }
    }
    if (!e->from().empty()) line(out, in, "from", yaml_scalar(e->from()));
    if (e->ecosystem != model::Ecosystem::unset) {
      line(out, in, "ecosystem", std::string(model::ecosystem_info(e->ecosystem).name));
    }
    if (!e->published_at().empty()) line(out, in, "published-at", yaml_scalar(e->published_at()));
    if (!e->publisher().empty()) line(out, in, "publisher", yaml_scalar(e->publisher()));
  }
}

// JSON text written directly (as nlohmann's dump(2) would lay it out, with less memory: a set of
// 100,000 packages as a json tree took ~1 GB before it became text).
class JsonText {
 public:
  explicit JsonText(std::string& out) : m_out(out) {}

  // Members and items: open() and close() a container; key() starts a member, item() an item.
  void open(char bracket) {
    m_out += bracket;
    m_first.push_back(true);
  }
  void close(char bracket) {
    bool empty = m_first.back();
    m_first.pop_back();
    if (!empty) newline();
    m_out += bracket;
  }
  void key(std::string_view name) {
    item();
    string(name);
    m_out += ": ";
  }
  void item() {
    if (!m_first.back()) m_out += ',';
    m_first.back() = false;
    newline();
  }
  void member(std::string_view name, std::string_view value) {
    key(name);
    string(value);
  }
  void member(std::string_view name, std::uint64_t value) {
    key(name);
    m_out += std::to_string(value);
  }

  // A JSON string: quotes, backslashes and control characters escaped, UTF-8 as is (an invalid
  // byte becomes U+FFFD).
  void string(std::string_view text) {
    m_out += '"';
    std::size_t i = 0;
    while (i < text.size()) {
      auto c = static_cast<unsigned char>(text[i]);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        std::size_t run = i + 1;
        while (run < text.size()) {
          auto d = static_cast<unsigned char>(text[run]);
          if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\') break;
          ++run;
        }
        m_out.append(text.substr(i, run - i));
        i = run;
        continue;
      }
      if (c < 0x80) {
        escape(c);
        ++i;
        continue;
      }
      std::size_t len = utf8_length(text, i);
      if (len == 0) {
        m_out += "\xEF\xBF\xBD";
        ++i;
      } else {
        m_out.append(text.substr(i, len));
        i += len;
      }
    }
    m_out += '"';
  }

 private:
  void newline() {
    m_out += '\n';
    m_out.append(2 * m_first.size(), ' ');
  }
  void escape(unsigned char c) {
    switch (c) {
      case '"':
        m_out += "\\\"";
        return;
      case '\\':
        m_out += "\\\\";
        return;
      case '\b':
        m_out += "\\b";
        return;
      case '\f':
        m_out += "\\f";
        return;
      case '\n':
        m_out += "\\n";
        return;
      case '\r':
        m_out += "\\r";
        return;
      case '\t':
        m_out += "\\t";
        return;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        m_out += buf;
      }
    }
  }
  // Length of the valid UTF-8 sequence at text[i] (lead byte >= 0x80), or 0.
  static std::size_t utf8_length(std::string_view text, std::size_t i) {
    auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = at(i);
    std::size_t len = lead >= 0xC2 && lead <= 0xDF   ? 2
                      : lead >= 0xE0 && lead <= 0xEF ? 3
                      : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                     : 0;
    if (len == 0 || i + len > text.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
      if ((at(i + k) & 0xC0) != 0x80) return 0;
    }
    unsigned char second = at(i + 1);
    if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) ||
        (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)) {
      return 0;  // overlong, surrogate, or above U+10FFFF
    }
    return len;
  }

  std::string& m_out;
  std::vector<bool> m_first;  // per open container: nothing written in it yet
};

void entries_json(JsonText& j, const model::PackageSet& set, const model::Package& package) {
  j.open('[');
  for (const model::Entry* e : entries_by_version(package)) {
    j.item();
    j.open('{');
    j.member("version", e->version.str());
    j.member("checksum", e->checksum.str());
    j.member("url", e->url);
    if (!e->dependencies.empty()) {
      j.key("dependencies");
      j.open('{');
      for (const model::DependencyRef& d : e->dependencies) {
        j.member(set.name_of(d.name), set.range(d.range).text());
      }
      j.close('}');
    }
    if (!e->license.empty()) j.member("license", e->license);
    if (e->size) j.member("size", *e->size);
    if (e->strip_components != 0) j.member("strip-components", e->strip_components);
    if (!e->vetted().empty()) {
      j.key("vetted");
      const bool list = e->vetted().size() > 1;
      if (list) j.open('[');
      for (const model::Vetting& v : e->vetted()) {
        if (list) j.item();
        j.open('{');
        j.member("by", v.by);
        j.member("on", v.on);
        if (!v.criteria.empty()) j.member("criteria", v.criteria);
        if (!v.ticket.empty()) j.member("ticket", v.ticket);
        j.close('}');
      }
      if (list) j.close(']');
    }
    if (!e->from().empty()) j.member("from", e->from());
    if (e->ecosystem != model::Ecosystem::unset) {
      j.member("ecosystem", model::ecosystem_info(e->ecosystem).name);
    }
    if (!e->published_at().empty()) j.member("published-at", e->published_at());
    if (!e->publisher().empty()) j.member("publisher", e->publisher());
    j.close('}');
  }
  j.close(']');
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
  std::string out;
  std::size_t entries = 0;
  for (const model::Package& p : set.packages())
    entries += p.entries.size();
  // More than an entry usually takes (~450 bytes with `from`), so the text is not copied as it
  // grows: pages reserved and never written cost no memory.
  out.reserve(4096 + entries * 512);
  JsonText j(out);
  j.open('{');
  j.member("format", static_cast<std::uint64_t>(set.format));
  j.member("name", set.name);
  j.member("serial", set.serial);
  if (set.published) j.member("published", *set.published);
  if (set.expires) j.member("expires", *set.expires);
  if (set.ecosystem != model::Ecosystem::unset) {
    j.member("ecosystem", model::ecosystem_info(set.ecosystem).name);
  }
  if (set.versioning != semver::Scheme::semver) {
    j.member("versioning", semver::scheme_info(set.versioning).name);
  }
  if (!set.extends.empty()) {
    j.key("extends");
    j.open('[');
    for (const model::SetBase& base : set.extends) {
      j.item();
      j.open('{');
      j.member("url", base.url);
      j.member("digest", base.digest.str());
      j.close('}');
    }
    j.close(']');
  }
  if (!set.overrides.empty()) {
    j.key("overrides");
    j.open('{');
    for (const model::Package* p : packages_by_name(set, set.overrides)) {
      j.key(set.name_of(p->name));
      entries_json(j, set, *p);
    }
    j.close('}');
  }
  if (!set.removes.empty()) {
    j.key("removes");
    j.open('[');
    for (const model::Removal& r : sorted_removals(set.removes)) {
      j.item();
      j.string(r.str());
    }
    j.close(']');
  }
  j.key("packages");
  j.open('{');
  for (const model::Package& p : set.packages()) {
    j.key(set.name_of(p.name));
    entries_json(j, set, p);
  }
  j.close('}');
  j.close('}');
  out += '\n';
  return out;
}

std::string write_set(const model::PackageSet& set, doc::Format format) {
  return format == doc::Format::json ? write_set_json(set) : write_set_yaml(set);
}

}  // namespace pinset::curate
