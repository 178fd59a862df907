// The public types of ufuncs, errstate and ufuncDispatch: test/types/ufunc-usage.ts
// must compile strictly, and each marked misuse must really fail (test/helpers/type-usage.ts).
import { describeTypeUsage } from '../helpers/type-usage.js';

describeTypeUsage('ufunc public types', 'ufunc-usage.ts');
