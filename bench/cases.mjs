// The benchmark cases of issue 7: each names the NumPy case (bench/numpy_peer.py
// builds the same arrays from the same data), a target ratio, and the JS
// contenders: ndinterop, a plain JS loop, and npm array libraries where they
// apply.
const N = 10_000_000;

export function buildCases({ nd, peers, inputsFor, owned }) {
  const { a, b, plainA, plainB } = inputsFor(N);
  const A = nd.asarray(a);
  const B = nd.asarray(b);
  const plainOut = owned(new Float64Array(N));
  const C = nd.asarray(plainOut);
  const cases = [];

  const scijs = peers.ndarray && peers.ndarrayOps;
  const sA = scijs && peers.ndarray(a);
  const sB = scijs && peers.ndarray(b);
  const sC = scijs && peers.ndarray(plainOut);

  cases.push({
    name: 'add_f64_out', numpy: 'add_f64_out', n: N, reps: 5, target: 1.0,
    label: 'add float64 1e7, out given',
    js: {
      ndinterop: () => nd.add(A, B, { out: C }),
      'js loop': () => {
        for (let i = 0; i < N; i++) plainOut[i] = a[i] + b[i];
      },
      'ndarray-ops': scijs && (() => peers.ndarrayOps.add(sC, sA, sB)),
      '@stdlib': peers.stdlibAdd && (() => peers.stdlibAdd(N, 'float64', a, 1, 'float64', b, 1, 'float64', plainOut, 1)),
    },
  });

  const a32 = owned(Float32Array.from(a));
  const b32 = owned(Float32Array.from(b));
  const A32 = nd.asarray(a32);
  const B32 = nd.asarray(b32);
  cases.push({
    name: 'add_f32', numpy: 'add_f32', n: N, reps: 5, target: 1.0,
    label: 'add float32 1e7 (allocating)',
    js: {
      ndinterop: () => nd.add(A32, B32),
      'js loop': () => {
        const out = new Float32Array(N);
        for (let i = 0; i < N; i++) out[i] = a32[i] + b32[i];
      },
    },
  });

  cases.push({
    name: 'add_f64_alloc', numpy: 'add_f64_alloc', n: N, reps: 5, target: 1.0,
    label: 'add float64 1e7 (allocating)',
    js: {
      ndinterop: () => nd.add(A, B),
      'js loop': () => {
        const out = new Float64Array(N);
        for (let i = 0; i < N; i++) out[i] = a[i] + b[i];
      },
    },
  });

  // The same call on inputs in plain TypedArray memory (4 KiB pages), which
  // is what asarray(new Float64Array(n)) wraps; NumPy's side is unchanged.
  const PA = nd.asarray(plainA);
  const PB = nd.asarray(plainB);
  cases.push({
    name: 'add_f64_alloc_plain', numpy: 'add_f64_alloc', n: N, reps: 5,
    label: 'add float64 1e7 (allocating), inputs in plain Float64Array memory',
    js: {
      ndinterop: () => nd.add(PA, PB),
      'js loop': () => {
        const out = new Float64Array(N);
        for (let i = 0; i < N; i++) out[i] = plainA[i] + plainB[i];
      },
    },
  });

  const bigA = owned(new Float64Array(2 * N));
  const bigB = owned(new Float64Array(2 * N));
  for (let i = 0; i < N; i++) {
    bigA[2 * i] = a[i];
    bigA[2 * i + 1] = b[i];
    bigB[2 * i] = b[i];
    bigB[2 * i + 1] = a[i];
  }
  const VA = nd.asarray(bigA).slice('::2');
  const VB = nd.asarray(bigB).slice('::2');
  const svA = scijs && peers.ndarray(bigA, [N], [2], 0);
  const svB = scijs && peers.ndarray(bigB, [N], [2], 0);
  cases.push({
    name: 'add_f64_strided', numpy: 'add_f64_strided', n: N, reps: 5, target: 1.0,
    label: 'add float64 on a[::2] of 2e7',
    js: {
      ndinterop: () => nd.add(VA, VB),
      'js loop': () => {
        const out = new Float64Array(N);
        for (let i = 0; i < N; i++) out[i] = bigA[2 * i] + bigB[2 * i];
      },
      'ndarray-ops': scijs && (() => peers.ndarrayOps.add(peers.ndarray(new Float64Array(N)), svA, svB)),
      '@stdlib': peers.stdlibAdd && (() => peers.stdlibAdd(N, 'float64', bigA, 2, 'float64', bigB, 2, 'float64', new Float64Array(N), 1)),
    },
  });

  const cols = N / 1000;
  const M = A.reshape([1000, cols]);
  const rowData = b.slice(0, cols);
  const ROW = nd.asarray(rowData);
  const sM = scijs && peers.ndarray(a, [1000, cols]);
  const sRow = scijs && peers.ndarray(rowData, [1000, cols], [0, 1]);
  cases.push({
    name: 'add_broadcast', numpy: 'add_broadcast', n: N, reps: 5, target: 1.0,
    label: 'broadcast add (1000,1e4) + (1e4,)',
    js: {
      ndinterop: () => nd.add(M, ROW),
      'js loop': () => {
        const out = new Float64Array(N);
        for (let r = 0; r < 1000; r++) {
          const base = r * cols;
          for (let j = 0; j < cols; j++) out[base + j] = a[base + j] + rowData[j];
        }
      },
      'ndarray-ops': scijs && (() => peers.ndarrayOps.add(peers.ndarray(new Float64Array(N), [1000, cols]), sM, sRow)),
    },
  });

  cases.push({
    name: 'add_reduce', numpy: 'add_reduce', n: N, reps: 5, target: 1.0,
    label: 'add.reduce float64 1e7',
    js: {
      ndinterop: () => nd.add.reduce(A),
      'js loop': () => {
        let sum = 0;
        for (let i = 0; i < N; i++) sum += a[i];
        return sum;
      },
      'ndarray-ops': scijs && (() => peers.ndarrayOps.sum(sA)),
    },
  });

  const i32 = owned(new Int32Array(N));
  for (let i = 0; i < N; i++) i32[i] = Math.trunc(a[i] * 10);
  const I32 = nd.asarray(i32);
  cases.push({
    name: 'add_i32_f64', numpy: 'add_i32_f64', n: N, reps: 5, target: 1.0,
    label: 'int32 + float64 1e7 (mixed)',
    js: {
      ndinterop: () => nd.add(I32, B),
      'js loop': () => {
        const out = new Float64Array(N);
        for (let i = 0; i < N; i++) out[i] = i32[i] + b[i];
      },
    },
  });

  const M6 = 1_000_000;
  const { a: a6 } = inputsFor(M6);
  const A6 = nd.asarray(a6);
  for (const fn of ['sin', 'exp']) {
    cases.push({
      name: `${fn}_f64`, numpy: `${fn}_f64`, n: M6, reps: 10, target: 1.0,
      label: `${fn} float64 1e6`,
      js: {
        ndinterop: () => nd[fn](A6),
        'js loop': () => {
          const out = new Float64Array(M6);
          const f = Math[fn];
          for (let i = 0; i < M6; i++) out[i] = f(a6[i]);
        },
        'ndarray-ops': scijs && (() => peers.ndarrayOps[fn](peers.ndarray(new Float64Array(M6)), peers.ndarray(a6))),
      },
    });
  }

  const { a: a8, b: b8 } = inputsFor(8);
  const A8 = nd.asarray(a8);
  const B8 = nd.asarray(b8);
  cases.push({
    name: 'add_small', numpy: 'add_small', n: 8, reps: 200_000, target: 0.5,
    label: 'add 8 elements, per call',
    js: {
      ndinterop: () => nd.add(A8, B8),
      'js loop': () => {
        const out = new Float64Array(8);
        for (let i = 0; i < 8; i++) out[i] = a8[i] + b8[i];
      },
    },
  });

  if (typeof nd.matmul === 'function') {
    const { a: ma, b: mb } = inputsFor(256 * 256);
    const MA = nd.asarray(ma).reshape([256, 256]);
    const MB = nd.asarray(mb).reshape([256, 256]);
    cases.push({
      name: 'matmul_f64_256', numpy: 'matmul_f64_256', n: 256 * 256, reps: 20, target: 1.0,
      label: 'matmul float64 (256,256) @ (256,256)',
      js: {
        ndinterop: () => nd.matmul(MA, MB),
        'js loop': () => {
          const out = new Float64Array(256 * 256);
          for (let i = 0; i < 256; i++) {
            for (let p = 0; p < 256; p++) {
              const x = ma[i * 256 + p];
              for (let j = 0; j < 256; j++) out[i * 256 + j] += x * mb[p * 256 + j];
            }
          }
        },
      },
    });
    const { a: sa, b: sb } = inputsFor(1000 * 16);
    const SA = nd.asarray(sa).reshape([1000, 4, 4]);
    const SB = nd.asarray(sb).reshape([1000, 4, 4]);
    cases.push({
      name: 'matmul_batched_4x4', numpy: 'matmul_batched_4x4', n: 1000 * 16, reps: 2000, target: 1.0,
      label: 'matmul float64 (1000,4,4) @ (1000,4,4)',
      js: {
        ndinterop: () => nd.matmul(SA, SB),
        'js loop': () => {
          const out = new Float64Array(1000 * 16);
          for (let b = 0; b < 1000; b++) {
            const o = b * 16;
            for (let i = 0; i < 4; i++) {
              for (let j = 0; j < 4; j++) {
                let sum = 0;
                for (let p = 0; p < 4; p++) sum += sa[o + i * 4 + p] * sb[o + p * 4 + j];
                out[o + i * 4 + j] = sum;
              }
            }
          }
        },
      },
    });
  }

  if (typeof nd.fromDlpack === 'function') {
    for (const n of [1, N]) {
      const { a: data } = inputsFor(n);
      const X = nd.asarray(data);
      cases.push({
        name: `dlpack_${n}`, numpy: 'from_dlpack', n, reps: n === 1 ? 20_000 : 20_000, target: 1.0,
        label: `DLPack export+import, ${n === 1 ? '1 element' : '1e7 elements'}`,
        js: { ndinterop: () => nd.fromDlpack(X) },
      });
    }
  }

  for (const n of [10, N]) {
    const { a: data } = inputsFor(n);
    cases.push({
      name: `asarray_${n}`, numpy: 'asarray', n, reps: 100_000,
      label: `asarray(Float64Array(${n === 10 ? '10' : '1e7'}))`,
      js: { ndinterop: () => nd.asarray(data) },
    });
  }
  return cases;
}
