"""Run the app with ``python -m consult_app``."""

from consult_app.cli import main

raise SystemExit(main())
