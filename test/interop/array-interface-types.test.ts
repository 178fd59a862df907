// The public types of the array interface and adapters: test/types/interop-usage.ts must compile strictly, and each
// marked misuse must really fail (test/helpers/type-usage.ts).
import { describeTypeUsage } from '../helpers/type-usage.js';

describeTypeUsage('array interface and adapter public types', 'interop-usage.ts');
