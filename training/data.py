"""Training windows from CoNLL++ (NER) and PolNeAR (attribution roles), as word-piece labels.

Both corpora become plain text plus character spans, so training sees text the way the Rust
stage does: the whole document is split into word pieces by tokenizer.json, and cut into
overlapping windows.
"""
import os
from collections import defaultdict

from labels import ATTRIBUTION_ROLES, NER_LABELS, case_class

QUOTE_CHARS = '"\u201c\u201d\u00ab\u00bb\u201e\u201f'
TRIM = set(" \t\r\n" + QUOTE_CHARS + "'\u2018\u2019.,;:!?-\u2014\u2013()[]")


def trim(text, a, b):
    while a < b and text[a] in TRIM:
        a += 1
    while b > a and text[b - 1] in TRIM:
        b -= 1
    return a, b


def read_conll(path):
    """Documents as (text, [(start, end, type)], [(start, end) per token])."""
    docs, sents, cur = [], [], []

    def flush_doc():
        if cur:
            sents.append(list(cur))
            cur.clear()
        if sents:
            docs.append(conll_doc(sents))
            sents.clear()

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                flush_doc()
            elif not line.strip():
                if cur:
                    sents.append(list(cur))
                    cur.clear()
            else:
                parts = line.split()
                cur.append((parts[0], parts[-1]))
    flush_doc()
    return docs


def conll_doc(sents):
    """Tokens joined by spaces, sentences by newlines; IOB1 tags become entity spans."""
    text, spans, toks = "", [], []
    for s in sents:
        if text:
            text += "\n"
        prev = "O"
        for i, (w, tag) in enumerate(s):
            if i:
                text += " "
            a = len(text)
            text += w
            toks.append((a, len(text)))
            if tag == "O":
                prev = tag
                continue
            bio, typ = tag.split("-", 1)
            if bio == "B" or prev == "O" or prev[2:] != typ:
                spans.append([a, len(text), typ])
            else:
                spans[-1][1] = len(text)
            prev = tag
    return text, [tuple(s) for s in spans], toks


def read_polnear(split_dir):
    """Documents as (stem, text, [attribution dicts with source/cue/content range lists])."""
    tdir, adir = os.path.join(split_dir, "text"), os.path.join(split_dir, "attributions")
    anns = defaultdict(list)
    for f in sorted(os.listdir(adir)):
        if f.endswith(".ann"):
            anns[f[:-4].rsplit("_", 1)[0]].append(os.path.join(adir, f))
    docs = []
    for f in sorted(os.listdir(tdir)):
        if not f.endswith(".txt"):
            continue
        stem = f[:-4]
        with open(os.path.join(tdir, f), encoding="utf-8", newline="") as fh:
            text = fh.read()
        gold = parse_ann(anns[stem][0]) if anns.get(stem) else []
        docs.append((stem, text, gold))
    return docs


def parse_ann(path):
    spans, rels = {}, []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if parts[0].startswith("T") and len(parts) >= 2:
                typ, _, rng = parts[1].partition(" ")
                ranges = []
                for r in rng.split(";"):
                    a, b = r.split()
                    ranges.append((int(a), int(b)))
                spans[parts[0]] = (typ, ranges)
            elif parts[0].startswith("E") and len(parts) >= 2:
                rels.append(dict(x.split(":", 1) for x in parts[1].split()))
    out = []
    for r in rels:
        att = {}
        for role in ("Source", "Cue", "Content"):
            t = r.get(role)
            att[role.lower()] = spans[t][1] if t in spans else None
        if att["content"]:
            out.append(att)
    return out


def encode(tokenizer, text):
    """Word pieces of the whole text (no specials): ids, case classes, char offsets."""
    enc = tokenizer.encode(text, add_special_tokens=False)
    cases = [case_class(text[a:b]) for a, b in enc.offsets]
    return enc.ids, cases, enc.offsets


def word_starts(tokenizer, text):
    """True for each piece that starts a word (the piece the Rust decoder reads)."""
    ids = tokenizer.encode(text, add_special_tokens=False).word_ids
    return [i == 0 or w != ids[i - 1] for i, w in enumerate(ids)]


def first_piece_only(labels, starts):
    """Role labels kept on words' first pieces only; other pieces are not scored."""
    skip = (-100,) * len(labels[0]) if labels else ()
    return [lab if s else skip for lab, s in zip(labels, starts)]


def label_spans(offsets, spans, labels, b_id, i_id):
    """Marks pieces overlapping each span B then I, skipping spans that would overwrite."""
    for a, b in sorted(spans, key=lambda s: -(s[1] - s[0])):
        idx = [i for i, (x, y) in enumerate(offsets) if x < b and a < y]
        if not idx or any(labels[i] != 0 for i in idx):
            continue
        labels[idx[0]] = b_id
        for i in idx[1:]:
            labels[i] = i_id


def ner_labels(offsets, spans):
    labels = [0] * len(offsets)
    for a, b, typ in spans:
        label_spans(offsets, [(a, b)], labels, NER_LABELS.index("B-" + typ), NER_LABELS.index("I-" + typ))
    return labels


def role_labels(text, offsets, gold):
    """One O/B/I column per role; every range of a discontinuous span starts with B."""
    cols = []
    for role in ATTRIBUTION_ROLES:
        ranges = set()
        for att in gold:
            for a, b in att[role] or []:
                a, b = trim(text, a, b)
                if a < b:
                    ranges.add((a, b))
        labels = [0] * len(offsets)
        label_spans(offsets, ranges, labels, 1, 2)
        cols.append(labels)
    return list(zip(*cols))


def windows(n, size, overlap):
    """(start, end) piece ranges of at most `size`, each overlapping the last by `overlap`."""
    if n <= size:
        return [(0, n)]
    out, start = [], 0
    while True:
        end = min(start + size, n)
        out.append((start, end))
        if end == n:
            return out
        start = end - overlap
