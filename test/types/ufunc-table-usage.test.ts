// Each exported ufunc has its kind's signature (NumPy's nin/nout and bool
// loops): test/types/ufunc-table-usage.ts must compile strictly, and each
// marked misuse must really fail.
import { describeTypeUsage } from '../helpers/type-usage.js';

describeTypeUsage('every exported ufunc by kind', 'ufunc-table-usage.ts');
