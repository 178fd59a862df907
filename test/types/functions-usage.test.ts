// The creation, shape and selection functions' result types:
// test/types/functions-usage.ts must compile strictly, and each marked misuse
// must really fail.
import { describeTypeUsage } from '../helpers/type-usage.js';

describeTypeUsage('creation, shape and selection functions', 'functions-usage.ts');
