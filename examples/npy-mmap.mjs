// examples/npy-mmap.mjs
// Memory-mapping a large file: opening it costs the same whatever its size,
// and pages are read only when touched. The mapping is unmapped once the
// last view of it is collected (memoryStats() counts it until then).
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { NDArray, load, memoryStats, save } from '../dist/esm/index.js';

const values = new Float64Array(1_000_000).map((_, i) => i * 0.5);
// save returns the path it wrote; its .npy types load's result as an NDArray.
const path = save(`${tmpdir()}/ndinterop-mmap-${process.pid}.npy`, new NDArray({ buffer: values, dtype: 'float64', shape: [1000, 1000] }));

const a = load(path, { mmapMode: 'r' });
console.log(a.shape, a.readonly, a.get(999, 999));
const { liveMappings, mappedBytes } = memoryStats();
console.log({ liveMappings, mappedBytes });
rmSync(path); // the mapping stays valid after the file is removed
console.log(a.get(1, 2));
