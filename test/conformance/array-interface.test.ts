// The __array_interface__ tests of numpy/_core/tests/test_multiarray.py
// (pytest -k interface), ported: one case per pytest case.
import { expect } from 'vitest';
import { DType, NDArray, arrayInterface, asarray, dtype, fromArrayInterface } from '../../src/index.js';
import { Port, raises } from './harness.js';
import { arange, assertArrayEqual, mayShareMemory } from './numpy-like.js';

const port = new Port('array-interface');

port.skip('TestArrayCreationCopyArgument::test_buffer_interface', "Python's buffer protocol (memoryview): JS has no such protocol (asarray of a TypedArray is the equivalent, test/interop/asarray.test.ts)");
port.skip(
  'TestArrayInterface::test_scalar_interface',
  "an interface without data makes NumPy coerce the object itself through __float__: JS objects have no __float__ (ndinterop requires data)",
);

port.case('TestArrayCreationCopyArgument::test_array_interfaces', () => {
  const baseArr = arange(10);
  // Array interface gives direct memory access (much like a memoryview)
  const arr = { __array_interface__: arrayInterface(baseArr) };
  // copy=True (and ALWAYS): a new array; copy=False, IF_NEEDED and NEVER: a view of arr's memory.
  for (const copy of [true, true]) expect(mayShareMemory(asarray(arr, { copy }), baseArr)).toBe(false);
  for (const copy of [false, undefined, false]) expect(mayShareMemory(asarray(arr, { copy }), baseArr)).toBe(true);
});

port.case('test_interface_empty_shape', () => {
  const array = asarray(1);
  const like = { __array_interface__: arrayInterface(array) };
  expect(asarray(like).toArray()).toBe(1n);
});

port.case('test_interface_no_shape_error', () => {
  const like = { __array_interface__: { data: null, typestr: 'f8' } };
  raises('ValueError', () => asarray(like as never), 'Missing __array_interface__ shape');
});

const nullptrCases: [string, { typestr: string; shape: number[] }][] = [
  ['iface0', { typestr: 'f8', shape: [0, 1] }],
  ['iface1', { typestr: '(0,)f8,', shape: [1, 3] }],
];
for (const [id, iface] of nullptrCases) {
  port.case(`test_interface_nullptr[${id}]`, () => {
    const like = { __array_interface__: { ...iface, version: 3, data: [0n, true] } };
    const arr = asarray(like as never);
    expect(arr.shape).toEqual(iface.shape);
    const expected = iface.typestr === 'f8' ? dtype('f8') : dtype('float64');
    if (iface.typestr === 'f8') expect(arr.dtype.equals(expected)).toBe(true);
    // np.dtype('(0,)f8,') is [('f0', '<f8', (0,))]
    else expect(arr.dtype.descr).toEqual([['f0', '<f8', [0]]]);
    expect(arr.base).not.toBeNull();
  });
}

port.case('test_interface_nullptr_size_check', () => {
  const like = { __array_interface__: { data: [0n, true], typestr: 'f8', shape: [] } };
  raises('ValueError', () => asarray(like as never), 'data is NULL but array contains data');
});

port.case('test_array_interface_itemsize', () => {
  // np.dtype({'names': ['A', 'B'], 'formats': ['f4', 'f4'], 'offsets': [0, 8], 'itemsize': 16})
  const fields = [
    { name: 'A', offset: 0, dtype: dtype('f4') },
    { name: 'B', offset: 8, dtype: dtype('f4') },
  ];
  const myDtype = new DType({ name: 'void', itemsize: 16, byteorder: '|', fields });
  const a = new NDArray({ buffer: new ArrayBuffer(160), dtype: myDtype, shape: [10] });
  const iface = arrayInterface(a);
  // np.dtype(descr): the dtype the interface's descr describes.
  const descrT = fromArrayInterface(iface).dtype;
  const typestrT = dtype(iface.typestr);
  expect(descrT.itemsize).toBe(typestrT.itemsize);
});

port.case('test_array_interface_empty_shape', () => {
  const arr = asarray([1, 2, 3]);
  const interface1 = { ...arrayInterface(arr), shape: [] };
  // data as a fresh buffer with arr[0]'s bytes (Python's bytes object)
  const interface2 = { ...interface1, data: arr.slice('0:1').copy().buffer, offset: 0 };
  const arr1 = asarray({ __array_interface__: interface1 } as never);
  const arr2 = asarray({ __array_interface__: interface2 } as never);
  const arr3 = arr.slice(':1').reshape([]);
  assertArrayEqual(arr1, arr2);
  assertArrayEqual(arr1, arr3);
});

port.case('test_array_interface_offset', () => {
  const arr = asarray([1, 2, 3], { dtype: 'int32' });
  const iface = { ...arrayInterface(arr), data: arr.buffer, shape: [2], offset: 4 };
  const arr1 = asarray({ __array_interface__: iface } as never);
  assertArrayEqual(arr1, arr.slice('1:'));
});

port.case('test_array_interface_unicode_typestr', () => {
  const arr = asarray([1, 2, 3], { dtype: 'int32' });
  const iface = { ...arrayInterface(arr), typestr: '\u2713' };
  // should not be UnicodeEncodeError
  raises('TypeError', () => asarray({ __array_interface__: iface } as never));
});

port.case('test_array_interface_excess_dimensions_raises', () => {
  // Regression test for gh-27949: ensure too many dims raises ValueError instead of segfault.
  const base = asarray(1);
  const iface = { ...arrayInterface(base), shape: new Array<number>(136).fill(1) };
  raises('ValueError', () => asarray({ __array_interface__: iface } as never), 'dimensions');
});

port.run();
