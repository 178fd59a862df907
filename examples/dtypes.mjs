// examples/dtypes.mjs
// dtypes from names, NumPy typestrs and PEP 3118 buffer formats.
import { dtype, parseBufferFormat, parseTypestr } from 'ndinterop';

console.log(parseTypestr('>i4').str, parseTypestr('|b1').name, dtype('M8[D/4]').str);
try {
  parseTypestr('<f3');
} catch (error) {
  if (!(error instanceof TypeError && 'code' in error && 'position' in error)) throw error;
  console.log(`${error.name} [${error.code}] at ${error.position}: ${error.message}`);
}
console.log(parseBufferFormat('l').dtype.str, '(native C long)');
console.log(parseBufferFormat('<l').dtype.str, '(standard size)');
const three = parseBufferFormat('3i');
console.log(three.itemsize, three.alignment, three.dtype.str, three.shape);
console.log(parseBufferFormat('T{B:a:xxxi:b:}').fields?.map((f) => `${f.name}@${f.offset}:${f.dtype.str}`).join(' '));
