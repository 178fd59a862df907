// test_ufunc.py: test_ufunc_types and test_ufunc_noncontiguous, which run
// every loop of NumPy's ufunc.types (manifest/ufunc-types.json, written by
// collect.py). Registered on the ufunc port by ufunc.test.ts.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { NDArray, dtype as toDType, empty, ones, ufuncs } from '../../src/index.js';
import type { Port } from './harness.js';
import { assertArrayEqual, dtypeOfChar } from './numpy-like.js';
import { captureWarnings } from '../helpers/warnings.js';

const here = dirname(fileURLToPath(import.meta.url));
const numpyTypes = (JSON.parse(readFileSync(join(here, 'manifest', 'ufunc-types.json'), 'utf8')) as { types: Record<string, string[]> }).types;
const byName = ufuncs as unknown as Record<string, (...args: unknown[]) => unknown>;

/** The ufunc a parametrized id names: pytest numbers repeated ids ('absolute0', 'arctan2_0' for np.abs/np.absolute). */
const ufuncName = (param: string): string => (numpyTypes[param] ? param : param.replace(/_?\d+$/, ''));

const EPS: Record<string, number> = { float16: 2 ** -10, float32: 2 ** -23, float64: 2 ** -52, longdouble: 2 ** -63 };

/** assert_allclose(actual, desired, atol=tol, rtol=tol): NaNs equal, infinities equal. */
function assertAllclose(actual: NDArray, desired: NDArray, tol: number): void {
  expect(actual.shape).toEqual(desired.shape);
  const a = actual.astype('float64').toArray() as number[][];
  const d = desired.astype('float64').toArray() as number[][];
  a.flat().forEach((x, i) => {
    const y = d.flat()[i]!;
    if (Number.isNaN(y) || !Number.isFinite(y)) expect(x).toBe(y);
    else expect(Math.abs(x - y)).toBeLessThanOrEqual(tol + tol * Math.abs(y));
  });
}

/** a.flat = range(1, 37): fills a 6 x 6 view, converting as NumPy's assignment does. */
function fillRange(a: NDArray): void {
  const kind = a.dtype.kind;
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j < 6; j++) {
      const v = 6 * i + j + 1;
      a.set(i, j, (kind === 'c' ? { re: v, im: 0 } : kind === 'i' || kind === 'u' ? BigInt(v) : v) as never);
    }
  }
}

/**
 * np.empty((6, 6), dtype=[("_", f"S{alignment}"), ("t", dt)], align=False)["t"]:
 * a 6 x 6 view whose elements sit at an offset of one alignment unit in
 * records of alignment + itemsize bytes (so alignment != stride).
 */
function offsetView(dt: string): NDArray {
  const d = toDType(dt);
  const record = d.alignment + d.itemsize;
  return new NDArray({ buffer: new ArrayBuffer(36 * record), byteOffset: d.alignment, dtype: dt, shape: [6, 6], strides: [6 * record, record] });
}

export function portUfuncTypes(port: Port): void {
  for (const id of port.manifest.ids) {
    const types = id.startsWith('test_ufunc_types[');
    if (!types && !id.startsWith('test_ufunc_noncontiguous[')) continue;
    const name = ufuncName(/\[(.*)\]$/.exec(id)![1]!);
    const ufunc = byName[name]!;
    if (types) {
      port.case(id, () => {
        for (const typ of numpyTypes[name]!) {
          // types is a list of strings like ii->i
          if (typ.includes('O') || typ.includes('?')) continue;
          const [inp, out] = typ.split('->') as [string, string];
          const args = [...inp].map((t) => ones([3, 3], dtypeOfChar(t)));
          let res: unknown;
          captureWarnings(() => {
            res = ufunc(...args);
          });
          if (Array.isArray(res)) {
            expect(res.length, typ).toBe(out.length);
            res.forEach((r: NDArray, k) => expect(r.dtype.name, typ).toBe(dtypeOfChar(out[k]!)));
          } else {
            expect((res as NDArray).dtype.name, typ).toBe(dtypeOfChar(out));
          }
        }
      });
    } else {
      port.case(id, () => {
        for (const typ of numpyTypes[name]!) {
          // bool, object, datetime are too irregular for this simple test
          if (/[O?mM]/.test(typ)) continue;
          const [inp, out] = typ.split('->') as [string, string];
          const argsC = [...inp].map((t) => empty([6, 6], dtypeOfChar(t)));
          // non contiguous (2, 3 step on the two dimensions)
          const argsN = [...inp].map((t) => empty([12, 18], dtypeOfChar(t)).slice('::2', '::3'));
          // alignment != itemsize is possible.  So create an array with such an odd step manually.
          const argsO = [...inp].map((t) => offsetView(dtypeOfChar(t)));
          for (const a of [...argsC, ...argsN, ...argsO]) fillRange(a);
          let resC: unknown;
          let resN: unknown;
          let resO: unknown;
          captureWarnings(() => {
            resC = ufunc(...argsC);
            resN = ufunc(...argsN);
            resO = ufunc(...argsO);
          });
          const tuple = (r: unknown): NDArray[] => (out.length === 1 ? [r as NDArray] : (r as NDArray[]));
          const [cs, ns, os] = [tuple(resC), tuple(resN), tuple(resO)];
          cs.forEach((cAr, k) => {
            const dt = cAr.dtype.name;
            if (cAr.dtype.kind === 'f') {
              // for floating point results allow a small fuss in comparisons
              const tol = 3 * EPS[dt]!;
              assertAllclose(cAr, ns[k]!, tol);
              assertAllclose(cAr, os[k]!, tol);
            } else {
              assertArrayEqual(cAr, ns[k]!);
              assertArrayEqual(cAr, os[k]!);
            }
          });
        }
      });
    }
  }
}
