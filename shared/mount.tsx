/** Mounts the UI into the page's #app element with the host the page installed. */
import { render } from 'preact';
import { App, type AppControl } from './components/App';
import type { HostApi, PageCapabilities } from './hostApi';

export type { AppControl, PageCapabilities };

/**
 * Renders a fresh App into `root`. Mounting again (the preview does, after Reset or Import) first unmounts the
 * App already there (its subscriptions end with it): clearing its DOM under Preact's feet would leave Preact
 * patching detached nodes, and the pane empty. `page` is what else the page offers (a change feed).
 */
export function mountApp(
  root: HTMLElement,
  host: HostApi,
  onControl?: (control: AppControl) => void,
  page: PageCapabilities = {},
): void {
  root.ownerDocument.documentElement.dataset.skin = skinOf(root.ownerDocument.defaultView);
  render(null, root);
  root.replaceChildren(); // the page's "Loading…" placeholder
  render(<App host={host} onControl={onControl} changes={page.changes} />, root);
}

export type Skin = 'excel' | 'sheets';

/**
 * Which host's look the pane takes: Fluent 2 inside Office (office.js defines Office), Google's add-on look in
 * Sheets and in the preview (which stands beside a Sheets-like grid).
 */
export function skinOf(view: (Window & typeof globalThis) | null): Skin {
  const office = (view as unknown as { Office?: { context?: unknown } } | null)?.Office;
  return office !== undefined && office !== null ? 'excel' : 'sheets';
}

/** For a page whose host could not be set up: say so in words instead of showing an empty pane. */
export function showStartupError(root: HTMLElement, message: string): void {
  const p = document.createElement('p');
  p.className = 'error';
  p.setAttribute('role', 'alert');
  p.textContent = message;
  root.replaceChildren(p);
}
