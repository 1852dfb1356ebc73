import { expect, test } from 'vitest';
import { formatYen } from '../../shared/format/yen.js';
test('formatYen groups thousands', () => { expect(formatYen(123456)).toBe('123,456円'); });
