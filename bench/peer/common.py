"""Shared pieces of the PyTorch peer, written from ../shared/WORKLOADS.md section 0.

The reference PRNG (mulberry32 with a Box-Muller normal), vectorised with numpy: the state after
k draws is seed + k*0x6D2B79F5 (mod 2^32), so a run of draws is one array expression. Then the
procedural data, the seeded weight fill in tfjs layouts and their conversion to PyTorch layouts,
and TF 'same' convolutions. Tensors are NCHW inside the peer; every flatten goes through NHWC.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

M32 = np.uint64(0xFFFFFFFF)


def _imul(a, b):
    return (a * b) & M32


class Stream:
    """mulberry32(seed): uniforms in [0, 1), drawn in order."""

    def __init__(self, seed):
        self.seed = np.uint64(seed & 0xFFFFFFFF)
        self.drawn = 0

    def uniforms(self, n):
        k = np.arange(self.drawn + 1, self.drawn + n + 1, dtype=np.uint64)
        self.drawn += n
        a = (self.seed + k * np.uint64(0x6D2B79F5)) & M32
        t = _imul(a ^ (a >> np.uint64(15)), a | np.uint64(1))
        t = t ^ ((t + _imul(t ^ (t >> np.uint64(7)), t | np.uint64(61))) & M32)
        return (t ^ (t >> np.uint64(14))).astype(np.float64) / 4294967296.0

    def uniform(self):
        return float(self.uniforms(1)[0])

    def normals(self, n):
        """Box-Muller, cos branch only: each normal takes two uniforms, in order."""
        u = self.uniforms(2 * n)
        return np.sqrt(-2.0 * np.log(1.0 - u[0::2])) * np.cos(2.0 * math.pi * u[1::2])


def sinus64(rng, S, K, fmax):
    """An S x S x 3 image (HWC) in [-1, 1], float64."""
    out = np.empty((S, S, 3))
    i, j = np.meshgrid(np.arange(S, dtype=np.float64), np.arange(S, dtype=np.float64), indexing='ij')
    for c in range(3):
        waves = []
        for _ in range(K):
            u0, u1, u2 = rng.uniforms(3)
            waves.append((math.floor(u0 * (2 * fmax + 1)) - fmax, math.floor(u1 * (2 * fmax + 1)) - fmax, 2 * math.pi * u2))
        s = np.zeros((S, S))
        for fx, fy, ph in waves:
            s = s + np.sin((2 * math.pi * (fx * j + fy * i)) / S + ph)
        out[:, :, c] = (1 / K) * s
    return out


def stroke(rng):
    """A 28 x 28 image in [-1, 1]: the maximum over 1-3 thick segments."""
    S = 28
    n = 1 + math.floor(3 * rng.uniform())
    i, j = np.meshgrid(np.arange(S, dtype=np.float64), np.arange(S, dtype=np.float64), indexing='ij')
    intensity = np.zeros((S, S))
    for _ in range(n):
        u = rng.uniforms(5)
        x0, y0, x1, y1 = 4 + 20 * u[:4]
        r = 1 + 1.5 * u[4]
        bx, by = x1 - x0, y1 - y0
        len2 = bx * bx + by * by
        px, py = j - x0, i - y0
        t = np.zeros((S, S)) if len2 == 0 else np.minimum(np.maximum((px * bx + py * by) / len2, 0), 1)
        dx, dy = px - t * bx, py - t * by
        v = np.minimum(np.maximum(r + 0.5 - np.sqrt(dx * dx + dy * dy), 0), 1)
        intensity = np.maximum(intensity, v)
    return (2 * intensity - 1).astype(np.float32)


class Weights:
    """One network's kernels, filled from its own stream in fill order, row-major in tfjs layout."""

    def __init__(self, seed):
        self.rng = Stream(seed)

    def normal(self, shape):
        return (0.02 * self.rng.normals(int(np.prod(shape)))).astype(np.float32).reshape(shape)

    def kaiming(self, shape):
        kh, kw, cin = shape[:3]
        return ((2 * self.rng.uniforms(int(np.prod(shape))) - 1) * math.sqrt(6 / (kh * kw * cin))).astype(np.float32).reshape(shape)


def param(a):
    return torch.nn.Parameter(torch.from_numpy(np.ascontiguousarray(a)))


def conv_kernel(k):
    """tfjs conv [kh, kw, Cin, Cout] and convT [kh, kw, Cout, Cin] kernels both become permute(3, 2, 0, 1)."""
    return param(k.transpose(3, 2, 0, 1))


def zeros(n):
    return torch.nn.Parameter(torch.zeros(n))


def ones(n):
    return torch.nn.Parameter(torch.ones(n))


def same_padding(n, k, s):
    """TF 'same': out = ceil(n/s), total = max((out-1)s + k - n, 0), the extra pixel after."""
    out = -(-n // s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def conv(x, w, stride, bias=None):
    """TF 'same' conv; symmetric padding goes to the conv itself, asymmetric through F.pad."""
    k = w.shape[-1]
    before, after = same_padding(x.shape[-1], k, stride)
    if before == after:
        return F.conv2d(x, w, bias, stride, before)
    return F.conv2d(F.pad(x, (before, after, before, after)), w, bias, stride)


def conv_t(x, w, stride, bias=None):
    """n -> n*s with the padding of the 'same' conv n*s -> n, cropped to n*s."""
    n = x.shape[-1]
    before, _ = same_padding(n * stride, w.shape[-1], stride)
    y = F.conv_transpose2d(x, w, bias, stride, before)
    return y[:, :, : n * stride, : n * stride] if y.shape[-1] != n * stride else y


def nchw(a):
    """An NHWC float32 array as an NCHW tensor."""
    return torch.from_numpy(np.ascontiguousarray(np.asarray(a, dtype=np.float32).transpose(0, 3, 1, 2)))


def adam(params, lr, beta1):
    return torch.optim.Adam(params, lr=lr, betas=(beta1, 0.999), eps=1e-8)
