"""Perceptron entity features for CoNLL++ train by 5-fold jackknife (see features.py).

    python training/jackknife.py --binary target/release/quotesmith --shared ../shared/data --out DIR

Writes DIR/conll_train_features.json: {doc index: [entities, roles]} for the documents of
conllpp_train.txt in file order (text laid out as data.read_conll does).
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import read_conll  # noqa: E402
from features import run_fast  # noqa: E402

FOLDS = 5


def raw_docs(path):
    """The file's documents as raw line blocks, each starting with its -DOCSTART- line."""
    docs, cur = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("-DOCSTART-") and cur:
                docs.append(cur)
                cur = []
            cur.append(line)
    if cur:
        docs.append(cur)
    return [d for d in docs if any(l.strip() and not l.startswith("-DOCSTART-") for l in d)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--shared", default="../shared/data")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    train = os.path.join(args.shared, "ner/conllpp/data/conllpp_train.txt")
    dev = os.path.join(args.shared, "ner/conllpp/data/conllpp_dev.txt")
    raw = raw_docs(train)
    docs = read_conll(train)
    assert len(raw) == len(docs), (len(raw), len(docs))
    feats = {}
    for k in range(FOLDS):
        fold_train = os.path.join(args.out, f"fold{k}_train.txt")
        with open(fold_train, "w", encoding="utf-8") as fh:
            for i, d in enumerate(raw):
                if i % FOLDS != k:
                    fh.writelines(d)
                    if not d[-1].strip() == "":
                        fh.write("\n")
        model = os.path.join(args.out, f"fold{k}.bin")
        if not os.path.exists(model):
            # One pass, one member: ten times faster than the shipped model, a little weaker.
            subprocess.run([args.binary, "train", "ner", "--train", fold_train, "--dev", dev, "-o", model,
                            "--one-pass", "--members", "1"], check=True)
        held = [(str(i), docs[i][0]) for i in range(len(docs)) if i % FOLDS == k]
        feats.update(run_fast(args.binary, held, ner_model=model))
        print(f"fold {k}: {len(held)} documents tagged", flush=True)
    with open(os.path.join(args.out, "conll_train_features.json"), "w") as fh:
        json.dump(feats, fh)


if __name__ == "__main__":
    main()
