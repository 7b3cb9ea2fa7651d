"""Distils a trained model (models/transformer) into a student with fewer layers.

    python training/distill.py --teacher models/transformer --layers 1,3,5 \\
        --binary target/release/quotesmith --jackknife DIR/conll_train_features.json \\
        --out models/transformer-student

The student starts as a copy of the teacher with only the listed encoder layers (embeddings,
stacked token types, heads and CRF transitions as they are), then learns on the teacher's
training data (CoNLL++ train, PolNeAR train, stacked fast-stage features as training/run.sh
builds them) from the gold labels (cross-entropy for NER, the CRF for attribution roles, as
stage 4) plus the teacher's logits softened at --temperature (KL divergence, on the pieces the
gold loss scores: every piece for NER, words' first pieces for roles) and, with
--hidden-weight, each student layer's output against the teacher layer it was copied from
(mean squared error over real pieces). Given --layers more than once, the candidate whose
untrained student is closest to the teacher on the first batches is kept. Fixed seeds; the
log goes to stdout and OUT/train.log.

On a GPU machine that has neither the corpora nor the binary, build the windows first where
both are (`--save-windows windows.json.gz`, a few MB), then train there from them:

    python training/distill.py --windows windows.json.gz --device cuda --bf16 --evals 0 ...
"""
import argparse
import gzip
import json
import os
import random
import sys
import time

import torch
import torch.nn.functional as F
from safetensors.torch import load_file
from tokenizers import Tokenizer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import ATTRIBUTION_ROLES, Tagger  # noqa: E402
from train import (  # noqa: E402
    collate, evaluate, export, fit, load_corpora, log, optimizer, role_crf, stacked_features,
    training_plan, training_windows)

ROLES = len(ATTRIBUTION_ROLES)


def soft_loss(student, teacher, keep, temperature):
    """Mean KL(teacher || student) over the kept rows of [..., k] logits, scaled by T^2."""
    s = student[keep] / temperature
    t = teacher[keep] / temperature
    if s.numel() == 0:
        return student.sum() * 0.0
    kl = F.kl_div(F.log_softmax(s, -1), F.log_softmax(t, -1), log_target=True, reduction="sum")
    return kl / s.shape[0] * temperature ** 2


def hidden_loss(student, teacher, layers, mask):
    """Mean squared distance between student layer j's output and teacher layer layers[j]'s,
    over the real (unpadded) pieces: the layer-wise target of TinyBERT-style distillation."""
    keep = mask.bool()
    return sum(F.mse_loss(s[keep], teacher[i][keep]) for s, i in zip(student, layers)) / len(student)


def distil_loss(model, teacher, task, batch, crf, args):
    """(total, gold, soft, hidden) losses of one batch; the teacher runs without dropout or
    gradients. With --bf16 both encoders run under bf16 autocast; losses are taken in fp32."""
    ids, types, mask, labels = (t.to(args.device) for t in batch)
    amp = torch.autocast(args.device.split(":")[0], dtype=torch.bfloat16, enabled=args.bf16)
    t_hidden, s_hidden = [], []
    with torch.no_grad(), amp:
        t_ner, t_att = teacher(ids, types, mask, t_hidden)
    with amp:
        ner, att = model(ids, types, mask, s_hidden)
    ner, att, t_ner, t_att = ner.float(), att.float(), t_ner.float(), t_att.float()
    if task == "ner":
        gold = F.cross_entropy(ner.reshape(-1, ner.shape[-1]), labels.reshape(-1), ignore_index=-100)
        soft = soft_loss(ner, t_ner, labels != -100, args.temperature)
    else:
        b, n = att.shape[:2]
        att = att.reshape(b, n, ROLES, 3)
        t_att = t_att.reshape(b, n, ROLES, 3)
        gold = crf.nll(att, labels)
        soft = soft_loss(att, t_att, labels != -100, args.temperature)
    hidden = gold * 0.0
    if args.hidden_weight:
        hidden = hidden_loss([h.float() for h in s_hidden], [h.float() for h in t_hidden], args.layers_kept, mask)
    total = (1 - args.alpha) * gold + args.alpha * soft + args.hidden_weight * hidden
    return total, gold, soft, hidden


def student_state(teacher_state, layers):
    """The teacher's tensors with encoder layer layers[j] renamed to layer j, others dropped."""
    out = {}
    for k, v in teacher_state.items():
        if k.startswith("encoder.layer."):
            i, rest = k[len("encoder.layer."):].split(".", 1)
            if int(i) in layers:
                out[f"encoder.layer.{layers.index(int(i))}.{rest}"] = v.clone()
        else:
            out[k] = v.clone()
    return out


def load_windows(path):
    """(ner windows, attribution windows) as --save-windows wrote them (gzip JSON)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        w = json.load(fh)
    as_tuples = lambda ws: [(a, t, [tuple(x) if isinstance(x, list) else x for x in lab]) for a, t, lab in ws]
    return as_tuples(w["ner"]), as_tuples(w["attribution"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--teacher", default="models/transformer")
    ap.add_argument("--layers", action="append",
                    help="teacher layers the student keeps, e.g. 1,3,5 (repeat to compare candidates)")
    ap.add_argument("--shared", default="../shared/data")
    ap.add_argument("--out", default="models/transformer-student")
    ap.add_argument("--binary", help="quotesmith binary for the fast stages (unless --windows)")
    ap.add_argument("--jackknife", help="conll_train_features.json from training/jackknife.py (unless --windows)")
    ap.add_argument("--save-windows", metavar="FILE",
                    help="write the training windows (stacked features included) to FILE (.json.gz) and stop")
    ap.add_argument("--windows", metavar="FILE",
                    help="train on the windows --save-windows wrote: no corpora, binary or dev checks needed "
                         "(so a GPU machine without the data or the binary can run it)")
    ap.add_argument("--device", default="cpu", help="cpu or cuda")
    ap.add_argument("--bf16", action="store_true", help="run the encoders under bf16 autocast (for a GPU)")
    ap.add_argument("--ner-epochs", type=int, default=1)
    ap.add_argument("--attribution-epochs", type=int, default=2)
    ap.add_argument("--fraction", type=float, default=1.0, help="train on this share of the batches (seeded)")
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--fast-lr", type=float, default=3e-4, help="learning rate of token types and heads")
    ap.add_argument("--crf-lr", type=float, default=1e-3, help="learning rate of the CRF transitions")
    ap.add_argument("--temperature", type=float, default=2.0)
    ap.add_argument("--alpha", type=float, default=0.7, help="weight of the teacher's soft targets (gold: 1 - alpha)")
    ap.add_argument("--hidden-weight", type=float, default=0.0,
                    help="weight of the layer-wise loss (student layer j against the teacher layer it was copied from)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--evals", type=int, default=1,
                    help="exports during training, each with a dev check when the corpora are loaded and the "
                         "device is the CPU; 0: export at the end only")
    ap.add_argument("--probe", type=int, default=8, help="batches used to compare --layers candidates")
    ap.add_argument("--limit", type=int, default=0, help="use only N documents of each corpus (smoke test)")
    args = ap.parse_args()
    args.stacked, args.crf = True, True
    candidates = [[int(x) for x in c.split(",")] for c in (args.layers or ["1,3,5"])]
    if not args.windows and not (args.binary and args.jackknife):
        ap.error("--binary and --jackknife are needed to build the windows (or give --windows)")

    random.seed(13)
    torch.manual_seed(13)
    torch.set_num_threads(args.threads)
    tok = Tokenizer.from_file(os.path.join(args.teacher, "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    if args.save_windows:
        conll_train, conll_dev, pol_train, pol_dev = load_corpora(args)
        feats = stacked_features(args, conll_dev, pol_train, pol_dev)
        ner_w, att_w = training_windows(tok, conll_train, pol_train, feats, True)
        with gzip.open(args.save_windows, "wt", encoding="utf-8") as fh:
            json.dump({"ner": ner_w, "attribution": att_w}, fh, separators=(",", ":"))
        log(f"windows written to {args.save_windows}")
        return

    os.makedirs(args.out, exist_ok=True)
    log.__defaults__[0].append(open(os.path.join(args.out, "train.log"), "w"))
    log(f"args {vars(args)} torch {torch.__version__}")

    tcfg = json.load(open(os.path.join(args.teacher, "config.json")))
    q = tcfg["quotesmith"]
    assert q.get("stacked") and q.get("role_transitions"), "the teacher must be a stacked CRF model (stage 4)"
    cfg = {k: v for k, v in tcfg.items() if k != "quotesmith"}
    tstate = {k: v.float() for k, v in load_file(os.path.join(args.teacher, "model.safetensors")).items()}
    teacher = Tagger(cfg)
    teacher.load_state_dict(tstate)
    teacher.eval().to(args.device)

    if args.windows:
        ner_w, att_w = load_windows(args.windows)
        log(f"windows from {args.windows}: ner {len(ner_w)}, attribution {len(att_w)}")
    else:
        conll_train, conll_dev, pol_train, pol_dev = load_corpora(args)
        feats = stacked_features(args, conll_dev, pol_train, pol_dev)
        ner_w, att_w = training_windows(tok, conll_train, pol_train, feats, True)
    plan = training_plan(ner_w, att_w, args.ner_epochs, args.attribution_epochs)
    if args.fraction < 1.0:
        plan = random.Random(13).sample(plan, int(len(plan) * args.fraction))
    total = len(plan)

    scfg = dict(cfg, num_hidden_layers=len(candidates[0]))
    crf = role_crf(q["role_transitions"]).to(args.device)
    best = None
    for layers in candidates:
        assert len(layers) == len(candidates[0]), "candidates must have the same depth"
        args.layers_kept = layers
        model = Tagger(scfg)
        model.load_state_dict(student_state(tstate, layers))
        model.eval().to(args.device)
        with torch.no_grad():
            probe = [distil_loss(model, teacher, t, collate(g), crf, args)[2].item() for t, g in plan[: args.probe]]
        score = sum(probe) / max(1, len(probe))
        log(f"layers {layers}: soft loss of the untrained student on {len(probe)} batches {score:.4f}")
        if best is None or score < best[0]:
            best = (score, layers)
    layers = args.layers_kept = best[1]
    log(f"student keeps teacher layers {layers}")
    model = Tagger(scfg)
    model.load_state_dict(student_state(tstate, layers))
    model.embeddings.word_embeddings.weight.requires_grad_(False)  # frozen, as in train.py
    model.to(args.device)
    del tstate

    params, opt, sched = optimizer(model, crf, args, total)
    run = {"ner": [], "attribution": []}

    def step_loss(task, group):
        loss, gold, soft, hidden = distil_loss(model, teacher, task, collate(group), crf, args)
        run[task].append((gold.item(), soft.item(), hidden.item()))
        return loss

    def report():
        parts = []
        for t in ("ner", "attribution"):
            last = run[t][-50:] or [(0.0, 0.0, 0.0)]
            mean = [sum(x[i] for x in last) / len(last) for i in range(3)]
            parts.append(f"{t} gold {mean[0]:.4f} soft {mean[1]:.4f}"
                         + (f" hidden {mean[2]:.4f}" if args.hidden_weight else ""))
        return " ".join(parts)

    def checkpoint(step):
        export(model, scfg, args.teacher, args.out, True, crf)
        if args.windows or args.device != "cpu":
            log(f"exported after step {step}")
        else:
            log(f"dev after step {step}: {evaluate(model, tok, conll_dev, pol_dev, 256, 64, feats, crf)} (exported)")

    t0, checks = fit(model, plan, params, opt, sched, step_loss, report, checkpoint, args.evals, every=25)
    if not checks:
        export(model, scfg, args.teacher, args.out, True, crf)
        log("exported")
    log(f"done in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
