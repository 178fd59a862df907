// Element types that follow the dtype, dtype spellings as literal types and
// NDArray subclasses through views and ufuncs: test/types/typed-usage.ts must
// compile strictly, and each marked misuse must really fail.
import { describeTypeUsage } from '../helpers/type-usage.js';

describeTypeUsage('typed arrays, dtype spellings and subclasses', 'typed-usage.ts');
