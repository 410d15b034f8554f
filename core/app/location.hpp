#pragma once
// Where a document (a set, an artifact) lives, from the text of a URL or path in a manifest or set.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/util/error.hpp"
#include "core/util/url.hpp"

namespace pinset::app {

// path, file, http or https once located (core/util/url.hpp: the one URL-scheme check).
using Scheme = url::Scheme;

struct DocumentLocation {
  Scheme scheme = Scheme::path;
  std::string text;  // for path/file: the filesystem path to open; for http(s): the URL
};

// Classifies `url`, resolving a relative path against `base_dir` (the manifest's folder).
// file:// URLs must be absolute ("file:///srv/set.yaml"). Any other scheme is refused before any
// request: code "unsupported-scheme", naming the URL and the schemes pinset accepts; a URL longer
// than url::k_max_url_bytes: "url-too-long".
Result<DocumentLocation> locate(std::string_view url, const std::string& base_dir);

// The folder of a file path ("." when it has none).
std::string parent_dir(const std::string& path);

}  // namespace pinset::app
