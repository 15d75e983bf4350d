"""Entry point: ``python -m api.curation <command>`` (see ``_cli``)."""

import sys

from api.curation._cli import main

sys.exit(main())
