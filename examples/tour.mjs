// examples/tour.mjs
// `npm start`: a tour of ndinterop on built-in data, saying what happens at
// each step.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { NotImplemented, add, asarray, fromDlpack, load, memoryStats, multiply, save, sqrt, toDlpack } from 'ndinterop';
import { addon } from './native-addon/load.mjs';

const step = (title) => console.log(`\n== ${title}`);

step('1. A tensor from a native addon, viewed in place (DLPack)');
const ramp = fromDlpack(addon.ramp(6));
console.log(`the addon made a ${ramp.dtype.name} tensor of shape [${ramp.shape}] in its own memory: ${ramp.toArray().join(' ')}`);
console.log(`ndinterop views it without copying: live imports = ${memoryStats().liveImports}`);
const doubled = multiply(ramp, 2);
console.log(`doubled in JS: ${doubled.toArray().join(' ')}`);
console.log(`handed back to C (zero-copy), which sums it: ${addon.sum(toDlpack(doubled).handle)}`);

step('2. An array class that takes over ufuncs (__array_ufunc__)');
class Celsius {
  constructor(values) {
    this.values = asarray(values);
  }
  __array_ufunc__(ufunc, method, inputs, kwargs) {
    if (method !== '__call__' || (ufunc !== add && ufunc !== multiply)) return NotImplemented;
    console.log(`   Celsius.__array_ufunc__ called for ${ufunc.name}`);
    return new Celsius(ufunc(...inputs.map((x) => (x instanceof Celsius ? x.values : x)), kwargs));
  }
}
const warmer = add(new Celsius([18.5, 21]), 2);
console.log(`add(Celsius, 2) gave a ${warmer.constructor.name}: ${warmer.values.toArray().join(', ')}`);
try {
  sqrt(new Celsius([4]));
} catch (error) {
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
const path = save(join(directory, 'doubled'), doubled);
console.log(`save wrote ${basename(path)} (${statSync(path).size} bytes), the bytes np.save writes: np.load(path) reads it`);
const mapped = load(path, { mmapMode: 'r' });
console.log(`load(path, { mmapMode: 'r' }) mapped it instead of reading it: ${mapped.dtype.name} [${mapped.shape}], readonly ${mapped.readonly}: ${mapped.toArray().join(' ')}`);
const { liveMappings, mappedBytes } = memoryStats();
console.log(`memoryStats() counts the mapping: ${liveMappings} live, ${mappedBytes} bytes, unmapped once the array is collected`);
rmSync(directory, { recursive: true });
console.log(`the file is deleted, the mapping still reads: ${mapped.get(5)}`);
console.log('\nMore: README.md and docs/guides/.');
