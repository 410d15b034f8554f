pinset-signatures 1
