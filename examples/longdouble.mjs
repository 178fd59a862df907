// examples/longdouble.mjs
// longdouble (NumPy's float128 on x86-64: 80-bit extended in 16 bytes),
// computed on in C++ long double; resultType is np.result_type.
import { NDArray, add, divide, resultType } from 'ndinterop';

// Three longdouble values, as np.array([1, 3, 2**-60], dtype='g').tobytes() holds them
const a = new NDArray({ buffer: new ArrayBuffer(48), dtype: '<f16', shape: [3] });
a.set(0, 1);
a.set(1, 3);
a.set(2, 2 ** -60);

const third = divide(a.slice('0:1'), a.slice('1:2')); // 1/3 in 64 significant bits
console.log(String(third.slice(0))); // exact shortest digits, as NumPy's str()
console.log(third.get(0)); // a JS number: the nearest float64

const sum = add(a.slice('0:1'), a.slice('2:3'));
console.log(String(sum.slice(0)), sum.get(0) === 1); // float64 cannot hold 1 + 2^-60

console.log(resultType('longdouble', 'complex64').fullName);
console.log(a.dtype.str, a.dtype.fullName);
