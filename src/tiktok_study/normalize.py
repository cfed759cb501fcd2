"""Placeholder until issue #3 lands."""

from tiktok_study.errors import NotBuiltYet


def normalize_folder(*args, **kwargs):
    raise NotBuiltYet("`normalize` is not built yet (issue #3)")
