"""Placeholder until issue #6 lands."""

from tiktok_study.errors import NotBuiltYet


def render(*args, **kwargs):
    raise NotBuiltYet("`render` is not built yet (issue #6)")
