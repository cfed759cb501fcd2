"""The two records of the statistics scanner: an amount as written, and a statistic."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

__all__: list[str] = []

# --------------------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------------------


_SKIP = "_skip"  # a consumed span that is not a statistic (a year range)


@dataclass(slots=True)
class _Amount:
    """One number as written: where it is, its value, and the unit words glued to it."""

    start: int
    end: int
    mantissa: Decimal
    scale: int = 1
    currency: str | None = None
    percent: str | None = None  # '%', 'pp', 'bp'
    measure: str | None = None  # a physical or digital unit: 'GB', 'km', 'W', '°C', …
    words: bool = False
    plain: bool = True  # digits only: no thousands separator, decimals, currency, scale or percent

    @property
    def value(self) -> Decimal:
        return self.mantissa * self.scale


@dataclass(slots=True)
class _Stat:
    start: int
    end: int
    value: float
    kind: str
    low: float = math.nan
    high: float = math.nan
    unit: str | None = None
    qualifier: str | None = None
    object: str | None = None
    per: str | None = None
    numerator: float = math.nan
    denominator: float = math.nan
    inferred: bool = False
