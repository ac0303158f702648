"""Countries as an article names them: names, short forms and demonyms to ISO alpha-2 codes,
and the places (provinces, capital regions) pycountry knows.

The names come from pycountry (through :mod:`dragoman.library.countries`); demonyms are
derived from the names by the usual endings (Japan -> Japanese, Malaysia -> Malaysian,
Vietnam -> Vietnamese), with a small table of the irregular ones pycountry cannot give (Thai,
Lao, Filipino, American...). Uses pycountry, the library's country names and :mod:`vocab`.
"""

from __future__ import annotations

import re
from functools import cache

import pycountry

from dragoman.draft.vocab import key
from dragoman.library.countries import country_labels
from dragoman.text import slugify

# Demonyms and short forms the endings cannot make.
_IRREGULAR: dict[str, str] = {
    "thai": "TH",
    "lao": "LA",
    "laotian": "LA",
    "filipino": "PH",
    "philippine": "PH",
    "american": "US",
    "u.s": "US",
    "us": "US",
    "usa": "US",
    "u.s.a": "US",
    "america": "US",
    "washington": "US",
    "british": "GB",
    "britain": "GB",
    "uk": "GB",
    "u.k": "GB",
    "french": "FR",
    "dutch": "NL",
    "swiss": "CH",
    "burmese": "MM",
    "burma": "MM",
    "khmer": "KH",
    "emirati": "AE",
    "uae": "AE",
    "saudi": "SA",
    "greek": "GR",
    "turkish": "TR",
    "turkey": "TR",
    "spanish": "ES",
    "polish": "PL",
    "danish": "DK",
    "swedish": "SE",
    "finnish": "FI",
    "norwegian": "NO",
    "irish": "IE",
    "israeli": "IL",
    "portuguese": "PT",
    "timorese": "TL",
    "east timor": "TL",
    "russia": "RU",
    "brunei": "BN",
    "bruneian": "BN",
    "south korea": "KR",
    "north korea": "KP",
    "korea": "KR",
    "kiwi": "NZ",
    "czech": "CZ",
    "slovak": "SK",
    "welsh": "GB",
    "scottish": "GB",
    "english": "GB",
    "german": "DE",
    "chinese": "CN",
    "korean": "KR",
    "prc": "CN",
    "rok": "KR",
    "dprk": "KP",
}
# The short name a briefing's ids use, where pycountry's common name is long.
_SHORT: dict[str, str] = {
    "RU": "Russia",
    "BN": "Brunei",
    "KR": "South Korea",
    "KP": "North Korea",
    "US": "United States",
    "GB": "United Kingdom",
    "TW": "Taiwan",
    "IR": "Iran",
    "SY": "Syria",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "LA": "Laos",
    "VN": "Vietnam",
}
_DEMONYM: dict[str, str] = {
    "TH": "Thai",
    "KR": "South Korean",
    "CA": "Canadian",
    "SG": "Singaporean",
    "NZ": "New Zealand",
    "IT": "Italian",
    "ES": "Spanish",
    "BN": "Bruneian",
    "TL": "Timorese",
    "KH": "Cambodian",
    "LA": "Lao",
    "PH": "Philippine",
    "US": "U.S.",
    "GB": "British",
    "FR": "French",
    "NL": "Dutch",
    "CH": "Swiss",
    "MM": "Myanmar",
    "CN": "Chinese",
    "DE": "German",
}


def _short(code: str) -> str:
    if code in _SHORT:
        return _SHORT[code]
    names = country_labels().get(code, [code])
    return names[0].split(",")[0]


def _derived(name: str) -> set[str]:
    """The forms a demonym of ``name`` may take, by the usual English endings."""
    n = name.lower()
    stem = n[:-1]
    forms = {n + "n", n + "an", n + "ese", n + "i", n + "ian", n + "ish"}
    if n.endswith(("a", "e", "o", "y", "i")):
        forms |= {stem + "an", stem + "ian", stem + "ese", stem + "ean", stem + "i"}
    return forms


@cache
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    demonyms: dict[str, set[str]] = {}
    for code, labels in country_labels().items():
        for label in [*labels, _short(code)]:
            names[key(label)] = code
            for form in _derived(_short(code)):
                demonyms.setdefault(form, set()).add(code)
    derived = {d: next(iter(c)) for d, c in demonyms.items() if len(c) == 1 and d not in names}
    adjectives = {**derived, **_IRREGULAR}
    places: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        for form in _place_forms(str(sub.name)):
            places.setdefault(form, set()).add(str(sub.country_code))
    unique_places = {p: next(iter(c)) for p, c in places.items() if len(c) == 1}
    return names, adjectives, unique_places


_PLACE_PREFIX = re.compile(
    r"^(wilayah persekutuan|federal territory of|provincia de|province of|city of|"
    r"special region of|state of|daerah khusus ibukota|dki)\s+"
)


def _place_forms(name: str) -> set[str]:
    base = key(name)
    short = _PLACE_PREFIX.sub("", base)
    return {base, short, short.replace(" ", "")}


def country_code(word: str) -> str | None:
    """The code of a country named or described by ``word`` (a name, a short form, a
    demonym, ``Malaysia's``); else None."""
    k = key(word)
    k = re.sub(r"'s?$", "", k)
    names, adjectives, _ = _tables()
    return names.get(k) or adjectives.get(k)


def is_country_word(word: str) -> bool:
    return country_code(word) is not None


def place_country(place: str) -> str | None:
    """The country of a place whose name pycountry knows once (a province, a capital
    region): ``Tokyo`` -> JP, ``Kuala Lumpur`` -> MY, ``Ha Noi``/``Hanoi`` -> VN."""
    _, _, places = _tables()
    k = key(place)
    return places.get(k) or places.get(k.replace(" ", "")) or country_code(place)


def short_name(code: str) -> str:
    """The name an id is made from: ``VN`` -> ``Vietnam``, ``LA`` -> ``Laos``."""
    return _short(code)


def short_slug(code: str) -> str:
    return slugify(_short(code))


def demonym(code: str) -> str | None:
    """The adjective of a country in an organization's name (``Vietnamese``, ``Lao``), where
    it is sure: the table's, or a name in -ia (``Malaysian``), -am or -an but -stan
    (``Vietnamese``, ``Japanese``). None where the usual endings go wrong (``Canada``,
    ``Pakistan``, ``Timor-Leste``): the name is then written ``Ministry of ... of Canada``."""
    if code in _DEMONYM:
        return _DEMONYM[code]
    name = _short(code)
    if " " in name or "-" in name:
        return None
    if name.endswith("ia"):
        return name + "n"
    if name.endswith(("am", "an")) and not name.endswith("stan"):
        return name + "ese"
    return None
