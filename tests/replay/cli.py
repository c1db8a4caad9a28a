"""Running a subcommand's ``run`` through a parser built from its own ``add_arguments``."""

from __future__ import annotations

import argparse
from types import ModuleType


def run(module: ModuleType, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    result: int = module.run(parser.parse_args(list(argv)))
    return result
