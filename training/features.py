"""Stacked input features: what the fast pipeline (perceptron NER, quote rules) says about
each word piece, carried with the case class in the token-type id.

    type id = case + 5 * (entity + 5 * role)
    entity: 0 none, 1 PER, 2 ORG, 3 LOC, 4 MISC   (an entity of the fast tagger overlaps the piece)
    role:   0 none, 1 source, 2 cue, 3 content    (a fast-pipeline quote's speaker mention, cue or
                                                   content overlaps the piece; cue > source > content)

Must match `src/transformer/features.rs`. The fast pipeline runs as the `quotesmith` binary
(`extract --fields quotes,entities`). For CoNLL++ train, entity features come from a 5-fold
jackknife, so that training sees the perceptron's real error rate, not its fit to train.
"""
import json
import os
import subprocess
import tempfile

ENTITY = {"PER": 1, "ORG": 2, "LOC": 3, "MISC": 4}
TYPES = 5 * 5 * 4


def run_fast(binary, docs, ner_model=None):
    """{id: (entity [(s, e, cls)], roles [(s, e, role)])} in character offsets."""
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "in.jsonl")
        with open(inp, "w", encoding="utf-8") as fh:
            for i, text in docs:
                fh.write(json.dumps({"id": i, "text": text}) + "\n")
        cmd = [binary, "extract", inp, "--fields", "quotes,entities", "--no-progress", "-o", os.path.join(tmp, "out.jsonl")]
        if ner_model:
            cmd += ["--ner-model", ner_model]
        subprocess.run(cmd, check=True)
        out = {}
        with open(os.path.join(tmp, "out.jsonl"), encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                out[r["id"]] = record_features(r)
        return out


def record_features(r):
    """(entity [(s, e, cls)], roles [(s, e, role)]) of one `extract` record, char offsets."""
    ents = [(e["start"], e["end"], ENTITY[e["label"]]) for e in r.get("entities", [])]
    roles = []
    for q in r.get("quotes", []):
        for a, b in q.get("spans") or [[q["start"], q["end"]]]:
            roles.append((a, b, 3))
        if q.get("speaker"):
            roles.append((q["speaker"]["start"], q["speaker"]["end"], 1))
        if q.get("cue"):
            roles.append((q["cue"]["start"], q["cue"]["end"], 2))
    return ents, roles


def piece_types(offsets, cases, feats):
    """Token-type ids for pieces with (start, end) char offsets."""
    ents, roles = feats
    out = []
    for (a, b), c in zip(offsets, cases):
        ent = next((k for s, e, k in ents if s < b and a < e), 0)
        role = max((k for s, e, k in roles if s < b and a < e), key=lambda k: (k == 2, k == 1, k), default=0)
        out.append(c + 5 * (ent + 5 * role))
    return out
