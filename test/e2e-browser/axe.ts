import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Checks the screen as it is now with axe (WCAG 2.1 A and AA rules), and fails with every violation listed: the
 * rule, its impact and the elements, so a failure says what to fix. `exclude`: selectors of parts another check
 * owns (none by default).
 */
export async function expectAccessible(page: Page, screen: string, { exclude = [] }: { exclude?: string[] } = {}) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of exclude) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const report = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(report, `axe: ${screen}`).toEqual([]);
}
