/**
 * SE_SUPPORT_URL: AppSource wants a real support page behind the manifest's SupportUrl and the "learn more"
 * link of its Get Started callout; by default both are the task pane page, as before.
 */
import { checkSupportUrl, defaultBaseUrl, renderManifest } from '../../scripts/lib/buildAddins';
import { repoRoot } from '../bundle/builtFiles';

const supportOf = (xml: string) => ({
  support: /<SupportUrl DefaultValue="([^"]*)" \/>/.exec(xml)?.[1],
  learnMore: /<bt:Url id="GetStarted\.LearnMoreUrl" DefaultValue="([^"]*)" \/>/.exec(xml)?.[1],
});

test('by default the support and learn-more links are the task pane page under the base URL', () => {
  const xml = renderManifest(repoRoot, defaultBaseUrl, checkSupportUrl(`${defaultBaseUrl}/taskpane.html`));
  expect(supportOf(xml)).toEqual({
    support: 'https://localhost:3000/excel-addin/taskpane.html',
    learnMore: 'https://localhost:3000/excel-addin/taskpane.html',
  });
});

test('SE_SUPPORT_URL sets both, escaped for XML, and nothing else of the manifest moves', () => {
  const supportUrl = checkSupportUrl('https://example.com/se-toolkit/support?from=excel&lang=en');
  const xml = renderManifest(repoRoot, 'https://addins.example.com/se', supportUrl);
  expect(supportOf(xml)).toEqual({
    support: 'https://example.com/se-toolkit/support?from=excel&amp;lang=en',
    learnMore: 'https://example.com/se-toolkit/support?from=excel&amp;lang=en',
  });
  expect(xml).toContain(
    '<bt:Url id="Taskpane.Url" DefaultValue="https://addins.example.com/se/taskpane.html" />',
  );
  expect(xml).not.toMatch(/\{\{[A-Z_]+\}\}/);
});

test('SE_SUPPORT_URL must be an https URL', () => {
  expect(() => checkSupportUrl('http://example.com/support')).toThrow(/SE_SUPPORT_URL must be an https URL/);
  expect(() => checkSupportUrl('support page')).toThrow(/SE_SUPPORT_URL must be a URL; found "support page"/);
});
