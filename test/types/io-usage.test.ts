// The .npy/.npz functions' types: test/types/io-usage.ts must compile
// strictly, and each marked misuse must really fail.
import { describeTypeUsage } from '../helpers/type-usage.js';

describeTypeUsage('load, save and NpzFile', 'io-usage.ts');
