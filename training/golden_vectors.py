"""Writes tests/golden/training_vectors.json: inputs and the outputs the training code gives
them, for the code the Rust side must match (case classes, windows, stacked piece types).

    python3 training/golden_vectors.py            # rewrite the file
    python3 training/golden_vectors.py --check    # exit 1 if the file is out of date

Needs no torch: it imports labels.py, data.windows and features.piece_types. The Rust test
tests/training_parity.rs reads the file; a change on either side that breaks parity fails
there. Inputs are written for this file (no corpus text).
"""
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import windows  # noqa: E402
from features import ENTITY, piece_types, record_features  # noqa: E402
from labels import case_class  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden", "training_vectors.json")

# Plain cases, then characters where "is a letter" or case differs between definitions:
# Python's isalpha is the general categories L*, while Rust's is_alphabetic adds letter
# numbers (Nl) and other alphabetic marks and symbols (circled letters, some combining marks).
PIECES = [
    "", "1999", ",", "--", "mayor", "Mayor", "MAYOR", "McDonald", "iPhone", "A", "a", "U.S.",
    "##ing", "##S", "O'Neil", "e-mail", "Émile", "ÉCOLE", "ß", "straße", "İstanbul", "ǅ",
    "ǅemal", "Ⓐ", "ⓐ", "Ⓐb", "bⒶ", "Ⅻ", "ⅻ", "Ⅻth", "ª", "ºC", "ʰ", "\u0345", "e\u0301",
    "E\u0301COLE", "A\u0345", "x\u0345", "कि", "中国", "Москва", "МОСКВА", "ΑΘΗΝΑ", "ﬁ", "ᾼ",
    "Σίσυφος", "ǈubljana", "Ⅰ", "🙂", "x²", "ℌ", "ℌello",
]

WINDOWS = [
    (0, 10, 2), (1, 10, 2), (10, 10, 2), (11, 10, 2), (19, 10, 2), (100, 10, 0),
    (300, 128, 127), (513, 256, 0), (1000, 256, 64), (2049, 512, 128),
]

# Records in the `extract` output format (character offsets), with the pieces cut from the
# text by a simple word/punctuation split.
FEATURE_DOCS = [
    {
        "text": "\u201cWe will rebuild,\u201d Mayor Ana Ortiz said on Monday in Québec.",
        "entities": [("Ana Ortiz", "PER"), ("Québec", "LOC")],
        "quotes": [{"spans": ["We will rebuild,"], "speaker": "Mayor Ana Ortiz", "cue": "said"}],
    },
    {
        "text": "Ortiz told the Gazette that the bridge, per Reuters, would cost €2 million.",
        "entities": [("Ortiz", "PER"), ("Gazette", "ORG"), ("Reuters", "ORG")],
        "quotes": [{"spans": ["the bridge, per Reuters, would cost €2 million"],
                    "speaker": "Ortiz", "cue": "told"}],
    },
    {
        "text": "\u201cFirst,\u201d she said, \u201cwe wait.\u201d The União Fund agreed.",
        "entities": [("União Fund", "ORG")],
        "quotes": [{"spans": ["First,", "we wait."], "speaker": "she", "cue": "said"}],
    },
    {
        "text": "No quotation here, only the Ⅻ Legion and Łódź.",
        "entities": [("Ⅻ Legion", "MISC"), ("Łódź", "LOC")],
        "quotes": [],
    },
]


def span(text, needle):
    a = text.index(needle)
    return {"start": a, "end": a + len(needle)}


def record(doc):
    text = doc["text"]
    ents = [dict(span(text, t), label=lab) for t, lab in doc["entities"]]
    quotes = []
    for q in doc["quotes"]:
        pieces = [span(text, s) for s in q["spans"]]
        quotes.append({
            "start": pieces[0]["start"], "end": pieces[-1]["end"],
            "spans": [[p["start"], p["end"]] for p in pieces] if len(pieces) > 1 else None,
            "speaker": span(text, q["speaker"]) if q["speaker"] else None,
            "cue": span(text, q["cue"]) if q["cue"] else None,
        })
    return {"text": text, "entities": ents, "quotes": quotes}


def pieces_of(text):
    return [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]


def build():
    features = []
    for doc in FEATURE_DOCS:
        r = record(doc)
        offsets = pieces_of(r["text"])
        cases = [case_class(r["text"][a:b]) for a, b in offsets]
        features.append({
            "record": r,
            "pieces": [list(o) for o in offsets],
            "types": piece_types(offsets, cases, record_features(r)),
        })
    return {
        "generated_by": "training/golden_vectors.py",
        "unicode_version": unicodedata.unidata_version,
        "entity_classes": ENTITY,
        "case_class": [[p, case_class(p)] for p in PIECES],
        "windows": [[n, size, overlap, [list(w) for w in windows(n, size, overlap)]]
                    for n, size, overlap in WINDOWS],
        "stacked_types": features,
    }


def main():
    text = json.dumps(build(), ensure_ascii=False, indent=1) + "\n"
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as fh:
            if fh.read() != text:
                print(f"{OUT} is out of date: run python3 training/golden_vectors.py", file=sys.stderr)
                sys.exit(1)
        return
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write(text)


if __name__ == "__main__":
    main()
