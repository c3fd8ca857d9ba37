# -*- Python -*-
# Runs every GoogleTest binary in build/unittests through lit. Run on this
# source folder, it loads the site config of ../build (or of --param
# gollc_build=DIR), which loads this file again with the paths set.
import os

import lit.formats

if not hasattr(config, "gollc_unittests_dir"):
    build = lit_config.params.get("gollc_build") or os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build")
    site = os.path.join(os.path.abspath(build), "unittests", "lit.site.cfg.py")
    if not os.path.exists(site):
        lit_config.fatal("%s does not exist: configure and build first (make build)" % site)
    lit_config.load_config(config, site)
    raise SystemExit

config.name = "go-llc-unit"
config.suffixes = []
config.test_source_root = config.gollc_unittests_dir
config.test_exec_root = config.gollc_unittests_dir
config.test_format = lit.formats.GoogleTest(".", "Test")
