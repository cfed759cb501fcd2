"""Placeholder until issue #7 lands."""

from tiktok_study.errors import NotBuiltYet


def validate_file(*args, **kwargs):
    raise NotBuiltYet("`validate` is not built yet (issue #7)")
