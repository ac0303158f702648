"""The names of countries, by ISO 3166-1 alpha-2 code, from pycountry (the ISO tables): the
name a reader knows (``Vietnam``, ``South Korea``) and every name a country may be called by.
Kosovo (XK), in common use but not assigned by ISO, is added here.
"""

from __future__ import annotations

from functools import cache

import pycountry

from dragoman.briefings.fields import COUNTRY_CODES

_EXTRA = {"XK": ["Kosovo"]}


@cache
def country_labels() -> dict[str, list[str]]:
    """Every name of every country the format knows, the usual one first."""
    out: dict[str, list[str]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        if code not in COUNTRY_CODES:
            continue
        names: list[str] = [
            str(n)
            for n in (getattr(country, k, None) for k in ("common_name", "name", "official_name"))
            if n
        ]
        out[code] = list(dict.fromkeys(names))
    for code, names in _EXTRA.items():
        out.setdefault(code, names)
    return out


def country_name(code: str) -> str:
    """The name a reader knows a country by; the code itself for one unknown."""
    names = country_labels().get(code)
    return names[0] if names else code
