"""A linear-chain CRF per attribution role over words (each word read at its first piece).

Emissions are the head's O/B/I logits; the CRF adds transition scores, trained end to end with
the encoder. The Rust decoder adds the same scores in its Viterbi pass (`role_transitions` in
config.json), so training and decoding agree.
"""
import torch
from torch import nn


class RoleCrf(nn.Module):
    def __init__(self, roles, labels=3):
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(roles, labels, labels))  # [role, from, to]
        self.start = nn.Parameter(torch.zeros(roles, labels))
        self.end = nn.Parameter(torch.zeros(roles, labels))

    def nll(self, em, labels):
        """Mean negative log-likelihood per word.

        em: [b, n, roles, 3] logits; labels: [b, n, roles] with -100 where a piece is not a
        word's first piece (those positions are skipped, not scored).
        """
        b, n, r, k = em.shape
        keep = labels[:, :, 0] != -100
        lens = keep.sum(1)
        if int(lens.sum()) == 0:
            return em.sum() * 0.0
        width = int(lens.max())
        # Compact each row to its words: index of the j-th kept piece.
        order = torch.argsort((~keep).to(torch.int8), dim=1, stable=True)[:, :width]
        valid = torch.arange(width, device=em.device)[None, :] < lens[:, None]
        e = em.gather(1, order[:, :, None, None].expand(b, width, r, k))  # [b, w, r, k]
        y = labels.gather(1, order[:, :, None].expand(b, width, r)).clamp(min=0)  # [b, w, r]
        # Sequences: (row, role) pairs.
        e = e.permute(0, 2, 1, 3).reshape(b * r, width, k)
        y = y.permute(0, 2, 1).reshape(b * r, width)
        valid = valid[:, None, :].expand(b, r, width).reshape(b * r, width)
        has = valid[:, 0]
        trans = self.trans[None].expand(b, r, k, k).reshape(b * r, k, k)
        start = self.start[None].expand(b, r, k).reshape(b * r, k)
        end = self.end[None].expand(b, r, k).reshape(b * r, k)
        # Partition function.
        alpha = start + e[:, 0]
        for t in range(1, width):
            nxt = torch.logsumexp(alpha[:, :, None] + trans, dim=1) + e[:, t]
            alpha = torch.where(valid[:, t, None], nxt, alpha)
        log_z = torch.logsumexp(alpha + end, dim=1)
        # Score of the gold path.
        gold = start.gather(1, y[:, :1]).squeeze(1) + e[:, 0].gather(1, y[:, :1]).squeeze(1)
        rows = torch.arange(b * r, device=em.device)
        for t in range(1, width):
            step = trans[rows, y[:, t - 1], y[:, t]] + e[:, t].gather(1, y[:, t:t + 1]).squeeze(1)
            gold = gold + step * valid[:, t]
        last = y.gather(1, (lens[:, None].expand(b, r).reshape(b * r, 1) - 1).clamp(min=0)).squeeze(1)
        gold = gold + end.gather(1, last[:, None]).squeeze(1)
        nll = (log_z - gold) * has
        return nll.sum() / lens.sum()

    @torch.no_grad()
    def decode(self, em, role):
        """Best O/B/I path for one role over words, as the Rust decoder finds it: `em` is
        [words, 3] logits, log-softmaxed, plus transitions; an I never follows an O."""
        lp = torch.log_softmax(em, -1)
        trans = self.trans[role].clone()
        trans[0, 2] = float("-inf")
        start = self.start[role].clone()
        start[2] = float("-inf")
        score = start + lp[0]
        back = []
        for t in range(1, len(lp)):
            total = score[:, None] + trans
            best, arg = total.max(0)
            back.append(arg)
            score = best + lp[t]
        j = int((score + self.end[role]).argmax())
        path = [j]
        for arg in reversed(back):
            j = int(arg[j])
            path.append(j)
        return path[::-1]

    def export(self):
        """The `role_transitions` block of config.json: one entry per role."""
        return [
            {"start": self.start[i].tolist(), "transitions": self.trans[i].tolist(), "end": self.end[i].tolist()}
            for i in range(self.trans.shape[0])
        ]
