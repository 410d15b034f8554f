// `pinset policy waivers`: what each waiver of the policy does, and when it runs out.
#include <nlohmann/json.hpp>

#include "core/policy/report.hpp"

namespace pinset::policy {

namespace {

std::string what(const Waiver& w) {
  return w.rule + " for " + (w.package.empty() ? std::string("the project") : w.package) +
         (w.versions ? " " + w.versions->text() : std::string());
}

std::string days(std::int64_t n) {
  return std::to_string(n) + (n == 1 ? " day" : " days");
}

}  // namespace

std::string waivers_text(const Report& report, std::int64_t soon_days) {
  std::size_t n = report.waivers.size();
  std::string out = std::to_string(n) + (n == 1 ? " waiver" : " waivers") + "\n";
  for (const WaiverUse& u : report.waivers) {
    const Waiver& w = u.waiver;
    out += "  " + what(w) + ": ";
    if (u.expired) {
      out += "expired on " + w.expires + ", " + days(-u.days_left) + " ago";
    } else {
      out +=
          "expires on " + w.expires + ", " +
          (u.days_left == 0 ? std::string("today is its last day") : days(u.days_left) + " left");
      if (u.days_left <= soon_days) out += " (expires soon)";
    }
    out += "; ";
    if (u.expired) {
      out += "waives nothing";
    } else if (u.matched == 0) {
      out += "matches no finding";
    } else {
      out += "matches " + std::to_string(u.matched) + (u.matched == 1 ? " finding" : " findings");
    }
    out +=
        "\n    at " + w.origin.file + ":" + std::to_string(w.origin.line) + ": " + w.reason + "\n";
  }
  return out;
}

std::string waivers_json(const Report& report) {
  using Json = nlohmann::ordered_json;
  Json list = Json::array();
  for (const WaiverUse& u : report.waivers) {
    const Waiver& w = u.waiver;
    list.push_back({{"rule", w.rule},
                    {"package", w.package.empty() ? Json(nullptr) : Json(w.package)},
                    {"versions", w.versions ? Json(w.versions->text()) : Json(nullptr)},
                    {"reason", w.reason},
                    {"expires", w.expires},
                    {"days-left", u.days_left},
                    {"expired", u.expired},
                    {"matched", u.matched},
                    {"file", w.origin.file},
                    {"line", w.origin.line}});
  }
  Json j = {{"waivers", std::move(list)}};
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace pinset::policy
