"""``python -m annonces``: the same as the ``annonces`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
