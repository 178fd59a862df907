// test/interop/pybridge-example.test.ts
import { expect, it } from 'vitest';
import { withPyBridge } from '../helpers/pybridge.js';

withPyBridge('NumPy agrees', (py) => {
  it('sums', () => {
    py.exec("a = np.arange(6, dtype='f4').reshape(2, 3)[:, ::-1]");
    expect(py.eval('a.sum(axis=0)')).toEqual([7, 5, 3]);
  });
});
