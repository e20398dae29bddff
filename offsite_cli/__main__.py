"""Entry point: `offsite` and `python -m offsite_cli`; unexpected errors are caught once, here."""

from __future__ import annotations

import os
import sys
import traceback

from offsite_cli.errors import ExitCode


def main() -> None:
    from offsite_cli.cli import app_for

    try:
        app_for(sys.argv[1:])(prog_name="offsite")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the one place that catches everything
        if os.environ.get("OFFSITE_DEBUG"):
            raise
        # The message may hold personal data (a name, an ID number): print where, not what.
        frame = traceback.extract_tb(error.__traceback__)[-1]
        where = f"{os.path.basename(frame.filename)}:{frame.lineno}"
        from offsite_cli.i18n import default_lang, text

        print(text("internal_error", default_lang(), kind=type(error).__name__, where=where),
              file=sys.stderr)
        sys.exit(int(ExitCode.FAILED))


if __name__ == "__main__":
    main()
