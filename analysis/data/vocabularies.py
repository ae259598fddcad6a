"""Closed lists of codes that sidecars refer to by name (``vocabulary: eu_geo``)."""

from __future__ import annotations

#: Eurostat country codes of the 27 EU member states (Eurostat uses EL for Greece).
EU27_COUNTRIES: dict[str, str] = {
    "AT": "Austria", "BE": "Belgium", "BG": "Bulgaria", "CY": "Cyprus", "CZ": "Czechia",
    "DE": "Germany", "DK": "Denmark", "EE": "Estonia", "EL": "Greece", "ES": "Spain",
    "FI": "Finland", "FR": "France", "HR": "Croatia", "HU": "Hungary", "IE": "Ireland",
    "IT": "Italy", "LT": "Lithuania", "LU": "Luxembourg", "LV": "Latvia", "MT": "Malta",
    "NL": "Netherlands", "PL": "Poland", "PT": "Portugal", "RO": "Romania", "SE": "Sweden",
    "SI": "Slovenia", "SK": "Slovakia",
}

#: The EU aggregate as Eurostat codes it.
EU27_AGGREGATE = "EU27_2020"

#: Hyperscalers and other companies that appear in the company datasets.
COMPANIES: dict[str, str] = {
    "amazon": "Amazon",
    "alphabet": "Alphabet",
    "microsoft": "Microsoft",
    "meta": "Meta",
    "oracle": "Oracle",
    "nvidia": "Nvidia",
}

#: The four companies of the "USD 600bn" wave.
BIG_FOUR = ("amazon", "alphabet", "microsoft", "meta")

#: Eurostat enterprise size classes (persons employed).
SIZE_CLASSES: dict[str, str] = {
    "10+": "all enterprises (10 or more persons employed)",
    "10-49": "small (10-49)",
    "50-249": "medium (50-249)",
    "10-249": "SMEs (10-249)",
    "250+": "large (250 or more)",
}

VOCABULARIES: dict[str, frozenset[str]] = {
    "eu_geo": frozenset(EU27_COUNTRIES) | {EU27_AGGREGATE},
    "eu27_country": frozenset(EU27_COUNTRIES),
    "company": frozenset(COMPANIES),
    "size_class": frozenset(SIZE_CLASSES),
}
