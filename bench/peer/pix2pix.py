"""WORKLOADS.md A, pix2pix-lite-64, in PyTorch: U-Net G + PatchGAN D, LSGAN + 100 L1."""
import numpy as np
import torch
import torch.nn.functional as F

from common import Stream, Weights, adam, conv, conv_kernel, conv_t, nchw, ones, sinus64, zeros


def data(steps):
    rng = Stream(103)
    out = []
    for _ in range(steps):
        y = sinus64(rng, 64, 4, 3)
        luma = (0.299 * y[:, :, 0] + 0.587 * y[:, :, 1] + 0.114 * y[:, :, 2]).astype(np.float32)
        x = np.repeat(luma[:, :, None], 3, axis=2)
        out.append((nchw(x[None]), nchw(y[None])))
    return out


def build():
    g, d = Weights(101), Weights(102)
    G = {'d1': conv_kernel(g.normal([4, 4, 3, 32])), 'd1.b': zeros(32)}
    for name, shape in [('d2', [4, 4, 32, 64]), ('d3', [4, 4, 64, 128]), ('d4', [4, 4, 128, 128])]:
        G[name], G[name + '.g'], G[name + '.b'] = conv_kernel(g.normal(shape)), ones(shape[3]), zeros(shape[3])
    for name, shape in [('u1', [4, 4, 128, 128]), ('u2', [4, 4, 64, 256]), ('u3', [4, 4, 32, 128])]:
        G[name], G[name + '.g'], G[name + '.b'] = conv_kernel(g.normal(shape)), ones(shape[2]), zeros(shape[2])
    G['out'], G['out.b'] = conv_kernel(g.normal([4, 4, 3, 64])), zeros(3)
    D = {'c1': conv_kernel(d.normal([4, 4, 6, 32])), 'c1.b': zeros(32)}
    for name, shape in [('c2', [4, 4, 32, 64]), ('c3', [4, 4, 64, 128])]:
        D[name], D[name + '.g'], D[name + '.b'] = conv_kernel(d.normal(shape)), ones(shape[3]), zeros(shape[3])
    D['c4'], D['c4.b'] = conv_kernel(d.normal([4, 4, 128, 1])), zeros(1)
    return G, D


def make(steps):
    G, D = build()
    batches = data(steps)
    opt_g, opt_d = adam(G.values(), 2e-4, 0.5), adam(D.values(), 2e-4, 0.5)
    lrelu = lambda t: F.leaky_relu(t, 0.2)
    norm = lambda t, p, name: F.instance_norm(t, weight=p[name + '.g'], bias=p[name + '.b'], eps=1e-5)

    def generator(x):
        e1 = lrelu(conv(x, G['d1'], 2, G['d1.b']))
        e2 = lrelu(norm(conv(e1, G['d2'], 2), G, 'd2'))
        e3 = lrelu(norm(conv(e2, G['d3'], 2), G, 'd3'))
        e4 = lrelu(norm(conv(e3, G['d4'], 2), G, 'd4'))
        h = torch.cat([F.relu(norm(conv_t(e4, G['u1'], 2), G, 'u1')), e3], 1)
        h = torch.cat([F.relu(norm(conv_t(h, G['u2'], 2), G, 'u2')), e2], 1)
        h = torch.cat([F.relu(norm(conv_t(h, G['u3'], 2), G, 'u3')), e1], 1)
        return torch.tanh(conv_t(h, G['out'], 2, G['out.b']))

    def discriminator(x, img):
        h = lrelu(conv(torch.cat([x, img], 1), D['c1'], 2, D['c1.b']))
        h = lrelu(norm(conv(h, D['c2'], 2), D, 'c2'))
        h = lrelu(norm(conv(h, D['c3'], 2), D, 'c3'))
        return conv(h, D['c4'], 1, D['c4.b'])

    def step(t):
        x, y = batches[t]
        fake = generator(x)
        real_loss = ((discriminator(x, y) - 1) ** 2).mean()
        fake_loss = (discriminator(x, fake.detach()) ** 2).mean()
        loss_d = 0.5 * (real_loss + fake_loss)
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        for p in D.values():
            p.requires_grad_(False)
        gan = ((discriminator(x, fake) - 1) ** 2).mean()
        l1 = (fake - y).abs().mean()
        loss_g = gan + 100 * l1
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        for p in D.values():
            p.requires_grad_(True)
        return {'lossD_real': real_loss, 'lossD_fake': fake_loss, 'lossD': loss_d, 'lossG_gan': gan, 'L1': l1, 'lossG': loss_g}

    return step
