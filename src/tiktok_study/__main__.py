"""``python -m tiktok_study`` — the same as the ``tiktok-study`` command."""

from tiktok_study.cli import main

raise SystemExit(main())
