"""WORKLOADS.md B, fast-style-128, in PyTorch: a Johnson transformer against a frozen random loss net."""
import numpy as np
import torch
import torch.nn.functional as F

from common import Stream, Weights, adam, conv, conv_kernel, nchw, ones, sinus64, zeros


def image01(rng, K, fmax):
    return ((sinus64(rng, 128, K, fmax) + 1) / 2).astype(np.float32)


def make(steps):
    tw, lw = Weights(201), Weights(202)
    T = {}
    layers = [('c1', [9, 9, 3, 16]), ('c2', [3, 3, 16, 32]), ('c3', [3, 3, 32, 64])]
    layers += [(f'r{r}.{c}', [3, 3, 64, 64]) for r in (1, 2, 3) for c in ('a', 'b')]
    layers += [('u1', [3, 3, 64, 32]), ('u2', [3, 3, 32, 16])]
    for name, shape in layers:
        T[name], T[name + '.g'], T[name + '.b'] = conv_kernel(tw.normal(shape)), ones(shape[3]), zeros(shape[3])
    T['out'], T['out.b'] = conv_kernel(tw.normal([9, 9, 16, 3])), zeros(3)
    L = []
    for shape in ([3, 3, 3, 32], [3, 3, 32, 64], [3, 3, 64, 128]):
        L.append((conv_kernel(lw.kaiming(shape)).requires_grad_(False), torch.zeros(shape[3])))

    style = nchw(image01(Stream(203), 6, 12)[None])
    rng = Stream(204)
    contents = [nchw(np.stack([image01(rng, 4, 3), image01(rng, 4, 3)])) for _ in range(steps)]
    opt = adam(T.values(), 1e-3, 0.9)

    def cir(h, name, stride):
        return F.relu(F.instance_norm(conv(h, T[name], stride), weight=T[name + '.g'], bias=T[name + '.b'], eps=1e-5))

    def transformer(x):
        h = cir(cir(cir(x, 'c1', 1), 'c2', 2), 'c3', 2)
        for r in (1, 2, 3):
            inner = cir(h, f'r{r}.a', 1)
            h = h + F.instance_norm(conv(inner, T[f'r{r}.b'], 1), weight=T[f'r{r}.b.g'], bias=T[f'r{r}.b.b'], eps=1e-5)
        h = cir(F.interpolate(h, scale_factor=2, mode='nearest'), 'u1', 1)
        h = cir(F.interpolate(h, scale_factor=2, mode='nearest'), 'u2', 1)
        return conv(h, T['out'], 1, T['out.b'])

    def features(x, stages):
        out, h = [], x
        for s in range(stages):
            w, b = L[s]
            h = F.relu(conv(h if s == 0 else F.avg_pool2d(h, 2), w, 1, b))
            out.append(h)
        return out

    def gram(f):
        b, c, h, w = f.shape
        rows = f.reshape(b, c, h * w)
        return rows @ rows.transpose(1, 2) / (c * h * w)

    with torch.no_grad():
        style_grams = [gram(f) for f in features(style, 3)]

    def step(t):
        x = contents[t]
        with torch.no_grad():
            target = features(x, 2)[1]
        y = transformer(x)
        f = features(y, 3)
        style_loss = sum(((gram(fs) - g) ** 2).mean() for fs, g in zip(f, style_grams))
        content = ((f[1] - target) ** 2).mean()
        tv = (y[:, :, 1:, :] - y[:, :, :-1, :]).abs().mean() + (y[:, :, :, 1:] - y[:, :, :, :-1]).abs().mean()
        total = 1e5 * style_loss + content + 0.1 * tv
        opt.zero_grad(set_to_none=True)
        total.backward()
        opt.step()
        return {'style': style_loss, 'content': content, 'tv': tv, 'total': total}

    return step
