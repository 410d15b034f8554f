#include "core/app/location.hpp"

#include <filesystem>

#include "core/util/strings.hpp"

namespace pinset::app {

std::string parent_dir(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  return dir.empty() ? "." : dir;
}

Result<DocumentLocation> locate(std::string_view url, const std::string& base_dir) {
  if (url.size() > k_max_url_bytes) {
    return fail("invalid-url",
                "the URL " + quote(url, 60) + " is " + std::to_string(url.size()) +
                    " bytes long; pinset accepts URLs of at most " +
                    std::to_string(k_max_url_bytes) + " bytes",
                {}, "use a shorter URL (a set or artifact URL never needs to be this long)");
  }
  if (starts_with(url, "https://")) return DocumentLocation{Scheme::https, std::string(url)};
  if (starts_with(url, "http://")) return DocumentLocation{Scheme::http, std::string(url)};
  if (starts_with(url, "file://")) {
    std::string_view rest = url.substr(7);
    if (rest.empty() || rest.front() != '/') {
      return fail("invalid-url",
                  "invalid file URL " + quote(url) + ": it must name an absolute path", {},
                  "write file:///absolute/path, or a path relative to the manifest");
    }
    return DocumentLocation{Scheme::file, std::string(rest)};
  }
  std::size_t colon = url.find(':');
  std::size_t slash = url.find('/');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash)) {
    return fail(
        "unsupported-scheme",
        "unsupported URL scheme in " + quote(url) + ": pinset reads https, http and file URLs", {},
        "use an https:// URL, a file:/// URL, or a path relative to the manifest");
  }
  if (url.empty()) {
    return fail("invalid-url", "the URL is empty", {}, "write a path or an https:// URL");
  }
  std::filesystem::path p(url);
  if (p.is_relative()) p = std::filesystem::path(base_dir) / p;
  return DocumentLocation{Scheme::path, p.lexically_normal().string()};
}

}  // namespace pinset::app
