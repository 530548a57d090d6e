"""Byte-level decoder-only transformer with optional fake quantization (QAT).

The fake-quantized forward mirrors the integer network of INTEGER_NETWORK.md: int8 activations at
fixed points, 7-bit per-channel weights, a fixed-point residual stream, uint8 unnormalised
attention weights, a GELU lookup table. Export (export.py) converts the trained float parameters and
the calibrated activation ranges into that integer network.
"""
import math
from dataclasses import dataclass, asdict

import torch
import torch.nn as nn
import torch.nn.functional as F

RES_BITS = 8          # residual stream: int32 holding value * 2^RES_BITS, clipped to int16 range
RES_MAX = 32767
W_QMAX = 63           # weights: 7-bit symmetric, exact in ORT's u8s8 AVX2 kernels (no int16 saturation)


@dataclass
class Config:
    vocab: int = 256
    ctx: int = 512
    d: int = 128
    n_layer: int = 4
    n_head: int = 4
    d_ff: int = 512
    act: str = "gelu"     # "relu" is exact and free in the integer network (a clip at 0)

    def dict(self):
        return asdict(self)


def ste_round(x):
    return x + (torch.round(x) - x).detach()


def fq_sym(x, scale, qmin, qmax):
    """fake quantization to integers in [qmin, qmax] times scale, straight-through gradient."""
    return torch.clamp(ste_round(x / scale), qmin, qmax) * scale


class ActQ(nn.Module):
    """int8 (or 7-bit) activation quantizer; its range is an EMA of the batch abs-max, frozen at export."""

    def __init__(self, qmin=-128, qmax=127):
        super().__init__()
        self.qmin, self.qmax = qmin, qmax
        self.register_buffer("amax", torch.zeros(()))
        self.on = False

    def scale(self):
        return float(self.amax) / self.qmax

    def forward(self, x):
        if self.training or float(self.amax) == 0:
            m = x.detach().abs().amax()
            with torch.no_grad():
                if float(self.amax) == 0:
                    self.amax.copy_(m)
                elif self.training:
                    self.amax.mul_(0.99).add_(0.01 * m)
        if not self.on:
            return x
        return fq_sym(x, self.amax.clamp_min(1e-6) / self.qmax, self.qmin, self.qmax)


def bf16(t):
    return t.to(torch.bfloat16)


class LinearBF16Grad(torch.autograd.Function):
    """F.linear(x, w) in its own precision, its backward's two products in bfloat16 (float32 accumulation)."""

    @staticmethod
    def forward(ctx, x, w):
        ctx.save_for_backward(x, w)
        return F.linear(x, w)

    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        g2 = bf16(g.reshape(-1, g.shape[-1]))
        gx = (g2 @ bf16(w)).to(g.dtype).view(*g.shape[:-1], w.shape[1])
        gw = (g2.t() @ bf16(x.reshape(-1, x.shape[-1]))).to(g.dtype)
        return gx, gw


class QLinear(nn.Linear):
    """bias-free linear layer; with quantization on, weights are 7-bit per output channel."""

    def __init__(self, i, o):
        super().__init__(i, o, bias=False)
        self.on = False
        self.bf16_grad = False

    def qweight(self):
        s = self.weight.detach().abs().amax(dim=1, keepdim=True).clamp_min(1e-8) / W_QMAX
        return fq_sym(self.weight, s, -W_QMAX, W_QMAX)

    def forward(self, x):
        w = self.qweight() if self.on else self.weight
        return LinearBF16Grad.apply(x, w) if self.bf16_grad else F.linear(x, w)


def scores(q, k, mask, alpha):
    """alpha * q k^T plus the mask (0 and -inf, causal) in one product: (batch * heads, T, T)."""
    return torch.baddbmm(mask, q, k.transpose(1, 2), alpha=alpha)


class QAttention(torch.autograd.Function):
    """Attention with the integer network's weights, round(255 * exp(s - max)) / their sum, fused.

    q, k, v: (batch * heads, T, dh); mask: (T, T) of 0 and -inf (causal); alpha: the score scale;
    grad16: the backward's products in bfloat16.
    The gradient is the one autograd derives for the expression written out (round passed straight
    through, the max's share going to the row's maximum), computed in few passes: written out, the
    elementwise passes over the (batch, head, T, T) scores took most of a CPU training step. As in
    FlashAttention, sum_j dL/dp_j p_j comes from the output: rowsum(dL/do * o).
    """

    @staticmethod
    def forward(ctx, q, k, v, mask, alpha, grad16=False):
        s = scores(q, k, mask, alpha)
        m, idx = s.max(dim=-1, keepdim=True)
        e = s.sub_(m).exp_()
        r = torch.mul(e, 255).round_()
        total = r.sum(dim=-1, keepdim=True)
        p = r.div_(total)
        o = torch.bmm(p, v)
        ctx.alpha, ctx.grad16 = alpha, grad16
        ctx.save_for_backward(q, k, v, e, p, total, idx, o)
        return o

    @staticmethod
    def backward(ctx, do):
        q, k, v, e, p, total, idx, o = ctx.saved_tensors
        cast = bf16 if ctx.grad16 else (lambda t: t)
        dob = cast(do)
        dv = torch.bmm(cast(p).transpose(1, 2), dob).to(q.dtype)
        # p = r / total with r = 255 e: dL/ds = (dL/dp - sum_j dL/dp_j p_j) * 255 e / total
        gs = torch.bmm(dob, cast(v).transpose(1, 2)).to(q.dtype)
        gs.sub_((do * o).sum(dim=-1, keepdim=True)).mul_(e).mul_(255 / total)
        # s - max: the max's share is minus the row's total gradient, at the position that held it
        gs.scatter_add_(-1, idx, -gs.sum(dim=-1, keepdim=True))
        gs = cast(gs)
        dq = torch.bmm(gs, cast(k)).to(q.dtype).mul_(ctx.alpha)
        dk = torch.bmm(gs.transpose(1, 2), cast(q)).to(q.dtype).mul_(ctx.alpha)
        return dq, dk, dv, None, None, None


def res_q(x, on):
    if not on:
        return x
    s = 2.0 ** -RES_BITS
    return torch.clamp(ste_round(x / s), -RES_MAX - 1, RES_MAX) * s


class RMSNorm(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.g = nn.Parameter(torch.ones(d))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * self.g


class Block(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.c = c
        self.ln1, self.ln2 = RMSNorm(c.d), RMSNorm(c.d)
        self.qkv = QLinear(c.d, 3 * c.d)
        self.proj = QLinear(c.d, c.d)
        self.up = QLinear(c.d, c.d_ff)
        self.down = QLinear(c.d_ff, c.d)
        self.q_ln1, self.q_ln2 = ActQ(), ActQ()
        self.q_q, self.q_k, self.q_v = ActQ(), ActQ(-64, 63), ActQ(-64, 63)
        self.q_att = ActQ()
        self.q_h, self.q_g = ActQ(), ActQ()
        self.quant = False
        self.bf16_grad = False

    def forward(self, x, mask):
        c = self.c
        B, T, _ = x.shape
        dh = c.d // c.n_head
        h = self.q_ln1(self.ln1(x))
        qkv = self.qkv(h).view(B, T, 3, c.n_head, dh)
        q = self.q_q(qkv[:, :, 0]).transpose(1, 2)
        k = self.q_k(qkv[:, :, 1]).transpose(1, 2)
        v = self.q_v(qkv[:, :, 2]).transpose(1, 2)
        q, k, v = (t.reshape(B * c.n_head, T, dh) for t in (q, k, v))
        if self.quant:  # integer attention weights: round(255 * exp(s - max)), then normalised
            a = QAttention.apply(q, k, v, mask[:T, :T], 1 / math.sqrt(dh), self.bf16_grad)
        else:
            a = torch.bmm(torch.softmax(scores(q, k, mask[:T, :T], 1 / math.sqrt(dh)), dim=-1), v)
        a = a.view(B, c.n_head, T, dh).transpose(1, 2).reshape(B, T, c.d)
        x = res_q(x + self.proj(self.q_att(a)), self.quant)
        h = self.q_ln2(self.ln2(x))
        if self.c.act == "relu":  # integer: the requantisation clip of up() starts at 0
            g = F.relu(self.q_h(self.up(h)))
        else:
            g = self.q_g(F.gelu(self.q_h(self.up(h))))
        return res_q(x + self.down(g), self.quant)


class ByteLM(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.c = c
        self.tok = nn.Embedding(c.vocab, c.d)
        self.pos = nn.Embedding(c.ctx, c.d)
        self.blocks = nn.ModuleList(Block(c) for _ in range(c.n_layer))
        self.lnf = RMSNorm(c.d)
        self.q_lnf = ActQ()
        self.head = QLinear(c.d, c.vocab)
        self.register_buffer("mask", torch.full((c.ctx, c.ctx), float("-inf")).triu(1), persistent=False)
        self.quant = False
        self.bf16_grad = False
        self.apply(self._init)
        for b in self.blocks:
            for lin in (b.proj, b.down):
                nn.init.normal_(lin.weight, 0, 0.02 / math.sqrt(2 * c.n_layer))

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, 0, 0.02 if isinstance(m, nn.Linear) else 0.3)

    def set_bf16_grad(self, on: bool):
        """The backward's matrix products in bfloat16 (the forward stays float32): on CPUs with bf16
        instructions (AVX512-BF16, AMX) a QAT step takes about a sixth less time (16 % measured)."""
        self.bf16_grad = on
        for m in self.modules():
            if isinstance(m, (QLinear, Block)):
                m.bf16_grad = on

    def set_quant(self, on: bool):
        self.quant = on
        for m in self.modules():
            if isinstance(m, (ActQ, QLinear)):
                m.on = on
            if isinstance(m, Block):
                m.quant = on

    def forward(self, idx):
        B, T = idx.shape
        x = self.tok(idx) + self.pos.weight[:T]
        if self.quant:
            x = res_q(self.tok.weight, True)[idx] + res_q(self.pos.weight[:T], True)
        for b in self.blocks:
            x = b(x, self.mask)
        return self.head(self.q_lnf(self.lnf(x)))

    def n_params(self):
        return sum(p.numel() for p in self.parameters())
