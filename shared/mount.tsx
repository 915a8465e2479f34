/** Mounts the UI into the page's #app element with the host the page installed. */
import { render } from 'preact';
import { App, type AppControl } from './components/App';
import type { HostApi } from './hostApi';

export type { AppControl };

/**
 * Renders a fresh App into `root`. Mounting again (the preview does, after Reset or Import) first unmounts the
 * App already there: clearing its DOM under Preact's feet would leave Preact patching detached nodes, and the
 * pane empty.
 */
export function mountApp(root: HTMLElement, host: HostApi, onControl?: (control: AppControl) => void): void {
  render(null, root);
  root.replaceChildren(); // the page's "Loading…" placeholder
  render(<App host={host} onControl={onControl} />, root);
}

/** For a page whose host could not be set up: say so in words instead of showing an empty pane. */
export function showStartupError(root: HTMLElement, message: string): void {
  const p = document.createElement('p');
  p.className = 'error';
  p.setAttribute('role', 'alert');
  p.textContent = message;
  root.replaceChildren(p);
}
