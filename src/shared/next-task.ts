/**
 * Resolves in a later task of the event loop, after whatever the page has queued meanwhile
 * (input, paint, worker replies). A message-channel hop has no timer clamping, unlike
 * setTimeout(0); Node takes setImmediate.
 */
export function nextTask(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => void }).setImmediate;
  if (immediate) return new Promise((resolve) => immediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
