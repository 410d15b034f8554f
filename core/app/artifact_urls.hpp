#pragma once
// A set may only name artifacts as safe as the place it was read from: a set fetched over https
// names https artifacts, one over http names http or https ones, and only a local set (a path or
// file://) names local files. So a hostile or compromised remote set cannot make pinset read
// /etc/shadow (and print its digest) or /dev/zero. Checked before any artifact is fetched.

#include <string>
#include <string_view>

#include "core/app/location.hpp"
#include "core/model/package_set.hpp"
#include "core/util/url.hpp"

namespace pinset::app {

// Checks one artifact URL (`url`, as resolved against the set) of `label` ("netlib 1.4.0") in the
// set read from `set_where` (its URL or path) with scheme `set_scheme`; `at` locates the entry.
// Errors: "url-too-long", "unsupported-scheme", "insecure-artifact-url" (naming the entry, the URL
// and the set).
Status check_artifact_url(url::Scheme set_scheme, const std::string& set_where,
                          const std::string& label, std::string_view url, Location at);

// check_artifact_url() for every entry of `set`, read from `where`; every problem is reported
// ("unsafe-set" when there are several).
Status check_artifact_urls(const model::PackageSet& set, const DocumentLocation& where);

}  // namespace pinset::app
