// examples/tour.mjs
// `npm start`: a tour of ndinterop on built-in data, saying what happens at
// each step.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { NDArray, NotImplemented, add, asarray, fromDlpack, load, memoryStats, multiply, save, sqrt, toDlpack } from 'ndinterop';
import { addon } from './native-addon/load.mjs';

const step = (/** @type {string} */ title) => console.log(`\n== ${title}`);

step('1. A tensor from a native addon, viewed in place (DLPack)');
const ramp = fromDlpack(addon.ramp(6));
console.log(`the addon made a ${ramp.dtype.name} tensor of shape [${ramp.shape}] in its own memory: ${[...ramp].join(' ')}`);
console.log(`ndinterop views it without copying: live imports = ${memoryStats().liveImports}`);
const doubled = multiply(ramp, 2);
console.log(`doubled in JS: ${[...doubled].join(' ')}`);
console.log(`handed back to C (zero-copy), which sums it: ${addon.sum(toDlpack(doubled).handle)}`);

step('2. An array class that takes over ufuncs (__array_ufunc__)');
class Celsius {
  /** @param {import('ndinterop').AsarrayInput} values */
  constructor(values) {
    this.values = asarray(values);
  }
  /**
   * @param {import('ndinterop').Ufunc} ufunc
   * @param {import('ndinterop').UfuncMethod} method
   * @param {unknown[]} inputs
   * @param {import('ndinterop').UfuncKwargs} kwargs
   */
  __array_ufunc__(ufunc, method, inputs, kwargs) {
    if (method !== '__call__' || (ufunc !== add && ufunc !== multiply)) return NotImplemented;
    console.log(`   Celsius.__array_ufunc__ called for ${ufunc.name}`);
    const result = ufunc(...inputs.map((x) => (x instanceof Celsius ? x.values : x)), kwargs);
    return result instanceof NDArray ? new Celsius(result) : NotImplemented;
  }
}
const warmer = add(new Celsius([18.5, 21]), 2);
console.log(`add(Celsius, 2) gave a ${warmer.constructor.name}: ${[...warmer.values].join(', ')}`);
try {
  sqrt(new Celsius([4]));
} catch (error) {
  if (!(error instanceof TypeError && 'code' in error)) throw error;
  console.log(`sqrt is declined by the class (NotImplemented): ${error.constructor.name} ${error.code}`);
}

step('3. Fast math over typed arrays: out= and .async on the thread pool');
const n = 2_000_000;
const x = asarray(new Float64Array(n).fill(1.5));
const out = asarray(new Float64Array(n));
add(x, x, { out });
console.log(`add(x, x, { out }) wrote ${n} results into memory you own: out[0] = ${out.get(0)}`);
const total = await add.reduce.async(out, { axis: null });
console.log(`add.reduce.async summed them off the main thread: ${total} (the event loop stayed free)`);

step('4. A NumPy file: saved, then memory-mapped back (.npy)');
const directory = mkdtempSync(join(tmpdir(), 'ndinterop-tour-'));
const path = save(`${directory}/doubled.npy`, doubled); // the path written, typed as a .npy file
console.log(`save wrote ${basename(path)} (${statSync(path).size} bytes), the bytes np.save writes: np.load(path) reads it`);
const mapped = load(path, { mmapMode: 'r' });
console.log(`load(path, { mmapMode: 'r' }) mapped it instead of reading it: ${mapped.dtype.name} [${mapped.shape}], readonly ${mapped.readonly}: ${[...mapped].join(' ')}`);
const { liveMappings, mappedBytes } = memoryStats();
console.log(`memoryStats() counts the mapping: ${liveMappings} live, ${mappedBytes} bytes, unmapped once the array is collected`);
rmSync(directory, { recursive: true });
console.log(`the file is deleted, the mapping still reads: ${mapped.get(5)}`);
console.log('\nMore: README.md and docs/guides/.');
