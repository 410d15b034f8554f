#pragma once
// Every error code pinset reports, one constant each: the stable, kebab-case value `--json`
// prints and scripts match (`Error::code`). Code compares and creates codes through these names,
// never through string literals (tests/arch/check_architecture.py keeps it so); tests compare the
// values as text, so a renamed constant cannot silently change what users see.

namespace pinset::codes {

inline constexpr const char* alias_cycle = "alias-cycle";
inline constexpr const char* ambiguous_dependency = "ambiguous-dependency";
inline constexpr const char* archive_path_too_long = "archive-path-too-long";
inline constexpr const char* archive_too_deep = "archive-too-deep";
inline constexpr const char* archive_too_large = "archive-too-large";
inline constexpr const char* bad_response = "bad-response";
inline constexpr const char* bad_signature = "bad-signature";
inline constexpr const char* cannot_edit_manifest = "cannot-edit-manifest";
inline constexpr const char* checksum_conflict = "checksum-conflict";
inline constexpr const char* conflict = "conflict";
inline constexpr const char* constraint = "constraint";
inline constexpr const char* corrupt_archive = "corrupt-archive";
inline constexpr const char* corrupt_cache = "corrupt-cache";
inline constexpr const char* corrupt_install = "corrupt-install";
inline constexpr const char* crypto = "crypto";
inline constexpr const char* dependency_cycle = "dependency-cycle";
inline constexpr const char* derivation = "derivation";
inline constexpr const char* duplicate_entry = "duplicate-entry";
inline constexpr const char* duplicate_key = "duplicate-key";
inline constexpr const char* exists = "exists";
inline constexpr const char* fetch_failed = "fetch-failed";
inline constexpr const char* file_read = "file-read";
inline constexpr const char* flatten_failed = "flatten-failed";
inline constexpr const char* http_status = "http-status";
inline constexpr const char* import_empty = "import-empty";
inline constexpr const char* import_refused = "import-refused";
inline constexpr const char* insecure_artifact_url = "insecure-artifact-url";
inline constexpr const char* insecure_redirect = "insecure-redirect";
inline constexpr const char* insecure_url = "insecure-url";
inline constexpr const char* install_dir_refused = "install-dir-refused";
inline constexpr const char* install_failed = "install-failed";
inline constexpr const char* internal = "internal";
inline constexpr const char* internal_error = "internal-error";
inline constexpr const char* invalid_action = "invalid-action";
inline constexpr const char* invalid_advisory = "invalid-advisory";
inline constexpr const char* invalid_argument = "invalid-argument";
inline constexpr const char* invalid_checksum = "invalid-checksum";
inline constexpr const char* invalid_date = "invalid-date";
inline constexpr const char* invalid_ecosystem = "invalid-ecosystem";
inline constexpr const char* invalid_environment = "invalid-environment";
inline constexpr const char* invalid_install_dir = "invalid-install-dir";
inline constexpr const char* invalid_multiple_versions = "invalid-multiple-versions";
inline constexpr const char* lock_key_mismatch = "lock-key-mismatch";
inline constexpr const char* invalid_key = "invalid-key";
inline constexpr const char* invalid_license = "invalid-license";
inline constexpr const char* invalid_lock = "invalid-lock";
inline constexpr const char* invalid_manifest = "invalid-manifest";
inline constexpr const char* invalid_mirror = "invalid-mirror";
inline constexpr const char* invalid_name = "invalid-name";
inline constexpr const char* invalid_origin = "invalid-origin";
inline constexpr const char* invalid_overlay = "invalid-overlay";
inline constexpr const char* invalid_policy = "invalid-policy";
inline constexpr const char* invalid_range = "invalid-range";
inline constexpr const char* invalid_set = "invalid-set";
inline constexpr const char* invalid_signature_file = "invalid-signature-file";
inline constexpr const char* invalid_source_date_epoch = "invalid-source-date-epoch";
inline constexpr const char* invalid_strategy = "invalid-strategy";
inline constexpr const char* invalid_timestamp = "invalid-timestamp";
inline constexpr const char* invalid_url = "invalid-url";
inline constexpr const char* invalid_value = "invalid-value";
inline constexpr const char* invalid_version = "invalid-version";
inline constexpr const char* invalid_versioning = "invalid-versioning";
inline constexpr const char* io = "io";
inline constexpr const char* layer_conflict = "layer-conflict";
inline constexpr const char* layer_cycle = "layer-cycle";
inline constexpr const char* layer_duplicate = "layer-duplicate";
inline constexpr const char* layered_input = "layered-input";
inline constexpr const char* layered_set = "layered-set";
inline constexpr const char* layers_too_deep = "layers-too-deep";
inline constexpr const char* layout_conflict = "layout-conflict";
inline constexpr const char* layout_needs_sha256 = "layout-needs-sha256";
inline constexpr const char* layout_one_version = "layout-one-version";
inline constexpr const char* license_unknown = "license-unknown";
inline constexpr const char* lock_missing = "lock-missing";
inline constexpr const char* lock_stale = "lock-stale";
inline constexpr const char* lock_tampered = "lock-tampered";
inline constexpr const char* lock_version = "lock-version";
inline constexpr const char* locked = "locked";
inline constexpr const char* merge_conflict = "merge-conflict";
inline constexpr const char* merge_failed = "merge-failed";
inline constexpr const char* mirror_failed = "mirror-failed";
inline constexpr const char* missing_checksum = "missing-checksum";
inline constexpr const char* missing_field = "missing-field";
inline constexpr const char* missing_url = "missing-url";
inline constexpr const char* name_collision = "name-collision";
inline constexpr const char* network = "network";
inline constexpr const char* no_cache_dir = "no-cache-dir";
inline constexpr const char* no_entries = "no-entries";
inline constexpr const char* no_last_modified = "no-last-modified";
inline constexpr const char* no_vetted_version = "no-vetted-version";
inline constexpr const char* not_a_crate = "not-a-crate";
inline constexpr const char* not_a_folder = "not-a-folder";
inline constexpr const char* not_allowed = "not-allowed";
inline constexpr const char* not_found = "not-found";
inline constexpr const char* not_in_graph = "not-in-graph";
inline constexpr const char* not_in_set = "not-in-set";
inline constexpr const char* not_installed = "not-installed";
inline constexpr const char* offline_miss = "offline-miss";
inline constexpr const char* osv_range_ignored = "osv-range-ignored";
inline constexpr const char* out_of_range = "out-of-range";
inline constexpr const char* overlay_conflict = "overlay-conflict";
inline constexpr const char* overlay_expired = "overlay-expired";
inline constexpr const char* overlay_not_in_set = "overlay-not-in-set";
inline constexpr const char* override_unknown = "override-unknown";
inline constexpr const char* parse = "parse";
inline constexpr const char* remove_unknown = "remove-unknown";
inline constexpr const char* set_changed = "set-changed";
inline constexpr const char* set_digest_mismatch = "set-digest-mismatch";
inline constexpr const char* set_equivocation = "set-equivocation";
inline constexpr const char* set_expired = "set-expired";
inline constexpr const char* set_expires_soon = "set-expires-soon";
inline constexpr const char* set_rollback = "set-rollback";
inline constexpr const char* set_unsigned = "set-unsigned";
inline constexpr const char* size_mismatch = "size-mismatch";
inline constexpr const char* symlink_in_path = "symlink-in-path";
inline constexpr const char* timeout = "timeout";
inline constexpr const char* tls = "tls";
inline constexpr const char* too_deep = "too-deep";
inline constexpr const char* too_large = "too-large";
inline constexpr const char* too_many_redirects = "too-many-redirects";
inline constexpr const char* truncated = "truncated";
inline constexpr const char* unknown_dependency = "unknown-dependency";
inline constexpr const char* unknown_field = "unknown-field";
inline constexpr const char* unknown_layout = "unknown-layout";
inline constexpr const char* unknown_rule = "unknown-rule";
inline constexpr const char* unknown_signer = "unknown-signer";
inline constexpr const char* unsafe_archive = "unsafe-archive";
inline constexpr const char* unsafe_bin = "unsafe-bin";
inline constexpr const char* unsafe_layout_path = "unsafe-layout-path";
inline constexpr const char* unsafe_path = "unsafe-path";
inline constexpr const char* unsafe_set = "unsafe-set";
inline constexpr const char* unsatisfied_dependency = "unsatisfied-dependency";
inline constexpr const char* unsupported_format = "unsupported-format";
inline constexpr const char* unsupported_scheme = "unsupported-scheme";
inline constexpr const char* url_too_long = "url-too-long";
inline constexpr const char* usage = "usage";
inline constexpr const char* versioning_mismatch = "versioning-mismatch";
inline constexpr const char* wrong_type = "wrong-type";

// Every code above, sorted.
inline constexpr const char* k_all[] = {
    alias_cycle,
    ambiguous_dependency,
    archive_path_too_long,
    archive_too_deep,
    archive_too_large,
    bad_response,
    bad_signature,
    cannot_edit_manifest,
    checksum_conflict,
    conflict,
    constraint,
    corrupt_archive,
    corrupt_cache,
    corrupt_install,
    crypto,
    dependency_cycle,
    derivation,
    duplicate_entry,
    duplicate_key,
    exists,
    fetch_failed,
    file_read,
    flatten_failed,
    http_status,
    import_empty,
    import_refused,
    insecure_artifact_url,
    insecure_redirect,
    insecure_url,
    install_dir_refused,
    install_failed,
    internal,
    internal_error,
    invalid_action,
    invalid_advisory,
    invalid_argument,
    invalid_checksum,
    invalid_date,
    invalid_ecosystem,
    invalid_environment,
    invalid_install_dir,
    invalid_key,
    invalid_license,
    invalid_lock,
    invalid_manifest,
    invalid_mirror,
    invalid_multiple_versions,
    invalid_name,
    invalid_origin,
    invalid_overlay,
    invalid_policy,
    invalid_range,
    invalid_set,
    invalid_signature_file,
    invalid_source_date_epoch,
    invalid_strategy,
    invalid_timestamp,
    invalid_url,
    invalid_value,
    invalid_version,
    invalid_versioning,
    io,
    layer_conflict,
    layer_cycle,
    layer_duplicate,
    layered_input,
    layered_set,
    layers_too_deep,
    layout_conflict,
    layout_needs_sha256,
    layout_one_version,
    license_unknown,
    lock_key_mismatch,
    lock_missing,
    lock_stale,
    lock_tampered,
    lock_version,
    locked,
    merge_conflict,
    merge_failed,
    mirror_failed,
    missing_checksum,
    missing_field,
    missing_url,
    name_collision,
    network,
    no_cache_dir,
    no_entries,
    no_last_modified,
    no_vetted_version,
    not_a_crate,
    not_a_folder,
    not_allowed,
    not_found,
    not_in_graph,
    not_in_set,
    not_installed,
    offline_miss,
    osv_range_ignored,
    out_of_range,
    overlay_conflict,
    overlay_expired,
    overlay_not_in_set,
    override_unknown,
    parse,
    remove_unknown,
    set_changed,
    set_digest_mismatch,
    set_equivocation,
    set_expired,
    set_expires_soon,
    set_rollback,
    set_unsigned,
    size_mismatch,
    symlink_in_path,
    timeout,
    tls,
    too_deep,
    too_large,
    too_many_redirects,
    truncated,
    unknown_dependency,
    unknown_field,
    unknown_layout,
    unknown_rule,
    unknown_signer,
    unsafe_archive,
    unsafe_bin,
    unsafe_layout_path,
    unsafe_path,
    unsafe_set,
    unsatisfied_dependency,
    unsupported_format,
    unsupported_scheme,
    url_too_long,
    usage,
    versioning_mismatch,
    wrong_type,
};

}  // namespace pinset::codes
