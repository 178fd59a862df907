// Seeded benchmark inputs shared by every bench script: uniform in [0, 100)
// from a xorshift32 stream, so ndinterop, NumPy (through files) and the JS
// peers all see the same data, and it compresses like real measurements do.
export function seededFloat64(n, seed) {
  const out = new Float64Array(n);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i] = (state / 4294967296) * 100;
  }
  return out;
}
