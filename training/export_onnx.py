"""Exports the shipped model (models/transformer) to ONNX for the `onnx` engine.

    python training/export_onnx.py [--model-dir models/transformer] [--out-dir DIR]

Writes DIR/model.onnx (f32) and DIR/model.int8.onnx (ONNX Runtime's dynamic int8
quantisation of the linear layers), built straight from model.safetensors and config.json
with onnx.helper: no PyTorch. Both files are a pure function of those two files, so
scripts/setup-onnxruntime.sh derives them into its cache instead of shipping 90 MB in git; a
`model.onnx.source` file next to them records the sha256 of the inputs they came from.

The graph computes what the candle engine does (src/transformer/candle_backend.rs):
word + position (0..pieces) + token-type embeddings, layer norm, BERT layers (erf GELU,
padding keys masked out), both heads on every position. Inputs `input_ids`,
`token_type_ids`, `attention_mask` (int32, [windows, pieces]); outputs `ner` and
`attribution` (f32, [windows, pieces, 9]).

The graph is plain ONNX (opset 17); ONNX Runtime fuses its GELU, layer norms and matrix
products itself when it loads it. `--fused` writes ONNX Runtime's fused BERT operators
(com.microsoft EmbedLayerNormalization, Attention, SkipLayerNormalization, BiasGelu) instead:
the same logits (3.6e-6 apart), but 10 % slower on one thread here, so it is not the default.
The plain graph keeps the word embeddings in the type model.safetensors stores them in (f16):
the rows are widened to f32 after the lookup, exactly, and the files and sessions are
smaller.

The int8 model quantises the weights of the encoder's linear layers (per output channel,
int8) and their inputs on the fly (dynamic uint8); the attention products between
activations, the embeddings and the two small heads stay as in the f32 model.
"""

import argparse
import hashlib
import json
import math
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from safetensors.numpy import load_file

OPSET = 17
MS = "com.microsoft"


class Graph:
    def __init__(self):
        self.nodes = []
        self.inits = []
        self.n = 0

    def name(self, hint):
        self.n += 1
        return f"{hint}_{self.n}"

    def init(self, name, array):
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def op(self, op_type, inputs, hint=None, domain=None, outputs=1, **attrs):
        outs = [self.name(hint or op_type) for _ in range(outputs)]
        self.nodes.append(
            helper.make_node(
                op_type, inputs, outs, name=self.name("n_" + op_type), domain=domain, **attrs
            )
        )
        return outs[0] if outputs == 1 else outs


def weights(model_dir):
    """Every tensor in f32, and the word embeddings as stored (f16 in the shipped model)."""
    raw = load_file(os.path.join(model_dir, "model.safetensors"))
    out = {}
    for k, v in raw.items():
        if k.startswith("bert."):
            k = k[len("bert.") :]
        out[k] = v.astype(np.float32)
        if k == "embeddings.word_embeddings.weight":
            stored = v
    return out, stored


def build(model_dir, plain):
    """The f32 model, and the names of the encoder's weight MatMul nodes."""
    with open(os.path.join(model_dir, "config.json")) as f:
        cfg = json.load(f)
    if cfg.get("hidden_act", "gelu") != "gelu":
        sys.exit(f"export_onnx: hidden_act {cfg['hidden_act']!r} is not supported (gelu only)")
    w, word_stored = weights(model_dir)
    H = cfg["hidden_size"]
    heads = cfg["num_attention_heads"]
    eps = float(cfg["layer_norm_eps"])
    layers = cfg["num_hidden_layers"]
    g = Graph()
    lin = lambda p: (g.init(p + ".weight.T", w[p + ".weight"].T), g.init(p + ".bias", w[p + ".bias"]))

    ids, types, mask = "input_ids", "token_type_ids", "attention_mask"
    # The plain graph keeps the word embeddings (30,522 rows) in the type they are stored in:
    # an f16 row is widened to f32 exactly after the Gather, and every session holds half
    # the bytes. The fused operator needs f32.
    word = g.init("word_embeddings", word_stored if plain else w["embeddings.word_embeddings.weight"])
    widen = plain and word_stored.dtype != np.float32
    pos = g.init("position_embeddings", w["embeddings.position_embeddings.weight"])
    tok = g.init("token_type_embeddings", w["embeddings.token_type_embeddings.weight"])
    ln_w = g.init("emb_ln.weight", w["embeddings.LayerNorm.weight"])
    ln_b = g.init("emb_ln.bias", w["embeddings.LayerNorm.bias"])

    if plain:
        ids64 = g.op("Cast", [ids], to=TensorProto.INT64)
        types64 = g.op("Cast", [types], to=TensorProto.INT64)
        rows = g.op("Gather", [word, ids64])
        if widen:
            rows = g.op("Cast", [rows], to=TensorProto.FLOAT)
        e = g.op("Add", [rows, g.op("Gather", [tok, types64])])
        # The first `pieces` rows of the position embeddings.
        seq = g.op("Shape", [ids], start=1, end=2)
        zero = g.init("zero_1d", np.array([0], np.int64))
        e = g.op("Add", [e, g.op("Slice", [pos, zero, seq, zero])])
        x = g.op("LayerNormalization", [e, ln_w, ln_b], axis=-1, epsilon=eps)
        # (1 - mask) * f32::MIN as [windows, 1, 1, pieces], as candle does.
        m = g.op("Cast", [mask], to=TensorProto.FLOAT)
        m = g.op("Sub", [g.init("one_f", np.array(1.0, np.float32)), m])
        m = g.op("Mul", [m, g.init("fmin", np.array(np.finfo(np.float32).min, np.float32))])
        m = g.op("Unsqueeze", [m, g.init("axes12", np.array([1, 2], np.int64))])
        d = H // heads
        split_shape = g.init("split_shape", np.array([0, 0, heads, d], np.int64))
        merge_shape = g.init("merge_shape", np.array([0, 0, H], np.int64))
        scale = g.init("scale", np.array(1.0 / math.sqrt(d), np.float32))
    else:
        x, _ = g.op(
            "EmbedLayerNormalization",
            [ids, types, word, pos, tok, ln_w, ln_b],
            domain=MS,
            outputs=2,
            epsilon=eps,
        )

    for i in range(layers):
        p = f"encoder.layer.{i}"

        def dense_add_norm(t, x, sub, k):
            """LayerNorm(x + dense(t)) with the weights of `{p}.{sub}`: the output dense layer of
            the attention (sub "attention.output", k 1) or of the feed-forward block ("output",
            k 2), the residual connection and the layer norm, as plain operators or one fused
            SkipLayerNormalization."""
            wt, b = lin(f"{p}.{sub}.dense")
            ln_w = g.init(f"{p}.ln{k}.w", w[f"{p}.{sub}.LayerNorm.weight"])
            ln_b = g.init(f"{p}.ln{k}.b", w[f"{p}.{sub}.LayerNorm.bias"])
            y = g.op("MatMul", [t, wt])
            if plain:
                y = g.op("Add", [g.op("Add", [y, b]), x])
                return g.op("LayerNormalization", [y, ln_w, ln_b], axis=-1, epsilon=eps)
            return g.op("SkipLayerNormalization", [y, x, ln_w, ln_b, b], domain=MS, epsilon=eps)

        if plain:
            def heads_of(t):
                t = g.op("Reshape", [t, split_shape])
                return g.op("Transpose", [t], perm=[0, 2, 1, 3])

            def dense(t, name):
                wt, b = lin(name)
                return g.op("Add", [g.op("MatMul", [t, wt]), b])

            q = heads_of(dense(x, f"{p}.attention.self.query"))
            k = heads_of(dense(x, f"{p}.attention.self.key"))
            v = heads_of(dense(x, f"{p}.attention.self.value"))
            s = g.op("MatMul", [q, g.op("Transpose", [k], perm=[0, 1, 3, 2])])
            s = g.op("Add", [g.op("Mul", [s, scale]), m])
            a = g.op("MatMul", [g.op("Softmax", [s], axis=-1), v])
            a = g.op("Reshape", [g.op("Transpose", [a], perm=[0, 2, 1, 3]), merge_shape])
            x = dense_add_norm(a, x, "attention.output", 1)
            h = dense(x, f"{p}.intermediate.dense")
            # Exact GELU: x * 0.5 * (1 + erf(x / sqrt(2))).
            erf = g.op("Erf", [g.op("Div", [h, g.init(f"sqrt2_{i}", np.array(math.sqrt(2), np.float32))])])
            h = g.op(
                "Mul",
                [g.op("Mul", [h, g.op("Add", [erf, g.init(f"one_{i}", np.array(1, np.float32))])]),
                 g.init(f"half_{i}", np.array(0.5, np.float32))],
            )
            x = dense_add_norm(h, x, "output", 2)
        else:
            qkv_w = np.concatenate(
                [w[f"{p}.attention.self.{n}.weight"].T for n in ("query", "key", "value")], axis=1
            )
            qkv_b = np.concatenate([w[f"{p}.attention.self.{n}.bias"] for n in ("query", "key", "value")])
            # A 2-D 0/1 mask: any padding pattern, as in the other engines. Masked keys get
            # f32::MIN added to their scores, as in candle (softmax weight exactly 0).
            a = g.op(
                "Attention",
                [x, g.init(f"{p}.qkv.weight", qkv_w), g.init(f"{p}.qkv.bias", qkv_b), mask],
                domain=MS,
                num_heads=heads,
                mask_filter_value=float(np.finfo(np.float32).min),
            )
            x = dense_add_norm(a, x, "attention.output", 1)
            wt, b = lin(f"{p}.intermediate.dense")
            h = g.op("BiasGelu", [g.op("MatMul", [x, wt]), b], domain=MS)
            x = dense_add_norm(h, x, "output", 2)

    outputs = []
    for head in ("ner", "attribution"):
        wt, b = lin(f"heads.{head}")
        g.nodes.append(helper.make_node("MatMul", [x, wt], [f"{head}_mm"], name=f"{head}_matmul"))
        g.nodes.append(helper.make_node("Add", [f"{head}_mm", b], [head], name=f"{head}_add"))
        n = w[f"heads.{head}.weight"].shape[0]
        outputs.append(helper.make_tensor_value_info(head, TensorProto.FLOAT, ["windows", "pieces", n]))

    inputs = [
        helper.make_tensor_value_info(n, TensorProto.INT32, ["windows", "pieces"])
        for n in (ids, types, mask)
    ]
    graph = helper.make_graph(g.nodes, "quotesmith_bert", inputs, outputs, g.inits)
    opsets = [helper.make_opsetid("", OPSET)]
    if not plain:
        opsets.append(helper.make_opsetid(MS, 1))
    model = helper.make_model(graph, opset_imports=opsets, producer_name="quotesmith export_onnx.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    consts = {i.name for i in g.inits}
    linear = [
        n.name
        for n in g.nodes
        if n.op_type in ("MatMul", "Attention") and n.input[1] in consts and not n.name.endswith("_matmul")
    ]
    return model, linear


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def source_stamp(model_dir, plain):
    """What the .onnx files are made from: the inputs' sums, the variant and this script's."""
    parts = [
        f"config.json {sha256(os.path.join(model_dir, 'config.json'))}",
        f"model.safetensors {sha256(os.path.join(model_dir, 'model.safetensors'))}",
        f"export_onnx.py {sha256(os.path.abspath(__file__))}",
        f"graph {'plain' if plain else 'fused'}",
        f"onnx {onnx.__version__}",
    ]
    try:
        import onnxruntime

        parts.append(f"onnxruntime {onnxruntime.__version__}")
    except ImportError:
        pass
    return "\n".join(parts) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-dir", default="models/transformer")
    ap.add_argument("--out-dir", default=None, help="default: the model folder")
    ap.add_argument("--fused", action="store_true", help="com.microsoft fused BERT ops")
    ap.add_argument("--no-int8", action="store_true", help="write the f32 model only")
    ap.add_argument("--stamp", action="store_true", help="print the source stamp and exit")
    args = ap.parse_args()
    out_dir = args.out_dir or args.model_dir
    if args.stamp:
        sys.stdout.write(source_stamp(args.model_dir, not args.fused))
        return
    os.makedirs(out_dir, exist_ok=True)
    model, linear = build(args.model_dir, not args.fused)
    f32 = os.path.join(out_dir, "model.onnx")
    tmp = f32 + ".tmp"
    onnx.save(model, tmp)
    os.replace(tmp, f32)
    print(f"export_onnx: wrote {f32} ({os.path.getsize(f32) >> 20} MB)", file=sys.stderr)
    if not args.no_int8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        int8 = os.path.join(out_dir, "model.int8.onnx")
        tmp = int8 + ".tmp"
        quantize_dynamic(
            f32,
            tmp,
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul", "Attention"],
            nodes_to_quantize=linear,
            # Shape inference cannot see through the com.microsoft ops; their outputs are f32.
            extra_options={"DefaultTensorType": TensorProto.FLOAT},
        )
        os.replace(tmp, int8)
        print(f"export_onnx: wrote {int8} ({os.path.getsize(int8) >> 20} MB)", file=sys.stderr)
    with open(os.path.join(out_dir, "model.onnx.source"), "w") as f:
        f.write(source_stamp(args.model_dir, not args.fused))


if __name__ == "__main__":
    main()
