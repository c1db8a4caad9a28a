"""``python -m firedrill.tui.quiz``: the quiz console on its own (what ``firedrill serve --app quiz`` serves).

Takes the same flags as ``firedrill quiz``; without ``--trainee`` it asks for the name and the mode.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from firedrill.cli.quiz import add_arguments, options_from
from firedrill.errors import InputError
from firedrill.tui.quiz.app import QuizApp

EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m firedrill.tui.quiz", description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        options = options_from(args) if args.trainee is not None else None
    except InputError as exc:
        print(f"firedrill: error: {exc.one_line()}", file=sys.stderr)
        return EXIT_BAD_INPUT
    app = QuizApp(options, args.data_dir, args.lang)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
