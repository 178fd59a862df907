// The blocked matrix product (core/kernels/linalg_product.h with the tiles of
// linalg_gemm.cc) and the fixed-size products against NumPy, on shapes that end on every side of the
// register tiles (14 x 16 doubles and 14 x 32 floats on AVX-512, 6 x 8 and
// 6 x 16 on AVX2) and of the cache blocks (256 deep, 126 or 120 rows, 1024
// columns), with contiguous, transposed and strided operands, with and
// without `out=`. Each case runs in child processes with one and two threads
// and with each kernel this CPU has (NDINTEROP_CPU_LEVEL caps it at avx2 or
// at the portable tiles), since both settings are read once, at load.
//
// Integer-valued floats and integers must match NumPy byte for byte (every
// partial sum is exact, and integers wrap the same in any order). Other
// floats must lie within 2 (k + 1) eps sum|a||b| of NumPy's (BLAS sums in
// another order). One setting's results must not depend on the thread
// count, and the AVX-512 and AVX2 kernels must agree bit for bit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hasNumpy, skipReason } from './ufunc-numpy.js';

type Layout = 'contiguous' | 'transposed' | 'strided';
type DTypeName = 'float64' | 'float32' | 'int32' | 'int64';
interface Case {
  n: number;
  k: number;
  m: number;
  dtype: DTypeName;
  values: 'integers' | 'reals';
  layoutA: Layout;
  layoutB: Layout;
  out: 'none' | 'contiguous' | 'strided';
}
interface Span {
  offset: number;
  length: number;
}
type PlacedCase = Case & { a: Span; b: Span; expected: Span; bound: Span };

const sizes = [1, 5, 6, 7, 8, 13, 16, 17, 63, 64, 65, 255, 256, 257, 300];
const shapes: [number, number, number][] = [];
sizes.forEach((s, i) => {
  const u = sizes[(i + 5) % sizes.length]!;
  const v = sizes[(i + 10) % sizes.length]!;
  shapes.push([s, u, v], [v, s, u], [u, v, s]);
});
// Whole tiles and blocks, a second block of A's rows, of the inner
// dimension and of B's columns, and one-tile-high products.
shapes.push([256, 256, 256], [300, 300, 300], [130, 300, 40], [20, 20, 1100], [14, 256, 32], [28, 513, 48], [300, 7, 300], [15, 64, 33]);

const layouts: [Layout, Layout][] = [
  ['contiguous', 'contiguous'],
  ['transposed', 'contiguous'],
  ['contiguous', 'transposed'],
  ['strided', 'strided'],
  ['transposed', 'strided'],
];
const outs: Case['out'][] = ['none', 'contiguous', 'strided'];

const cases: Case[] = [];
shapes.forEach(([n, k, m], i) => {
  const [layoutA, layoutB] = layouts[i % layouts.length]!;
  const out = outs[i % outs.length]!;
  const values = i % 2 === 0 ? 'integers' : 'reals';
  for (const dtype of ['float64', 'float32'] as const) cases.push({ n, k, m, dtype, values, layoutA, layoutB, out });
  cases.push({ n, k, m, dtype: i % 2 === 0 ? 'int32' : 'int64', values: 'integers', layoutA, layoutB, out: outs[(i + 1) % outs.length]! });
});
// Products with every size at most 8 take the fixed-size loops, built once
// per instruction set with row vectors of that set's width (8 doubles are
// one AVX-512 vector, two AVX2 ones, four SSE2 ones): each dtype with B's
// rows contiguous (the vector rows), and once with A transposed into a
// strided out.
const tinyShapes: [number, number, number][] = [[2, 2, 2], [3, 3, 3], [4, 4, 4], [8, 8, 8], [5, 7, 8], [6, 3, 4], [7, 5, 2], [1, 8, 8], [8, 1, 4]];
tinyShapes.forEach(([n, k, m], i) => {
  const values = i % 2 === 0 ? 'integers' : 'reals';
  for (const dtype of ['float64', 'float32'] as const) cases.push({ n, k, m, dtype, values, layoutA: 'contiguous', layoutB: 'contiguous', out: 'none' });
  for (const dtype of ['int32', 'int64'] as const) cases.push({ n, k, m, dtype, values: 'integers', layoutA: 'contiguous', layoutB: 'contiguous', out: 'contiguous' });
  cases.push({ n, k, m, dtype: 'float64', values, layoutA: 'transposed', layoutB: 'contiguous', out: 'strided' });
});

// NumPy writes each case's operands in the memory layout the child views
// them with (transposed: the transpose's C order; strided: every other
// column of a twice-as-wide array), then the expected product (C order) and,
// for real values, the error bound (float64).
const numpyScript = `import sys, json, warnings, numpy as np
warnings.simplefilter("ignore")
cases = json.loads(sys.stdin.read())
out = sys.stdout.buffer
placed = []
offset = 0
def emit(array):
    global offset
    data = np.ascontiguousarray(array).tobytes()
    out.write(data)
    span = {'offset': offset, 'length': len(data)}
    offset += len(data)
    return span
def physical(x, layout):
    if layout == 'transposed':
        return x.T
    if layout == 'strided':
        wide = np.zeros((x.shape[0], 2 * x.shape[1]), x.dtype)
        wide[:, ::2] = x
        return wide
    return x
for i, c in enumerate(cases):
    rng = np.random.default_rng(i)
    def make(shape):
        if c['dtype'] == 'int32':
            return rng.integers(-2**20, 2**20, shape).astype(np.int32)
        if c['dtype'] == 'int64':
            return rng.integers(-2**40, 2**40, shape).astype(np.int64)
        if c['values'] == 'integers':
            return rng.integers(-8, 9, shape).astype(c['dtype'])
        return rng.standard_normal(shape).astype(c['dtype'])
    a = make((c['n'], c['k']))
    b = make((c['k'], c['m']))
    with np.errstate(over='ignore'):
        expected = np.matmul(a, b)
    p = dict(c)
    p['a'] = emit(physical(a, c['layoutA']))
    p['b'] = emit(physical(b, c['layoutB']))
    p['expected'] = emit(expected)
    bound = np.zeros((0,))
    if c['values'] == 'reals':
        eps = np.finfo(c['dtype']).eps
        bound = 2 * (c['k'] + 1) * eps * (np.abs(a).astype(np.float64) @ np.abs(b).astype(np.float64))
    p['bound'] = emit(bound)
    placed.append(p)
sys.stderr.write(json.dumps(placed))
`;

const settings = [
  { threads: '1', level: '' },
  { threads: '2', level: '' },
  { threads: '1', level: 'avx2' },
  { threads: '2', level: 'avx2' },
  { threads: '1', level: 'generic' },
  { threads: '2', level: 'generic' },
];

const typed = { float64: Float64Array, float32: Float32Array } as const;
const child = fileURLToPath(new URL('./matmul-kernel-child.mjs', import.meta.url));

describe.skipIf(!hasNumpy)(`blocked matmul matches NumPy on every tile and block edge (${hasNumpy ? 'python3' : skipReason})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ndinterop-matmul-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const numpy = hasNumpy ? spawnSync('python3', ['-c', numpyScript], { input: JSON.stringify(cases), maxBuffer: 1 << 30 }) : undefined;
  if (numpy && numpy.status !== 0) throw new Error(`python3 failed: ${numpy.stderr.toString()}`);
  const operands = numpy?.stdout ?? Buffer.alloc(0);
  const placed = hasNumpy ? (JSON.parse(numpy!.stderr.toString()) as PlacedCase[]) : [];
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(placed));
  writeFileSync(join(dir, 'operands.bin'), operands);

  const results = new Map<string, Buffer[]>();
  function resultsOf(threads: string, level: string): Buffer[] {
    const key = `${threads}/${level}`;
    const known = results.get(key);
    if (known) return known;
    const file = join(dir, `results-${threads}-${level || 'best'}.bin`);
    const env: NodeJS.ProcessEnv = { ...process.env, NDINTEROP_NUM_THREADS: threads };
    if (level) env.NDINTEROP_CPU_LEVEL = level;
    else delete env.NDINTEROP_CPU_LEVEL;
    const run = spawnSync(process.execPath, [child, join(dir, 'cases.json'), join(dir, 'operands.bin'), file], { env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
    const data = readFileSync(file);
    const lengths = new Uint32Array(data.buffer.slice(data.byteOffset, data.byteOffset + 4 * placed.length));
    let offset = 4 * placed.length;
    const list = [...lengths].map((length) => {
      const piece = data.subarray(offset, offset + length);
      offset += length;
      return piece;
    });
    results.set(key, list);
    return list;
  }

  function slice(span: Span): Buffer {
    return operands.subarray(span.offset, span.offset + span.length);
  }

  function checkAgainstNumpy(c: PlacedCase, got: Buffer): void {
    const expected = slice(c.expected);
    expect(got.length, 'result bytes (0: a strided out had its gaps overwritten)').toBe(expected.length);
    if (c.values === 'integers') {
      expect(got.equals(expected)).toBe(true);
      return;
    }
    const Typed = typed[c.dtype as 'float64' | 'float32'];
    const ours = new Typed(new Uint8Array(got).buffer);
    const theirs = new Typed(new Uint8Array(expected).buffer);
    const bound = new Float64Array(new Uint8Array(slice(c.bound)).buffer);
    let worst = -Infinity;
    for (let e = 0; e < ours.length; e++) worst = Math.max(worst, Math.abs(ours[e]! - theirs[e]!) - bound[e]!);
    expect(worst, 'largest excess over the error bound').toBeLessThanOrEqual(0);
  }

  describe.each(settings)('NDINTEROP_NUM_THREADS=$threads NDINTEROP_CPU_LEVEL=$level', ({ threads, level }) => {
    it.each(placed.map((c, i) => [`${c.dtype} ${c.values} (${c.n},${c.k})@(${c.k},${c.m}) ${c.layoutA}/${c.layoutB} out=${c.out}`, i] as const))(
      '%s',
      (_, i) => {
        checkAgainstNumpy(placed[i]!, resultsOf(threads, level)[i]!);
      },
    );
  });

  it('gives the same bytes with one thread and with two, for each kernel', () => {
    for (const level of ['', 'avx2', 'generic']) {
      const one = resultsOf('1', level);
      const two = resultsOf('2', level);
      placed.forEach((c, i) => expect(two[i]!.equals(one[i]!), `${level || 'best'} ${c.dtype} (${c.n},${c.k},${c.m})`).toBe(true));
    }
  });

  it('gives the same bytes with the AVX-512 and the AVX2 kernels', () => {
    const best = resultsOf('1', '');
    const avx2 = resultsOf('1', 'avx2');
    placed.forEach((c, i) => expect(avx2[i]!.equals(best[i]!), `${c.dtype} (${c.n},${c.k},${c.m})`).toBe(true));
  });
});
