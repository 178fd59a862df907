// The reductions' and sorting functions' result types: test/types/reductions-usage.ts
// must compile strictly, and each marked misuse must really fail.
import { describeTypeUsage } from '../helpers/type-usage.js';

describeTypeUsage('reductions and sorting', 'reductions-usage.ts');
