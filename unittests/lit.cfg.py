# -*- Python -*-
# Runs every GoogleTest binary in build/unittests through lit.
import lit.formats

config.name = "go-llc-unit"
config.suffixes = []
config.test_source_root = config.gollc_unittests_dir
config.test_exec_root = config.gollc_unittests_dir
config.test_format = lit.formats.GoogleTest(".", "Test")
