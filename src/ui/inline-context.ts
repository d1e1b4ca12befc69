/**
 * How prose deep in the tree (a notebook's prose blocks, the slides, the presenter's view)
 * fills its inline values without every component in between passing them on. App provides
 * the page's InlineValues; outside it (an isolated component) references stay as written.
 */
import { getContext, setContext } from 'svelte';
import type { FillRef } from './prose-html.ts';

const KEY = Symbol('statecraft-inline-values');

export function provideInlineValues(fill: FillRef): void {
  setContext(KEY, fill);
}

export function useInlineValues(): FillRef | undefined {
  return getContext<FillRef | undefined>(KEY);
}
