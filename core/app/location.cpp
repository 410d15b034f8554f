#include "core/app/location.hpp"

#include <algorithm>
#include <filesystem>

#include "core/util/strings.hpp"

namespace pinset::app {

std::string parent_dir(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  return dir.empty() ? "." : dir;
}

Result<DocumentLocation> locate(std::string_view url, const std::string& base_dir) {
  TRY(url::check_length(url, "the URL"));
  switch (url::scheme_of(url)) {
    case Scheme::https:
    case Scheme::http:
      return DocumentLocation{url::scheme_of(url), std::string(url)};
    case Scheme::file: {
      std::string_view rest = url.substr(std::min<std::size_t>(url.size(), 7));
      if (url.substr(4, 3) != "://" || rest.empty() || rest.front() != '/') {
        return fail(codes::invalid_url,
                    "invalid file URL " + quote(url) + ": it must name an absolute path", {},
                    "write file:///absolute/path, or a path relative to the manifest");
      }
      return DocumentLocation{Scheme::file, std::string(rest)};
    }
    case Scheme::other:
      return fail(
          codes::unsupported_scheme,
          "unsupported URL scheme in " + quote(url) + ": pinset reads https, http and file URLs",
          {}, "use an https:// URL, a file:/// URL, or a path relative to the manifest");
    case Scheme::path:
      break;
  }
  if (url.empty()) {
    return fail(codes::invalid_url, "the URL is empty", {}, "write a path or an https:// URL");
  }
  std::filesystem::path p(url);
  if (p.is_relative()) p = std::filesystem::path(base_dir) / p;
  return DocumentLocation{Scheme::path, p.lexically_normal().string()};
}

}  // namespace pinset::app
