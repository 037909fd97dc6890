"""WORKLOADS.md C, dcgan-28, in PyTorch: DCGAN G (training-mode batch norm) + D, BCE with logits."""
import numpy as np
import torch
import torch.nn.functional as F

from common import Stream, Weights, adam, conv, conv_kernel, conv_t, nchw, ones, param, stroke, zeros


def data(steps):
    rng = Stream(303)
    out = []
    for _ in range(steps):
        real = np.stack([stroke(rng) for _ in range(64)]).reshape(64, 28, 28, 1)
        z = rng.normals(64 * 64).astype(np.float32).reshape(64, 64)
        out.append((nchw(real), torch.from_numpy(z)))
    return out


def make(steps):
    g, d = Weights(301), Weights(302)
    G = {'fc': param(g.normal([64, 6272]).T), 'fc.g': ones(128), 'fc.b': zeros(128)}
    G['t1'], G['t1.g'], G['t1.b'] = conv_kernel(g.normal([5, 5, 64, 128])), ones(64), zeros(64)
    G['t2'], G['t2.b'] = conv_kernel(g.normal([5, 5, 1, 64])), zeros(1)
    running = {'fc': (torch.zeros(128), torch.ones(128)), 't1': (torch.zeros(64), torch.ones(64))}
    D = {'c1': conv_kernel(d.normal([5, 5, 1, 64])), 'c1.b': zeros(64)}
    D['c2'], D['c2.b'] = conv_kernel(d.normal([5, 5, 64, 128])), zeros(128)
    D['fc'], D['fc.b'] = param(d.normal([6272, 1]).T), zeros(1)
    batches = data(steps)
    opt_g, opt_d = adam(G.values(), 2e-4, 0.5), adam(D.values(), 2e-4, 0.5)

    def bn(h, name):
        mean, var = running[name]
        return F.relu(F.batch_norm(h, mean, var, G[name + '.g'], G[name + '.b'], training=True, momentum=0.1, eps=1e-5))

    def generator(z):
        h = F.linear(z, G['fc']).reshape(-1, 7, 7, 128).permute(0, 3, 1, 2)
        h = conv_t(bn(h, 'fc'), G['t1'], 2)
        return torch.tanh(conv_t(bn(h, 't1'), G['t2'], 2, G['t2.b']))

    def discriminator(img):
        h = F.leaky_relu(conv(img, D['c1'], 2, D['c1.b']), 0.2)
        h = F.leaky_relu(conv(h, D['c2'], 2, D['c2.b']), 0.2)
        return F.linear(h.permute(0, 2, 3, 1).reshape(-1, 6272), D['fc'], D['fc.b'])

    def step(t):
        real, z = batches[t]
        fake = generator(z)
        logits_real = discriminator(real)
        real_loss = F.binary_cross_entropy_with_logits(logits_real, torch.ones_like(logits_real))
        logits_fake = discriminator(fake.detach())
        fake_loss = F.binary_cross_entropy_with_logits(logits_fake, torch.zeros_like(logits_fake))
        loss_d = real_loss + fake_loss
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        for p in D.values():
            p.requires_grad_(False)
        logits = discriminator(fake)
        loss_g = F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        for p in D.values():
            p.requires_grad_(True)
        return {'real': real_loss, 'fake': fake_loss, 'lossD': loss_d, 'lossG': loss_g}

    return step
