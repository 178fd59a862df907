// The public types of NDArray and asarray: test/types/ndarray-usage.ts must compile strictly, and each
// marked misuse must really fail (test/helpers/type-usage.ts).
import { describeTypeUsage } from '../helpers/type-usage.js';

describeTypeUsage('NDArray public types', 'ndarray-usage.ts');
