"""BERT encoder plus the quotesmith heads, in plain PyTorch.

Parameter names follow Hugging Face's BertModel without the `bert.` prefix, so the base
checkpoint loads as is and the exported safetensors load in candle and rust-bert.
"""
import math

import torch
from torch import nn
import torch.nn.functional as F

# Labels and case classes live in labels.py, which needs no torch (the golden-vector
# generator imports it).
from labels import ATTRIBUTION_ROLES, CASE_CLASSES, NER_LABELS, case_class  # noqa: E402,F401


class Embeddings(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        h = cfg["hidden_size"]
        self.word_embeddings = nn.Embedding(cfg["vocab_size"], h, padding_idx=0)
        self.position_embeddings = nn.Embedding(cfg["max_position_embeddings"], h)
        self.token_type_embeddings = nn.Embedding(cfg["type_vocab_size"], h)
        self.LayerNorm = nn.LayerNorm(h, eps=cfg["layer_norm_eps"])
        self.dropout = nn.Dropout(cfg["hidden_dropout_prob"])

    def forward(self, ids, types):
        pos = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
        x = self.word_embeddings(ids) + self.position_embeddings(pos) + self.token_type_embeddings(types)
        return self.dropout(self.LayerNorm(x))


class SelfAttention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        h = cfg["hidden_size"]
        self.heads = cfg["num_attention_heads"]
        self.query = nn.Linear(h, h)
        self.key = nn.Linear(h, h)
        self.value = nn.Linear(h, h)
        self.p = cfg["attention_probs_dropout_prob"]

    def forward(self, x, bias):
        b, n, h = x.shape
        d = h // self.heads
        q, k, v = (t(x).view(b, n, self.heads, d).transpose(1, 2) for t in (self.query, self.key, self.value))
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=bias.to(q.dtype), dropout_p=self.p if self.training else 0.0)
        return out.transpose(1, 2).reshape(b, n, h)


class DenseNorm(nn.Module):
    def __init__(self, din, cfg):
        super().__init__()
        h = cfg["hidden_size"]
        self.dense = nn.Linear(din, h)
        self.LayerNorm = nn.LayerNorm(h, eps=cfg["layer_norm_eps"])
        self.dropout = nn.Dropout(cfg["hidden_dropout_prob"])

    def forward(self, x, residual):
        return self.LayerNorm(self.dropout(self.dense(x)) + residual)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        setattr(self, "self", SelfAttention(cfg))
        self.output = DenseNorm(cfg["hidden_size"], cfg)

    def forward(self, x, bias):
        return self.output(getattr(self, "self")(x, bias), x)


class Intermediate(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.dense = nn.Linear(cfg["hidden_size"], cfg["intermediate_size"])

    def forward(self, x):
        return F.gelu(self.dense(x))  # erf gelu, as BERT's "gelu"


class Layer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.attention = Attention(cfg)
        self.intermediate = Intermediate(cfg)
        self.output = DenseNorm(cfg["intermediate_size"], cfg)

    def forward(self, x, bias):
        a = self.attention(x, bias)
        return self.output(self.intermediate(a), a)


class Encoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.layer = nn.ModuleList(Layer(cfg) for _ in range(cfg["num_hidden_layers"]))

    def forward(self, x, bias, hidden=None):
        for layer in self.layer:
            x = layer(x, bias)
            if hidden is not None:
                hidden.append(x)
        return x


class Heads(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        h = cfg["hidden_size"]
        self.ner = nn.Linear(h, len(NER_LABELS))
        self.attribution = nn.Linear(h, 3 * len(ATTRIBUTION_ROLES))


class Tagger(nn.Module):
    """One encoder pass, two heads: NER logits [b, n, 9] and attribution logits [b, n, 9]."""

    def __init__(self, cfg):
        super().__init__()
        self.embeddings = Embeddings(cfg)
        self.encoder = Encoder(cfg)
        self.heads = Heads(cfg)
        self.head_dropout = nn.Dropout(cfg["hidden_dropout_prob"])

    def forward(self, ids, types, mask, hidden=None):
        """`hidden`, a list, receives every encoder layer's output (distillation reads them)."""
        bias = torch.zeros(mask.shape, dtype=torch.float32, device=mask.device)
        bias = bias.masked_fill(mask == 0, -1e4)[:, None, None, :]
        x = self.encoder(self.embeddings(ids, types), bias, hidden)
        x = self.head_dropout(x)
        return self.heads.ner(x), self.heads.attribution(x)
