"""Placeholder until issue #4 lands."""

from tiktok_study.errors import NotBuiltYet


def analyze_folder(*args, **kwargs):
    raise NotBuiltYet("`analyze` is not built yet (issue #4)")
