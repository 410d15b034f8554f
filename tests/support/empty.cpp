// Keeps pinset_test_support non-empty.
